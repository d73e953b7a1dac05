import { useState } from 'react';
import type { RetireWay, TokenSummary } from '../../../electron/contract';
import { write } from '../../lib/query';

/**
 * What is left after a side-by-side rotation: retire the old token at the provider, in the ways it offers,
 * then record which here. Keyward keeps reminding until a check shows the old token dead.
 */
export function RetireWays({
  token,
  ways,
  providerLabel,
}: {
  token: Pick<TokenSummary, 'id' | 'name'>;
  ways: readonly RetireWay[];
  providerLabel: string;
}) {
  const [recorded, setRecorded] = useState<string | null>(null);
  if (ways.length === 0) return null;
  return (
    <div className="banner banner-warning" data-testid="retire-ways">
      <p>
        Switch your integrations to the new token, then retire {token.name} at {providerLabel}:{' '}
        {ways.map((w) => `${w.label.toLowerCase()} (${w.text.replace(/\.$/, '').toLowerCase()})`).join(', or ')}.
      </p>
      {recorded ? (
        <p role="status">{recorded}</p>
      ) : (
        <div className="actions">
          {ways.map((w) => (
            <button
              key={w.label}
              type="button"
              onClick={() =>
                void write('updateToken', { id: token.id, status: w.status }).then(
                  (ok) => ok && setRecorded(`Recorded: ${w.label}.`),
                )
              }
            >
              {w.label}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
