import type {
  CredentialDescriptor,
  ExpiryPolicy,
  Finding,
  ProviderDescriptor,
  RateLimit,
  TokenSummary,
} from '../../electron/contract';

type ExpirySource = TokenSummary['expirySource'];

/** "1 year", "90 days". */
export function durationText(days: number): string {
  if (days % 365 === 0) return `${days / 365} year${days === 365 ? '' : 's'}`;
  return `${days} day${days === 1 ? '' : 's'}`;
}

/** Where an expiry date came from, in words a user understands. */
export function expirySourceText(source: ExpirySource | undefined, policy?: ExpiryPolicy): string {
  switch (source) {
    case 'token':
      return 'read from the token';
    case 'provider-rule':
      return policy?.fallbackDays
        ? `estimated: ${durationText(policy.fallbackDays)} after its created date (not read from the token)`
        : 'estimated from the provider rule';
    case 'user':
      return 'entered by you';
    case 'none':
      return 'never expires';
    default:
      return 'unknown';
  }
}

const pad = (n: number): string => String(n).padStart(2, '0');
/**
 * The calendar day (YYYY-MM-DD) an instant falls on where the user is, as forms use it; a date alone is kept.
 * Main stores a typed date as the start of that day in the same zone, so the day shown is the day typed.
 */
export const isoDay = (iso: string): string => {
  if (iso.length === 10) return iso;
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};
// One formatter for each kind of value: toLocaleDateString with options builds a new one each time.
const LOCAL_DAY = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
const CALENDAR_DAY = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  timeZone: 'UTC',
});
/** A day as the user's locale writes it: an instant in the user's zone, a date alone as that date. */
export const localDay = (iso: string): string =>
  iso.length === 10 ? CALENDAR_DAY.format(new Date(`${iso}T00:00:00Z`)) : LOCAL_DAY.format(new Date(iso));

export function windowText(seconds: number): string {
  if (seconds === 1) return 'second';
  if (seconds === 60) return 'minute';
  if (seconds === 3600) return 'hour';
  if (seconds % 3600 === 0) return `${seconds / 3600} hours`;
  if (seconds % 60 === 0) return `${seconds / 60} minutes`;
  return `${seconds} seconds`;
}

export function rateLimitText(limit: RateLimit): string {
  const extra = [
    limit.appliesTo,
    limit.mode ? `${limit.mode} mode` : undefined,
    limit.confirmed ? undefined : 'unconfirmed',
  ]
    .filter(Boolean)
    .join(', ');
  return `${limit.requests} requests per ${windowText(limit.windowSeconds)} per ${limit.per}${extra ? ` (${extra})` : ''}`;
}

export const SEVERITIES = ['critical', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Compares as String#localeCompare without arguments does (a default Collator), several times faster per call. */
export const compareText = new Intl.Collator().compare;

const RANK: Record<Severity, number> = { critical: 0, warning: 1, info: 2 };
export const compareFindings = (a: Finding, b: Finding): number =>
  RANK[a.severity] - RANK[b.severity] || compareText(a.dueAt ?? '', b.dueAt ?? '') || compareText(a.id, b.id);

export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(compareFindings);
}

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { critical: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

export const KIND_LABELS: Record<Finding['kind'], string> = {
  expired: 'Expired',
  expiring: 'Expiring',
  rotation_due: 'Rotation due',
  slot_limit: 'Slot limit',
  format_mismatch: 'Unusual format',
  rate_limit_above_plan: 'Rate limit above plan',
  broad_access: 'Broad access',
  open_allowlist: 'Open IP allowlist',
  duplicate_secret: 'Duplicate secret',
  secret_missing: 'Secret missing',
  orphan_secret: 'Keychain entry without token',
  check_failed: 'Check failed',
  test_in_production: 'Test token in production',
  custom_provider_invalid: 'Custom provider invalid',
  revoke_pending: 'Old token not yet revoked',
};

export const credentialFor = (
  provider: ProviderDescriptor | undefined,
  kind: TokenSummary['kind'],
): CredentialDescriptor | undefined => provider?.credentials.find((c) => c.kind === kind);

export const providerName = (providers: readonly ProviderDescriptor[], id: string): string =>
  providers.find((p) => p.id === id)?.name ?? id;

/** "Shippo live token", "Printify token". */
export const tokenDescription = (provider: string, mode: 'live' | 'test' | null): string =>
  `${provider}${mode ? ` ${mode}` : ''} token`;

/** Scopes, short: the first two and how many more. */
export function scopesShort(scopes: readonly string[]): string {
  if (scopes.length === 0) return '';
  return scopes.length <= 2 ? scopes.join(', ') : `${scopes.slice(0, 2).join(', ')} +${scopes.length - 2}`;
}
