import type { Finding, TokenSummary } from '../../../electron/contract';
import { KIND_LABELS, localDay } from '../../lib/format';
import { useVault } from '../../state/vault-store';

type Named = { id: string; name: string; status: string } | undefined;

/** Where a token was rotated from and to, and its findings. */
export function TokenLineage({
  token: t,
  from,
  to,
  tokenFindings,
  onRepaste,
}: {
  token: TokenSummary;
  from: Named;
  to: Named;
  tokenFindings: readonly Finding[] | undefined;
  /** Opens the edit form at the secret, for a "secret missing" finding. */
  onRepaste?: (() => void) | undefined;
}) {
  const openToken = useVault((s) => s.openToken);
  return (
    <section className="panel" aria-labelledby="lineage-title">
      <h3 id="lineage-title">Lineage</h3>
      {!t.rotatedFrom && !t.rotatedTo && !t.previousSecrets?.length ? (
        <p className="muted">Not rotated yet.</p>
      ) : (
        <ul className="plain">
          {t.previousSecrets?.map((p) => (
            <li key={p.fingerprint} data-testid="previous-value">
              Earlier value <code className="masked">{p.masked}</code>, set {localDay(p.setAt)}, replaced{' '}
              {localDay(p.replacedAt)}
            </li>
          ))}
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
              {f.kind === 'secret_missing' && onRepaste && (
                <button type="button" className="small" onClick={onRepaste}>
                  Paste the token again
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
