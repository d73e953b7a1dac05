import { useId, useMemo, useState } from 'react';
import type { ExpiryOverview } from '../../../electron/contract';
import { useQuery } from '../../lib/query';
import { AttentionItemRow } from './AttentionItemRow';
import { plural } from './expiry-format';
import { acknowledge, snooze, useExpiryOverview, useTokenNames } from './expiry-store';
import { QuietedList } from './QuietedList';

type Item = ExpiryOverview['attention']['items'][number];
type GroupBy = 'severity' | 'client';
/** Items rendered per group before "Show all": thousands of warnings would take seconds to lay out. */
const FIRST_ITEMS = 20;
const SEVERITY_LABELS = { critical: 'Critical', warning: 'Warning', info: 'Info' } as const;

/**
 * A queue of tokens whose expiry warning is due, most urgent first (main's order), grouped by severity or
 * by client with counts. A token or a whole group can be snoozed or acknowledged, and leaves the queue;
 * what is quiet is listed below, to wake. Embeddable: the dashboard shows it with `heading="h3"`.
 */
export function NeedsAttention({ heading = 'h2' }: { heading?: 'h2' | 'h3' }) {
  const overview = useExpiryOverview().data;
  const [busy, setBusy] = useState(false);
  const [groupBy, setGroupBy] = useState<GroupBy>('severity');
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const titleId = useId();
  const Heading = heading;
  const Sub = heading === 'h2' ? 'h3' : 'h4';
  const attention = overview?.attention;
  const clientIds = useMemo(
    () => [...new Set(attention?.items.flatMap((i) => i.clientId ?? []) ?? [])].slice(0, 5_000),
    [attention],
  );
  const clients = useQuery('getNames', groupBy === 'client' && clientIds.length ? { clientIds } : null).data;
  const groups = useMemo(() => {
    const byKey = new Map<string, { key: string; label: string; items: Item[] }>();
    for (const item of attention?.items ?? []) {
      const key = groupBy === 'severity' ? item.severity : (item.clientId ?? '');
      let group = byKey.get(key);
      if (!group) {
        const client = clients?.clients.find((c) => c.id === item.clientId)?.name;
        const label =
          groupBy === 'severity' ? SEVERITY_LABELS[item.severity] : item.clientId ? (client ?? 'Client') : 'No client';
        byKey.set(key, (group = { key, label, items: [] }));
      }
      group.items.push(item);
    }
    const list = [...byKey.values()];
    return groupBy === 'client' ? list.sort((a, b) => b.items.length - a.items.length) : list;
  }, [attention, groupBy, clients]);
  const shown = useMemo(
    () => groups.flatMap((g) => (expanded.has(g.key) ? g.items : g.items.slice(0, FIRST_ITEMS))),
    [groups, expanded],
  );
  const names = useTokenNames(useMemo(() => shown.map((i) => i.tokenId), [shown]));
  const run = (action: () => Promise<unknown>) => {
    setBusy(true);
    void action().finally(() => setBusy(false));
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
        <label className="attention-group-by">
          Group by{' '}
          <select value={groupBy} onChange={(e) => setGroupBy(e.target.value as GroupBy)}>
            <option value="severity">severity</option>
            <option value="client">client</option>
          </select>
        </label>
      </div>
      {!attention ? (
        <p className="muted">Loading expiry warnings…</p>
      ) : attention.items.length === 0 ? (
        <p className="muted" role="status">
          No token needs attention
          {attention.quieted ? ` (${plural(attention.quieted, 'warning')} snoozed or acknowledged)` : ''}.
        </p>
      ) : (
        groups.map((group) => {
          const ids = group.items.map((i) => i.tokenId);
          const visible = expanded.has(group.key) ? group.items : group.items.slice(0, FIRST_ITEMS);
          return (
            <section key={group.key} className="attention-group" aria-label={`${group.label}: ${group.items.length}`}>
              <div className="attention-group-head">
                <Sub>
                  {group.label} <span className="count-badge">({group.items.length})</span>
                </Sub>
                <div className="actions">
                  <button type="button" className="small" disabled={busy} onClick={() => run(() => snooze(ids, '1w'))}>
                    Snooze all {group.items.length} for 1 week
                  </button>
                  <button type="button" className="small" disabled={busy} onClick={() => run(() => acknowledge(ids))}>
                    Acknowledge all {group.items.length}
                  </button>
                </div>
              </div>
              <ol className="attention-list" aria-label={`${plural(group.items.length, 'token')} needing attention`}>
                {visible.map((item) => (
                  <AttentionItemRow
                    key={item.tokenId}
                    item={item}
                    names={names}
                    busy={busy}
                    onSnooze={(length) => run(() => snooze([item.tokenId], length))}
                    onAcknowledge={() => run(() => acknowledge([item.tokenId]))}
                  />
                ))}
              </ol>
              {group.items.length > visible.length && (
                <button type="button" className="small" onClick={() => setExpanded(new Set([...expanded, group.key]))}>
                  Show all {group.items.length}
                </button>
              )}
            </section>
          );
        })
      )}
      {attention && <QuietedList items={attention.quietedItems} busy={busy} run={run} />}
    </section>
  );
}
