import { useState } from 'react';
import { call } from '../../lib/api';

/** Saves an ICS calendar (one event per expiring token, alarms at the lead times, no secrets) through a download link. */
export function ExpiryCalendarButton() {
  const [state, setState] = useState<{ busy: boolean; error: string | null; saved: string | null }>({ busy: false, error: null, saved: null });
  const exportCalendar = async () => {
    setState({ busy: true, error: null, saved: null });
    const result = await call('exportExpiryCalendar', {});
    if (!result.ok) {
      setState({ busy: false, error: result.error.message, saved: null });
      return;
    }
    const url = URL.createObjectURL(new Blob([result.value.content], { type: 'text/calendar;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = result.value.filename;
    link.hidden = true;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    setState({ busy: false, error: null, saved: result.value.filename });
  };
  return (
    <div className="expiry-calendar">
      <button type="button" disabled={state.busy} onClick={() => void exportCalendar()}>
        Export expiry calendar (.ics)
      </button>
      <span className="muted"> For your team calendar: names and dates only, never a secret.</span>
      {state.saved && (
        <p role="status" className="muted">
          Saved {state.saved}.
        </p>
      )}
      {state.error && (
        <p role="alert" className="error-text">
          {state.error}
        </p>
      )}
    </div>
  );
}
