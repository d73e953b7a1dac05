import { useState } from 'react';
import type { AppErrorShape } from '../../electron/contract';
import { useTransient } from './shell/use-transient';
import { errorText, transferCall } from './transfer/transfer-call';

/** Saves the audit log entries that match the view's filter as CSV, through the save dialog. */
export function AuditExportButton({ filter }: { filter: { subjectId?: string; actionPrefix?: string } }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [saved, setSaved] = useTransient<string>();

  async function run() {
    setBusy(true);
    setError(null);
    const reply = await transferCall('exportAuditLog', filter);
    setBusy(false);
    if (!reply.ok) return setError(reply.error);
    if (reply.value.saved)
      setSaved(
        `${reply.value.rows} ${reply.value.rows === 1 ? 'entry' : 'entries'} saved to ${reply.value.path}`,
        15_000,
      );
  }

  return (
    <div className="audit-export">
      <button type="button" disabled={busy} onClick={() => void run()}>
        {busy ? 'Exporting…' : 'Export CSV…'}
      </button>
      {saved && (
        <p className="muted" role="status">
          {saved}
        </p>
      )}
      {error && (
        <p className="banner banner-error" role="alert">
          Could not export the audit log: {errorText(error)}
        </p>
      )}
    </div>
  );
}
