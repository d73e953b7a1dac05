import type { Client, StoreProfile, Token } from '../../../contract';
import type { Catalog } from '../../providers/catalog';
import { day } from '../../rules/expiry';
import { EXPIRED, type ExpiryCandidate, expiryCandidates } from './candidates';
import type { ExpirySettings } from './expiry-settings';

const DAY_MS = 86_400_000;
const CRLF = '\r\n';

/** RFC 5545 TEXT: backslash, semicolon, comma and newlines are escaped. */
export function escapeText(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r?\n|\r/g, '\\n');
}

/** Folds a content line at 75 octets (RFC 5545 3.1), never inside a UTF-8 character; continuation lines start with a space. */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    const limit = parts.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}

const utcStamp = (at: Date): string =>
  at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
const dateValue = (at: Date): string => day(at).replace(/-/g, '');

function event(c: ExpiryCandidate, clientName: string | null, now: Date): string[] {
  const { token, store, providerName, tokenPageText } = c;
  const test = c.test ? ' (test token)' : '';
  const where = `${providerName} · ${clientName ? `${clientName} · ` : ''}${store.label}`;
  const summary = `${where}: token '${token.name}'${test} expires`;
  const description = [
    `The ${providerName} token '${token.name}'${test} of ${clientName ? `${clientName}'s store ` : 'store '}${store.label} expires on ${day(c.expiresAt)} at ${c.expiresAt.toISOString().slice(11, 16)} UTC${c.estimated ? " (estimated from the provider's rule)" : ''}.`,
    `What to do: create a new token at ${providerName}${tokenPageText ? ` (${tokenPageText})` : ''}, update the integrations that use it, paste the new token into Keyward and mark this one rotated.`,
    'Exported from Keyward; no secret is in this calendar.',
  ].join('\n');
  const start = c.expiresAt;
  const alarms = c.thresholds
    .filter((t) => t !== EXPIRED)
    .flatMap((lead) => [
      'BEGIN:VALARM',
      'ACTION:DISPLAY',
      `TRIGGER:-P${lead}D`,
      `DESCRIPTION:${escapeText(`${where}: token '${token.name}' expires in ${lead} day${lead === 1 ? '' : 's'}`)}`,
      'END:VALARM',
    ]);
  return [
    'BEGIN:VEVENT',
    // Stable across exports of the same token and date, so a re-import updates the event instead of duplicating it.
    `UID:${token.id}-${utcStamp(c.expiresAt)}@keyward`,
    `DTSTAMP:${utcStamp(now)}`,
    `DTSTART;VALUE=DATE:${dateValue(start)}`,
    `DTEND;VALUE=DATE:${dateValue(new Date(start.getTime() + DAY_MS))}`,
    `SUMMARY:${escapeText(summary)}`,
    `DESCRIPTION:${escapeText(description)}`,
    'TRANSP:TRANSPARENT',
    ...(c.tokenPageUrl ? [`URL:${c.tokenPageUrl}`] : []),
    ...alarms,
    'END:VEVENT',
  ];
}

/**
 * A calendar with one all-day event per token that has not expired yet, on its expiry date (UTC), with an alarm at
 * each lead time. Names, dates and what to do only: no secret, no fingerprint, no masked value.
 */
export function buildIcs(
  vault: { stores: readonly StoreProfile[]; tokens: readonly Token[]; clients?: readonly Client[] },
  catalog: Catalog,
  settings: ExpirySettings,
  now: Date,
): string {
  const clients = new Map((vault.clients ?? []).map((c) => [c.id, c.name]));
  const upcoming = expiryCandidates({ stores: [...vault.stores], tokens: [...vault.tokens] }, catalog, settings)
    .filter((c) => c.expiresAt.getTime() > now.getTime())
    .sort((a, b) => a.expiresAt.getTime() - b.expiresAt.getTime() || a.token.id.localeCompare(b.token.id));
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Keyward//Token expiry//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'X-WR-CALNAME:Keyward token expiry',
    ...upcoming.flatMap((c) => event(c, c.store.clientId ? (clients.get(c.store.clientId) ?? null) : null, now)),
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join(CRLF) + CRLF;
}
