import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { AppErrorShape, ChannelOutput, ProviderDescriptor, TokenSummary } from '../../../electron/contract';
import { writeResult } from '../../lib/query';
import { TokenPageLink } from './TokenPageLink';
import { OUTCOME_LABELS } from '../../lib/inventory';
import { useVault } from '../../state/vault-store';

type Rotated = ChannelOutput<'rotateToken'>;

/**
 * Guided rotation: open the provider's token page, paste the new token, Keyward checks it before switching,
 * then shows old -> new lineage and what is left to do at the provider. The pasted value is dropped as soon
 * as it is sent.
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
  const openToken = useVault((s) => s.openToken);
  const [secret, setSecret] = useState('');
  const [name, setName] = useState(token.name);
  const [expiresAt, setExpiresAt] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [done, setDone] = useState<Rotated | null>(null);
  const providerLabel = provider?.name ?? 'the provider';

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    const value = secret;
    setSecret('');
    try {
      const res = await writeResult('rotateToken', {
        tokenId: token.id,
        secret: value,
        ...(name.trim() && name.trim() !== token.name ? { name: name.trim() } : {}),
        ...(expiresAt ? { expiresAt } : {}),
      });
      if (!res.ok) {
        setError(res.error);
        return;
      }
      setError(null);
      setDone(res.value);
    } finally {
      setBusy(false);
    }
  }

  const switched = done?.oldToken.status === 'rotated';

  return (
    <dialog ref={ref} className="dialog dialog-wide" aria-labelledby="rotate-title" onCancel={onClose}>
      <h2 id="rotate-title">Rotate {token.name}</h2>
      {!done ? (
        <form onSubmit={(e) => void submit(e)}>
          <ol className="steps">
            <li>
              Create a new token at {providerLabel}:{' '}
              <TokenPageLink provider={provider} storeId={token.storeId}>
                {`open ${providerLabel}’s token page`}
              </TokenPageLink>
              .
            </li>
            <li>Paste the new token below. Keyward checks it at {providerLabel} before switching.</li>
            <li>After the switch, revoke the old token at {providerLabel}.</li>
          </ol>
          {error && (
            <p className="banner banner-error" role="alert">
              {error.message}
            </p>
          )}
          <div className="field">
            <label htmlFor="rotate-secret">New token *</label>
            <input
              id="rotate-secret"
              type="password"
              autoComplete="off"
              spellCheck={false}
              value={secret}
              onChange={(e) => setSecret(e.target.value)}
              required
            />
            <small className="muted">Goes straight to the OS keychain; Keyward never shows it again.</small>
          </div>
          <div className="field-row">
            <div className="field">
              <label htmlFor="rotate-name">Name of the new token</label>
              <input id="rotate-name" value={name} onChange={(e) => setName(e.target.value)} />
            </div>
            <div className="field">
              <label htmlFor="rotate-expires">Expires (if the provider shows a date)</label>
              <input id="rotate-expires" type="date" value={expiresAt} onChange={(e) => setExpiresAt(e.target.value)} />
            </div>
          </div>
          <div className="actions">
            <button type="submit" className="primary" disabled={busy || secret.trim().length < 8}>
              {busy ? 'Checking…' : 'Check and rotate'}
            </button>
            <button type="button" onClick={onClose}>
              Close
            </button>
          </div>
        </form>
      ) : (
        <div role="status" data-testid="rotate-result">
          <p>
            New token check:{' '}
            {done.check ? (
              <strong className={`outcome outcome-${done.check.outcome}`}>
                {OUTCOME_LABELS[done.check.outcome]}
                {done.check.httpStatus ? ` (HTTP ${done.check.httpStatus})` : ''}
              </strong>
            ) : (
              <strong>not checked</strong>
            )}
            {done.check?.detail ? <span className="muted"> · {done.check.detail}</span> : null}
          </p>
          {switched ? (
            <>
              <p className="lineage" aria-label="Lineage">
                <button type="button" className="link" onClick={() => openToken(done.oldToken.id)}>
                  {done.oldToken.name} (rotated)
                </button>{' '}
                →{' '}
                <button type="button" className="link" onClick={() => openToken(done.newToken.id)}>
                  {done.newToken.name} (active)
                </button>
              </p>
              <p className="banner banner-warning">
                Revoke the old token at {providerLabel}. Keyward keeps reminding you until a check shows the old token
                is dead.
              </p>
            </>
          ) : (
            <p className="banner banner-error">
              The old token was not switched: {providerLabel} did not accept the new token. Check the value and try
              again.
            </p>
          )}
          <div className="actions">
            <button
              type="button"
              className="primary"
              onClick={() => {
                onClose();
                openToken(done.newToken.id);
              }}
            >
              Open the new token
            </button>
            <button type="button" onClick={onClose}>
              Close
            </button>
          </div>
        </div>
      )}
    </dialog>
  );
}
