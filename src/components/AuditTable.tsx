import { useMemo } from 'react';
import type { AuditEntry } from '../../electron/contract';
import { useVault } from '../state/vault-store';
import { CompactDateTime } from './table/cells';
import { DataTable } from './table/DataTable';
import type { TableColumn } from './table/use-data-table';

type Names = {
  tokens: { id: string; name: string }[];
  stores: { id: string; label: string }[];
  clients: { id: string; name: string }[];
};

/** The audit entries in the one table: newest first, sortable by each column, columns chosen and remembered. */
export function AuditTable({ entries, names }: { entries: readonly AuditEntry[]; names: Names | undefined }) {
  const openToken = useVault((s) => s.openToken);
  const show = useVault((s) => s.show);
  const columns = useMemo((): TableColumn<AuditEntry>[] => {
    const tokens = new Map(names?.tokens.map((t) => [t.id, t.name]));
    const stores = new Map(names?.stores.map((s) => [s.id, s.label]));
    const clients = new Map(names?.clients.map((c) => [c.id, c.name]));
    const nameOf = (a: AuditEntry) =>
      a.subject.type === 'token'
        ? tokens.get(a.subject.id)
        : a.subject.type === 'store'
          ? stores.get(a.subject.id)
          : a.subject.type === 'client'
            ? clients.get(a.subject.id)
            : undefined;
    return [
      {
        id: 'when',
        header: 'When',
        size: 150,
        hideable: false,
        sortValue: (a) => a.at,
        cell: (a) => <CompactDateTime iso={a.at} />,
      },
      { id: 'action', header: 'Action', size: 150, sortValue: (a) => a.action, cell: (a) => <code>{a.action}</code> },
      {
        id: 'subject',
        header: 'Subject',
        size: 200,
        sortValue: (a) => `${a.subject.type} ${nameOf(a) ?? a.subject.id}`,
        cell: (a) => {
          const name = nameOf(a);
          return (
            <>
              {a.subject.type}{' '}
              {name && a.subject.type === 'token' ? (
                <button type="button" className="link" onClick={() => openToken(a.subject.id)}>
                  {name}
                </button>
              ) : name && a.subject.type === 'store' ? (
                <button type="button" className="link" onClick={() => show({ kind: 'store', storeId: a.subject.id })}>
                  {name}
                </button>
              ) : (
                (name ?? <code className="muted">{a.subject.id.slice(0, 8)}</code>)
              )}
            </>
          );
        },
      },
      { id: 'summary', header: 'Summary', size: 320, sortValue: (a) => a.summary, cell: (a) => a.summary },
      { id: 'by', header: 'By', size: 90, sortValue: (a) => a.actor, cell: (a) => a.actor },
    ];
  }, [names, openToken, show]);
  return (
    <DataTable
      tableId="audit"
      label="Audit entries"
      columns={columns}
      rows={entries}
      rowKey={(a, i) => `${a.at}-${a.action}-${i}`}
      defaultSort={{ id: 'when', desc: true }}
    />
  );
}
