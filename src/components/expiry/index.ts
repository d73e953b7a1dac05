export { NeedsAttention } from './NeedsAttention';
export { ExpiryTimeline } from './ExpiryTimeline';
export { ExpiryCalendarButton } from './ExpiryCalendarButton';
export { ExpirySettingsForm, parseLeadTimes } from './ExpirySettingsForm';
export { ExpiryView } from './ExpiryView';
export { ExpiryEvents } from './ExpiryEvents';
export { useAttentionCount, useExpiryOverview } from './expiry-store';
