import { useState, type FormEvent } from 'react';
import { useQuery, write } from '../lib/query';
import { useProviders, useVault } from '../state/vault-store';
import { cleanValues, type FieldValue } from './FieldInput';
import { StoreProfileFields } from './StoreProfileFields';

const NEW_CLIENT = '__new__';

export function AddStoreForm() {
  const providers = useProviders();
  const clients = useQuery('getNavigation', {}).data?.clients;
  const show = useVault((s) => s.show);
  const error = useVault((s) => s.error);
  const [providerId, setProviderId] = useState('');
  const [label, setLabel] = useState('');
  const [clientChoice, setClientChoice] = useState('');
  const [newClient, setNewClient] = useState('');
  const [environment, setEnvironment] = useState<'production' | 'staging' | 'development'>('production');
  const [identifiers, setIdentifiers] = useState<Record<string, FieldValue | undefined>>({});
  const [busy, setBusy] = useState(false);
  const provider = providers.find((p) => p.id === providerId);
  const fieldErrors = error?.fields ?? {};

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!provider) return;
    setBusy(true);
    try {
      let clientId: string | null = clientChoice && clientChoice !== NEW_CLIENT ? clientChoice : null;
      if (clientChoice === NEW_CLIENT) {
        const client = await write('createClient', { name: newClient });
        if (!client) return;
        clientId = client.id;
      }
      const store = await write('createStore', {
        provider: provider.id,
        label,
        clientId,
        environment,
        identifiers: cleanValues(identifiers),
      });
      if (store) show({ kind: 'store', storeId: store.id });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="panel" onSubmit={submit} aria-labelledby="add-store-title" noValidate>
      <h2 id="add-store-title">Add a store or account</h2>
      <div className="field">
        <label htmlFor="store-provider">Provider *</label>
        <select
          id="store-provider"
          required
          value={providerId}
          onChange={(e) => {
            setProviderId(e.target.value);
            setIdentifiers({});
          }}
        >
          <option value="">Choose a provider…</option>
          {providers.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
        <small className="muted">{provider?.summary ?? 'Which service issued the token.'}</small>
      </div>
      <div className="field">
        <label htmlFor="store-label">Store name *</label>
        <input
          id="store-label"
          required
          maxLength={120}
          value={label}
          onChange={(e) => setLabel(e.target.value)}
          placeholder="e.g. Acme merch shop"
        />
        <small className={fieldErrors.label ? 'error-text' : 'muted'}>
          {fieldErrors.label ?? 'How you call this store or account.'}
        </small>
      </div>
      <div className="field">
        <label htmlFor="store-client">Client</label>
        <select id="store-client" value={clientChoice} onChange={(e) => setClientChoice(e.target.value)}>
          <option value="">(no client)</option>
          {clients?.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
          <option value={NEW_CLIENT}>New client…</option>
        </select>
        <small className="muted">Agencies group stores by client.</small>
      </div>
      {clientChoice === NEW_CLIENT && (
        <div className="field">
          <label htmlFor="store-new-client">New client name *</label>
          <input
            id="store-new-client"
            required
            maxLength={120}
            value={newClient}
            onChange={(e) => setNewClient(e.target.value)}
          />
          <small className="muted">Created together with the store.</small>
        </div>
      )}
      <StoreProfileFields
        idPrefix="store"
        provider={provider}
        environment={environment}
        onEnvironment={setEnvironment}
        identifiers={identifiers}
        onIdentifiers={setIdentifiers}
        fieldErrors={fieldErrors}
      />
      <div className="actions">
        <button type="submit" className="primary" disabled={!provider || busy}>
          {busy ? 'Saving…' : 'Save store'}
        </button>
        <button type="button" onClick={() => show({ kind: 'home' })}>
          Cancel
        </button>
      </div>
    </form>
  );
}
