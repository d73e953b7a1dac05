import { useEffect, useRef, useState, type FormEvent } from 'react';
import type {
  AppErrorShape,
  ChannelInput,
  FieldDescriptor,
  ProviderDescriptor,
  TokenSummary,
} from '../../../electron/contract';
import { credentialFor, isoDay } from '../../lib/format';
import { useQuery, writeResult } from '../../lib/query';
import { cleanValues, FieldInput, type FieldValue } from '../FieldInput';
import { SecretField } from './SecretField';

type Edit = ChannelInput<'updateToken'>;
/** Fields drawn by this form itself rather than from the catalog's settings. */
const OWN_FIELDS = new Set(['scopes', 'expiresAt', 'createdAt', 'mode', 'keyId']);

/**
 * Edits everything a user could get wrong about a saved token, and takes its secret again. Main checks each
 * field by the provider's rules and answers per field; a refused edit changes nothing.
 */
export function TokenEditDialog({
  token: t,
  provider,
  managedWhy,
  focusSecret,
  onClose,
}: {
  token: TokenSummary;
  provider: ProviderDescriptor | undefined;
  /** Set for a key its integration manages: only notes here, status on the page. */
  managedWhy: string | null;
  focusSecret?: boolean;
  onClose(): void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const credential = credentialFor(provider, t.kind);
  const policy = credential?.policy;
  const planKey = policy?.rateLimit?.planKey;
  const store = useQuery('getStore', planKey ? { id: t.storeId } : null).data;
  const [name, setName] = useState(t.name);
  const [notes, setNotes] = useState(t.notes);
  const [mode, setMode] = useState(t.mode ?? '');
  const [scopes, setScopes] = useState<string[]>([...t.scopes]);
  const [settings, setSettings] = useState<Record<string, FieldValue | undefined>>({ ...t.settings });
  const [plan, setPlan] = useState<string | null>(null);
  const [createdAt, setCreatedAt] = useState(t.createdAt ? isoDay(t.createdAt) : '');
  const [expiresAt, setExpiresAt] = useState(t.expiresAt ? isoDay(t.expiresAt) : '');
  const [secret, setSecret] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const hasModes = policy?.formats?.some((f) => f.modePrefixes) ?? false;
  const expiryFromToken = t.expirySource === 'token';
  const settingFields = (credential?.fields ?? []).filter((f) => !OWN_FIELDS.has(f.key));
  const storePlan = planKey ? store?.store.identifiers[planKey] : undefined;
  const shownPlan = plan ?? (typeof storePlan === 'string' ? storePlan : '');
  const fieldError = (key: string) => error?.fields?.[key];

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    if (focusSecret) document.getElementById('edit-secret')?.focus();
    return () => dialog?.close();
  }, [focusSecret]);

  function changes(): Edit {
    const input: Edit = { id: t.id };
    if (notes !== t.notes) input.notes = notes;
    if (secret.trim()) input.secret = secret.trim();
    if (managedWhy) return input;
    if (name.trim() !== t.name) input.name = name.trim();
    if (hasModes && (mode || null) !== t.mode) input.mode = mode === 'live' || mode === 'test' ? mode : null;
    if (JSON.stringify(scopes) !== JSON.stringify(t.scopes)) input.scopes = scopes;
    const cleaned = cleanValues(settings);
    if (JSON.stringify(cleaned) !== JSON.stringify(t.settings)) input.settings = cleaned;
    if (plan !== null && plan !== storePlan) input.plan = plan || null;
    if (createdAt !== (t.createdAt ? isoDay(t.createdAt) : '')) input.createdAt = createdAt || null;
    if (!expiryFromToken && expiresAt !== (t.expiresAt ? isoDay(t.expiresAt) : '')) input.expiresAt = expiresAt || null;
    return input;
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const input = changes();
    if (Object.keys(input).length === 1) return onClose();
    setBusy(true);
    try {
      const res = await writeResult('updateToken', input);
      if (!res.ok) return setError(res.error);
      setSecret('');
      onClose();
    } finally {
      setBusy(false);
    }
  }

  const scopeField: FieldDescriptor | null = policy?.scopes?.length
    ? {
        key: 'scopes',
        label: 'Scopes',
        type: 'multiselect',
        required: (policy.minScopes ?? 0) > 0,
        help: 'As granted at the provider.',
        options: policy.scopes.map((s) => ({ value: s, label: s })),
      }
    : null;

  return (
    <dialog ref={ref} className="dialog dialog-wide" aria-labelledby="edit-title" onCancel={onClose}>
      <h2 id="edit-title">Edit {t.name}</h2>
      <form onSubmit={(e) => void submit(e)} aria-label="Edit token">
        {managedWhy && (
          <p className="banner banner-warning" data-testid="managed-why">
            {managedWhy}
          </p>
        )}
        {error && (
          <p className="banner banner-error" role="alert">
            {error.message}
          </p>
        )}
        {!managedWhy && (
          <>
            <div className={`field ${fieldError('name') ? 'field-error' : ''}`}>
              <label htmlFor="edit-name">Name *</label>
              <input id="edit-name" value={name} onChange={(e) => setName(e.target.value)} required />
              {fieldError('name') && <small className="error-text">{fieldError('name')}</small>}
            </div>
            {hasModes && (
              <div className={`field ${fieldError('mode') ? 'field-error' : ''}`}>
                <label htmlFor="edit-mode">Mode</label>
                <select id="edit-mode" value={mode} onChange={(e) => setMode(e.target.value)}>
                  <option value="">unknown</option>
                  <option value="live">live</option>
                  <option value="test">test</option>
                </select>
                <small className={fieldError('mode') ? 'error-text' : 'muted'}>
                  {fieldError('mode') ?? "The token's prefix decides it when it names one."}
                </small>
              </div>
            )}
            {scopeField && (
              <FieldInput
                field={scopeField}
                idPrefix="edit"
                value={scopes}
                error={fieldError('scopes')}
                onChange={(v) => setScopes(Array.isArray(v) ? v : [])}
              />
            )}
            {settingFields.map((field) => (
              <FieldInput
                key={field.key}
                field={field}
                idPrefix="edit"
                value={settings[field.key]}
                error={fieldError(field.key)}
                onChange={(v) => setSettings((cur) => ({ ...cur, [field.key]: v }))}
              />
            ))}
            {planKey && (
              <div className={`field ${fieldError('plan') ? 'field-error' : ''}`}>
                <label htmlFor="edit-plan">Store plan</label>
                <select id="edit-plan" value={shownPlan} onChange={(e) => setPlan(e.target.value)}>
                  <option value="">(not set)</option>
                  {Object.keys(policy?.rateLimit?.planCaps ?? {}).map((p) => (
                    <option key={p} value={p}>
                      {p}
                    </option>
                  ))}
                </select>
                <small className={fieldError('plan') ? 'error-text' : 'muted'}>
                  {fieldError('plan') ?? `Saved on the store ${store?.store.label ?? ''}; it caps the rate limit.`}
                </small>
              </div>
            )}
            <div className="field-row">
              <div className={`field ${fieldError('createdAt') ? 'field-error' : ''}`}>
                <label htmlFor="edit-created">Created at the provider</label>
                <input id="edit-created" type="date" value={createdAt} onChange={(e) => setCreatedAt(e.target.value)} />
                {fieldError('createdAt') && <small className="error-text">{fieldError('createdAt')}</small>}
              </div>
              <div className={`field ${fieldError('expiresAt') ? 'field-error' : ''}`}>
                <label htmlFor="edit-expires">Expires</label>
                <input
                  id="edit-expires"
                  type="date"
                  value={expiresAt}
                  disabled={expiryFromToken}
                  onChange={(e) => setExpiresAt(e.target.value)}
                />
                <small className={fieldError('expiresAt') ? 'error-text' : 'muted'}>
                  {fieldError('expiresAt') ??
                    (expiryFromToken ? 'Read from the token itself.' : 'Empty: no expiry, or not known.')}
                </small>
              </div>
            </div>
          </>
        )}
        <div className="field">
          <label htmlFor="edit-notes">Notes</label>
          <textarea id="edit-notes" rows={3} value={notes} onChange={(e) => setNotes(e.target.value)} />
        </div>
        <SecretField
          id="edit-secret"
          label={t.secret ? 'Paste the token again' : 'Paste the token'}
          value={secret}
          error={fieldError('secret')}
          help={
            t.secret
              ? `The same value (${t.secret.masked}); Keyward stores it in the keychain again. A new value is a rotation.`
              : 'Keyward stores it in the OS keychain and reads what it tells (mode, scopes, expiry).'
          }
          onChange={setSecret}
        />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Saving…' : 'Save'}
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
