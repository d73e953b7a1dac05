import { useState } from 'react';
import type { AppErrorShape } from '../../../electron/contract';
import { useQuery } from '../../lib/query';
import { SectionError } from './SectionError';
import { transferCall } from './transfer-call';

/** The client select's values: everything, one client, or the stores without one. */
const ALL = '__all';
const NONE = '__none';
const NO_CLIENTS: { id: string; name: string }[] = [];

/** Secret-free export: CSV or JSON of metadata and last checks, and a printable client status report. */
export function ExportSection() {
  const clients = useQuery('getNavigation', {}).data?.clients ?? NO_CLIENTS;
  const [scope, setScope] = useState(ALL);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const clientId = scope === ALL ? undefined : scope === NONE ? null : scope;
  const sorted = [...clients].sort((a, b) => a.name.localeCompare(b.name));

  async function run(what: 'csv' | 'json' | 'html' | 'pdf') {
    setBusy(true);
    setError(null);
    setSaved(null);
    const report = what === 'html' || what === 'pdf';
    const reply = report
      ? await transferCall('clientReport', { clientId: clientId ?? null, format: what })
      : await transferCall('exportInventory', clientId === undefined ? { format: what } : { format: what, clientId });
    setBusy(false);
    if (!reply.ok) return setError(reply.error);
    if (reply.value.saved)
      setSaved(
        `${report ? `Client status report (${what.toUpperCase()})` : `${what.toUpperCase()} export`} saved to ${reply.value.path}`,
      );
  }

  return (
    <section className="transfer-section" aria-labelledby="export-title">
      <h3 id="export-title">Export</h3>
      <p className="muted">Metadata and last checks only: no secret is ever in an export or a report.</p>
      <div className="field transfer-field">
        <label htmlFor="export-scope">What to export</label>
        <select id="export-scope" value={scope} onChange={(e) => setScope(e.target.value)}>
          <option value={ALL}>Everything</option>
          {sorted.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
          <option value={NONE}>Stores without a client</option>
        </select>
      </div>
      <div className="actions transfer-actions">
        <button type="button" disabled={busy} onClick={() => void run('csv')}>
          Export CSV…
        </button>
        <button type="button" disabled={busy} onClick={() => void run('json')}>
          Export JSON…
        </button>
        {(['html', 'pdf'] as const).map((format) => (
          <button
            key={format}
            type="button"
            disabled={busy || scope === ALL}
            title={scope === ALL ? 'Choose a client (or “Stores without a client”) for its report' : undefined}
            onClick={() => void run(format)}
          >
            Client status report ({format.toUpperCase()})…
          </button>
        ))}
      </div>
      {scope === ALL && <p className="hint muted">A status report is per client: choose one above.</p>}
      <SectionError error={error} onDismiss={() => setError(null)} />
      {saved && (
        <p className="transfer-saved" role="status">
          {saved}
        </p>
      )}
    </section>
  );
}
