import { useRef, useState, type FormEvent } from 'react';
import type { ProviderDescriptor, StoreProfile } from '../../electron/contract';
import { useVault } from '../state/vault-store';
import { cleanValues, FieldInput, type FieldValue } from './FieldInput';

const TOP_LEVEL = new Set(['mode', 'scopes', 'expiresAt', 'createdAt']);

/** The secret field is uncontrolled: its value is read once on submit, sent to main, and cleared. */
export function AddTokenForm({ store, provider, onDone }: { store: StoreProfile; provider: ProviderDescriptor; onDone(): void }) {
  const { run, error } = useVault();
  const [kind, setKind] = useState(provider.credentials[0]!.kind);
  const [name, setName] = useState('');
  const [values, setValues] = useState<Record<string, FieldValue | undefined>>({});
  const [busy, setBusy] = useState(false);
  const secretRef = useRef<HTMLInputElement>(null);
  const credential = provider.credentials.find((c) => c.kind === kind) ?? provider.credentials[0]!;
  const fieldErrors = error?.fields ?? {};

  async function submit(event: FormEvent) {
    event.preventDefault();
    const secret = secretRef.current?.value.trim() ?? '';
    setBusy(true);
    try {
      const cleaned = cleanValues(values);
      const settings = Object.fromEntries(Object.entries(cleaned).filter(([k]) => !TOP_LEVEL.has(k)));
      const token = await run('createToken', {
        storeId: store.id,
        name,
        kind,
        ...(secret ? { secret } : {}),
        ...(typeof cleaned.mode === 'string' ? { mode: cleaned.mode as 'live' | 'test' } : {}),
        ...(Array.isArray(cleaned.scopes) ? { scopes: cleaned.scopes } : {}),
        ...(typeof cleaned.expiresAt === 'string' ? { expiresAt: cleaned.expiresAt } : {}),
        settings,
      });
      if (token) {
        if (secretRef.current) secretRef.current.value = '';
        onDone();
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="panel" onSubmit={submit} aria-labelledby="add-token-title" noValidate>
      <h3 id="add-token-title">Add a token to {store.label}</h3>
      {provider.credentials.length > 1 && (
        <div className="field">
          <label htmlFor="token-kind">Credential</label>
          <select id="token-kind" value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
            {provider.credentials.map((c) => (
              <option key={c.kind} value={c.kind}>
                {c.label}
              </option>
            ))}
          </select>
          <small className="muted">{provider.name} offers more than one kind of credential.</small>
        </div>
      )}
      <div className="field">
        <label htmlFor="token-name">Token name *</label>
        <input id="token-name" required maxLength={120} value={name} onChange={(e) => setName(e.target.value)} placeholder="As named at the provider" />
        <small className={fieldErrors.name ? 'error-text' : 'muted'}>{fieldErrors.name ?? 'Use the name it has at the provider.'}</small>
      </div>
      <div className="field">
        <label htmlFor="token-secret">{credential.secretLabel}</label>
        <input
          id="token-secret"
          ref={secretRef}
          type="password"
          autoComplete="off"
          spellCheck={false}
          aria-describedby="token-secret-help"
          aria-invalid={fieldErrors.secret ? true : undefined}
        />
        <small id="token-secret-help" className={fieldErrors.secret ? 'error-text' : 'muted'}>
          {fieldErrors.secret ?? `${credential.secretHelp} Stored in your OS keychain only; Keyward never shows it again.`}
        </small>
      </div>
      {credential.fields.map((field) => (
        <FieldInput
          key={field.key}
          field={field}
          idPrefix="token"
          value={values[field.key]}
          error={fieldErrors[field.key] ?? fieldErrors[`settings.${field.key}`]}
          onChange={(v) => setValues((prev) => ({ ...prev, [field.key]: v }))}
        />
      ))}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save token'}
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
