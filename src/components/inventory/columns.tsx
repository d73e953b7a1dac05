import type { InventoryRow } from '../../../electron/contract';
import { OUTCOME_LABELS } from '../../lib/inventory';
import { CompactDay, Masked } from '../table/cells';
import type { TableColumn } from '../table/use-data-table';

const dash = <span className="muted">—</span>;

/** The inventory's columns. The sortable ones are those main's query orders by (InventorySort). */
export const INVENTORY_COLUMNS: TableColumn<InventoryRow>[] = [
  {
    id: 'name',
    header: 'Name',
    size: 180,
    minSize: 100,
    hideable: false,
    sorts: ['asc'],
    className: 'cell-name',
    // Rendered by TokenRow (the row's open button, which the first-paint benchmark marks).
    cell: (t) => t.name,
  },
  { id: 'provider', header: 'Provider', size: 96, cell: (t) => t.providerName },
  { id: 'store', header: 'Store', size: 130, cell: (t) => t.storeLabel ?? '—' },
  { id: 'client', header: 'Client', size: 110, className: 'muted', cell: (t) => t.clientName ?? '—' },
  { id: 'mode', header: 'Mode', size: 60, cell: (t) => t.mode ?? '—' },
  {
    id: 'status',
    header: 'Status',
    size: 82,
    cell: (t) => <span className={`status status-${t.status}`}>{t.status}</span>,
  },
  {
    id: 'fingerprint',
    header: 'Fingerprint',
    size: 160,
    minSize: 80,
    cell: (t) => (t.masked ? <Masked masked={t.masked} /> : <span className="muted">not stored</span>),
  },
  {
    id: 'expires',
    header: 'Expires',
    size: 100,
    sorts: ['asc'],
    cell: (t) =>
      t.expiresAt ? (
        <CompactDay iso={t.expiresAt} />
      ) : (
        <span className="muted">{t.expirySource === 'none' ? 'never' : 'unknown'}</span>
      ),
  },
  {
    id: 'lastCheck',
    header: 'Last check',
    size: 118,
    sorts: ['asc', 'desc'],
    cell: (t) =>
      t.lastCheck ? (
        <span
          className={`outcome outcome-${t.lastCheck.outcome}`}
          title={`${t.lastCheck.detail} (${t.lastCheck.checkedAt})`}
        >
          {OUTCOME_LABELS[t.lastCheck.outcome]}
        </span>
      ) : (
        <span className="muted">never</span>
      ),
  },
  {
    id: 'findings',
    header: 'Findings',
    size: 80,
    cell: (t) =>
      t.worst ? (
        <span className={`sev sev-${t.worst}`}>
          {t.findingCount}
          <span className="sr-only">
            {' '}
            finding{t.findingCount === 1 ? '' : 's'}, worst {t.worst}
          </span>
        </span>
      ) : (
        dash
      ),
  },
  {
    id: 'changed',
    header: 'Last changed',
    size: 104,
    cell: (t) => <CompactDay iso={t.updatedAt} />,
  },
  {
    id: 'created',
    header: 'Created',
    size: 100,
    hiddenByDefault: true,
    sorts: ['desc', 'asc'],
    cell: (t) => (t.createdAt ? <CompactDay iso={t.createdAt} /> : dash),
  },
];
