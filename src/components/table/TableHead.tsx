import type { RowData } from '@tanstack/react-table';
import type { KeyboardEvent, MouseEvent as ReactMouseEvent, ReactNode, TouchEvent as ReactTouchEvent } from 'react';
import type { DataTable } from './use-data-table';

const STEP_PX = 16;

/**
 * The header row: each sortable header is a button (click or Enter sorts; aria-sort says the order), and each
 * column's right edge is a separator that resizes it by dragging or with the arrow keys.
 */
export function TableHead<T extends RowData>({
  dt,
  leading,
  cellRole = 'columnheader',
}: {
  dt: DataTable<T>;
  /** The leading header cell (the select-all checkbox), outside the column model. */
  leading?: ReactNode;
  cellRole?: 'columnheader';
}) {
  const { table, shown, sizeOf, sorting, sortBy } = dt;
  const resizing = table.state.columnResizing?.isResizingColumn;
  return (
    <div role="rowgroup" className="dt-head">
      <div role="row" aria-rowindex={1} className="dt-row">
        {leading}
        {shown.map((column) => {
          const sorted = sorting[0]?.id === column.id ? (sorting[0].desc ? 'descending' : 'ascending') : undefined;
          const canSort = Boolean(column.sortValue || column.sorts);
          const size = sizeOf(column);
          const min = column.minSize ?? 48;
          // The table builds its headers only when a drag starts: the first paint does not wait for them.
          const resize = (e: ReactMouseEvent | ReactTouchEvent) =>
            table
              .getFlatHeaders()
              .find((h) => h.column.id === column.id)
              ?.getResizeHandler()(e);
          const onKey = (e: KeyboardEvent) => {
            const delta = e.key === 'ArrowRight' ? STEP_PX : e.key === 'ArrowLeft' ? -STEP_PX : 0;
            if (!delta) return;
            e.preventDefault();
            e.stopPropagation();
            table.setColumnSizing((s) => ({ ...s, [column.id]: Math.max(min, size + delta) }));
          };
          return (
            <div
              key={column.id}
              role={cellRole}
              aria-sort={canSort ? (sorted ?? 'none') : undefined}
              className={`cell dt-th${column.className ? ` ${column.className}` : ''}`}
              data-column={column.id}
            >
              {canSort ? (
                <button type="button" className="dt-sort" onClick={() => sortBy(column)}>
                  <span className="dt-th-label">{column.headerContent ?? column.header}</span>
                  <span className="dt-sort-mark" aria-hidden="true">
                    {sorted === 'ascending' ? '▲' : sorted === 'descending' ? '▼' : ''}
                  </span>
                </button>
              ) : (
                <span className="dt-th-label">{column.headerContent ?? column.header}</span>
              )}
              <div
                role="separator"
                aria-orientation="vertical"
                // Named by its value text only: a label would join the header's name (and match its filter's label).
                aria-valuetext={`${column.header} column width: ${size} pixels`}
                aria-valuenow={size}
                aria-valuemin={min}
                aria-valuemax={2000}
                tabIndex={0}
                className={`dt-resize${resizing === column.id ? ' resizing' : ''}`}
                onMouseDown={resize}
                onTouchStart={resize}
                onDoubleClick={() => table.setColumnSizing(({ [column.id]: _, ...rest }) => rest)}
                onKeyDown={onKey}
                onClick={(e) => e.stopPropagation()}
              />
            </div>
          );
        })}
      </div>
    </div>
  );
}
