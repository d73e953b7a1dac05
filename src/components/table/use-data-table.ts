import {
  columnResizingFeature,
  columnSizingFeature,
  columnVisibilityFeature,
  createSortedRowModel,
  rowSortingFeature,
  sortFn_basic,
  tableFeatures,
  useTable,
  type ColumnDef,
  type ColumnSizingState,
  type ColumnSort,
  type ColumnVisibilityState,
  type RowData,
  type SortingState,
  type Updater,
} from '@tanstack/react-table';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { loadTableLayouts, useTableLayouts } from './layout-store';

export type SortDir = 'asc' | 'desc';

/** One column of a table: what its header says, what each cell shows, how wide it starts and how it sorts. */
export interface TableColumn<T> {
  id: string;
  header: string;
  /** Header content in place of the label (e.g. a label for screen readers only); the chooser still says `header`. */
  headerContent?: ReactNode;
  cell(row: T, index: number): ReactNode;
  size: number;
  minSize?: number;
  /** In-memory tables: the value rows are ordered by. */
  sortValue?(row: T): string | number | null;
  /** The directions this column sorts in, first one first (a server-sorted table offers what its query answers). */
  sorts?: readonly SortDir[];
  /** The column that names the row cannot be hidden. */
  hideable?: boolean;
  /** Hidden until the user shows it in the column chooser. */
  hiddenByDefault?: boolean;
  className?: string;
}

const apply = <S>(u: Updater<S>, prev: S): S => (typeof u === 'function' ? (u as (p: S) => S)(prev) : u);
const NO_ROWS: never[] = [];

export const features = tableFeatures({
  columnSizingFeature,
  columnResizingFeature,
  columnVisibilityFeature,
  rowSortingFeature,
  sortedRowModel: createSortedRowModel(),
  sortFns: { basic: sortFn_basic },
});
type Features = typeof features;

const compareValues = (a: unknown, b: unknown): number => {
  if (a === b) return 0;
  if (a === null || a === undefined) return 1;
  if (b === null || b === undefined) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), undefined, { numeric: true, sensitivity: 'base' });
};

export interface DataTableOptions<T extends RowData> {
  /** Where the layout is remembered (UI settings). */
  tableId: string;
  columns: readonly TableColumn<T>[];
  /** In-memory rows, sorted by the table; absent for a table its server sorts and pages. */
  data?: readonly T[];
  /** Server-sorted tables: the order main answers, and the change to ask for. */
  sort?: ColumnSort | null;
  onSort?(sort: ColumnSort): void;
  defaultSort?: ColumnSort;
  /** Width of a leading column outside the column model (the select checkbox). */
  leadingWidth?: number;
}

/**
 * TanStack Table over our columns: sizing, resizing, visibility and sorting state. Widths and hidden columns come
 * from the remembered layout; sorting is the caller's (server) or the table's own (in-memory rows).
 */
