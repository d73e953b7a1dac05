import { useCallback, useMemo, useState } from 'react';
import type { Finding, TokenSummary } from '../../electron/contract';
import { useQuery, write } from '../lib/query';
import { useProviders, useSupportMode, useVault } from '../state/vault-store';
import { AddTokenForm } from './AddTokenForm';
import { ConfirmDialog } from './ConfirmDialog';
import { CheckChoicesPanel } from './CheckChoicesPanel';
import { RulesPanel } from './RulesPanel';
import { StoreEditForm } from './StoreEditForm';
import { StoreTokens } from './StoreTokens';

type Pending = { kind: 'token'; token: TokenSummary } | { kind: 'store' } | null;

const NO_FINDINGS: readonly Finding[] = [];

/** One store: asks main for it and its tokens; says so when it is gone. */
export function StoreView({ storeId }: { storeId: string }) {
  const { data, error } = useQuery('getStore', { id: storeId });
  if (data) return <StoreSections view={data} />;
  if (error?.code === 'not_found') return <EmptyStore />;
  return null;
}

function EmptyStore() {
  return (
    <section className="empty" aria-label="Getting started">
      <h2>Pick a store</h2>
      <p className="muted">Choose a store on the left to see its tokens.</p>
    </section>
  );
}

function StoreSections({ view }: { view: NonNullable<ReturnType<typeof useQuery<'getStore'>>['data']> }) {
  const { store, tokens, client } = view;
  const providers = useProviders();
  // Only this store's findings (its tokens' included): a few KB, where the whole list is megabytes.
  const loaded = useQuery('getFindings', { storeIds: [store.id] }).data;
  const findings = loaded ?? NO_FINDINGS;
  const show = useVault((s) => s.show);
  const supportMode = useSupportMode();
  const openToken = useVault((s) => s.openToken);
  const [adding, setAdding] = useState(false);
  // Keyed by store: opening another store closes the form.
  const [editingId, setEditingId] = useState<string | null>(null);
  const editing = editingId === store.id && !supportMode;
  const [pending, setPending] = useState<Pending>(null);
  const provider = providers.find((p) => p.id === store.provider);
  const storeFindings = useMemo(() => findings.filter((f) => f.subject.storeId === store.id), [findings, store.id]);
  const byToken = useMemo(() => {
    const m = new Map<string, Finding[]>();
    for (const f of findings) if (f.subject.tokenId) m.set(f.subject.tokenId, [...(m.get(f.subject.tokenId) ?? []), f]);
    return m;
  }, [findings]);

  // Main sent only this store's findings: a token's here are its findings about this store.
  const tokenFindings = useCallback((id: string) => byToken.get(id) ?? NO_FINDINGS, [byToken]);
  const deleteToken = useCallback((token: TokenSummary) => setPending({ kind: 'token', token }), []);

  async function confirmDelete() {
    const target = pending;
    setPending(null);
    if (target?.kind === 'token') await write('deleteToken', { id: target.token.id });
    if (target?.kind === 'store' && (await write('deleteStore', { id: store.id }))) show({ kind: 'home' });
  }

  return (
    <section className="store" aria-labelledby="store-title">
      <header className="store-head">
        <div>
          <h2 id="store-title">{store.label}</h2>
          <p className="muted">
            {provider?.name ?? store.provider} · {store.environment}
            {client ? ` · ${client.name}` : ''}
          </p>
        </div>
        <div className="actions">
          <button type="button" className="primary" onClick={() => setAdding(true)} disabled={adding}>
            + Add token
          </button>
          {!supportMode && (
            <button type="button" onClick={() => setEditingId(store.id)} disabled={editing}>
              Edit store
            </button>
          )}
          {!supportMode && (
            <button type="button" className="danger" onClick={() => setPending({ kind: 'store' })}>
              Delete store
            </button>
          )}
        </div>
      </header>
      {Object.keys(store.identifiers).length > 0 && (
        <dl className="identifiers">
          {Object.entries(store.identifiers).map(([key, value]) => (
            <div key={key}>
              <dt>{provider?.storeFields.find((f) => f.key === key)?.label ?? key}</dt>
              <dd>{Array.isArray(value) ? value.join(', ') : String(value)}</dd>
            </div>
          ))}
        </dl>
      )}
      {provider && <CheckChoicesPanel store={store} provider={provider} tokens={tokens} readOnly={supportMode} />}
      {store.notes && (
        <div className="notes store-notes">
          <h3 className="notes-title">Notes</h3>
          <p>{store.notes}</p>
        </div>
      )}
      {editing && <StoreEditForm key={store.id} store={store} provider={provider} onDone={() => setEditingId(null)} />}
      {adding && provider && <AddTokenForm store={store} provider={provider} onDone={() => setAdding(false)} />}
      {tokens.length === 0 ? (
        <p className="muted">No tokens yet. Add one and paste its value; it goes straight to the OS keychain.</p>
      ) : (
        <StoreTokens
          label={store.label}
          tokens={tokens}
          provider={provider}
          findingsOf={tokenFindings}
          supportMode={supportMode}
          onOpen={openToken}
          onDelete={deleteToken}
        />
      )}
      {provider && (
        <RulesPanel
          store={store}
          provider={provider}
          tokens={tokens}
          slots={view.slots}
          findings={loaded ? storeFindings : null}
        />
      )}
      {pending && (
        <ConfirmDialog
          title={pending.kind === 'token' ? `Delete token ${pending.token.name}?` : `Delete store ${store.label}?`}
          body={
            pending.kind === 'token'
              ? 'Keyward removes it and its keychain entry. The token still works at the provider until you revoke it there.'
              : `Keyward removes this store and its ${tokens.length} token${tokens.length === 1 ? '' : 's'} with their keychain entries. Tokens still work at the provider until you revoke them there.`
          }
          confirmLabel="Delete"
          onConfirm={() => void confirmDelete()}
          onCancel={() => setPending(null)}
        />
      )}
    </section>
  );
}
