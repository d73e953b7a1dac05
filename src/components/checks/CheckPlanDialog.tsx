import { useEffect, useRef, useState } from 'react';
import { useQuery } from '../../lib/query';
import { useChecks, type CheckProposal } from '../../state/check-store';

/** "about 3 min", "under a second": the least time the published limits allow, in words. */
export function durationText(seconds: number): string {
  if (seconds < 1) return 'under a second';
  if (seconds < 90) return `about ${Math.ceil(seconds)} s`;
  if (seconds < 90 * 60) return `about ${Math.ceil(seconds / 60)} min`;
  return `about ${(seconds / 3600).toFixed(1)} h`;
}

/** The open proposal's dialog, if any; mounted once at the app's root. */
export function CheckPlanHost() {
  const proposal = useChecks((s) => s.proposal);
  return proposal ? <CheckPlanDialog key={JSON.stringify(proposal.selection)} proposal={proposal} /> : null;
}

/**
 * What a bulk check would send before it sends anything: requests per provider and the time their published
 * limits imply. Revoked, rotated and expired tokens are left out unless the user includes them.
 */
function CheckPlanDialog({ proposal }: { proposal: CheckProposal }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [includeRetired, setIncludeRetired] = useState(false);
  const { data: plan, error } = useQuery('planCheck', { selection: proposal.selection, includeRetired });
  const close = useChecks((s) => s.closeProposal);
  const start = useChecks((s) => s.start);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  const retired = plan ? plan.leftOut.revoked + plan.leftOut.rotated + plan.leftOut.expired : 0;
  const retiredCounts = plan
    ? (['revoked', 'rotated', 'expired'] as const)
        .filter((k) => plan.leftOut[k] > 0)
        .map((k) => `${plan.leftOut[k]} ${k}`)
        .join(', ')
    : '';

  function confirm() {
    if (!plan) return;
    close();
    void start(proposal.selection, proposal.label, plan.requests + plan.withoutSecret, includeRetired);
  }

  return (
    <dialog
      ref={ref}
      className="dialog check-plan"
      aria-labelledby="check-plan-title"
      aria-describedby="check-plan-summary"
      onCancel={close}
    >
      <h2 id="check-plan-title">Check {proposal.label}?</h2>
      {error && <p className="hint hint-warning">{error.message}</p>}
      {!plan && !error && <p role="status">Counting the requests…</p>}
      {plan && (
        <>
          <p id="check-plan-summary">
            {plan.requests === 0
              ? 'Nothing to send.'
              : `${plan.requests} request${plan.requests === 1 ? '' : 's'}, ${durationText(plan.seconds)} at the providers' published limits. You can cancel at any time.`}
          </p>
          {plan.providers.length > 0 && (
            <table className="check-plan-table" aria-label="Requests per provider">
              <thead>
                <tr>
                  <th scope="col">Provider</th>
                  <th scope="col">Requests</th>
                  <th scope="col">Accounts</th>
                  <th scope="col">Time at the limits</th>
                </tr>
              </thead>
              <tbody>
                {plan.providers.map((p) => (
                  <tr key={p.provider}>
                    <td>{p.name}</td>
                    <td>{p.requests}</td>
                    <td>{p.accounts}</td>
                    <td>{durationText(p.seconds)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {plan.withoutSecret > 0 && (
            <p className="muted">{plan.withoutSecret} selected tokens have no secret recorded: nothing to send.</p>
          )}
          <label className="check">
            <input
              type="checkbox"
              checked={includeRetired}
              disabled={!includeRetired && retired === 0}
              onChange={(e) => setIncludeRetired(e.target.checked)}
            />
            {includeRetired
              ? 'Include revoked, rotated and expired tokens'
              : retired > 0
                ? `Include revoked, rotated and expired tokens (${retiredCounts} left out)`
                : 'No revoked, rotated or expired tokens in the selection'}
          </label>
        </>
      )}
      <div className="actions">
        <button type="button" className="primary" disabled={!plan || plan.requests === 0} onClick={confirm}>
          {plan ? `Send ${plan.requests} request${plan.requests === 1 ? '' : 's'}` : 'Send'}
        </button>
        <button type="button" autoFocus onClick={close}>
          Cancel
        </button>
      </div>
    </dialog>
  );
}
