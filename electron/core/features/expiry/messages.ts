import type { FindingSeverity } from '../../../contract';
import { day } from '../../rules/expiry';
import { EXPIRED, type Threshold } from './candidates';
import type { DueWarning } from './planner';

const DAY_MS = 86_400_000;
const LISTED = 5;

/** One OS notification. Fits the Notifier port; `tokenId` is set when it is about one token, so a click opens it. */
export interface ExpiryNotice {
  title: string;
  body: string;
  tokenId?: string;
  tokenIds: string[];
  severity: FindingSeverity;
  threshold: Threshold;
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

function when(w: DueWarning, now: Date): string {
  const at = w.candidate.expiresAt;
  const date = `${day(at)}${w.candidate.estimated ? ', estimated' : ''}`;
  if (at.getTime() <= now.getTime()) return `expired on ${date}`;
  const days = Math.max(0, Math.ceil((at.getTime() - now.getTime()) / DAY_MS));
  return `expires ${days <= 1 ? 'within a day' : `in ${days} days`} (${date})`;
}

const where = (w: DueWarning): string => `${w.candidate.providerName} · ${w.candidate.store.label}`;

function single(w: DueWarning, now: Date): ExpiryNotice {
  const { token, tokenPageText, providerName } = w.candidate;
  const kind = w.candidate.test ? 'test token' : 'token';
  const todo = `${w.threshold === EXPIRED ? 'Replace' : 'Rotate'} it: create a new token at ${providerName}${tokenPageText ? ` (${tokenPageText})` : ''}, update the integrations and paste it into Keyward.`;
  return {
    title: `${w.reminder ? 'Reminder: ' : ''}${where(w)}`,
    body: `${kind[0]?.toUpperCase()}${kind.slice(1)} '${token.name}' ${when(w, now)}. ${todo}`,
    tokenId: token.id,
    tokenIds: [token.id],
    severity: w.severity,
    threshold: w.threshold,
  };
}

function group(ws: DueWarning[], now: Date): ExpiryNotice {
  const first = ws[0] as DueWarning;
  const allTest = ws.every((w) => w.candidate.test);
  const noun = plural(ws.length, allTest ? 'test token' : 'token', allTest ? 'test tokens' : 'tokens');
  const title =
    first.threshold === EXPIRED
      ? `${noun} ${ws.length === 1 ? 'has' : 'have'} expired`
      : `${noun} expire within ${plural(first.threshold, 'day', 'days')}`;
  const sorted = [...ws].sort((a, b) => a.candidate.expiresAt.getTime() - b.candidate.expiresAt.getTime());
  const lines = sorted.slice(0, LISTED).map((w) => `${where(w)}: '${w.candidate.token.name}' ${when(w, now)}`);
  if (ws.length > LISTED) lines.push(`and ${ws.length - LISTED} more`);
  lines.push('Open Keyward to rotate them.');
  return {
    title,
    body: lines.join('\n'),
    tokenIds: sorted.map((w) => w.candidate.token.id),
    severity: first.severity,
    threshold: first.threshold,
  };
}

/** Several warnings at once become one notice per class (threshold and severity) rather than a burst; one names its token. */
export function groupWarnings(due: readonly DueWarning[], now: Date): ExpiryNotice[] {
  const classes = new Map<string, DueWarning[]>();
  for (const w of due) {
    const k = `${w.threshold}:${w.severity}`;
    classes.set(k, [...(classes.get(k) ?? []), w]);
  }
  return [...classes.values()]
    .sort((a, b) => (a[0] as DueWarning).threshold - (b[0] as DueWarning).threshold)
    .map((ws) => (ws.length === 1 ? single(ws[0] as DueWarning, now) : group(ws, now)));
}
