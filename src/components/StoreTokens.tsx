import { useMemo } from 'react';
import type { Finding, ProviderDescriptor, TokenSummary } from '../../electron/contract';
import { credentialFor, expirySourceText, scopesShort } from '../lib/format';
import { CompactDay, Masked } from './table/cells';
import { DataTable } from './table/DataTable';
import type { TableColumn } from './table/use-data-table';

const KIND = (t: TokenSummary) => (t.kind === 'api-key' ? 'API key' : 'Access token');

/** A store's tokens, in the one table: sorted here (a store holds a handful), columns chosen and remembered. */
export function StoreTokens({
  label,
  tokens,
  provider,
  findingsOf,
  supportMode,
  onOpen,
  onDelete,
}: {
  label: string;
  tokens: readonly TokenSummary[];
  provider: ProviderDescriptor | undefined;
  findingsOf(tokenId: string): readonly Finding[];
  supportMode: boolean;
  onOpen(id: string): void;
  onDelete(token: TokenSummary): void;
}) {
  const columns = useMemo(
    (): TableColumn<TokenSummary>[] => [
      { id: 'name', header: 'Name', size: 180, hideable: false, sortValue: (t) => t.name, cell: (t) => t.name },
      { id: 'kind', header: 'Kind', size: 100, sortValue: KIND, cell: KIND },
      { id: 'mode', header: 'Mode', size: 64, sortValue: (t) => t.mode, cell: (t) => t.mode ?? '—' },
      {
        id: 'secret',
        header: 'Secret',
        size: 170,
        minSize: 80,
        cell: (t) => (
          <>
            {t.secret ? <Masked masked={t.secret.masked} /> : <span className="muted">not stored</span>}
            {t.secret?.formatProblem && (
              <span className="format-flag" title={t.secret.formatProblem}>
                <span aria-hidden="true"> ⚠</span>
                <span className="sr-only">Format problem: {t.secret.formatProblem}</span>
              </span>
            )}
          </>
        ),
      },
      {
        id: 'status',
        header: 'Status',
        size: 110,
        sortValue: (t) => t.status,
        cell: (t) => {
          const found = findingsOf(t.id);
          return (
            <>
              <span className={`status status-${t.status}`}>{t.status}</span>
              {found.length > 0 && (
                <span className={`sev sev-${found[0]!.severity} sev-count`} title="Findings for this token">
                  {found.length}
                  <span className="sr-only"> finding{found.length === 1 ? '' : 's'}</span>
                </span>
              )}
            </>
          );
        },
      },
      {
        id: 'expires',
        header: 'Expires',
        size: 150,
        sortValue: (t) => t.expiresAt,
        cell: (t) =>
          t.expiresAt ? (
            <>
              <CompactDay iso={t.expiresAt} />
              <small className="muted block">
                {expirySourceText(t.expirySource, credentialFor(provider, t.kind)?.policy?.expiry)}
              </small>
            </>
          ) : (
            <span className="muted">{t.expirySource === 'none' ? 'never' : 'unknown'}</span>
          ),
      },
      {
        id: 'scopes',
        header: 'Scopes',
        size: 150,
        cell: (t) =>
          t.scopes.length ? (
            <span title={t.scopes.join(', ')}>{scopesShort(t.scopes)}</span>
          ) : (
            <span className="muted">—</span>
          ),
      },
      {
        id: 'actions',
        header: 'Actions',
        headerContent: <span className="sr-only">Actions</span>,
        size: 150,
        hideable: false,
        className: 'actions',
        cell: (t) => (
          <>
            <button
              type="button"
              className="small"
              onClick={() => onOpen(t.id)}
              aria-label={`Details of token ${t.name}`}
            >
              Details
            </button>
            {!supportMode && (
              <button
                type="button"
                className="danger small"
                onClick={() => onDelete(t)}
                aria-label={`Delete token ${t.name}`}
              >
                Delete
              </button>
            )}
          </>
        ),
      },
    ],
    [provider, findingsOf, supportMode, onOpen, onDelete],
  );
  return (
    <DataTable
      tableId="storeTokens"
      label={`Tokens of ${label}`}
      columns={columns}
      rows={tokens}
      rowKey={(t) => t.id}
      defaultSort={{ id: 'name', desc: false }}
    />
  );
}
