import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { AppErrorShape, CheckResult, KnownSecret, Recognition } from '../../electron/contract';
import { call } from '../lib/api';
import { localDay } from '../lib/format';
import { OUTCOME_LABELS } from '../lib/inventory';
import { useProviders } from '../state/vault-store';
import { cleanValues, FieldInput, type FieldValue } from './FieldInput';

interface Card {
  provider: string;
  masked: string;
  mode: string | null;
  result: CheckResult;
  scopes: string[];
  expiresAt: string | null | undefined;
  /** The expiry is a provider rule's estimate (a Printify token whose expiry could not be read). */
  estimated?: boolean;
  /** The vault's token this value is, or was, and what that means. */
  known: KnownSecret | null;
}

/** What the vault and the check say together: a retired value that still works means the retirement did not happen. */
export function vaultVerdict(known: KnownSecret, result: CheckResult): string {
  const works = result.outcome === 'valid' || result.outcome === 'restricted';
  const retired = !known.current || known.status === 'revoked' || known.status === 'rotated';
  if (retired && works)
    return known.current && known.status === 'rotated'
      ? `${known.name} was rotated and still works: retire it at the provider now.`
      : `${known.name}: this value still works although it was ${known.current ? 'revoked' : 'replaced'}: the ${known.current ? 'revoke' : 'rotate'} did not happen at the provider.`;
  return known.meaning;
}

/** The status card as plain text: what support pastes into a ticket. No secret, only the masked form. */
export function cardText(c: Card): string {
  const lines = [
    `Keyward quick check: ${c.provider}${c.mode ? ` (${c.mode})` : ''}`,
    `Token: ${c.masked}`,
    `Outcome: ${OUTCOME_LABELS[c.result.outcome]}${c.result.httpStatus ? ` (HTTP ${c.result.httpStatus})` : ''}`,
    `Detail: ${c.result.detail}`,
    `Scopes: ${c.scopes.length ? c.scopes.join(', ') : 'not shown by the token'}`,
    `Expires: ${c.expiresAt ? `${localDay(c.expiresAt)}${c.estimated ? ' (estimated)' : ''}` : c.expiresAt === null ? 'never' : 'unknown'}`,
    `Checked: ${c.result.checkedAt}`,
    ...(c.known
      ? [
          `In the vault: ${c.known.name} (${c.known.status}) in ${c.known.storeLabel}: ${vaultVerdict(c.known, c.result)}`,
        ]
      : []),
  ];
  return lines.join('\n');
}