export function useDataTable<T extends RowData>({
  tableId,
  columns,
  data,
  sort,
  onSort,
  defaultSort,
  leadingWidth = 0,
}: DataTableOptions<T>) {
  useEffect(loadTableLayouts, []);
  const saved = useTableLayouts((s) => s.layouts[tableId]);
  const setLayout = useTableLayouts((s) => s.set);
  const [ownSort, setOwnSort] = useState<ColumnSort | null>(defaultSort ?? null);
  const serverSorted = Boolean(onSort);
  const onSortRef = useRef(onSort);
  onSortRef.current = onSort;
  const sorting: SortingState = useMemo(() => {
    const s = serverSorted ? sort : ownSort;
    return s ? [s] : [];
  }, [serverSorted, sort, ownSort]);

  const columnSizing: ColumnSizingState = useMemo(() => saved?.widths ?? {}, [saved]);
  const columnVisibility: ColumnVisibilityState = useMemo(() => {
    const v: ColumnVisibilityState = {};
    for (const c of columns) if (c.hiddenByDefault) v[c.id] = false;
    if (saved) {
      for (const c of columns) v[c.id] = c.hideable === false || !saved.hidden.includes(c.id);
    }
    return v;
  }, [saved, columns]);

  const defs = useMemo(
    () =>
      columns.map((c): ColumnDef<Features, T> => ({
        id: c.id,
        header: c.header,
        size: c.size,
        minSize: c.minSize ?? 48,
        enableHiding: c.hideable !== false,
        enableSorting: Boolean(c.sortValue || c.sorts),
        ...(c.sortValue
          ? {
              accessorFn: (row: T) => c.sortValue!(row),
              sortFn: (a, b, id) => compareValues(a.getValue(id), b.getValue(id)),
            }
          : {}),
      })),
    [columns],
  );

  const update = useCallback(
    (next: { widths?: ColumnSizingState; visibility?: ColumnVisibilityState }) => {
      const widths = Object.fromEntries(
        Object.entries(next.widths ?? columnSizing).map(([k, w]) => [k, Math.max(32, Math.min(2000, Math.round(w)))]),
      );
      const visibility = next.visibility ?? columnVisibility;
      const hidden = columns.filter((c) => visibility[c.id] === false).map((c) => c.id);
      setLayout(tableId, { widths, hidden });
    },
    [columnSizing, columnVisibility, columns, setLayout, tableId],
  );

  // Options with a stable identity while nothing they hold changed: the table copies itself when they change, which
  // every keystroke's render of the inventory would otherwise pay.
  const options = useMemo(
    () => ({
      features,
      columns: defs,
      data: (data ?? NO_ROWS) as T[],
      state: { sorting, columnSizing, columnVisibility },
      manualSorting: !data,
      enableSortingRemoval: false,
      columnResizeMode: 'onChange' as const,
      onColumnSizingChange: (u: Updater<ColumnSizingState>) => update({ widths: apply(u, columnSizing) }),
      onColumnVisibilityChange: (u: Updater<ColumnVisibilityState>) =>
        update({ visibility: apply(u, columnVisibility) }),
      onSortingChange: (u: Updater<SortingState>) => {
        const next = apply(u, sorting)[0];
        if (!next) return;
        if (onSortRef.current) onSortRef.current(next);
        else setOwnSort(next);
      },
    }),
    [defs, data, sorting, columnSizing, columnVisibility, update],
  );
  const table = useTable(options);

  // What the header and rows render is read from the same state the table holds, without asking the table for its
  // columns and headers: building those costs the first paint more than the few lines below.
  // The same array while the same columns show, so memoised rows skip re-rendering while a column is resized.
  const shownKey = columns.flatMap((c) => (columnVisibility[c.id] === false ? [] : [c.id])).join();
  const shown = useMemo(() => {
    const ids = new Set(shownKey.split(','));
    return columns.filter((c) => ids.has(c.id));
  }, [columns, shownKey]);
  const sizeOf = useCallback(
    (c: TableColumn<T>) => Math.max(c.minSize ?? 48, columnSizing[c.id] ?? c.size),
    [columnSizing],
  );
  // One grid template for the header and every row: resizing changes one style property, not each row.
  const template =
    (leadingWidth ? `${leadingWidth}px ` : '') +
    shown.map((c, i) => (i === shown.length - 1 ? `minmax(${sizeOf(c)}px, 1fr)` : `${sizeOf(c)}px`)).join(' ');
  const width = leadingWidth + shown.reduce((n, c) => n + sizeOf(c), 0);

  /** The next order when a header is activated: its first direction, or the next one it offers. */
  const sortBy = useCallback(
    (column: TableColumn<T>) => {
      const dirs = column.sorts ?? (['asc', 'desc'] as const);
      const current = sorting[0]?.id === column.id ? (sorting[0].desc ? 'desc' : 'asc') : null;
      const dir = current === null ? dirs[0]! : dirs[(dirs.indexOf(current) + 1) % dirs.length]!;
      table.setSorting([{ id: column.id, desc: dir === 'desc' }]);
    },
    [sorting, table],
  );

  const rows = data ? table.getRowModel().rows.map((r) => r.original) : null;
  return { table, shown, sizeOf, template, width, sorting, sortBy, rows };
}
export type DataTable<T extends RowData> = ReturnType<typeof useDataTable<T>>;
