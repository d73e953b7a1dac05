import { useMemo } from 'react';
import type { ExpiryOverview } from '../../../electron/contract';
import { namesFor, plural, shortDay } from './expiry-format';
import { useTokenNames, wake } from './expiry-store';

type Quieted = ExpiryOverview['attention']['quietedItems'];
const FIRST = 100;

/** The snoozed and acknowledged warnings, soonest expiry first, each with Wake; and Wake all. */
export function QuietedList({
  items,
  busy,
  run,
}: {
  items: Quieted;
  busy: boolean;
  run(action: () => Promise<unknown>): void;
}) {
  const shown = items.slice(0, FIRST);
  const names = useTokenNames(useMemo(() => shown.map((i) => i.tokenId), [shown]));
  if (items.length === 0) return null;
  return (
    <details className="attention-quieted">
      <summary>Snoozed or acknowledged ({items.length})</summary>
      <div className="actions">
        <button
          type="button"
          className="small"
          disabled={busy}
          onClick={() => run(() => wake(items.map((i) => i.tokenId)))}
        >
          Wake all {plural(items.length, 'warning')}
        </button>
      </div>
      <ul className="plain" aria-label="Snoozed or acknowledged warnings">
        {shown.map((item) => {
          const named = namesFor(item.tokenId, names);
          return (
            <li key={item.tokenId}>
              <strong>{named.token}</strong>{' '}
              <span className="muted">
                {named.store} · expires {shortDay(item.expiresAt)} ·{' '}
                {item.quiet === 'snoozed' && item.until
                  ? `snoozed until ${new Date(item.until).toLocaleString()}`
                  : 'acknowledged until the next warning'}
              </span>{' '}
              <button
                type="button"
                className="small"
                disabled={busy}
                aria-label={`Wake ${named.token}`}
                onClick={() => run(() => wake([item.tokenId]))}
              >
                Wake
              </button>
            </li>
          );
        })}
        {items.length > FIRST && <li className="muted">and {items.length - FIRST} more</li>}
      </ul>
    </details>
  );
}
