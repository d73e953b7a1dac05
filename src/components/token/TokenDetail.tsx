import { useEffect, useState } from 'react';
import type { CheckResult, TokenSummary, TokenView } from '../../../electron/contract';
import { call } from '../../lib/api';
import { credentialFor } from '../../lib/format';
import { OUTCOME_LABELS } from '../../lib/inventory';
import { useQuery, write, writeResult } from '../../lib/query';
import { TokenPageLink } from './TokenPageLink';
import { useProviders, useSupportMode, useVault } from '../../state/vault-store';
import { ConfirmDialog } from '../ConfirmDialog';
import { RetireWays } from './RetireWays';
import { useTransient } from '../shell/use-transient';
import { RotateDialog } from './RotateDialog';
import { TokenEditDialog } from './TokenEditDialog';
import { TokenFacts } from './TokenFacts';
import { TokenAudit, TokenHistory } from './TokenHistory';
import { TokenLineage } from './TokenLineage';

type Pending = 'revoke' | 'delete' | null;

/** Whether a token was rotated away and no check has shown it dead yet: the user still has to revoke it. */
export const awaitingRevocation = (t: TokenSummary): boolean =>
  t.status === 'rotated' && t.lastCheck?.outcome !== 'invalid';

/** One token: facts, expiry, checks, audit, lineage, and what can be done with it. */
export function TokenDetail({ tokenId, repaste = false }: { tokenId: string; repaste?: boolean }) {
  const { data: view, error } = useQuery('getToken', { id: tokenId });
  const back = useVault((s) => s.back);
  if (view && view.token.id === tokenId) return <TokenSections key={tokenId} view={view} repaste={repaste} />;
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

function TokenSections({ view, repaste }: { view: TokenView; repaste: boolean }) {
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
  const [editing, setEditing] = useState<'fields' | 'secret' | null>(repaste ? 'secret' : null);
  const plan = useQuery('getRotationPlan', { id: t.id }).data;
  const managedWhy = plan?.tokenId === t.id ? plan.managedWhy : null;
  const retire = plan?.tokenId === t.id ? (plan.rotation?.retire ?? []) : [];
  const canRotate = plan?.tokenId === t.id && plan.rotation !== null;

  // "e" opens the edit form from anywhere on the page but a field.
  useEffect(() => {
    if (supportMode) return;
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (e.key !== 'e' || e.ctrlKey || e.metaKey || e.altKey || target?.closest('input, textarea, select, dialog'))
        return;
      e.preventDefault();
      setEditing('fields');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [supportMode]);
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
        { runId: crypto.randomUUID(), selection: { tokenIds: [t.id] }, includeRetired: true },
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
    const way = retire.find((w) => w.status === status);
    if (res)
      setMessage(
        way
          ? `Marked ${status} in Keyward: record of “${way.label}”. ${way.text}`
          : status === 'inactive'
            ? `Deactivated in Keyward. It still works at ${providerLabel} until you retire it there.`
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
        {!supportMode && (
          <button type="button" onClick={() => setEditing('fields')} aria-keyshortcuts="E">
            Edit…
          </button>
        )}
        {!supportMode && canRotate && (
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
        {!supportMode && !managedWhy && t.status !== 'revoked' && (
          <button type="button" className="danger" onClick={() => setPending('revoke')}>
            Mark revoked…
          </button>
        )}
        {!supportMode && (
          <button type="button" className="danger" onClick={() => setPending('delete')}>
            {managedWhy ? 'Remove from Keyward…' : 'Delete…'}
          </button>
        )}
      </div>
      {managedWhy && (
        <p className="banner" data-testid="managed-why">
          {managedWhy}
        </p>
      )}
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
        <div data-testid="revoke-reminder">
          <p className="banner banner-warning">
            This token was rotated{to ? ` to ${to.name}` : ''}.{' '}
            {provider ? (
              <TokenPageLink provider={provider} storeId={t.storeId}>
                {`${providerLabel}’s token page`}
              </TokenPageLink>
            ) : null}{' '}
            The reminder goes away when a check shows it dead, or when you record how it was retired.
          </p>
          <RetireWays token={t} ways={retire} providerLabel={providerLabel} />
        </div>
      )}
      {t.status === 'revoked' && t.lastCheck?.outcome !== 'invalid' && (
        <p className="banner banner-warning">
          Marked revoked in Keyward. If you have not yet, retire it at {providerLabel}; a check that answers “invalid”
          confirms it.
        </p>
      )}

      <div className="detail-grid">
        <TokenFacts token={t} provider={provider} />
        <TokenLineage
          token={t}
          from={from}
          to={to}
          tokenFindings={tokenFindings}
          onRepaste={supportMode ? undefined : () => setEditing('secret')}
        />
        <TokenHistory history={history} providerLabel={providerLabel} />
        <TokenAudit tokenId={t.id} />
      </div>

      {editing && (
        <TokenEditDialog
          token={t}
          provider={provider}
          managedWhy={managedWhy}
          focusSecret={editing === 'secret'}
          onClose={() => setEditing(null)}
        />
      )}
      {rotating && <RotateDialog token={t} provider={provider} onClose={() => setRotating(false)} />}
      {pending && (
        <ConfirmDialog
          title={pending === 'revoke' ? `Mark ${t.name} revoked?` : `Delete token ${t.name}?`}
          body={
            pending === 'revoke'
              ? `Keyward marks it revoked and stops counting it. This does not retire it at ${providerLabel}${
                  retire.length ? ` (${retire.map((w) => w.label.toLowerCase()).join(' or ')})` : ''
                }: do that on ${providerLabel}'s token page, then run a check to confirm it is dead.`
              : managedWhy
                ? `Keyward forgets it and its keychain entry. ${managedWhy}`
                : `Keyward removes it and its keychain entry. The token still works at ${providerLabel} until you retire it there.`
          }
          confirmLabel={pending === 'revoke' ? 'Mark revoked' : 'Delete'}
          onConfirm={() => void confirm()}
          onCancel={() => setPending(null)}
        />
      )}
    </section>
  );
}
