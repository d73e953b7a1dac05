import { useId, useState } from 'react';
import type { ExpiryOverview } from '../../../electron/contract';
import { useVault } from '../../state/vault-store';
import { lastDayOf, namesFor, plural, shortDay } from './expiry-format';
import { useExpiryOverview, useTokenNames } from './expiry-store';

type Counts = ExpiryOverview['timeline']['weeks'][number]['counts'];
const ORDER = ['critical', 'warning', 'info'] as const;
/** Chart height in SVG units; bars scale to the busiest column. */
const H = 100;

interface Column {
  key: string;
  label: string;
  /** What a screen reader hears for the bar. */
  description: string;
  counts: Counts;
  tokenIds: string[];
  /** The providers' own notices due this week (Thinkific emails 10 days before expiry). */
  notices?: ExpiryOverview['timeline']['weeks'][number]['notices'];
  expired?: boolean;
}

const countsText = (c: Counts): string => `${c.critical} critical, ${c.warning} warning, ${c.info} info`;

/** The next 13 weeks (90 days) as a stacked bar per week, coloured by severity; a bar lists its tokens when pressed. */
export function ExpiryTimeline() {
  const overview = useExpiryOverview().data;
  const [selected, setSelected] = useState<string | null>(null);
  const id = useId();

  if (!overview) return null;
  const { weeks, expired } = overview.timeline;
  // An expired token is critical, or one step lower for a test token (as its warning says).
  const expiredCounts: Counts = { critical: 0, warning: 0, info: 0 };
  for (const id of expired.tokenIds)
    expiredCounts[overview.attention.items.find((i) => i.tokenId === id)?.severity ?? 'critical'] += 1;
  const columns: Column[] = [
    {
      key: 'expired',
      label: 'Expired',
      description: `Expired: ${plural(expired.count, 'token')}`,
      counts: expiredCounts,
      tokenIds: expired.tokenIds,
      expired: true,
    },
    ...weeks.map((w) => {
      const total = w.counts.critical + w.counts.warning + w.counts.info;
      const range = `${shortDay(w.start)} to ${shortDay(lastDayOf(w.end))}`;
      return {
        key: w.start,
        label: shortDay(w.start).replace(/,? \d{4}$/, ''),
        description: `Week of ${range}: ${plural(total, 'token')} (${countsText(w.counts)})${w.notices.length ? `; ${plural(w.notices.length, 'provider notice')}` : ''}`,
        counts: w.counts,
        tokenIds: w.tokenIds,
        notices: w.notices,
      };
    }),
  ];
  const max = Math.max(1, ...columns.map((c) => c.counts.critical + c.counts.warning + c.counts.info));
  const total = weeks.reduce((n, w) => n + w.tokenIds.length, 0);
  const chosen = columns.find((c) => c.key === selected) ?? null;

  return (
    <section className="expiry-panel expiry-timeline" aria-labelledby={`${id}-title`}>
      <div className="expiry-panel-head">
        <h3 id={`${id}-title`}>Expiry timeline</h3>
        <span className="muted">
          {plural(total, 'token')} expire{total === 1 ? 's' : ''} in the next 90 days · {expired.count} expired
        </span>
      </div>
      <div className="timeline-legend" aria-hidden="true">
        {ORDER.map((s) => (
          <span key={s} className="legend-item">
            <span className={`legend-swatch bar-${s}`} /> {s}
          </span>
        ))}
      </div>
      <ul className="timeline-bars" aria-label="Tokens expiring by week">
        {columns.map((c) => {
          const n = c.counts.critical + c.counts.warning + c.counts.info;
          let y = H;
          return (
            <li key={c.key} className={c.expired ? 'timeline-col timeline-expired' : 'timeline-col'}>
              <button
                type="button"
                className={`timeline-bar${selected === c.key ? ' selected' : ''}`}
                aria-label={c.description}
                aria-pressed={selected === c.key}
                aria-controls={`${id}-detail`}
                onClick={() => setSelected(selected === c.key ? null : c.key)}
              >
                <span className="timeline-count" aria-hidden="true">
                  {n || ''}
                </span>
                <svg
                  className="timeline-svg"
                  viewBox={`0 0 20 ${H}`}
                  preserveAspectRatio="none"
                  aria-hidden="true"
                  focusable="false"
                >
                  <rect className="bar-track" x="0" y="0" width="20" height={H} />
                  {ORDER.map((s) => {
                    const h = (c.counts[s] / max) * H;
                    if (!h) return null;
                    y -= h;
                    return <rect key={s} className={`bar-${s}`} x="0" y={y} width="20" height={h} />;
                  })}
                </svg>
                <span className="timeline-label" aria-hidden="true">
                  {c.label}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
      <div id={`${id}-detail`} aria-live="polite">
        {chosen && (
          <div className="timeline-detail">
            <h4>{chosen.description.replace(/ \(.*\)$/, '')}</h4>
            {chosen.tokenIds.length === 0 ? (
              <p className="muted">No token expires in this week.</p>
            ) : (
              <TimelineTokens column={chosen} overview={overview} />
            )}
            {chosen.notices && chosen.notices.length > 0 && <ProviderNotices notices={chosen.notices} />}
          </div>
        )}
      </div>
    </section>
  );
}

/** The tokens of one column, named by main. */
function TimelineTokens({ column, overview }: { column: Column; overview: ExpiryOverview }) {
  const show = useVault((s) => s.show);
  const named = useTokenNames(column.tokenIds);
  return (
    <ul className="timeline-tokens" aria-label={`Tokens: ${column.expired ? 'expired' : `week of ${column.label}`}`}>
      {column.tokenIds.map((id) => {
        const names = namesFor(id, named);
        const when =
          overview.attention.items.find((i) => i.tokenId === id)?.expiresAt ?? named?.get(id)?.expiresAt ?? null;
        return (
          <li key={id}>
            <button
              type="button"
              className="link"
              onClick={() => names.storeId && show({ kind: 'store', storeId: names.storeId })}
            >
              {names.token}
            </button>{' '}
            <span className="muted">
              {names.provider} · {names.store}
              {when ? ` · ${shortDay(when)}` : ''}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

/** The providers' own notices in a week: the provider emails, not Keyward. */
function ProviderNotices({ notices }: { notices: NonNullable<Column['notices']> }) {
  const named = useTokenNames(notices.map((n) => n.tokenId));
  return (
    <ul className="timeline-tokens" aria-label="Provider notices">
      {notices.map((n) => (
        <li key={`${n.tokenId}@${n.at}`}>
          {shortDay(n.at)}: {n.providerName}&apos;s own notice, {n.days} days before &ldquo;
          {namesFor(n.tokenId, named).token}&rdquo; expires{' '}
          <span className="muted">(sent by {n.providerName}, not Keyward)</span>
        </li>
      ))}
    </ul>
  );
}
