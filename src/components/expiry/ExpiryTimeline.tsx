import { useId, useState } from 'react';
import type { ExpiryOverview } from '../../../electron/contract';
import { useProviders, useVault } from '../../state/vault-store';
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
  byProvider: Record<string, number>;
  tokenIds: string[];
  /** The providers' own notices due this week (Thinkific emails 10 days before expiry). */
  notices?: ExpiryOverview['timeline']['weeks'][number]['notices'];
  expired?: boolean;
}
type Stack = 'severity' | 'provider';
/** Colours for providers, in the order they first appear; overdue has its own (bar-overdue). */
const PROVIDER_COLOURS = ['#2f5bd3', '#0f8a6a', '#b25e09', '#7a44c2', '#c2417a', '#4a7f1f', '#5b6b7c', '#a07800'];
interface Segment {
  key: string;
  n: number;
  className?: string;
  fill?: string;
}

const countsText = (c: Counts): string => `${c.critical} critical, ${c.warning} warning, ${c.info} info`;

/**
 * The next 13 weeks (90 days) as a stacked bar per week, by severity or by provider (overdue in its own colour);
 * a bar lists its tokens when pressed.
 */
export function ExpiryTimeline() {
  const overview = useExpiryOverview().data;
  const providers = useProviders();
  const [selected, setSelected] = useState<string | null>(null);
  const [stack, setStack] = useState<Stack>('severity');
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
      byProvider: expired.byProvider,
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
        byProvider: w.byProvider,
        tokenIds: w.tokenIds,
        notices: w.notices,
      };
    }),
  ];
  const providerIds = [...new Set(columns.flatMap((c) => Object.keys(c.byProvider)))].sort();
  const providerName = (pid: string) => providers.find((p) => p.id === pid)?.name ?? pid;
  const colour = (pid: string) => PROVIDER_COLOURS[providerIds.indexOf(pid) % PROVIDER_COLOURS.length];
  // Bottom to top: by severity, or by provider with the overdue column in its own colour.
  const segments = (c: Column): Segment[] =>
    stack === 'severity'
      ? ORDER.map((s) => ({ key: s, n: c.counts[s], className: `bar-${s}` }))
      : c.expired
        ? [{ key: 'overdue', n: c.tokenIds.length, className: 'bar-overdue' }]
        : providerIds.map((pid) => ({ key: pid, n: c.byProvider[pid] ?? 0, fill: colour(pid) }));
  const describe = (c: Column): string =>
    stack === 'severity' || c.tokenIds.length === 0
      ? c.description
      : `${c.description.replace(/ \(.*\)$/, '')} (${providerIds
          .filter((pid) => c.byProvider[pid])
          .map((pid) => `${providerName(pid)} ${c.byProvider[pid]}`)
          .join(', ')})`;
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
      <div className="timeline-legend">
        <label>
          Stack by{' '}
          <select value={stack} onChange={(e) => setStack(e.target.value as Stack)}>
            <option value="severity">severity</option>
            <option value="provider">provider</option>
          </select>
        </label>
        <span aria-hidden="true">
          {stack === 'severity'
            ? ORDER.map((s) => (
                <span key={s} className="legend-item">
                  <span className={`legend-swatch bar-${s}`} /> {s}
                </span>
              ))
            : [
                <span key="overdue" className="legend-item">
                  <span className="legend-swatch bar-overdue" /> overdue
                </span>,
                ...providerIds.map((pid) => (
                  <span key={pid} className="legend-item">
                    <span className="legend-swatch" style={{ background: colour(pid) }} /> {providerName(pid)}
                  </span>
                )),
              ]}
        </span>
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
                aria-label={describe(c)}
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
                  {segments(c).map((seg) => {
                    const h = (seg.n / max) * H;
                    if (!h) return null;
                    y -= h;
                    return (
                      <rect key={seg.key} className={seg.className} fill={seg.fill} x="0" y={y} width="20" height={h} />
                    );
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
  const openToken = useVault((s) => s.openToken);
  const named = useTokenNames(column.tokenIds);
  return (
    <ul className="timeline-tokens" aria-label={`Tokens: ${column.expired ? 'expired' : `week of ${column.label}`}`}>
      {column.tokenIds.map((id) => {
        const names = namesFor(id, named);
        const when =
          overview.attention.items.find((i) => i.tokenId === id)?.expiresAt ?? named?.get(id)?.expiresAt ?? null;
        return (
          <li key={id}>
            <button type="button" className="link" onClick={() => openToken(id)}>
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
