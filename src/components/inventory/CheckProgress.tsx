import { OUTCOME_LABELS, OUTCOMES } from '../../lib/inventory';
import { useChecks } from '../../state/check-store';

/** The running (or just finished) bulk check: a progress bar, counts per outcome, Cancel. */
export function CheckProgress() {
  const { current, cancel, dismiss } = useChecks();
  if (!current) return null;
  const { done, total, counts, running, cancelling, summary, error } = current;
  return (
    <section className="check-run" role="region" aria-label="Bulk check" data-testid="check-run">
      <div className="check-run-head">
        <strong>
          {running
            ? `Checking ${current.label}…`
            : error
              ? 'The check did not run'
              : `Check finished: ${current.label}`}
        </strong>
        <span role="status" aria-live="polite" className="muted" data-testid="check-count">
          {done} of {total} checked
          {summary && summary.cancelled > 0 ? ` · ${summary.cancelled} cancelled` : ''}
          {summary && summary.withoutSecret > 0 ? ` · ${summary.withoutSecret} without a stored secret` : ''}
        </span>
        {running ? (
          <button type="button" className="small" onClick={() => void cancel()} disabled={cancelling}>
            {cancelling ? 'Cancelling…' : 'Cancel check'}
          </button>
        ) : (
          <button type="button" className="small" onClick={dismiss}>
            Dismiss
          </button>
        )}
      </div>
      <progress className="check-bar" aria-label="Check progress" value={done} max={Math.max(total, 1)} />
      {error ? (
        <p className="error-text">{error.message}</p>
      ) : (
        <ul className="outcome-counts" aria-label="Outcomes">
          {OUTCOMES.filter((o) => (counts[o] ?? 0) > 0 || o === 'valid' || o === 'invalid').map((o) => (
            <li key={o} className={`outcome outcome-${o}`} data-outcome={o}>
              {OUTCOME_LABELS[o]}: <strong>{counts[o] ?? 0}</strong>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
