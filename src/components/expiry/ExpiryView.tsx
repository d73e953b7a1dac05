import { ExpiryCalendarButton } from './ExpiryCalendarButton';
import { ExpirySettingsForm } from './ExpirySettingsForm';
import { ExpiryTimeline } from './ExpiryTimeline';
import { NeedsAttention } from './NeedsAttention';
import { useExpiryOverview } from './expiry-store';

/** The Expiry view: what needs attention now, the next 90 days, the calendar export and the warning settings. */
export function ExpiryView() {
  const error = useExpiryOverview().error;
  return (
    <div className="expiry-view">
      <div className="expiry-view-head">
        <h2 className="expiry-title">Expiry</h2>
        <ExpiryCalendarButton />
      </div>
      {error && (
        <p role="alert" className="banner banner-error">
          {error.message}
        </p>
      )}
      <NeedsAttention heading="h3" />
      <ExpiryTimeline />
      <ExpirySettingsForm />
    </div>
  );
}
