import { useState, type FormEvent } from 'react';
import { useTransient } from './shell/use-transient';
import type { ClientView as ClientViewData } from '../../electron/contract';
import { countBySeverity, SEVERITIES } from '../lib/format';
import { useQuery, write } from '../lib/query';
import { useSupportMode, useVault } from '../state/vault-store';
import { ClientStores } from './ClientStores';
import { ConfirmDialog } from './ConfirmDialog';

/** One client: asks main for it and its stores; says so when it is gone. */
export function ClientView({ clientId }: { clientId: string }) {
  const { data, error } = useQuery('getClient', { id: clientId });
  if (data) return <ClientSections view={data} />;
  if (error?.code !== 'not_found') return null;
  return (
    <section className="empty" aria-labelledby="client-missing-title">
      <h2 id="client-missing-title">Client not found</h2>
      <p className="muted">It may have been deleted. Choose a store or client in the sidebar.</p>
    </section>
  );
}

/** Name and notes, its stores with token counts, its findings by severity, and delete. */
function ClientSections({ view }: { view: ClientViewData }) {
  const { client, stores } = view;
  const clientId = client.id;
  const supportMode = useSupportMode();
  const show = useVault((s) => s.show);
  // Only the findings about this client's stores, asked from main.
  const storeIds = stores.map((s) => s.id);
  const findings =
    useQuery('getFindings', storeIds.length ? { storeIds } : null).data ?? (storeIds.length ? undefined : []);
  const [name, setName] = useState(client?.name ?? '');
  const [notes, setNotes] = useState(client?.notes ?? '');
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useTransient<boolean>();
  const [confirming, setConfirming] = useState(false);
  const error = useVault((s) => s.error);

  // Main sent only this client's stores' findings.
  const counts = findings && countBySeverity(findings);
  const total = counts ? counts.critical + counts.warning + counts.info : 0;
  const fieldErrors = error?.fields ?? {};

  async function save(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setSaved(false);
    try {
      if (await write('updateClient', { id: clientId, name, notes })) setSaved(true);
    } finally {
      setBusy(false);
    }
  }

  async function confirmDelete() {
    setConfirming(false);
    if (await write('deleteClient', { id: clientId })) show({ kind: 'home' });
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
        <ClientStores clientName={client.name} stores={stores} />
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
