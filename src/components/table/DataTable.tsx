import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, type CSSProperties, type ReactNode } from 'react';
import { scrollUnlessNew } from '../../lib/virtual-rect';
import { ColumnChooser } from './ColumnChooser';
import { TableHead } from './TableHead';
import { useDataTable, type TableColumn } from './use-data-table';
import type { ColumnSort, RowData } from '@tanstack/react-table';

const ROW_HEIGHT = 40;
/** Above this many rows the body scrolls in its own box and renders only the rows in view. */
const VIRTUAL_FROM = 200;

/** The style that lays out the header and every row on one grid template (see use-data-table). */
export const gridStyle = (template: string, width: number): CSSProperties =>
  ({ '--dt-cols': template, '--dt-width': `${width}px` }) as CSSProperties;

/**
 * A table of rows held in memory (a store's tokens, the audit log, findings): sorted by its headers, columns
 * resized and chosen by the user and remembered, many rows rendered as they scroll into view.
 */
export function DataTable<T extends RowData>({
  tableId,
  label,
  columns,
  rows,
  rowKey,
  rowLabel,
  defaultSort,
  tools,
}: {
  tableId: string;
  label: string;
  columns: readonly TableColumn<T>[];
  rows: readonly T[];
  rowKey(row: T, index: number): string;
  rowLabel?(row: T): string;
  defaultSort?: ColumnSort;
  /** Controls shown left of the column chooser. */
  tools?: ReactNode;
}) {
  const dt = useDataTable({ tableId, columns, data: rows, ...(defaultSort ? { defaultSort } : {}) });
  const sorted = dt.rows ?? rows;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtual = sorted.length > VIRTUAL_FROM;
  const virtualizer = useVirtualizer({
    count: virtual ? sorted.length : 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
    scrollToFn: scrollUnlessNew,
  });

  const renderRow = (row: T, index: number, style?: CSSProperties) => (
    <div
      key={rowKey(row, index)}
      role="row"
      aria-rowindex={index + 2}
      {...(rowLabel ? { 'aria-label': rowLabel(row) } : {})}
      className={`dt-row${virtual ? ' dt-row-virtual' : ''}`}
      style={style}
      // Rows whose text wraps are measured as they render, so the scroll height follows them.
      {...(virtual ? { 'data-index': index, ref: virtualizer.measureElement } : {})}
    >
      {dt.shown.map((c) => (
        <div key={c.id} role="cell" className={`cell${c.className ? ` ${c.className}` : ''}`}>
          {c.cell(row, index)}
        </div>
      ))}
    </div>
  );

  return (
    <div className="dt-wrap">
      <div className="dt-tools">
        {tools}
        <ColumnChooser dt={dt} label={label} />
      </div>
      <div
        className={`dt${virtual ? ' dt-virtual' : ''}`}
        role="table"
        aria-label={label}
        aria-rowcount={sorted.length + 1}
        style={gridStyle(dt.template, dt.width)}
      >
        <TableHead dt={dt} />
        <div role="rowgroup" className="dt-body" ref={scrollRef}>
          {virtual ? (
            <div className="dt-spacer" style={{ height: virtualizer.getTotalSize() }}>
              {virtualizer
                .getVirtualItems()
                .map((item) =>
                  renderRow(sorted[item.index]!, item.index, { transform: `translateY(${item.start}px)` }),
                )}
            </div>
          ) : (
            sorted.map((row, i) => renderRow(row, i))
          )}
        </div>
      </div>
    </div>
  );
}
