// Dates a person types (YYYY-MM-DD) and the instants Keyward stores. Main runs on the user's machine, so the
// process's time zone is the zone of the person who typed the date; tests pass `zone` explicitly.

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The IANA zone this process runs in (honours TZ). */
export const processZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** The wall-clock reading of `ms` in `zone`, as if that reading were UTC (ms). */
function wallClock(ms: number, zone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(zone).formatToParts(new Date(ms)))
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
}

/** The calendar date (YYYY-MM-DD) an instant falls on in `zone`. */
export function localDate(instant: Date | string | number, zone: string = processZone()): string {
  const ms = instant instanceof Date ? instant.getTime() : typeof instant === 'string' ? Date.parse(instant) : instant;
  return new Date(wallClock(ms, zone)).toISOString().slice(0, 10);
}

/**
 * The first instant of a calendar day in `zone`: local midnight, or the moment the clocks jump past it
 * where a DST change skips midnight. Throws on a date that does not exist (2027-02-30).
 */
export function startOfDay(date: string, zone: string = processZone()): Date {
  const m = DATE_ONLY.exec(date);
  const guess = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  if (!m || new Date(guess).toISOString().slice(0, 10) !== date) throw new Error(`"${date}" is not a calendar date.`);
  // Offsets around the day cover a change of offset on either side of midnight.
  const candidates = [-86_400_000, 0, 86_400_000].map((shift) => {
    const offset = wallClock(guess + shift, zone) - (guess + shift);
    return guess - Math.round(offset / 1000) * 1000;
  });
  const onTheDay = candidates.filter((t) => localDate(t, zone) === date);
  return new Date(Math.min(...(onTheDay.length ? onTheDay : candidates)));
}

/**
 * The one reading of a date a person gave (form, import, command line): a date alone is the start of that
 * day in their zone, its earliest possible instant, so a warning is never late; a full timestamp is kept.
 */
export function dateInstant(input: string, zone: string = processZone()): string {
  if (DATE_ONLY.test(input)) return startOfDay(input, zone).toISOString();
  const ms = Date.parse(input);
  if (Number.isNaN(ms)) throw new Error(`"${input.slice(0, 40)}" is not a date.`);
  return new Date(ms).toISOString();
}

/** dateInstant for callers that name an edge: created and expiry dates alike read as their earliest instant. */
export const normaliseDate = (input: string, _edge?: 'start' | 'end', zone?: string): string =>
  dateInstant(input, zone);
