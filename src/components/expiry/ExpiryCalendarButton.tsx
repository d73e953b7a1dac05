import { useState } from 'react';
import { call } from '../../lib/api';

/** Saves an ICS calendar (one event per expiring token, alarms at the lead times, no secrets): main asks where and writes it. */
export function ExpiryCalendarButton() {
  const [state, setState] = useState<{ busy: boolean; error: string | null; saved: string | null }>({
    busy: false,
    error: null,
    saved: null,
  });
  const exportCalendar = async () => {
    setState({ busy: true, error: null, saved: null });
    const result = await call('saveExpiryCalendar', {});
    if (!result.ok) {
      setState({ busy: false, error: result.error.message, saved: null });
      return;
    }
    // Where it went, whole: the user chose it in the save dialog and may want to find it again.
    setState({ busy: false, error: null, saved: result.value.saved ? result.value.path : null });
  };
  return (
    <div className="expiry-calendar">
      <button type="button" disabled={state.busy} onClick={() => void exportCalendar()}>
        Export expiry calendar (.ics)
      </button>
      <span className="muted"> For your team calendar: names and dates only, never a secret.</span>
      {state.saved && (
        <p role="status" className="muted">
          Saved to {state.saved}.
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
