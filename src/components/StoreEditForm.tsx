import { useState, type FormEvent, type KeyboardEvent } from 'react';
import type { ProviderDescriptor, StoreProfile } from '../../electron/contract';
import { useQuery, write } from '../lib/query';
import { useVault } from '../state/vault-store';
import { cleanValues, type FieldValue } from './FieldInput';
import { StoreProfileFields } from './StoreProfileFields';

const NEW_CLIENT = '__new__';
type Environment = StoreProfile['environment'];

interface Props {
  store: StoreProfile;
  /** Undefined when the store's provider is no longer in the catalog: identifiers are then left as they are. */
  provider: ProviderDescriptor | undefined;
  onDone(): void;
}

/** Edits a store's label, client, environment, provider identifiers and notes; main re-validates everything. */
export function StoreEditForm({ store, provider, onDone }: Props) {
  const clients = useQuery('getNavigation', {}).data?.clients;
  const error = useVault((s) => s.error);
  const dismissError = useVault((s) => s.dismissError);
  const [label, setLabel] = useState(store.label);
  const [clientChoice, setClientChoice] = useState(store.clientId ?? '');
  const [newClient, setNewClient] = useState('');
  const [environment, setEnvironment] = useState<Environment>(store.environment);
  const [identifiers, setIdentifiers] = useState<Record<string, FieldValue | undefined>>(() => ({
    ...store.identifiers,
  }));
  const [notes, setNotes] = useState(store.notes);
  const [busy, setBusy] = useState(false);
  const fieldErrors = error?.fields ?? {};

  function cancel() {
    dismissError();
    onDone();
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    try {
      let clientId: string | null = clientChoice && clientChoice !== NEW_CLIENT ? clientChoice : null;
      if (clientChoice === NEW_CLIENT) {
        const client = await write('createClient', { name: newClient });
        if (!client) return;
        // Created once: a retry after a store error reuses it instead of creating a second client.
        clientId = client.id;
        setClientChoice(client.id);
        setNewClient('');
      }
      const saved = await write('updateStore', {
        id: store.id,
        label,
        clientId,
        environment,
        notes,
        ...(provider ? { identifiers: cleanValues(identifiers) } : {}),
      });
      if (saved) onDone();
    } finally {
      setBusy(false);
    }
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Escape') {
      event.preventDefault();
      cancel();
    }
  }

  return (
    <form
      className="panel store-edit"
      onSubmit={submit}
      onKeyDown={onKeyDown}
      aria-labelledby="store-edit-title"
      noValidate
    >
      <h3 id="store-edit-title">Edit store {store.label}</h3>
      <div className="field">
        <label htmlFor="edit-store-label">Store name *</label>
        <input
          id="edit-store-label"
          required
          maxLength={120}
          value={label}
          onChange={(e) => setLabel(e.target.value)}
          autoFocus
        />
        <small className={fieldErrors.label ? 'error-text' : 'muted'}>
          {fieldErrors.label ?? 'How you call this store or account.'}
        </small>
      </div>
      <div className="field">
        <label htmlFor="edit-store-client">Client</label>
        <select id="edit-store-client" value={clientChoice} onChange={(e) => setClientChoice(e.target.value)}>
          <option value="">(no client)</option>
          {clients?.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
          <option value={NEW_CLIENT}>New client…</option>
        </select>
        <small className={fieldErrors.clientId ? 'error-text' : 'muted'}>
          {fieldErrors.clientId ?? 'Agencies group stores by client.'}
        </small>
      </div>
      {clientChoice === NEW_CLIENT && (
        <div className="field">
          <label htmlFor="edit-store-new-client">New client name *</label>
          <input
            id="edit-store-new-client"
            required
            maxLength={120}
            value={newClient}
            onChange={(e) => setNewClient(e.target.value)}
          />
          <small className={fieldErrors.name ? 'error-text' : 'muted'}>
            {fieldErrors.name ?? 'Created first, then the store moves to it.'}
          </small>
        </div>
      )}
      <StoreProfileFields
        idPrefix="edit-store"
        provider={provider}
        environment={environment}
        onEnvironment={setEnvironment}
        identifiers={identifiers}
        onIdentifiers={setIdentifiers}
        fieldErrors={fieldErrors}
      />
      <div className="field">
        <label htmlFor="edit-store-notes">Notes</label>
        <textarea
          id="edit-store-notes"
          rows={3}
          maxLength={2000}
          value={notes}
          onChange={(e) => setNotes(e.target.value)}
        />
        <small className={fieldErrors.notes ? 'error-text' : 'muted'}>
          {fieldErrors.notes ?? 'Anything your team should know; never a secret.'}
        </small>
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save changes'}
        </button>
        <button type="button" onClick={cancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
