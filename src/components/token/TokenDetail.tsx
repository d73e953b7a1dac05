import { useState } from 'react';
import type { CheckResult, TokenSummary, TokenView } from '../../../electron/contract';
import { call } from '../../lib/api';
import { credentialFor } from '../../lib/format';
import { OUTCOME_LABELS } from '../../lib/inventory';
import { useQuery, write, writeResult } from '../../lib/query';
import { useProviders, useSupportMode, useVault } from '../../state/vault-store';
import { ConfirmDialog } from '../ConfirmDialog';
import { useTransient } from '../shell/use-transient';
import { RotateDialog } from './RotateDialog';
import { TokenFacts } from './TokenFacts';
import { TokenAudit, TokenHistory } from './TokenHistory';
import { TokenLineage } from './TokenLineage';

type Pending = 'revoke' | 'delete' | null;

/** Whether a token was rotated away and no check has shown it dead yet: the user still has to revoke it. */
export const awaitingRevocation = (t: TokenSummary): boolean =>
  t.status === 'rotated' && t.lastCheck?.outcome !== 'invalid';

/** One token: facts, expiry, checks, audit, lineage, and what can be done with it. */
export function TokenDetail({ tokenId }: { tokenId: string }) {
  const { data: view, error } = useQuery('getToken', { id: tokenId });
  const back = useVault((s) => s.back);
  if (view && view.token.id === tokenId) return <TokenSections view={view} />;
  if (error?.code === 'not_found') {
    return (
      <section className="token-detail" aria-labelledby="token-title">
        <h2 id="token-title">Token not found</h2>
        <p className="muted">It was deleted, perhaps from another window or the command line.</p>
        <button type="button" onClick={back}>
          Back
        </button>
      </section>
    );
  }
  return null;
}

