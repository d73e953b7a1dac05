import { useId, useMemo, useState } from 'react';
import { useVault } from '../../state/vault-store';
import { daysLeftText, namesFor, plural, shortDay } from './expiry-format';
import { acknowledge, snooze, useExpiryOverview, useTokenNames } from './expiry-store';

/** Items rendered before "Show all": thousands of warnings (10,000 tokens) would take seconds to lay out. */
const FIRST_ITEMS = 50;

/**
 * Tokens whose expiry warning is due now, most urgent first (main's order), with snooze and acknowledge.
 * Embeddable: the dashboard can show it with `heading="h3"`.
 */
export function NeedsAttention({ heading = 'h2' }: { heading?: 'h2' | 'h3' }) {
  const overview = useExpiryOverview().data;
  const show = useVault((s) => s.show);
  const [busy, setBusy] = useState<string | null>(null);
  const [showAll, setShowAll] = useState(false);
  const titleId = useId();

  const Heading = heading;
  const attention = overview?.attention;
  const shown = useMemo(
    () => (attention ? (showAll ? attention.items : attention.items.slice(0, FIRST_ITEMS)) : []),
    [attention, showAll],
  );
  const names = useTokenNames(useMemo(() => shown.map((i) => i.tokenId), [shown]));
  const run = async (tokenId: string, action: () => Promise<unknown>) => {
    setBusy(tokenId);
    try {
      await action();
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="expiry-panel needs-attention" aria-labelledby={titleId}>
      <div className="expiry-panel-head">
        <Heading id={titleId}>Needs attention</Heading>
        {attention && (
          <span className="muted" aria-live="polite">
            {attention.count} need{attention.count === 1 ? 's' : ''} attention · {attention.quieted} quieted
          </span>
        )}
      </div>
      {!attention ? (
        <p className="muted">Loading expiry warnings…</p>
      ) : attention.items.length === 0 ? (
        <p className="muted" role="status">
          No token needs attention
          {attention.quieted ? ` (${plural(attention.quieted, 'warning')} snoozed or acknowledged)` : ''}.
        </p>
      ) : (
        <ol className="attention-list" aria-label={`${plural(attention.items.length, 'token')} needing attention`}>
          {shown.map((item) => {
            const named = namesFor(item.tokenId, names);
            const left = daysLeftText(item.expiresAt);
            return (
              <li
                key={item.tokenId}
                className={`attention-item attention-${item.severity}`}
                aria-label={`${named.token}, ${named.store}: ${left}`}
              >
                <div className="attention-main">
                  <span className={`sev sev-${item.severity}`}>{item.severity}</span>
                  <button
                    type="button"
                    className="link attention-token"
                    onClick={() => named.storeId && show({ kind: 'store', storeId: named.storeId })}
                  >
                    {named.token}
                  </button>
                  <span className="attention-where">
                    {named.provider} · {named.client ? `${named.client} · ` : ''}
                    {named.store}
                  </span>
                  {item.test && <span className="tag tag-test">test token</span>}
                </div>
                <div className="attention-when">
                  <strong className={item.threshold === 0 ? 'error-text' : undefined}>{left}</strong>
                  <span className="muted">
                    {' '}
                    · {shortDay(item.expiresAt)}
                    {item.estimated && (
                      <>
                        {' '}
                        ·{' '}
                        <span className="tag" title="The date comes from the provider's rule, not the token">
                          estimated
                        </span>
                      </>
                    )}
                  </span>
                </div>
                <div className="actions attention-actions">
                  {item.threshold !== 0 && (
                    <>
                      <button
                        type="button"
                        className="small"
                        disabled={busy === item.tokenId}
                        aria-label={`Snooze ${named.token} for 1 day`}
                        onClick={() => void run(item.tokenId, () => snooze(item.tokenId, '1d'))}
                      >
                        Snooze 1 day
                      </button>
                      <button
                        type="button"
                        className="small"
                        disabled={busy === item.tokenId}
                        aria-label={`Snooze ${named.token} for 1 week`}
                        onClick={() => void run(item.tokenId, () => snooze(item.tokenId, '1w'))}
                      >
                        Snooze 1 week
                      </button>
                    </>
                  )}
                  <button
                    type="button"
                    className="small"
                    disabled={busy === item.tokenId}
                    aria-label={`Acknowledge ${named.token} until the next warning`}
                    onClick={() => void run(item.tokenId, () => acknowledge(item.tokenId))}
                  >
                    Acknowledge
                  </button>
                </div>
              </li>
            );
          })}
        </ol>
      )}
      {attention && !showAll && attention.items.length > FIRST_ITEMS && (
        <button type="button" className="small" onClick={() => setShowAll(true)}>
          Show all {attention.items.length} tokens needing attention
        </button>
      )}
    </section>
  );
}
