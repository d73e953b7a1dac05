import { memo } from 'react';
import type { InventoryRow } from '../../../electron/contract';
import type { TableColumn } from '../table/use-data-table';

interface RowProps {
  row: InventoryRow;
  index: number;
  top: number;
  /** The columns shown, in order (a new array only when the user shows, hides or moves one). */
  columns: readonly TableColumn<InventoryRow>[];
  focused: boolean;
  selected: boolean;
  onToggle(id: string): void;
  onOpen(id: string, index: number): void;
  onFocus(index: number): void;
}

// A keystroke re-renders the view before main answers; unchanged rows skip that render.
export const TokenRow = memo(function TokenRow({
  row: t,
  index,
  top,
  columns,
  focused,
  selected,
  onToggle,
  onOpen,
  onFocus,
}: RowProps) {
  const open = () => onOpen(t.id, index);
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      aria-label={`${t.name}, ${t.providerName}, ${t.storeLabel ?? ''}`}
      tabIndex={focused ? 0 : -1}
      data-index={index}
      data-token-id={t.id}
      className={`dt-row dt-row-virtual body-row${selected ? ' selected' : ''}${focused ? ' focused' : ''}`}
      style={{ transform: `translateY(${top}px)` }}
      onFocus={() => onFocus(index)}
      onDoubleClick={open}
    >
      <div role="gridcell" className="cell cell-select">
        <input
          type="checkbox"
          aria-label={`Select ${t.name}`}
          checked={selected}
          onChange={() => onToggle(t.id)}
          tabIndex={-1}
        />
      </div>
      {columns.map((c) =>
        c.id === 'name' ? (
          <div key="name" role="gridcell" className="cell cell-name">
            {/* elementtiming: the browser records when the first row's name is painted (the benchmark reads it). */}
            <button
              type="button"
              className="link row-open"
              tabIndex={-1}
              onClick={open}
              elementtiming={index === 0 ? 'inventory-first-row' : undefined}
            >
              {t.name}
            </button>
          </div>
        ) : (
          <div key={c.id} role="gridcell" className={c.className ? `cell ${c.className}` : 'cell'}>
            {c.cell(t, index)}
          </div>
        ),
      )}
    </div>
  );
});

/** A row main has not answered yet (fast scrolling): its place, and that it is on its way. */
export function PendingRow({ index, top }: { index: number; top: number }) {
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-busy="true"
      className="dt-row dt-row-virtual body-row pending-row"
      style={{ transform: `translateY(${top}px)` }}
      data-index={index}
    >
      <div role="gridcell" className="cell muted">
        Loading…
      </div>
    </div>
  );
}
