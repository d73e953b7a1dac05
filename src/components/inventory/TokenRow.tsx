import { memo } from 'react';
import type { InventoryRow } from '../../../electron/contract';
import { localDay } from '../../lib/format';
import { OUTCOME_LABELS } from '../../lib/inventory';

export const COLUMNS = [
  'Name',
  'Provider',
  'Store',
  'Client',
  'Mode',
  'Status',
  'Fingerprint',
  'Expires',
  'Last check',
  'Findings',
];

interface RowProps {
  row: InventoryRow;
  index: number;
  top: number;
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
      className={`grid-row body-row${selected ? ' selected' : ''}${focused ? ' focused' : ''}`}
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
      <div role="gridcell" className="cell cell-name">
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
      <div role="gridcell" className="cell">
        {t.providerName}
      </div>
      <div role="gridcell" className="cell">
        {t.storeLabel ?? '—'}
      </div>
      <div role="gridcell" className="cell muted">
        {t.clientName ?? '—'}
      </div>
      <div role="gridcell" className="cell">
        {t.mode ?? '—'}
      </div>
      <div role="gridcell" className="cell">
        <span className={`status status-${t.status}`}>{t.status}</span>
      </div>
      <div role="gridcell" className="cell">
        {t.masked ? <code className="masked">{t.masked}</code> : <span className="muted">not stored</span>}
      </div>
      <div role="gridcell" className="cell">
        {t.expiresAt ? (
          <time dateTime={t.expiresAt}>
            {localDay(t.expiresAt)}
            {t.expirySource === 'provider-rule' ? ' (estimated)' : ''}
          </time>
        ) : (
          <span className="muted">{t.expirySource === 'none' ? 'never' : 'unknown'}</span>
        )}
      </div>
      <div role="gridcell" className="cell">
        {t.lastCheck ? (
          <span
            className={`outcome outcome-${t.lastCheck.outcome}`}
            title={`${t.lastCheck.detail} (${t.lastCheck.checkedAt})`}
          >
            {OUTCOME_LABELS[t.lastCheck.outcome]}
          </span>
        ) : (
          <span className="muted">never</span>
        )}
      </div>
      <div role="gridcell" className="cell">
        {t.worst ? (
          <span className={`sev sev-${t.worst}`}>
            {t.findingCount}
            <span className="sr-only">
              {' '}
              finding{t.findingCount === 1 ? '' : 's'}, worst {t.worst}
            </span>
          </span>
        ) : (
          <span className="muted">—</span>
        )}
      </div>
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
      className="grid-row body-row pending-row"
      style={{ transform: `translateY(${top}px)` }}
      data-index={index}
    >
      <div role="gridcell" className="cell muted">
        Loading…
      </div>
    </div>
  );
}
