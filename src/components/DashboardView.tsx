import { KIND_LABELS } from '../lib/format';
import { EMPTY_FILTERS, OUTCOME_LABELS, OUTCOMES, STATUSES, type Filters } from '../lib/inventory';
import { useQuery } from '../lib/query';
import { useChecks } from '../state/check-store';
import { useInventory } from '../state/inventory-store';
import { useVault } from '../state/vault-store';
import { EmptyState } from './EmptyState';
import { NeedsAttention } from './expiry/NeedsAttention';
import { TriagePanel } from './dashboard/TriagePanel';

const TOP_FINDINGS = { severities: ['critical', 'warning'] as ('critical' | 'warning')[], limit: 6 };
const NO_COUNTS = { critical: 0, warning: 0, info: 0 };

/** The default view: counts by status and provider, what needs attention, upcoming expiries, the last bulk check. */
export function DashboardView() {
  // Counts grouped by SQL in main: a few hundred bytes whatever the vault's size.
  const stats = useQuery('getDashboard', {}).data;
  // The first few critical and warning findings in main's order (most severe, then soonest due): a few KB.
  const top = useQuery('getFindings', TOP_FINDINGS).data;
  const topIds = top?.flatMap((f) => f.subject.tokenId ?? []) ?? [];
  const topNames = useQuery('getNames', topIds.length ? { tokenIds: topIds } : null).data;
  const counts = useQuery('getFindingCounts', {}).data ?? NO_COUNTS;
  const show = useVault((s) => s.show);
  const openToken = useVault((s) => s.openToken);
  const last = useChecks((s) => s.last);

  if (!stats) return null;
  if (stats.storeCount === 0) return <EmptyState />;

  const openInventory = (patch: Partial<Filters>) => {
    useInventory.setState({ filters: { ...EMPTY_FILTERS, ...patch }, focus: 0 });
    show({ kind: 'inventory' });
  };

  return (
    <section className="dashboard" aria-labelledby="dashboard-title">
      <header className="inventory-head">
        <h2 id="dashboard-title">Dashboard</h2>
        <button type="button" className="small" onClick={() => openInventory({})}>
          Open inventory ({stats.tokenCount})
        </button>
      </header>

      <div className="cards" role="list" aria-label="Tokens by status">
        <div className="card" role="listitem">
          <span className="card-number">{stats.tokenCount}</span>
          <span className="card-label">
            tokens in {stats.storeCount} store{stats.storeCount === 1 ? '' : 's'}
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
                const token = f.subject.tokenId ? topNames?.tokens.find((t) => t.id === f.subject.tokenId) : undefined;
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

        <TriagePanel
          id="dash-overdue"
          title="Overdue"
          empty="No active token is past its expiry or failing its check."
          groups={stats.overdue}
        />
        <TriagePanel
          id="dash-upcoming"
          title="Upcoming expiries (30 days)"
          empty="No active token expires in the next 30 days."
          groups={stats.upcoming}
        />

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
