import { useMemo } from 'react';
import type { Finding } from '../../electron/contract';
import { KIND_LABELS } from '../lib/format';
import { useVault } from '../state/vault-store';
import { CompactDay } from './table/cells';
import { DataTable } from './table/DataTable';
import type { TableColumn } from './table/use-data-table';

const RANK: Record<Finding['severity'], number> = { critical: 0, warning: 1, info: 2 };

/** Findings in the one table, in the order given (most severe first) until a header sorts them. */
export function FindingsTable({
  findings,
  storeLabel,
}: {
  findings: readonly Finding[];
  storeLabel(storeId: string): string | undefined;
}) {
  const show = useVault((s) => s.show);
  const columns = useMemo(
    (): TableColumn<Finding>[] => [
      {
        id: 'severity',
        header: 'Severity',
        size: 90,
        sortValue: (f) => RANK[f.severity],
        cell: (f) => <span className={`sev sev-${f.severity}`}>{f.severity}</span>,
      },
      {
        id: 'kind',
        header: 'Kind',
        size: 170,
        hideable: false,
        sortValue: (f) => KIND_LABELS[f.kind],
        cell: (f) => <span className="finding-kind">{KIND_LABELS[f.kind]}</span>,
      },
      {
        id: 'due',
        header: 'Due',
        size: 110,
        sortValue: (f) => f.dueAt ?? null,
        cell: (f) => (f.dueAt ? <CompactDay iso={f.dueAt} /> : <span className="muted">—</span>),
      },
      { id: 'message', header: 'Finding', size: 360, className: 'cell-wrap', cell: (f) => f.message },
      { id: 'action', header: 'What to do', size: 280, className: 'cell-wrap', cell: (f) => f.action },
      {
        id: 'store',
        header: 'Store',
        size: 170,
        sortValue: (f) => (f.subject.storeId ? (storeLabel(f.subject.storeId) ?? null) : null),
        cell: (f) => {
          const id = f.subject.storeId;
          const label = id ? storeLabel(id) : undefined;
          if (!id || !label) return <span className="muted">—</span>;
          return (
            <button
              type="button"
              className="link"
              aria-label={`Open store ${label}`}
              onClick={() => show({ kind: 'store', storeId: id })}
            >
              {label}
            </button>
          );
        },
      },
    ],
    [show, storeLabel],
  );
  return (
    <DataTable
      tableId="findings"
      label={`${findings.length} finding${findings.length === 1 ? '' : 's'}`}
      columns={columns}
      rows={findings}
      rowKey={(f) => f.id}
    />
  );
}
