import { useMemo } from 'react';
import type { StoreEntry } from '../../electron/contract';
import { useVault } from '../state/vault-store';
import { DataTable } from './table/DataTable';
import type { TableColumn } from './table/use-data-table';

/** A client's stores in the one table: each opens its store; sorted by label, provider or token count. */
export function ClientStores({ clientName, stores }: { clientName: string; stores: readonly StoreEntry[] }) {
  const show = useVault((s) => s.show);
  const columns = useMemo(
    (): TableColumn<StoreEntry>[] => [
      {
        id: 'store',
        header: 'Store',
        size: 220,
        hideable: false,
        sortValue: (s) => s.label,
        cell: (s) => (
          <button type="button" className="link" onClick={() => show({ kind: 'store', storeId: s.id })}>
            {s.label}
          </button>
        ),
      },
      { id: 'provider', header: 'Provider', size: 140, sortValue: (s) => s.providerName, cell: (s) => s.providerName },
      {
        id: 'environment',
        header: 'Environment',
        size: 120,
        sortValue: (s) => s.environment,
        cell: (s) => s.environment,
      },
      {
        id: 'tokens',
        header: 'Tokens',
        size: 90,
        sortValue: (s) => s.tokenCount,
        cell: (s) => `${s.tokenCount} token${s.tokenCount === 1 ? '' : 's'}`,
      },
    ],
    [show],
  );
  return (
    <DataTable
      tableId="clientStores"
      label={`Stores of ${clientName}`}
      columns={columns}
      rows={stores}
      rowKey={(s) => s.id}
      defaultSort={{ id: 'store', desc: false }}
    />
  );
}
