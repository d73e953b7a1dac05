import { useState } from 'react';
import type { AppErrorShape, ProviderDescriptor } from '../../electron/contract';
import { useQuery, writeResult } from '../lib/query';
import { useProviders } from '../state/vault-store';
import { AppSettings } from './AppSettings';
import { ConfirmDialog } from './ConfirmDialog';
import { CustomProviderForm } from './CustomProviderForm';

export function SettingsView() {
  const providers = useProviders();
  const nav = useQuery('getNavigation', {}).data;
  const [pendingDelete, setPendingDelete] = useState<ProviderDescriptor | null>(null);
  const [editing, setEditing] = useState<ProviderDescriptor | null>(null);
  const [listError, setListError] = useState<AppErrorShape | null>(null);
  const custom = providers.filter((p) => !p.builtin);

  async function confirmDelete() {
    const target = pendingDelete;
    setPendingDelete(null);
    if (!target) return;
    const result = await writeResult('deleteCustomProvider', { id: target.id });
    if (!result.ok) {
      setListError(result.error);
      return;
    }
    setListError(null);
  }

  const storesUsing = (id: string) => nav?.stores.filter((s) => s.provider === id).length ?? 0;

  return (
    <section className="settings" aria-labelledby="settings-title">
      <h2 id="settings-title">Settings</h2>
      <AppSettings />
      <section className="panel" aria-labelledby="custom-list-title">
        <h3 id="custom-list-title">Custom providers</h3>
        {listError && (
          <p className="banner banner-error" role="alert">
            <span>
              <strong>{listError.code === 'conflict' ? 'Still in use.' : 'Could not delete.'}</strong>{' '}
              {listError.message}
            </span>
            <button type="button" className="link" onClick={() => setListError(null)} aria-label="Dismiss error">
              Dismiss
            </button>
          </p>
        )}
        {custom.length === 0 ? (
          <p className="muted">
            No custom providers yet. Define a PixlPay-style provider below and it appears in the provider list when you
            add a store.
          </p>
        ) : (
          <ul className="provider-list">
            {custom.map((p) => (
              <li key={p.id}>
                <div>
                  <strong>{p.name}</strong> <code className="masked">{p.id}</code>
                  <div className="muted">
                    {p.summary} {storesUsing(p.id)} store{storesUsing(p.id) === 1 ? '' : 's'}.
                  </div>
                </div>
                <div className="actions">
                  {p.definition && (
                    <button
                      type="button"
                      className="small"
                      onClick={() => setEditing(p)}
                      aria-label={`Edit provider ${p.name}`}
                    >
                      Edit
                    </button>
                  )}
                  <button
                    type="button"
                    className="danger small"
                    onClick={() => setPendingDelete(p)}
                    aria-label={`Delete provider ${p.name}`}
                  >
                    Delete
                  </button>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>

      {editing?.definition ? (
        <CustomProviderForm key={editing.id} editing={editing.definition} onDone={() => setEditing(null)} />
      ) : (
        <CustomProviderForm key="new" />
      )}
      {pendingDelete && (
        <ConfirmDialog
          title={`Delete provider ${pendingDelete.name}?`}
          body="Keyward forgets this provider definition. Stores that still use it must be deleted or moved first."
          confirmLabel="Delete"
          onConfirm={() => void confirmDelete()}
          onCancel={() => setPendingDelete(null)}
        />
      )}
    </section>
  );
}
