import type { RowData } from '@tanstack/react-table';
import type { KeyboardEvent, ReactNode } from 'react';
import type { DataTable, TableColumn } from './use-data-table';

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
  const { table, shown, sorting, sortBy } = dt;
  const headers = table.getLeafHeaders().filter((h) => h.column.getIsVisible());
  return (
    <div role="rowgroup" className="dt-head">
      <div role="row" aria-rowindex={1} className="dt-row">
        {leading}
        {headers.map((h, i) => {
          const column = shown[i] as TableColumn<T>;
          const sorted = sorting[0]?.id === column.id ? (sorting[0].desc ? 'descending' : 'ascending') : undefined;
          const canSort = Boolean(column.sortValue || column.sorts);
          const size = h.getSize();
          const resize = h.getResizeHandler();
          const onKey = (e: KeyboardEvent) => {
            const delta = e.key === 'ArrowRight' ? STEP_PX : e.key === 'ArrowLeft' ? -STEP_PX : 0;
            if (!delta) return;
            e.preventDefault();
            e.stopPropagation();
            table.setColumnSizing((s) => ({
              ...s,
              [column.id]: Math.max(h.column.columnDef.minSize ?? 48, size + delta),
            }));
          };
          return (
            <div
              key={h.id}
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
                aria-valuemin={h.column.columnDef.minSize ?? 48}
                aria-valuemax={2000}
                tabIndex={0}
                className={`dt-resize${h.column.getIsResizing() ? ' resizing' : ''}`}
                onMouseDown={resize}
                onTouchStart={resize}
                onDoubleClick={() => h.column.resetSize()}
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