function TokenSections({ view }: { view: TokenView }) {
  const t = view.token;
  const providers = useProviders();
  const supportMode = useSupportMode();
  const back = useVault((s) => s.back);
  const show = useVault((s) => s.show);
  // Only this token's findings, asked from main, in its order (most severe, then soonest due).
  const tokenFindings = useQuery('getFindings', { tokenId: t.id }).data;
  const lineageIds = [t.rotatedFrom, t.rotatedTo].filter((id): id is string => id !== null);
  const lineage = useQuery('getNames', lineageIds.length ? { tokenIds: lineageIds } : null).data?.tokens;
  const [pending, setPending] = useState<Pending>(null);
  const [rotating, setRotating] = useState(false);
  const [message, setMessage] = useTransient<string>();
  const [checking, setChecking] = useState(false);
  const [checkResult, setCheckResult] = useState<string | null>(null);

  const provider = providers.find((p) => p.id === view.providerId);
  const credential = credentialFor(provider, t.kind);
  const from = lineage?.find((n) => n.id === t.rotatedFrom);
  const to = lineage?.find((n) => n.id === t.rotatedTo);
  const providerLabel = provider?.name ?? view.providerName;
  const history: CheckResult[] = t.checkHistory.length ? t.checkHistory : t.lastCheck ? [t.lastCheck] : [];

  async function copy() {
    setMessage(null);
    const res = await call('copySecret', { tokenId: t.id });
    if (!res.ok) {
      setMessage(`Not copied: ${res.error.message}`, Infinity);
      return;
    }
    const s = res.value.clearsInSeconds;
    // True until main clears the clipboard: the message goes then.
    if (s > 0) setMessage(`Copied; the clipboard clears in ${s} s.`, s * 1000);
    else setMessage('Copied; the clipboard is not cleared automatically (see Settings).');
  }

  async function checkNow() {
    setChecking(true);
    setCheckResult(null);
    try {
      const res = await writeResult(
        'checkTokens',
        { runId: crypto.randomUUID(), selection: { tokenIds: [t.id] } },
        { long: true },
      );
      if (!res.ok) setCheckResult(`The check did not run: ${res.error.message}`);
      else {
        const summary = res.value;
        const r = summary.results[0];
        setCheckResult(
          r
            ? `${OUTCOME_LABELS[r.outcome]}: ${r.detail}`
            : summary.withoutSecret
              ? 'Not checked: no secret is stored for this token.'
              : 'Not checked.',
        );
      }
    } finally {
      setChecking(false);
    }
  }

  async function setStatus(status: TokenSummary['status']) {
    const res = await write('updateToken', { id: t.id, status });
    if (res)
      setMessage(
        status === 'inactive'
          ? `Deactivated in Keyward. It still works at ${providerLabel} until you revoke it there.`
          : status === 'active'
            ? 'Reactivated.'
            : status === 'revoked'
              ? `Marked revoked in Keyward. Revoke it at ${providerLabel} too if you have not: Keyward cannot do that for you.`
              : null,
        20_000,
      );
  }

  async function confirm() {
    const what = pending;
    setPending(null);
    if (what === 'revoke') await setStatus('revoked');
    if (what === 'delete' && (await write('deleteToken', { id: t.id }))) back();
  }

  return (
    <section className="token-detail" aria-labelledby="token-title">
      <div className="detail-nav">
        <button type="button" className="small" onClick={back} aria-keyshortcuts="Escape">
          ← Back
        </button>
      </div>
      <header className="store-head">
        <div>
          <h2 id="token-title">{t.name}</h2>
          <p className="muted">
            <span className={`status status-${t.status}`}>{t.status}</span> {providerLabel}
            {t.mode ? ` ${t.mode}` : ''} · {credential?.label ?? t.kind} ·{' '}
            {view.storeLabel !== null ? (
              <button type="button" className="link" onClick={() => show({ kind: 'store', storeId: t.storeId })}>
                {view.storeLabel}
              </button>
            ) : (
              'no store'
            )}
            {view.clientName !== null ? ` · ${view.clientName}` : ''}
          </p>
        </div>
      </header>
      <div className="actions detail-actions" role="toolbar" aria-label="Token actions">
        {!supportMode && t.secret && (
          <button type="button" className="primary" onClick={() => void copy()}>
            Copy secret
          </button>
        )}
        <button type="button" onClick={() => void checkNow()} disabled={checking || !t.secret}>
          {checking ? 'Checking…' : 'Check now'}
        </button>
        {!supportMode && (t.status === 'active' || t.status === 'inactive' || t.status === 'expired') && (
          <button type="button" onClick={() => setRotating(true)}>
            Rotate…
          </button>
        )}
        {!supportMode && t.status === 'active' && (
          <button type="button" onClick={() => void setStatus('inactive')}>
            Deactivate
          </button>
        )}
        {!supportMode && t.status === 'inactive' && (
          <button type="button" onClick={() => void setStatus('active')}>
            Reactivate
          </button>
        )}
        {!supportMode && t.status !== 'revoked' && (
          <button type="button" className="danger" onClick={() => setPending('revoke')}>
            Mark revoked…
          </button>
        )}
        {!supportMode && (
          <button type="button" className="danger" onClick={() => setPending('delete')}>
            Delete…
          </button>
        )}
      </div>
      {message && (
        <p className="banner" role="status" data-testid="token-message">
          {message}
        </p>
      )}
      {checkResult && (
        <p className="banner" role="status" data-testid="check-result">
          {checkResult}
        </p>
      )}
      {awaitingRevocation(t) && (
        <p className="banner banner-warning" data-testid="revoke-reminder">
          This token was rotated{to ? ` to ${to.name}` : ''}. Revoke it at {providerLabel}
          {provider?.tokenPageUrl ? (
            <>
              {' '}
              (
              <a href={provider.tokenPageUrl} target="_blank" rel="noreferrer">
                token page
              </a>
              )
            </>
          ) : null}
          , then run “Check now”: the reminder goes away when a check shows it dead.
        </p>
      )}
      {t.status === 'revoked' && t.lastCheck?.outcome !== 'invalid' && (
        <p className="banner banner-warning">
          Marked revoked in Keyward. If you have not yet, revoke it at {providerLabel}; a check that answers “invalid”
          confirms it.
        </p>
      )}

      <div className="detail-grid">
        <TokenFacts token={t} provider={provider} />
        <TokenLineage token={t} from={from} to={to} tokenFindings={tokenFindings} />
        <TokenHistory history={history} providerLabel={providerLabel} />
        <TokenAudit tokenId={t.id} />
      </div>

      {rotating && <RotateDialog token={t} provider={provider} onClose={() => setRotating(false)} />}
      {pending && (
        <ConfirmDialog
          title={pending === 'revoke' ? `Mark ${t.name} revoked?` : `Delete token ${t.name}?`}
          body={
            pending === 'revoke'
              ? `Keyward marks it revoked and stops counting it. This does not revoke it at ${providerLabel}: revoke it on ${providerLabel}'s token page, then run a check to confirm it is dead.`
              : `Keyward removes it and its keychain entry. The token still works at ${providerLabel} until you revoke it there.`
          }
          confirmLabel={pending === 'revoke' ? 'Mark revoked' : 'Delete'}
          onConfirm={() => void confirm()}
          onCancel={() => setPending(null)}
        />
      )}
    </section>
  );
}
