import { useEffect, useMemo, useState } from 'react';
import type { AuditEntry } from '../../electron/contract';
import { useQuery } from '../lib/query';
import { AuditExportButton } from './AuditExportButton';
import { AuditTable } from './AuditTable';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Unique ids of one subject type in the entries, as getNames takes them. */
const idsOf = (entries: readonly AuditEntry[] | undefined, type: AuditEntry['subject']['type']) => [
  ...new Set(
    (entries ?? []).filter((e) => e.subject.type === type && UUID.test(e.subject.id)).map((e) => e.subject.id),
  ),
];

const PREFIXES: [string, string][] = [
  ['', 'All actions'],
  ['token.', 'Tokens'],
  ['token.check', 'Checks'],
  ['token.copy', 'Secret copies'],
  ['token.rotate', 'Rotations'],
  ['store.', 'Stores'],
  ['client.', 'Clients'],
  ['provider.', 'Providers'],
  ['settings.', 'Settings'],
  ['vault.', 'Vault'],
];

const filterOf = ({ subjectId, actionPrefix }: { subjectId?: string; actionPrefix?: string }) => ({
  ...(subjectId ? { subjectId } : {}),
  ...(actionPrefix ? { actionPrefix } : {}),
});

/** The append-only audit log (no secret values in it), filtered by subject and action. */
export function AuditLogView({ subjectId: initialSubject }: { subjectId?: string | undefined }) {
  const [subject, setSubject] = useState(initialSubject ?? '');
  const [prefix, setPrefix] = useState('');
  const query = useMemo(
    () => ({
      limit: 500,
      ...(subject.trim() ? { subjectId: subject.trim() } : {}),
      ...(prefix ? { actionPrefix: prefix } : {}),
    }),
    [subject, prefix],
  );
  // Typing in the subject field asks main once it pauses.
  const [asked, setAsked] = useState(query);
  useEffect(() => {
    const timer = setTimeout(() => setAsked(query), 150);
    return () => clearTimeout(timer);
  }, [query]);
  const answer = useQuery('getAuditLog', asked);
  const entries = answer.data ?? null;
  const error = answer.error?.message ?? null;
  const names = useQuery(
    'getNames',
    answer.data
      ? {
          tokenIds: idsOf(answer.data, 'token'),
          storeIds: idsOf(answer.data, 'store'),
          clientIds: idsOf(answer.data, 'client'),
        }
      : null,
  ).data;

  useEffect(() => setSubject(initialSubject ?? ''), [initialSubject]);

  return (
    <section className="audit-view" aria-labelledby="audit-view-title">
      <h2 id="audit-view-title">Audit log</h2>
      <p className="muted">
        Every change Keyward made, newest first. No secret value is ever written here, nor in its export.
      </p>
      <div className="filters" role="group" aria-label="Filter the audit log">
        <div className="field">
          <label htmlFor="audit-subject">Subject id</label>
          <input
            id="audit-subject"
            value={subject}
            onChange={(e) => setSubject(e.target.value)}
            placeholder="a token, store or client id"
            spellCheck={false}
          />
        </div>
        <div className="field">
          <label htmlFor="audit-prefix">Action</label>
          <select id="audit-prefix" value={prefix} onChange={(e) => setPrefix(e.target.value)}>
            {PREFIXES.map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </select>
        </div>
        <AuditExportButton filter={filterOf(asked)} />
      </div>
      {error ? (
        <p className="banner banner-error" role="alert">
          Could not read the audit log: {error}
        </p>
      ) : entries === null ? (
        <p className="muted">Loading…</p>
      ) : entries.length === 0 ? (
        <p className="muted" role="status">
          No entries match.
        </p>
      ) : (
        <AuditTable entries={entries} names={names} />
      )}
    </section>
  );
}
