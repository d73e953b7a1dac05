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
  tokenName,
}: {
  findings: readonly Finding[];
  storeLabel(storeId: string): string | undefined;
  tokenName(tokenId: string): string | undefined;
}) {
  const show = useVault((s) => s.show);
  const openToken = useVault((s) => s.openToken);
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
        id: 'token',
        header: 'Token',
        size: 170,
        sortValue: (f) => (f.subject.tokenId ? (tokenName(f.subject.tokenId) ?? null) : null),
        cell: (f) => {
          const id = f.subject.tokenId;
          const name = id ? tokenName(id) : undefined;
          if (!id || !name) return <span className="muted">—</span>;
          return (
            <>
              <button type="button" className="link" aria-label={`Open token ${name}`} onClick={() => openToken(id)}>
                {name}
              </button>
              {f.kind === 'secret_missing' && (
                <button type="button" className="link block" onClick={() => openToken(id, { repaste: true })}>
                  Paste the token again
                </button>
              )}
            </>
          );
        },
      },
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
    [show, openToken, storeLabel, tokenName],
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
