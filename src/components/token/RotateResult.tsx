import type { ChannelOutput, ProviderDescriptor, RotationPlan } from '../../../electron/contract';
import { OUTCOME_LABELS } from '../../lib/inventory';
import { useVault } from '../../state/vault-store';
import { RetireWays } from './RetireWays';

export type Rotated = ChannelOutput<'rotateToken'>;

/** After a rotation: the new value's check, then what is left at the provider (a new value: nothing to revoke). */
export function RotateResult({
  done,
  plan,
  provider,
  onClose,
}: {
  done: Rotated;
  plan: RotationPlan;
  provider: ProviderDescriptor | undefined;
  onClose(): void;
}) {
  const openToken = useVault((s) => s.openToken);
  const providerLabel = provider?.name ?? 'the provider';
  const sameToken = done.oldToken.id === done.newToken.id;
  return (
    <div role="status" data-testid="rotate-result">
      <p>
        New {sameToken ? 'value' : 'token'} check:{' '}
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
      {sameToken ? (
        <p className="banner">
          {done.newToken.name} now holds the new value ({done.newToken.secret?.masked}). Update every integration that
          used the old value ({done.oldToken.secret?.masked}): it no longer works at {providerLabel}.
        </p>
      ) : (
        <>
          <p className="lineage" aria-label="Lineage">
            <button type="button" className="link" onClick={() => openToken(done.oldToken.id)}>
              {done.oldToken.name} ({done.oldToken.status})
            </button>{' '}
            →{' '}
            <button type="button" className="link" onClick={() => openToken(done.newToken.id)}>
              {done.newToken.name} (active)
            </button>
          </p>
          {done.oldToken.status === 'rotated' && (
            <RetireWays token={done.oldToken} ways={plan.rotation?.retire ?? []} providerLabel={providerLabel} />
          )}
        </>
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
          Open the {sameToken ? 'token' : 'new token'}
        </button>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}
