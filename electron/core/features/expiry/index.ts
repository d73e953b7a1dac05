export {
  ExpiryScheduler,
  SNOOZE_MS,
  SANITY_INTERVAL_MS,
  type ExpirySchedulerDeps,
  type SnoozeLength,
} from './expiry-scheduler';
export {
  systemTimers,
  type AttentionIndicator,
  type ExpiryVaultSource,
  type NotificationStateStore,
  type Timers,
} from './expiry-ports';
export { ExpiryNotificationSettings, resolveExpirySettings, type ExpirySettings } from './expiry-settings';
export { SqliteWarningStore } from './sqlite-warning-store';
export {
  planWarnings,
  attentionSummary,
  type AttentionItem,
  type AttentionSummary,
  type DueWarning,
  type WarningPlan,
} from './planner';
export { groupWarnings, type ExpiryNotice } from './messages';
export { buildIcs } from './ics';
export { inventorySource } from './inventory-source';
export { expiryTimeline, needsAttention, type ExpiryTimeline, type TimelineWeek } from './timeline';
export { expiryCandidates, type ExpiryCandidate, type Threshold } from './candidates';
