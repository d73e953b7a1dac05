import type { Finding } from '../../../contract';

const SEVERITY_ORDER = { critical: 0, warning: 1, info: 2 } as const;

/** A finding with its sort keys worked out once: severity rank, due date text and, for toISOString's form, its time. */
export interface SortEntry {
  f: Finding;
  sev: number;
  due: string;
  at: number;
  /** A due date in toISOString's form that toISOString would not give (e.g. "T24:00", Feb 30). */
  odd: boolean;
}

/** The form Date.prototype.toISOString gives (years 0000-9999): digits in fixed places, the same punctuation in all. */
const CANONICAL_ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d\d\dZ$/;

export function sortEntry(f: Finding): SortEntry {
  const due = f.dueAt ?? '';
  const at = CANONICAL_ISO.test(due) ? Date.parse(due) : NaN;
  return { f, sev: SEVERITY_ORDER[f.severity], due, at, odd: at === at && !fieldsInRange(due) };
}

/** Month, day, hour, minute and second within their calendar ranges: Date.parse then gives the time toISOString writes so. */
function fieldsInRange(iso: string): boolean {
  const two = (i: number) => (iso.charCodeAt(i) - 48) * 10 + iso.charCodeAt(i + 1) - 48;
  const year = two(0) * 100 + two(2);
  const month = two(5);
  const day = two(8);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return month >= 1 && month <= 12 && day >= 1 && day <= days && two(11) <= 23 && two(14) <= 59 && two(17) <= 59;
}

/** Due date, then id, each compared with localeCompare as before (canonical due dates by their time: the same answer). */
function byDueThenId(a: SortEntry, b: SortEntry): number {
  let due = 0;
  if (a.due !== b.due) due = a.at === a.at && b.at === b.at ? a.at - b.at : a.due.localeCompare(b.due); // Both canonical (NaN !== NaN otherwise).
  return due || (a.f.id === b.f.id ? 0 : a.f.id.localeCompare(b.f.id));
}

/**
 * Most severe first, then by due date, then by id, each compared with localeCompare as before. Two due dates
 * in toISOString's form first differ at a digit, with everything before it equal; any collation orders digits
 * 0-9 as code units do and has no contraction over these characters, so such pairs are ordered by their time
 * (the same answer as comparing them as code units, without ICU). Severity splits the list into three runs
 * first; the stable sort keeps equal findings in their order, as the single three-key sort did.
 */
export function sortedEntries(findings: readonly Finding[]): SortEntry[] {
  const runs: SortEntry[][] = [[], [], []];
  for (const f of findings) {
    const e = sortEntry(f);
    runs[e.sev]!.push(e);
  }
  for (const run of runs) run.sort(byDueThenId);
  return runs.flat();
}

export function sortFindings(findings: Finding[]): Finding[] {
  let i = 0;
  for (const e of sortedEntries(findings)) findings[i++] = e.f;
  return findings;
}
