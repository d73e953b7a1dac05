import type { CheckResult } from '../../../electron/contract';
import { useQuery } from '../../lib/query';
import { OUTCOME_LABELS } from '../../lib/inventory';
import { useVault } from '../../state/vault-store';

/** A token's check history (newest first). */
export function TokenHistory({ history, providerLabel }: { history: readonly CheckResult[]; providerLabel: string }) {
  return (
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
  );
}

/** The audit log's entries about a token. */
export function TokenAudit({ tokenId }: { tokenId: string }) {
  const show = useVault((s) => s.show);
  const { data: audit, error } = useQuery('getAuditLog', { subjectId: tokenId, limit: 50 });
  const auditError = error?.message;
  const t = { id: tokenId };
  return (
    <section className="panel" aria-labelledby="audit-title">
      <h3 id="audit-title">Audit events</h3>
      {auditError ? (
        <p className="error-text">Could not read the audit log: {auditError}</p>
      ) : audit === undefined ? (
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
  );
}
