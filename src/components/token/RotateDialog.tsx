import { useEffect, useRef, useState, type FormEvent } from 'react';
import type {
  AppErrorShape,
  ChannelInput,
  ProviderDescriptor,
  RotationPlan,
  TokenSummary,
} from '../../../electron/contract';
import { credentialFor, localDay } from '../../lib/format';
import { useQuery, writeResult } from '../../lib/query';
import { cleanValues, FieldInput, type FieldValue } from '../FieldInput';
import { RotateResult, type Rotated } from './RotateResult';
import { SecretField } from './SecretField';
import { TokenPageLink } from './TokenPageLink';

/**
 * Guided rotation as the provider works (its module's rotation declaration): its steps, what breaks and when,
 * a slot to free first, suggestions the user may change; the new value is checked before anything switches.
 */
export function RotateDialog({
  token,
  provider,
  onClose,
}: {
  token: TokenSummary;
  provider: ProviderDescriptor | undefined;
  onClose(): void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const asked = useQuery('getRotationPlan', { id: token.id }).data;
  // The plan the rotation followed stays on screen after it: the token's new state offers no rotation.
  const [done, setDone] = useState<{ rotated: Rotated; plan: RotationPlan } | null>(null);
  const plan = done?.plan ?? asked;

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  return (
    <dialog ref={ref} className="dialog dialog-wide" aria-labelledby="rotate-title" onCancel={onClose}>
      <h2 id="rotate-title">Rotate {token.name}</h2>
      {!plan || plan.tokenId !== token.id ? (
        <p className="muted" role="status">
          Loading…
        </p>
      ) : done ? (
        <RotateResult done={done.rotated} plan={done.plan} provider={provider} onClose={onClose} />
      ) : !plan.rotation ? (
        <>
          <p className="banner banner-warning">{plan.why}</p>
          <div className="actions">
            <button type="button" onClick={onClose}>
              Close
            </button>
          </div>
        </>
      ) : (
        <RotateForm
          token={token}
          plan={plan}
          provider={provider}
          onDone={(rotated) => setDone({ rotated, plan })}
          onClose={onClose}
        />
      )}
    </dialog>
  );
}

function RotateForm({
  token,
  plan,
  provider,
  onDone,
  onClose,
}: {
  token: TokenSummary;
  plan: RotationPlan;
  provider: ProviderDescriptor | undefined;
  onDone(r: Rotated): void;
  onClose(): void;
}) {
  const rotation = plan.rotation!;
  const sideBySide = rotation.model === 'side-by-side';
  const credential = credentialFor(provider, token.kind);
  const policy = credential?.policy;
  const providerLabel = provider?.name ?? 'the provider';
  const [secret, setSecret] = useState('');
  const [name, setName] = useState(plan.suggestions.name);
  const [scopes, setScopes] = useState<string[]>(plan.suggestions.scopes);
  const [settings, setSettings] = useState<Record<string, FieldValue | undefined>>(plan.suggestions.settings);
  const [expiresAt, setExpiresAt] = useState('');
  const [noExpiry, setNoExpiry] = useState(false);
  const [removedFirst, setRemovedFirst] = useState(plan.slot?.suggested ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const approval = rotation.approval && rotation.approval.mode === token.mode ? rotation.approval : null;
  const suggestedFields = (credential?.fields ?? []).filter((f) => rotation.suggest?.includes(f.key));
  const expiryAsked = sideBySide && policy?.expiry?.kind !== 'none' && policy?.expiry?.kind !== 'from-token';
  const fieldError = (key: string) => error?.fields?.[key];

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    const value = secret;
    setSecret('');
    const input: ChannelInput<'rotateToken'> = { tokenId: token.id, secret: value };
    if (sideBySide) {
      input.name = name.trim();
      if (policy?.scopes?.length) input.scopes = scopes;
      if (suggestedFields.length) input.settings = cleanValues(settings);
      if (expiresAt) input.expiresAt = expiresAt;
      else if (noExpiry) input.expiresAt = null;
      if (plan.slot && removedFirst) input.removedFirst = removedFirst;
    }
    try {
      const res = await writeResult('rotateToken', input);
      if (!res.ok) return setError(res.error);
      onDone(res.value);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} aria-label="Rotate token">
      {rotation.warning && (
        <p className="banner banner-warning" data-testid="rotate-warning">
          {rotation.warning}
        </p>
      )}
      {approval && (
        <p className="banner" data-testid="rotate-approval">
          {approval.text}{' '}
          <a href={approval.url} target="_blank" rel="noreferrer">
            How to request it
          </a>
        </p>
      )}
      <ol className="steps">
        {rotation.steps.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
      {provider && (
        <p>
          <TokenPageLink provider={provider} storeId={token.storeId}>
            {`Open ${providerLabel}’s token page`}
          </TokenPageLink>
        </p>
      )}
      {error && (
        <p className="banner banner-error" role="alert">
          {error.message}
        </p>
      )}
      {plan.slot && (
        <fieldset className="field" data-testid="rotate-slot">
          <legend>
            {plan.slot.text} Which one did you remove at {providerLabel}?
          </legend>
          {plan.slot.holders.map((h) => (
            <label key={h.id} className="check">
              <input
                type="radio"
                name="removed-first"
                value={h.id}
                checked={removedFirst === h.id}
                onChange={() => setRemovedFirst(h.id)}
                required
              />
              {h.name} (since {localDay(h.since)}
              {h.failing ? ', last check failed' : ''})
              {h.id === plan.slot!.suggested ? ` — suggested: ${plan.slot!.reason}` : ''}
            </label>
          ))}
          <small className={fieldError('removedFirst') ? 'error-text' : 'muted'}>
            {fieldError('removedFirst') ?? 'Keyward marks it revoked when the new token is saved.'}
          </small>
        </fieldset>
      )}
      <SecretField
        id="rotate-secret"
        label={sideBySide ? 'New token' : 'New value'}
        value={secret}
        required
        error={fieldError('secret')}
        help="Goes straight to the OS keychain; Keyward never shows it again."
        onChange={setSecret}
      />
      {sideBySide && (
        <>
          <div className={`field ${fieldError('name') ? 'field-error' : ''}`}>
            <label htmlFor="rotate-name">Name of the new token</label>
            <input id="rotate-name" value={name} onChange={(e) => setName(e.target.value)} required />
            {fieldError('name') && <small className="error-text">{fieldError('name')}</small>}
          </div>
          {policy?.scopes?.length ? (
            <FieldInput
              field={{
                key: 'scopes',
                label: 'Scopes (suggested from the old token; a token that names its own wins)',
                type: 'multiselect',
                required: false,
                help: 'What the new token was granted.',
                options: policy.scopes.map((s) => ({ value: s, label: s })),
              }}
              idPrefix="rotate"
              value={scopes}
              error={fieldError('scopes')}
              onChange={(v) => setScopes(Array.isArray(v) ? v : [])}
            />
          ) : null}
          {suggestedFields.map((field) => (
            <FieldInput
              key={field.key}
              field={{ ...field, help: `Suggested from the old key. ${field.help}` }}
              idPrefix="rotate"
              value={settings[field.key]}
              error={fieldError(field.key)}
              onChange={(v) => setSettings((cur) => ({ ...cur, [field.key]: v }))}
            />
          ))}
          {expiryAsked && (
            <div className={`field ${fieldError('expiresAt') ? 'field-error' : ''}`}>
              <label htmlFor="rotate-expires">
                Expiry of the new token{policy?.expiry?.kind === 'required' ? ' *' : ''}
              </label>
              <input
                id="rotate-expires"
                type="date"
                value={expiresAt}
                required={policy?.expiry?.kind === 'required'}
                onChange={(e) => setExpiresAt(e.target.value)}
              />
              {plan.suggestions.previousExpiresAt && policy?.expiry?.kind !== 'required' && (
                <label className="check">
                  <input type="checkbox" checked={noExpiry} onChange={(e) => setNoExpiry(e.target.checked)} />
                  The new token has no expiry
                </label>
              )}
              <small className={fieldError('expiresAt') ? 'error-text' : 'muted'}>
                {fieldError('expiresAt') ??
                  (plan.suggestions.previousExpiresAt
                    ? `The old token expires on ${localDay(plan.suggestions.previousExpiresAt)}.`
                    : 'Empty: no expiry.')}
              </small>
            </div>
          )}
        </>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy || secret.trim().length < 8}>
          {busy ? 'Checking…' : `Check and ${sideBySide ? 'switch' : 'store the new value'}`}
        </button>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </form>
  );
}
