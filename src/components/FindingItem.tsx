import type { Finding } from '../../electron/contract';
import { KIND_LABELS, localDay } from '../lib/format';
import { useVault } from '../state/vault-store';

/** One finding: severity, what, what to do, and a way to the token (or else the store) it is about. */
export function FindingItem({
  finding,
  tokenName,
  storeLabel,
}: {
  finding: Finding;
  tokenName?: string | undefined;
  storeLabel?: string | undefined;
}) {
  const show = useVault((s) => s.show);
  const openToken = useVault((s) => s.openToken);
  const tokenId = finding.subject.tokenId;
  const repaste = finding.kind === 'secret_missing' ? finding.subject.tokenId : undefined;
  const store = finding.subject.storeId && storeLabel ? { id: finding.subject.storeId, label: storeLabel } : undefined;
  return (
    <li className={`finding finding-${finding.severity}`} data-kind={finding.kind}>
      <div className="finding-head">
        <span className={`sev sev-${finding.severity}`}>{finding.severity}</span>
        <span className="finding-kind">{KIND_LABELS[finding.kind]}</span>
        {finding.dueAt && <span className="muted">· {localDay(finding.dueAt)}</span>}
      </div>
      <p className="finding-message">{finding.message}</p>
      <p className="finding-action">
        <span className="muted">What to do: </span>
        {finding.action}
      </p>
      <div className="actions">
        {tokenId && tokenName && (
          <button type="button" className="small" onClick={() => openToken(tokenId)}>
            Open token {tokenName}
          </button>
        )}
        {repaste && (
          <button type="button" className="small" onClick={() => openToken(repaste, { repaste: true })}>
            Paste the token again
          </button>
        )}
        {store && (
          <button type="button" className="small" onClick={() => show({ kind: 'store', storeId: store.id })}>
            Open store {store.label}
          </button>
        )}
      </div>
    </li>
  );
}
