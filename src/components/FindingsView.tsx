import { useCallback, useMemo, useState } from 'react';
import type { FindingKind } from '../../electron/contract';
import { KIND_LABELS, SEVERITIES, type Severity } from '../lib/format';
import { act, refetch, useQuery } from '../lib/query';
import { FindingsTable } from './FindingsTable';

const NO_CLIENT = '__none__';
/** Findings per page: main filters, sorts and pages them, so 17,000 findings cost one page. */
const PAGE = 200;

/**
 * Everything that needs attention, most severe first: grouped by kind and by client with counts, filtered by
 * severity, kind and client in main, a page at a time. Each finding opens its token (or its store).
 */
export function FindingsView() {
  const groups = useQuery('getFindingGroups', {}).data;
  const [severity, setSeverity] = useState<Severity | ''>('');
  const [client, setClient] = useState('');
  const [kind, setKind] = useState<FindingKind | ''>('');
  const [page, setPage] = useState(0);
  const filter = {
    ...(severity ? { severities: [severity] } : {}),
    ...(kind ? { kinds: [kind] } : {}),
    ...(client ? { clientId: client === NO_CLIENT ? null : client } : {}),
    offset: page * PAGE,
    limit: PAGE,
  };
  const loaded = useQuery('getFindings', filter).data;
  const findings = useMemo(() => loaded ?? [], [loaded]);
  const tokenIds = useMemo(() => [...new Set(findings.flatMap((f) => f.subject.tokenId ?? []))], [findings]);
  const storeIds = useMemo(() => [...new Set(findings.flatMap((f) => f.subject.storeId ?? []))], [findings]);
  const names = useQuery('getNames', tokenIds.length || storeIds.length ? { tokenIds, storeIds } : null).data;
  const tokenName = useMemo(() => new Map(names?.tokens.map((t) => [t.id, t.name])), [names]);
  const storeLabel = useMemo(() => new Map(names?.stores.map((s) => [s.id, s.label])), [names]);
  const labelOfStore = useCallback((id: string) => storeLabel.get(id), [storeLabel]);
  const nameOfToken = useCallback((id: string) => tokenName.get(id), [tokenName]);
  const total = groups?.byKind.reduce((n, g) => n + g.count, 0) ?? 0;
  const counts = {
    critical: groups?.byKind.reduce((n, g) => n + g.critical, 0) ?? 0,
    warning: groups?.byKind.reduce((n, g) => n + g.warning, 0) ?? 0,
    info: groups?.byKind.reduce((n, g) => n + g.info, 0) ?? 0,
  };
  const choose = (apply: () => void) => {
    apply();
    setPage(0);
  };
  // Entries added or removed outside Keyward (another app, the command line) show at once.
  const rescan = async () => {
    await act('getFindings', { rescanKeychain: true, limit: 1 });
    refetch('getFindings');
    refetch('getFindingCounts');
    refetch('getFindingGroups');
  };

  return (
    <section className="findings-view" aria-labelledby="findings-title">
      <h2 id="findings-title">Findings</h2>
      <p className="muted">
        Computed from metadata only: no secret is read. {counts.critical} critical, {counts.warning} warning
        {counts.warning === 1 ? '' : 's'}, {counts.info} info. The keychain&apos;s list of entries is re-read every 30
        seconds.{' '}
        <button type="button" className="link" onClick={() => void rescan()}>
          Re-read the keychain now
        </button>
      </p>
      <ul className="finding-groups plain" aria-label="Findings by kind">
        <li>
          <button type="button" className="chip" aria-pressed={kind === ''} onClick={() => choose(() => setKind(''))}>
            All kinds <span className="count-badge">{total}</span>
          </button>
        </li>
        {groups?.byKind.map((g) => (
          <li key={g.kind}>
            <button
              type="button"
              className={`chip chip-${g.critical ? 'critical' : g.warning ? 'warning' : 'info'}`}
              aria-pressed={kind === g.kind}
              onClick={() => choose(() => setKind(kind === g.kind ? '' : g.kind))}
            >
              {KIND_LABELS[g.kind]} <span className="count-badge">{g.count}</span>
            </button>
          </li>
        ))}
      </ul>
      <div className="filters" role="group" aria-label="Filter findings">
        <div className="field">
          <label htmlFor="findings-severity">Severity</label>
          <select
            id="findings-severity"
            value={severity}
            onChange={(e) => choose(() => setSeverity(e.target.value as Severity | ''))}
          >
            <option value="">All severities</option>
            {SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {s[0]!.toUpperCase() + s.slice(1)} ({counts[s]})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="findings-client">Client</label>
          <select id="findings-client" value={client} onChange={(e) => choose(() => setClient(e.target.value))}>
            <option value="">All clients</option>
            {groups?.byClient.map((c) => (
              <option key={c.clientId ?? NO_CLIENT} value={c.clientId ?? NO_CLIENT}>
                {c.clientName ?? 'No client'} ({c.count})
              </option>
            ))}
          </select>
        </div>
      </div>
      {!loaded ? (
        <p className="muted" role="status">
          Loading findings…
        </p>
      ) : findings.length === 0 ? (
        <p className="muted" role="status">
          {total === 0 ? 'Nothing needs attention.' : 'No findings match these filters.'}
        </p>
      ) : (
        <FindingsTable findings={findings} storeLabel={labelOfStore} tokenName={nameOfToken} />
      )}
      {(page > 0 || findings.length === PAGE) && (
        <div className="actions">
          <span role="status">
            Findings {page * PAGE + 1}–{page * PAGE + findings.length}
          </span>
          <button type="button" className="small" disabled={page === 0} onClick={() => setPage(page - 1)}>
            Previous
          </button>
          <button type="button" className="small" disabled={findings.length < PAGE} onClick={() => setPage(page + 1)}>
            Next
          </button>
        </div>
      )}
    </section>
  );
}
