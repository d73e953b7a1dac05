import { useState, type FormEvent } from 'react';
import type { StoreProfile, VaultSnapshot } from '../../electron/contract';
import { countBySeverity, SEVERITIES } from '../lib/format';
import { lookups, providersById } from '../lib/lookups';
import { useFindingsAbout } from '../lib/use-findings';
import { useVault } from '../state/vault-store';
import { ConfirmDialog } from './ConfirmDialog';

const NO_STORES: readonly StoreProfile[] = [];
const storesCache = new WeakMap<VaultSnapshot, ReadonlyMap<string, readonly StoreProfile[]>>();

/** Stores of each client, built once per vault revision (one pass over the stores, none over the tokens). */
function storesOfClient(snapshot: VaultSnapshot, clientId: string): readonly StoreProfile[] {
  let byClient = storesCache.get(snapshot);
  if (!byClient) {
    const m = new Map<string, StoreProfile[]>();
    for (const s of snapshot.stores) {
      if (!s.clientId) continue;
      const list = m.get(s.clientId);
      if (list) list.push(s);
      else m.set(s.clientId, [s]);
    }
    byClient = m;
    storesCache.set(snapshot, byClient);
  }
  return byClient.get(clientId) ?? NO_STORES;
}

/** One client: name and notes, its stores with token counts, its findings by severity, and delete. */
export function ClientView({ clientId }: { clientId: string }) {
  const snapshot = useVault((s) => s.snapshot);
  const providers = useVault((s) => s.providers);
  const supportMode = useVault((s) => s.supportMode);
  const run = useVault((s) => s.run);
  const show = useVault((s) => s.show);
  const client = snapshot ? lookups(snapshot).clientsById.get(clientId) : undefined;
  // Only the findings about this client's stores, asked from main.
  const findings = useFindingsAbout(
    snapshot && client ? { storeIds: storesOfClient(snapshot, client.id).map((s) => s.id) } : null,
  );
  const [name, setName] = useState(client?.name ?? '');
  const [notes, setNotes] = useState(client?.notes ?? '');
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const error = useVault((s) => s.error);

  if (!snapshot || !client) {
    return (
      <section className="empty" aria-labelledby="client-missing-title">
        <h2 id="client-missing-title">Client not found</h2>
        <p className="muted">It may have been deleted. Choose a store or client in the sidebar.</p>
      </section>
    );
  }

  const { tokensByStore } = lookups(snapshot);
  const names = providersById(providers);
  const stores = storesOfClient(snapshot, client.id);
  // Main sent only this client's stores' findings.
  const counts = findings && countBySeverity(findings);
  const total = counts ? counts.critical + counts.warning + counts.info : 0;
  const fieldErrors = error?.fields ?? {};

  async function save(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setSaved(false);
    try {
      if (await run('updateClient', { id: clientId, name, notes })) setSaved(true);
    } finally {
      setBusy(false);
    }
  }

  async function confirmDelete() {
    setConfirming(false);
    if (await run('deleteClient', { id: clientId })) show({ kind: 'home' });
  }

  return (
    <section className="store client-view" aria-labelledby="client-title">
      <header className="store-head">
        <div>
          <h2 id="client-title">{client.name}</h2>
          <p className="muted">
            Client · {stores.length} store{stores.length === 1 ? '' : 's'}
          </p>
        </div>
        {!supportMode && (
          <div className="actions">
            <button type="button" className="danger" onClick={() => setConfirming(true)}>
              Delete client
            </button>
          </div>
        )}
      </header>

      {supportMode ? (
        client.notes && (
          <div className="notes">
            <h3 className="notes-title">Notes</h3>
            <p>{client.notes}</p>
          </div>
        )
      ) : (
        <form className="panel client-edit" onSubmit={save} aria-label={`Edit client ${client.name}`} noValidate>
          <div className="field">
            <label htmlFor="client-name">Client name *</label>
            <input id="client-name" required maxLength={120} value={name} onChange={(e) => setName(e.target.value)} />
            <small className={fieldErrors.name ? 'error-text' : 'muted'}>
              {fieldErrors.name ?? 'Shown in the sidebar, the inventory and reports.'}
            </small>
          </div>
          <div className="field">
            <label htmlFor="client-notes">Notes</label>
            <textarea
              id="client-notes"
              rows={3}
              maxLength={2000}
              value={notes}
              onChange={(e) => setNotes(e.target.value)}
            />
            <small className={fieldErrors.notes ? 'error-text' : 'muted'}>
              {fieldErrors.notes ?? 'Contacts, contracts, anything but secrets.'}
            </small>
          </div>
          <div className="actions">
            <button type="submit" className="primary" disabled={busy}>
              {busy ? 'Saving…' : 'Save client'}
            </button>
            {saved && (
              <span className="muted" role="status">
                Saved.
              </span>
            )}
          </div>
        </form>
      )}

      <h3 id="client-findings-title">Findings</h3>
      {!counts ? (
        <p className="muted" role="status">
          Loading findings…
        </p>
      ) : total === 0 ? (
        <p className="muted">No findings for this client’s stores.</p>
      ) : (
        <ul className="client-findings" aria-labelledby="client-findings-title">
          {SEVERITIES.map((sev) => (
            <li key={sev}>
              <span className={`sev sev-${sev}`}>{sev}</span> {counts[sev]}
            </li>
          ))}
        </ul>
      )}

      <h3 id="client-stores-title">Stores</h3>
      {stores.length === 0 ? (
        <p className="muted">No stores yet. Add a store and choose this client, or move one here with “Edit store”.</p>
      ) : (
        <ul className="client-stores" aria-labelledby="client-stores-title">
          {stores.map((store) => {
            const n = tokensByStore.get(store.id)?.length ?? 0;
            return (
              <li key={store.id}>
                <button type="button" className="store-link" onClick={() => show({ kind: 'store', storeId: store.id })}>
                  <span className="store-label">{store.label}</span>
                  <span className="store-meta">
                    {names.get(store.provider)?.name ?? store.provider} · {store.environment} · {n} token
                    {n === 1 ? '' : 's'}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      )}

      {confirming && (
        <ConfirmDialog
          title={`Delete client ${client.name}?`}
          body={
            stores.length
              ? `${client.name} still has ${stores.length} store${stores.length === 1 ? '' : 's'}; Keyward will refuse until they are moved or deleted.`
              : 'Keyward removes the client. No stores or tokens are affected.'
          }
          confirmLabel="Delete"
          onConfirm={() => void confirmDelete()}
          onCancel={() => setConfirming(false)}
        />
      )}
    </section>
  );
}
