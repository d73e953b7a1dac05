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
    const name = result.value.saved ? (result.value.path.split(/[\\/]/).pop() ?? result.value.path) : null;
    setState({ busy: false, error: null, saved: name });
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
