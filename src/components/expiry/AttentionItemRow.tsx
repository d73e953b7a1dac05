import type { ExpiryOverview } from '../../../electron/contract';
import { useVault } from '../../state/vault-store';
import { daysLeftText, namesFor, shortDay } from './expiry-format';
import type { TokenName } from '../../../electron/contract';

type Item = ExpiryOverview['attention']['items'][number];

/** One token whose warning is due: what, where, when, and its own snooze and acknowledge. */
export function AttentionItemRow({
  item,
  names,
  busy,
  onSnooze,
  onAcknowledge,
}: {
  item: Item;
  names: ReadonlyMap<string, TokenName> | undefined;
  busy: boolean;
  onSnooze(length: '1d' | '1w'): void;
  onAcknowledge(): void;
}) {
  const openToken = useVault((s) => s.openToken);
  const named = namesFor(item.tokenId, names);
  const left = daysLeftText(item.expiresAt);
  return (
    <li className={`attention-item attention-${item.severity}`} aria-label={`${named.token}, ${named.store}: ${left}`}>
      <div className="attention-main">
        <span className={`sev sev-${item.severity}`}>{item.severity}</span>
        <button type="button" className="link attention-token" onClick={() => openToken(item.tokenId)}>
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
              disabled={busy}
              aria-label={`Snooze ${named.token} for 1 day`}
              onClick={() => onSnooze('1d')}
            >
              Snooze 1 day
            </button>
            <button
              type="button"
              className="small"
              disabled={busy}
              aria-label={`Snooze ${named.token} for 1 week`}
              onClick={() => onSnooze('1w')}
            >
              Snooze 1 week
            </button>
          </>
        )}
        <button
          type="button"
          className="small"
          disabled={busy}
          aria-label={`Acknowledge ${named.token} until the next warning`}
          onClick={onAcknowledge}
        >
          Acknowledge
        </button>
      </div>
    </li>
  );
}
