import { useEffect, useState, type ReactNode } from 'react';
import type { AuditEntry, CheckResult, TokenSummary } from '../../../electron/contract';
import { call } from '../../lib/api';
import { credentialFor, expirySourceText, KIND_LABELS, localDay, rateLimitText } from '../../lib/format';
import { OUTCOME_LABELS, relativeDays } from '../../lib/inventory';
import { useFindingsAbout } from '../../lib/use-findings';
import { useInventoryIndex } from '../../lib/use-index';
import { useVault } from '../../state/vault-store';
import { ConfirmDialog } from '../ConfirmDialog';
import { RotateDialog } from './RotateDialog';

type Pending = 'revoke' | 'delete' | null;

/** Whether a token was rotated away and no check has shown it dead yet: the user still has to revoke it. */
export const awaitingRevocation = (t: TokenSummary): boolean =>
  t.status === 'rotated' && t.lastCheck?.outcome !== 'invalid';

/** One token: facts, expiry, checks, audit, lineage, and what can be done with it. */
export function TokenDetail({ tokenId }: { tokenId: string }) {
  const index = useInventoryIndex();
  const { providers, supportMode, run, back, openToken, show, snapshot } = useVault();
  // Only this token's findings, asked from main, in its order (most severe, then soonest due).
  const tokenFindings = useFindingsAbout({ tokenId });
  const [pending, setPending] = useState<Pending>(null);
  const [rotating, setRotating] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  const [checkResult, setCheckResult] = useState<string | null>(null);
  const [audit, setAudit] = useState<AuditEntry[] | null>(null);
  const [auditError, setAuditError] = useState<string | null>(null);
  const row = index?.byId.get(tokenId);
  const revision = snapshot?.revision;

  useEffect(() => {
    let live = true;
    void call('getAuditLog', { subjectId: tokenId, limit: 50 }).then((res) => {
      if (!live) return;
      if (res.ok) {
        setAudit(res.value);
        setAuditError(null);
      } else setAuditError(res.error.message);
    });
    return () => {
      live = false;
    };
  }, [tokenId, revision]);

  useEffect(() => {
    setMessage(null);
    setCheckResult(null);
  }, [tokenId]);

  // The snapshot leaves check histories out; this token's is asked for when it opens or changes.
  const [checkHistory, setCheckHistory] = useState<{ id: string; history: CheckResult[] } | null>(null);
  useEffect(() => {
    let live = true;
    void call('getTokenHistory', { id: tokenId }).then((res) => {
      if (live && res.ok) setCheckHistory(res.value);
    });
    return () => {
      live = false;
    };
  }, [tokenId, revision]);

  if (!index) return null;
  if (!row) {
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

  const t = row.token;
  const provider = providers.find((p) => p.id === row.providerId);
  const credential = credentialFor(provider, t.kind);
  const policy = credential?.policy;
  const from = t.rotatedFrom ? index.byId.get(t.rotatedFrom)?.token : undefined;
  const to = t.rotatedTo ? index.byId.get(t.rotatedTo)?.token : undefined;
  const providerLabel = provider?.name ?? row.providerName;
  const fetched = checkHistory?.id === t.id ? checkHistory.history : [];
  const history: CheckResult[] = fetched.length ? fetched : t.lastCheck ? [t.lastCheck] : [];

  const accessLevel = policy?.accessLevelKey ? t.settings[policy.accessLevelKey] : undefined;
  const accessLabel =
    accessLevel !== undefined
      ? (policy?.accessLevels?.find((l) => l.value === accessLevel)?.label ?? String(accessLevel))
      : undefined;
  const rate = policy?.rateLimit ? t.settings[policy.rateLimit.settingKey] : undefined;
  const allowlist = policy?.ipAllowlistKey ? t.settings[policy.ipAllowlistKey] : undefined;
  const managedBy = policy?.managedByKey ? t.settings[policy.managedByKey] : undefined;
  const fieldLabel = (key: string) => credential?.fields.find((f) => f.key === key)?.label ?? key;
  const shownKeys = new Set(
    [policy?.accessLevelKey, policy?.rateLimit?.settingKey, policy?.ipAllowlistKey, policy?.managedByKey].filter(
      Boolean,
    ),
  );
  const otherSettings = Object.entries(t.settings).filter(([k]) => !shownKeys.has(k));
  const asText = (v: unknown) => (Array.isArray(v) ? v.join(', ') : String(v));

  async function copy() {
    setMessage(null);
    const res = await call('copySecret', { tokenId: t.id });
    if (!res.ok) {
      setMessage(`Not copied: ${res.error.message}`);
      return;
    }
    const s = res.value.clearsInSeconds;
    setMessage(
      s > 0
        ? `Copied; the clipboard clears in ${s} s.`
        : 'Copied; the clipboard is not cleared automatically (see Settings).',
    );
  }

  async function checkNow() {
    setChecking(true);
    setCheckResult(null);
    try {
      const res = await call('checkTokens', { runId: crypto.randomUUID(), selection: { tokenIds: [t.id] } });
      if (!res.ok) setCheckResult(`The check did not run: ${res.error.message}`);
      else {
        const r = res.value.results[0];
        setCheckResult(
          r
            ? `${OUTCOME_LABELS[r.outcome]}: ${r.detail}`
            : res.value.withoutSecret
              ? 'Not checked: no secret is stored for this token.'
              : 'Not checked.',
        );
      }
      await useVault.getState().refresh();
    } finally {
      setChecking(false);
    }
  }

  async function setStatus(status: TokenSummary['status']) {
    const res = await run('updateToken', { id: t.id, status });
    if (res)
      setMessage(
        status === 'inactive'
          ? `Deactivated in Keyward. It still works at ${providerLabel} until you revoke it there.`
          : status === 'active'
            ? 'Reactivated.'
            : status === 'revoked'
              ? `Marked revoked in Keyward. Revoke it at ${providerLabel} too if you have not: Keyward cannot do that for you.`
              : null,
      );
  }

  async function confirm() {
    const what = pending;
    setPending(null);
    if (what === 'revoke') await setStatus('revoked');
    if (what === 'delete' && (await run('deleteToken', { id: t.id }))) back();
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
            {row.store ? (
              <button type="button" className="link" onClick={() => show({ kind: 'store', storeId: row.store!.id })}>
                {row.store.label}
              </button>
            ) : (
              'no store'
            )}
            {row.client ? ` · ${row.client.name}` : ''}
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
        <section className="panel" aria-labelledby="facts-title">
          <h3 id="facts-title">Facts</h3>
          <dl className="facts">
            <Fact label="Fingerprint">
              {t.secret ? (
                <code className="masked">{t.secret.masked}</code>
              ) : (
                <span className="muted">no secret stored</span>
              )}
            </Fact>
            {t.secret && (
              <Fact label="SHA-256">
                <code className="masked" title="Used to spot duplicates; not the secret.">
                  {t.secret.fingerprint.slice(0, 12)}…
                </code>
              </Fact>
            )}
            {t.secret?.formatProblem && <Fact label="Format">{t.secret.formatProblem}</Fact>}
            <Fact label="Mode">{t.mode ?? '—'}</Fact>
            <Fact label="Scopes">
              {t.scopes.length ? t.scopes.join(', ') : <span className="muted">none recorded</span>}
            </Fact>
            {accessLabel !== undefined && <Fact label="Access level">{accessLabel}</Fact>}
            {rate !== undefined && <Fact label="Rate limit">{asText(rate)} requests per minute</Fact>}
            {policy?.ipAllowlistKey && (
              <Fact label="IP allowlist">
                {allowlist !== undefined && asText(allowlist).trim() ? (
                  asText(allowlist)
                ) : (
                  <span className="muted">open (any address)</span>
                )}
              </Fact>
            )}
            {managedBy !== undefined && asText(managedBy) && <Fact label="Managed by">{asText(managedBy)}</Fact>}
            {otherSettings.map(([k, v]) => (
              <Fact key={k} label={fieldLabel(k)}>
                {asText(v)}
              </Fact>
            ))}
            {provider?.rateLimits?.[0] && <Fact label="Provider limit">{rateLimitText(provider.rateLimits[0])}</Fact>}
            <Fact label="Created">
              {t.createdAt ? (
                <time dateTime={t.createdAt}>{localDay(t.createdAt)}</time>
              ) : (
                <span className="muted">unknown</span>
              )}
            </Fact>
            <Fact label="Expires">
              {t.expiresAt ? (
                <>
                  <time dateTime={t.expiresAt}>{localDay(t.expiresAt)}</time>{' '}
                  <span className="muted">({relativeDays(t.expiresAt)})</span>
                </>
              ) : (
                <span className="muted">{t.expirySource === 'none' ? 'never' : 'unknown'}</span>
              )}
            </Fact>
            <Fact label="Expiry source">{expirySourceText(t.expirySource, policy?.expiry)}</Fact>
            <Fact label="Added">
              <time dateTime={t.addedAt}>{localDay(t.addedAt)}</time>
            </Fact>
          </dl>
        </section>

        <section className="panel" aria-labelledby="lineage-title">
          <h3 id="lineage-title">Lineage</h3>
          {!t.rotatedFrom && !t.rotatedTo ? (
            <p className="muted">Not rotated yet.</p>
          ) : (
            <ul className="plain">
              {t.rotatedFrom && (
                <li>
                  Rotated from{' '}
                  {from ? (
                    <button type="button" className="link" onClick={() => openToken(from.id)}>
                      {from.name} ({from.status})
                    </button>
                  ) : (
                    <span className="muted">a deleted token</span>
                  )}
                </li>
              )}
              {t.rotatedTo && (
                <li>
                  Rotated to{' '}
                  {to ? (
                    <button type="button" className="link" onClick={() => openToken(to.id)}>
                      {to.name} ({to.status})
                    </button>
                  ) : (
                    <span className="muted">a deleted token</span>
                  )}
                </li>
              )}
            </ul>
          )}
          <h3>Findings</h3>
          {!tokenFindings ? (
            <p className="muted" role="status">
              Loading findings…
            </p>
          ) : tokenFindings.length === 0 ? (
            <p className="muted">Nothing needs attention.</p>
          ) : (
            <ul className="plain">
              {tokenFindings.map((f) => (
                <li key={f.id}>
                  <span className={`sev sev-${f.severity}`}>{f.severity}</span> <strong>{KIND_LABELS[f.kind]}</strong>:{' '}
                  {f.message} <span className="muted">{f.action}</span>
                </li>
              ))}
            </ul>
          )}
        </section>

        <section className="panel" aria-labelledby="history-title">
          <h3 id="history-title">Check history</h3>
          {history.length === 0 ? (
            <p className="muted">Never checked. “Check now” asks {providerLabel} with one read-only request.</p>
          ) : (
            <table className="tokens compact" aria-label="Check history">
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Outcome</th>
                  <th scope="col">HTTP</th>
                  <th scope="col">Detail</th>
                </tr>
              </thead>
              <tbody>
                {history.map((c, i) => (
                  <tr key={`${c.checkedAt}-${i}`}>
                    <td>
                      <time dateTime={c.checkedAt}>{new Date(c.checkedAt).toLocaleString()}</time>
                    </td>
                    <td>
                      <span className={`outcome outcome-${c.outcome}`}>{OUTCOME_LABELS[c.outcome]}</span>
                    </td>
                    <td>{c.httpStatus ?? '—'}</td>
                    <td>{c.detail}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>

        <section className="panel" aria-labelledby="audit-title">
          <h3 id="audit-title">Audit events</h3>
          {auditError ? (
            <p className="error-text">Could not read the audit log: {auditError}</p>
          ) : audit === null ? (
            <p className="muted">Loading…</p>
          ) : audit.length === 0 ? (
            <p className="muted">No events recorded.</p>
          ) : (
            <ul className="plain audit-list">
              {audit.map((a, i) => (
                <li key={`${a.at}-${i}`}>
                  <time dateTime={a.at} className="muted">
                    {new Date(a.at).toLocaleString()}
                  </time>{' '}
                  <code>{a.action}</code> {a.summary} <span className="muted">({a.actor})</span>
                </li>
              ))}
            </ul>
          )}
          <button type="button" className="small" onClick={() => show({ kind: 'audit', subjectId: t.id })}>
            Open in the audit log
          </button>
        </section>
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

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
