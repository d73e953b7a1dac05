import { useCallback, useMemo, useState } from 'react';
import { countBySeverity, SEVERITIES, sortFindings, type Severity } from '../lib/format';
import type { Finding } from '../../electron/contract';
import { act, refetch, useQuery } from '../lib/query';
import { FindingsTable } from './FindingsTable';

const NO_CLIENT = '__none__';
const NONE: readonly Finding[] = [];
/** Items rendered before "Show more": 8,000 findings at 10,000 tokens would take seconds to render. */
const PAGE = 200;

/** Everything that needs attention, most severe first, filtered by severity and client. */
export function FindingsView() {
  const loaded = useQuery('getFindings', {}).data;
  const findings = loaded ?? NONE;
  const nav = useQuery('getNavigation', {}).data;
  const [severity, setSeverity] = useState<Severity | ''>('');
  const [client, setClient] = useState('');
  const [limit, setLimit] = useState(PAGE);
  const clients = nav?.clients ?? [];
  const byClient = useMemo(
    () =>
      client === ''
        ? findings
        : findings.filter((f) => (client === NO_CLIENT ? !f.subject.clientId : f.subject.clientId === client)),
    [findings, client],
  );
  const shown = useMemo(
    () => sortFindings(severity === '' ? byClient : byClient.filter((f) => f.severity === severity)),
    [byClient, severity],
  );
  const counts = useMemo(() => countBySeverity(byClient), [byClient]);
  const page = shown.length > limit ? shown.slice(0, limit) : shown;
  // The labels of the stores the shown findings are about, for their "Open store" buttons.
  const storeIds = useMemo(() => [...new Set(page.flatMap((f) => f.subject.storeId ?? []))].slice(0, 5_000), [page]);
  const labels = useQuery('getNames', storeIds.length ? { storeIds } : null).data;
  const labelOf = useMemo(() => new Map(labels?.stores.map((s) => [s.id, s.label])), [labels]);
  const storeLabel = useCallback((id: string) => labelOf.get(id), [labelOf]);
  // Entries added or removed outside Keyward (another app, the command line) show at once.
  const rescan = async () => {
    await act('getFindings', { rescanKeychain: true, limit: 1 });
    refetch('getFindings');
    refetch('getFindingCounts');
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
      <div className="filters" role="group" aria-label="Filter findings">
        <div className="field">
          <label htmlFor="findings-severity">Severity</label>
          <select
            id="findings-severity"
            value={severity}
            onChange={(e) => {
              setSeverity(e.target.value as Severity | '');
              setLimit(PAGE);
            }}
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
          <select
            id="findings-client"
            value={client}
            onChange={(e) => {
              setClient(e.target.value);
              setLimit(PAGE);
            }}
          >
            <option value="">All clients</option>
            <option value={NO_CLIENT}>No client</option>
            {clients.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      {!loaded ? (
        <p className="muted" role="status">
          Loading findings…
        </p>
      ) : shown.length === 0 ? (
        <p className="muted" role="status">
          {findings.length === 0 ? 'Nothing needs attention.' : 'No findings match these filters.'}
        </p>
      ) : (
        <FindingsTable findings={page} storeLabel={storeLabel} />
      )}
      {shown.length > limit && (
        <button type="button" className="small" onClick={() => setLimit((n) => n + 1000)}>
          Show more ({limit} of {shown.length} shown)
        </button>
      )}
    </section>
  );
}
