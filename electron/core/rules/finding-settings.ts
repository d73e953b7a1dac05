import { FindingSettings, type CredentialPolicy } from '../../contract';

/** Reads vault.settings.findings leniently: anything unreadable falls back to the defaults rather than hiding findings. */
export function resolveFindingSettings(raw: unknown): FindingSettings {
  const parsed = FindingSettings.safeParse(raw ?? {});
  return parsed.success ? parsed.data : FindingSettings.parse({});
}

/** Lead times in days, largest first: the provider's own if set, else the global ones. */
export function leadTimesFor(settings: FindingSettings, providerId: string): number[] {
  const days = settings.providers[providerId]?.leadTimesDays ?? settings.leadTimesDays;
  return [...new Set(days)].sort((a, b) => b - a);
}

/** Rotation period in days (null: no rotation advice): the user's setting for the provider, else the provider's own advice. */
export function rotationDaysFor(
  settings: FindingSettings,
  providerId: string,
  policy: CredentialPolicy,
): number | null {
  const configured = settings.providers[providerId]?.rotationDays;
  if (configured !== undefined) return configured > 0 ? configured : null;
  return policy.expiry?.rotationDays ?? null;
}
