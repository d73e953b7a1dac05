import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { AppErrorShape, ProviderDescriptor, Recognition, StoreProfile } from '../../electron/contract';
import { call } from '../lib/api';
import { isoDay, providerName, tokenDescription } from '../lib/format';
import { write } from '../lib/query';
import { useProviders, useVault } from '../state/vault-store';
import { cleanValues, FieldInput, type FieldValue } from './FieldInput';
import { RecognitionFacts, shapeField } from './RecognitionFacts';

const TOP_LEVEL = new Set(['mode', 'scopes', 'expiresAt', 'createdAt']);
/** Quiet time after a key in the secret field before its warnings count as settled. */
const TYPING_PAUSE_MS = 300;

interface Guess {
  /** The best guess over every provider. */
  best: Recognition | undefined;
  /** The best guess for this store's provider. */
  match: Recognition | undefined;
}

/**
 * The secret field is uncontrolled: its value is read from the input when needed (recognition, submit),
 * sent to main, and cleared. Only what main says about it (masked form, facts) is kept in state.
 */
export function AddTokenForm({
  store,
  provider,
  onDone,
}: {
  store: StoreProfile;
  provider: ProviderDescriptor;
  onDone(): void;
}) {
  const error = useVault((s) => s.error);
  const dismissError = useVault((s) => s.dismissError);
  const providers = useProviders();
  const [kind, setKind] = useState(provider.credentials[0]!.kind);
  const [name, setName] = useState('');
  const [values, setValues] = useState<Record<string, FieldValue | undefined>>({});
  const [guess, setGuess] = useState<Guess | null>(null);
  /** Values filled from recognition; sent only if the user changed them, so main keeps their source. */
  const prefilled = useRef<Record<string, FieldValue | undefined>>({});
  /** What the user set by hand (field keys, and "kind"): recognition, which runs as the secret is typed, leaves it be. */
  const touched = useRef(new Set<string>());
  const [busy, setBusy] = useState(false);
  /** A recognition is on its way: the facts and fields below may still change. */
  const [recognising, setRecognising] = useState(false);
  /** The secret is being typed: its warnings change with each key, so screen readers hear them once it pauses. */
  const [typing, setTyping] = useState(false);
  const typingTimer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(typingTimer.current), []);
  /** The message main gave when this form's save was refused (the app shows one message at a time). */
  const refusal = useRef<AppErrorShape | null>(null);
  const secretRef = useRef<HTMLInputElement>(null);
  const lastRecognised = useRef(0);
  const credential = provider.credentials.find((c) => c.kind === kind) ?? provider.credentials[0]!;
  const fieldErrors = error?.fields ?? {};

  async function recognise() {
    const secret = secretRef.current?.value.trim() ?? '';
    const ticket = ++lastRecognised.current;
    if (secret.length < 8) {
      setGuess(null);
      setRecognising(false);
      prefill(null);
      return;
    }
    setRecognising(true);
    let result: Awaited<ReturnType<typeof call<'recognizeSecret'>>>;
    try {
      result = await call('recognizeSecret', { secret });
    } finally {
      if (ticket === lastRecognised.current) setRecognising(false);
    }
    if (ticket !== lastRecognised.current) return;
    if (!result.ok) {
      setGuess(null);
      prefill(null);
      return;
    }
    const best = result.value[0];
    const match = result.value.find((r) => r.provider === provider.id);
    setGuess({ best, match });
    prefill(match ?? null);
  }

  /** Fills what the secret says (nothing when it says nothing for this provider), around what the user set by hand. */
  function prefill(match: Recognition | null) {
    const chosen =
      touched.current.has('kind') || !match
        ? credential
        : (provider.credentials.find((c) => c.kind === match.kind) ?? credential);
    if (chosen.kind !== kind) setKind(chosen.kind);
    const keys = new Set(chosen.fields.map((f) => f.key).filter((k) => !touched.current.has(k)));
    const fill: Record<string, FieldValue | undefined> = {};
    if (match) {
      if (keys.has('mode') && match.mode) fill.mode = match.mode;
      if (keys.has('scopes') && match.facts.scopes?.length) fill.scopes = match.facts.scopes;
      if (keys.has('expiresAt') && match.facts.expiresAt) fill.expiresAt = isoDay(match.facts.expiresAt);
      if (keys.has('createdAt') && match.facts.createdAt) fill.createdAt = isoDay(match.facts.createdAt);
      for (const [key, value] of Object.entries(match.facts.settings)) if (keys.has(key)) fill[key] = value;
    }
    // What an earlier reading filled and this one does not is taken back, unless the user has set it since.
    const stale = Object.keys(prefilled.current).filter((k) => !(k in fill) && !touched.current.has(k));
    prefilled.current = fill;
    setValues((prev) => {
      const next = { ...prev, ...fill };
      for (const k of stale) delete next[k];
      return next;
    });
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const secret = secretRef.current?.value.trim() ?? '';
    setBusy(true);
    try {
      const cleaned = cleanValues(values);
      // A date read from the token stays "read from the token": main derives it again from the secret.
      if (secret && cleaned.expiresAt !== undefined && cleaned.expiresAt === prefilled.current.expiresAt)
        delete cleaned.expiresAt;
      const settings = Object.fromEntries(Object.entries(cleaned).filter(([k]) => !TOP_LEVEL.has(k)));
      const token = await write('createToken', {
        storeId: store.id,
        name,
        kind,
        ...(secret ? { secret } : {}),
        ...(typeof cleaned.mode === 'string' ? { mode: cleaned.mode as 'live' | 'test' } : {}),
        ...(Array.isArray(cleaned.scopes) ? { scopes: cleaned.scopes } : {}),
        ...(typeof cleaned.expiresAt === 'string' ? { expiresAt: cleaned.expiresAt } : {}),
        settings,
      });
      refusal.current = token ? null : useVault.getState().error;
      if (token) {
        if (secretRef.current) secretRef.current.value = '';
        onDone();
      }
    } finally {
      setBusy(false);
    }
  }

  const match = guess?.match;
  const best = guess?.best;
  const elsewhere =
    best && best.provider !== provider.id && best.confidence > (match?.confidence ?? 0) ? best : undefined;
  const matchCredential = match ? provider.credentials.find((c) => c.kind === match.kind) : undefined;
  const formatProblem = match?.facts.formatProblem;
  const secretError = fieldErrors.secret;

  return (
    <form className="panel" onSubmit={submit} aria-labelledby="add-token-title" noValidate>
      <h3 id="add-token-title">Add a token to {store.label}</h3>
      {provider.credentials.length > 1 && (
        <div className="field">
          <label htmlFor="token-kind">Credential</label>
          <select
            id="token-kind"
            value={kind}
            onChange={(e) => {
              touched.current.add('kind');
              setKind(e.target.value as typeof kind);
            }}
          >
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
        <input
          id="token-name"
          required
          maxLength={120}
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="As named at the provider"
        />
        <small className={fieldErrors.name ? 'error-text' : 'muted'}>
          {fieldErrors.name ?? 'Use the name it has at the provider.'}
        </small>
      </div>
      <div className={`field ${secretError ? 'field-error' : ''}`}>
        <label htmlFor="token-secret">{credential.secretLabel}</label>
        <input
          id="token-secret"
          ref={secretRef}
          type="password"
          autoComplete="off"
          spellCheck={false}
          aria-describedby="token-secret-help token-secret-recognition"
          aria-invalid={secretError ? true : undefined}
          // Read as it changes (paste, typing, autofill, drop), not on blur: the facts and fields it adds move the
          // Save button, and a click whose mousedown blurred the field would land beside it.
          onInput={() => {
            setTyping(true);
            window.clearTimeout(typingTimer.current);
            typingTimer.current = window.setTimeout(() => setTyping(false), TYPING_PAUSE_MS);
            void recognise();
          }}
        />
        <small id="token-secret-help" className={secretError ? 'error-text' : 'muted'}>
          {secretError ?? `${credential.secretHelp} Stored in your OS keychain only; Keyward never shows it again.`}
        </small>
        <div id="token-secret-recognition" aria-live="polite" aria-busy={recognising || typing}>
          {formatProblem && (
            <p className="hint hint-warning" role="status">
              <span aria-hidden="true">⚠ </span>
              {formatProblem}
            </p>
          )}
          {guess && !match && !elsewhere && (
            <p className="hint hint-warning" role="status">
              <span aria-hidden="true">⚠ </span>
              Keyward does not recognise this as a {provider.name} token. Check that the whole value was copied.
            </p>
          )}
          {elsewhere && (
            <p className="hint hint-warning" role="status">
              <span aria-hidden="true">⚠ </span>
              This looks like a{/^[aeiou]/i.test(providerName(providers, elsewhere.provider)) ? 'n' : ''}{' '}
              {tokenDescription(providerName(providers, elsewhere.provider), elsewhere.mode)}, not a {provider.name}{' '}
              token.
            </p>
          )}
        </div>
      </div>
      {match && (
        <RecognitionFacts
          match={match}
          provider={provider}
          credentialLabel={matchCredential && provider.credentials.length > 1 ? matchCredential.label : null}
          expiryPolicy={matchCredential?.policy?.expiry}
        />
      )}
      {credential.fields.map((field) => {
        const shaped = shapeField(field, credential.policy, values);
        if (!shaped) return null;
        return (
          <div key={field.key}>
            <FieldInput
              field={shaped.field}
              idPrefix="token"
              value={values[field.key]}
              error={fieldErrors[field.key] ?? fieldErrors[`settings.${field.key}`]}
              onChange={(v) => {
                touched.current.add(field.key);
                setValues((prev) => ({ ...prev, [field.key]: v }));
              }}
            />
            {shaped.note && (
              <p className="hint hint-warning field-note" role="note">
                {shaped.note}
              </p>
            )}
          </div>
        );
      })}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save token'}
        </button>
        <button
          type="button"
          onClick={() => {
            // A refused save's message belongs to this form: it goes with it (others stay).
            if (error && error === refusal.current) dismissError();
            onDone();
          }}
        >
          Cancel
        </button>
      </div>
    </form>
  );
}
