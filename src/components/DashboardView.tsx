import { useMemo } from 'react';
import { compareText, KIND_LABELS, localDay } from '../lib/format';
import { EMPTY_FILTERS, OUTCOME_LABELS, OUTCOMES, relativeDays, STATUSES, type Filters } from '../lib/inventory';
import { useFindingsAbout } from '../lib/use-findings';
import { useInventoryIndex } from '../lib/use-index';
import { useChecks } from '../state/check-store';
import { useInventory } from '../state/inventory-store';
import { useVault } from '../state/vault-store';
import { EmptyState } from './EmptyState';
import { NeedsAttention } from './expiry/NeedsAttention';

const DAY = 86_400_000;
const TOP_FINDINGS = { severities: ['critical', 'warning'] as ('critical' | 'warning')[], limit: 6 };

/** The default view: counts by status and provider, what needs attention, upcoming expiries, the last bulk check. */
export function DashboardView() {
  const index = useInventoryIndex();
  const snapshot = useVault((s) => s.snapshot);
  // The first few critical and warning findings in main's order (most severe, then soonest due): a few KB, asked
  // again after every change, where the whole list is megabytes at 10,000 tokens.
  const top = useFindingsAbout(TOP_FINDINGS);
  const counts = useVault((s) => s.findingCounts);
  const show = useVault((s) => s.show);
  const openToken = useVault((s) => s.openToken);
  const last = useChecks((s) => s.last);

  const stats = useMemo(() => {
    if (!index) return null;
    const byStatus: Record<string, number> = {};
    const byProvider = new Map<string, { id: string; name: string; total: number; active: number; invalid: number }>();
    const outcomes: Record<string, number> = {};
    let never = 0;
    const now = Date.now();
    const upcoming = [];
    for (const r of index.rows) {
      const t = r.token;
      byStatus[t.status] = (byStatus[t.status] ?? 0) + 1;
      const p = byProvider.get(r.providerId) ?? {
        id: r.providerId,
        name: r.providerName,
        total: 0,
        active: 0,
        invalid: 0,
      };
      p.total++;
      if (t.status === 'active') p.active++;
      if (t.lastCheck?.outcome === 'invalid') p.invalid++;
      byProvider.set(r.providerId, p);
      if (t.lastCheck) outcomes[t.lastCheck.outcome] = (outcomes[t.lastCheck.outcome] ?? 0) + 1;
      else never++;
      if (t.status === 'active' && t.expiresAt && Date.parse(t.expiresAt) < now + 30 * DAY) upcoming.push(r);
    }
    upcoming.sort((a, b) => compareText(a.token.expiresAt!, b.token.expiresAt!));
    return {
      byStatus,
      byProvider: [...byProvider.values()].sort((a, b) => b.total - a.total),
      outcomes,
      never,
      upcoming,
    };
  }, [index]);

  if (!index || !snapshot || !stats) return null;
  if (snapshot.stores.length === 0) return <EmptyState />;

  const openInventory = (patch: Partial<Filters>) => {
    useInventory.setState({ filters: { ...EMPTY_FILTERS, ...patch }, focus: 0 });
    show({ kind: 'inventory' });
  };

  return (
    <section className="dashboard" aria-labelledby="dashboard-title">
      <header className="inventory-head">
        <h2 id="dashboard-title">Dashboard</h2>
        <button type="button" className="small" onClick={() => openInventory({})}>
          Open inventory ({index.rows.length})
        </button>
      </header>

      <div className="cards" role="list" aria-label="Tokens by status">
        <div className="card" role="listitem">
          <span className="card-number">{index.rows.length}</span>
          <span className="card-label">
            tokens in {snapshot.stores.length} store{snapshot.stores.length === 1 ? '' : 's'}
          </span>
        </div>
        {STATUSES.map((s) => (
          <div className="card" role="listitem" key={s}>
            <button type="button" className="card-button" onClick={() => openInventory({ status: s })}>
              <span className="card-number">{stats.byStatus[s] ?? 0}</span>
              <span className={`card-label status-text-${s}`}>
                {s}
                <span className="sr-only">: show in the inventory</span>
              </span>
            </button>
          </div>
        ))}
      </div>

      <div className="dash-grid">
        <section className="panel" aria-labelledby="dash-findings-title">
          <h3 id="dash-findings-title">Findings</h3>
          <p>
            <span className="sev sev-critical">{counts.critical} critical</span>{' '}
            <span className="sev sev-warning">{counts.warning} warning</span>{' '}
            <span className="sev sev-info">{counts.info} info</span>
          </p>
          {!top ? (
            <p className="muted" role="status">
              Loading findings…
            </p>
          ) : top.length === 0 ? (
            <p className="muted">
              Nothing critical or warning. Keyward keeps watching expiry, slots, formats and checks.
            </p>
          ) : (
            <ul className="plain">
              {top.map((f) => {
                const token = f.subject.tokenId ? index.byId.get(f.subject.tokenId)?.token : undefined;
                return (
                  <li key={f.id}>
                    <span className={`sev sev-${f.severity}`}>{f.severity}</span> <strong>{KIND_LABELS[f.kind]}</strong>{' '}
                    {token ? (
                      <button type="button" className="link" onClick={() => openToken(token.id)}>
                        {token.name}
                      </button>
                    ) : null}
                    <span className="muted block">{f.message}</span>
                  </li>
                );
              })}
            </ul>
          )}
          <button type="button" className="small" onClick={() => show({ kind: 'findings' })}>
            All findings
          </button>
        </section>

        <section className="panel" aria-labelledby="dash-upcoming-title">
          <h3 id="dash-upcoming-title">Upcoming expiries (30 days)</h3>
          {stats.upcoming.length === 0 ? (
            <p className="muted">No active token expires in the next 30 days.</p>
          ) : (
            <ul className="plain">
              {stats.upcoming.slice(0, 8).map((r) => (
                <li key={r.token.id}>
                  <button type="button" className="link" onClick={() => openToken(r.token.id)}>
                    {r.token.name}
                  </button>{' '}
                  <span className="muted">
                    {r.providerName} · <time dateTime={r.token.expiresAt!}>{localDay(r.token.expiresAt!)}</time> (
                    {relativeDays(r.token.expiresAt!)})
                  </span>
                </li>
              ))}
            </ul>
          )}
          {stats.upcoming.length > 8 && (
            <button type="button" className="small" onClick={() => openInventory({ status: 'active' })}>
              All {stats.upcoming.length} in the inventory, by expiry
            </button>
          )}
        </section>

        <section className="panel" aria-labelledby="dash-providers-title">
          <h3 id="dash-providers-title">By provider</h3>
          <table className="tokens compact" aria-label="Tokens by provider">
            <thead>
              <tr>
                <th scope="col">Provider</th>
                <th scope="col">Tokens</th>
                <th scope="col">Active</th>
                <th scope="col">Invalid at last check</th>
              </tr>
            </thead>
            <tbody>
              {stats.byProvider.map((p) => (
                <tr key={p.id}>
                  <td>
                    <button type="button" className="link" onClick={() => openInventory({ provider: p.id })}>
                      {p.name}
                    </button>
                  </td>
                  <td>{p.total}</td>
                  <td>{p.active}</td>
                  <td>{p.invalid}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>

        <section className="panel" aria-labelledby="dash-checks-title">
          <h3 id="dash-checks-title">{last ? 'Last bulk check' : 'Last checks'}</h3>
          {last ? (
            <p className="muted">
              {last.label}, started {new Date(last.startedAt).toLocaleString()}: {last.done} of {last.total} checked.
            </p>
          ) : (
            <p className="muted">Latest check of each token{stats.never ? `; ${stats.never} never checked` : ''}.</p>
          )}
          <ul className="outcome-counts" aria-label="Check outcomes">
            {OUTCOMES.map((o) => {
              const n = last ? (last.counts[o] ?? 0) : (stats.outcomes[o] ?? 0);
              return (
                <li key={o} className={`outcome outcome-${o}`}>
                  {OUTCOME_LABELS[o]}: <strong>{n}</strong>
                </li>
              );
            })}
          </ul>
          <button type="button" className="small" onClick={() => openInventory({})}>
            Check tokens in the inventory
          </button>
        </section>
      </div>

      {/* Expiry warnings (snooze, acknowledge) come from the expiry module. */}
      <NeedsAttention heading="h3" />
    </section>
  );
}