/** Support's quick check: paste a token, Keyward recognises and checks it, saves nothing, shows a redacted card. */
export function QuickCheckView() {
  const providers = useProviders();
  const [secret, setSecret] = useState('');
  const [recognitions, setRecognitions] = useState<Recognition[]>([]);
  const [providerId, setProviderId] = useState('');
  const [identifiers, setIdentifiers] = useState<Record<string, FieldValue | undefined>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [card, setCard] = useState<Card | null>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const [known, setKnown] = useState<KnownSecret | null>(null);
  const seq = useRef(0);
  const provider = providers.find((p) => p.id === providerId);
  const recognition = recognitions.find((r) => r.provider === providerId) ?? null;

  useEffect(() => {
    const value = secret.trim();
    const n = ++seq.current;
    if (value.length < 8) {
      setRecognitions([]);
      setKnown(null);
      return;
    }
    const timer = setTimeout(() => {
      void call('recognizeSecret', { secret: value }).then((res) => {
        if (n !== seq.current || !res.ok) return;
        setRecognitions(res.value);
        const best = res.value[0];
        // Text that looks like no provider's token clears the choice made for an earlier value.
        setProviderId((cur) => (!best ? '' : cur && res.value.some((r) => r.provider === cur) ? cur : best.provider));
      });
      void call('findSecretInVault', { secret: value }).then((res) => {
        if (n !== seq.current) return;
        const found = res.ok ? res.value : null;
        setKnown(found);
        if (found?.providerId) setProviderId(found.providerId);
      });
    }, 120);
    return () => clearTimeout(timer);
  }, [secret]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!provider) return;
    setBusy(true);
    setCopied(null);
    const value = secret;
    const rec = recognition;
    try {
      const res = await call('quickCheck', {
        provider: provider.id,
        ...(rec ? { kind: rec.kind, mode: rec.mode } : {}),
        identifiers: cleanValues(identifiers),
        secret: value,
      });
      if (!res.ok) {
        setError(res.error);
        return;
      }
      setError(null);
      // The value is not kept once checked: only the masked form stays on screen.
      setSecret('');
      setCard({
        provider: provider.name,
        masked: rec?.facts.masked ?? 'not recognised (masked form unavailable)',
        mode: rec?.mode ?? null,
        result: res.value,
        scopes: rec?.facts.scopes ?? (known?.current ? known.scopes : []),
        expiresAt: rec?.facts.expiresAt ?? (known?.current ? known.expiresAt : undefined),
        estimated: rec?.facts.expirySource === 'provider-rule',
        known,
      });
    } finally {
      setBusy(false);
    }
  }

  async function copyCard() {
    if (!card) return;
    try {
      await navigator.clipboard.writeText(cardText(card));
      setCopied('Status card copied (no secret in it).');
    } catch {
      setCopied('Could not reach the clipboard; select the card text and copy it.');
    }
  }

  return (
    <section className="quick-check" aria-labelledby="quick-title">
      <h2 id="quick-title">Quick check</h2>
      <p className="muted">
        Paste a token to learn whether it works, what it can do and when it dies. Nothing is saved; the value is dropped
        once checked.
      </p>
      <form className="panel" onSubmit={(e) => void submit(e)} aria-label="Quick check a token">
        <div className="field">
          <label htmlFor="quick-secret">Token *</label>
          <input
            id="quick-secret"
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={secret}
            onChange={(e) => setSecret(e.target.value)}
          />
        </div>
        {recognitions.length > 0 && recognition && (
          <p className="hint" role="status">
            Looks like a {providers.find((p) => p.id === recognition.provider)?.name ?? recognition.provider}{' '}
            {recognition.mode ? `${recognition.mode} ` : ''}
            {recognition.kind === 'api-key' ? 'API key' : 'access token'}:{' '}
            <code className="masked">{recognition.facts.masked}</code>
          </p>
        )}
        {known && (
          <p className="hint" role="status" data-testid="quick-known">
            In your vault: <strong>{known.name}</strong> ({known.status}) in {known.storeLabel}. {known.meaning}
          </p>
        )}
        <div className="field">
          <label htmlFor="quick-provider">Provider *</label>
          <select id="quick-provider" value={providerId} onChange={(e) => setProviderId(e.target.value)}>
            <option value="">Choose…</option>
            {providers.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        {provider?.storeFields.map((field) => (
          <FieldInput
            key={`${provider.id}-${field.key}`}
            field={field}
            idPrefix="quick"
            value={identifiers[field.key]}
            error={error?.fields?.[`identifiers.${field.key}`]}
            onChange={(v) => setIdentifiers((cur) => ({ ...cur, [field.key]: v }))}
          />
        ))}
        {error && (
          <p className="banner banner-error" role="alert">
            {error.message}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy || !provider || secret.trim().length < 8}>
            {busy ? 'Checking…' : 'Check token'}
          </button>
        </div>
      </form>
      {card && (
        <section className="panel status-card" aria-labelledby="card-title" data-testid="status-card">
          <h3 id="card-title">Status card</h3>
          <dl className="facts">
            <div>
              <dt>Provider</dt>
              <dd>
                {card.provider}
                {card.mode ? ` (${card.mode})` : ''}
              </dd>
            </div>
            <div>
              <dt>Token</dt>
              <dd>
                <code className="masked">{card.masked}</code>
              </dd>
            </div>
            <div>
              <dt>Outcome</dt>
              <dd>
                <strong className={`outcome outcome-${card.result.outcome}`}>
                  {OUTCOME_LABELS[card.result.outcome]}
                </strong>
                {card.result.httpStatus ? ` · HTTP ${card.result.httpStatus}` : ''}
              </dd>
            </div>
            <div>
              <dt>Detail</dt>
              <dd>{card.result.detail}</dd>
            </div>
            <div>
              <dt>Scopes</dt>
              <dd>
                {card.scopes.length ? card.scopes.join(', ') : <span className="muted">not shown by the token</span>}
              </dd>
            </div>
            {card.known && (
              <div>
                <dt>In the vault</dt>
                <dd data-testid="card-known">
                  {card.known.name} ({card.known.status}) · {vaultVerdict(card.known, card.result)}
                </dd>
              </div>
            )}
            <div>
              <dt>Expires</dt>
              <dd>
                {card.expiresAt
                  ? `${localDay(card.expiresAt)}${card.estimated ? ' (estimated)' : ''}`
                  : card.expiresAt === null
                    ? 'never'
                    : 'unknown'}
              </dd>
            </div>
          </dl>
          <div className="actions">
            <button type="button" onClick={() => void copyCard()}>
              Copy status card
            </button>
            {copied && (
              <span role="status" className="muted">
                {copied}
              </span>
            )}
          </div>
        </section>
      )}
    </section>
  );
}
