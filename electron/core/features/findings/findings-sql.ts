import type { Finding, FindingKind, FindingSeverity } from '../../../contract';
import type { Database, SqlValue } from '../../db/sqlite';
import { sortFindings } from '../../rules/findings/sort-findings';

// getFindings and getFindingCounts answered from the stored findings.

export interface FindingsFilter {
  storeIds?: readonly string[] | undefined;
  tokenId?: string | undefined;
  severities?: readonly FindingSeverity[] | undefined;
  kinds?: readonly FindingKind[] | undefined;
  /** Only findings about this client's stores; null: stores without a client. */
  clientId?: string | null | undefined;
  offset?: number | undefined;
  limit?: number | undefined;
}

/** The stored findings matching the filter, in sortFindings' order (most severe first), the first `limit` of them. */
export function findingsSql(
  db: Database,
  { storeIds, tokenId, severities, kinds, clientId, offset = 0, limit }: FindingsFilter,
): Finding[] {
  const parts: string[] = [];
  const params: SqlValue[] = [];
  if (storeIds || tokenId) {
    const about: string[] = [];
    if (storeIds) {
      about.push('store_id IN (SELECT value FROM json_each(?))');
      params.push(JSON.stringify(storeIds));
    }
    if (tokenId !== undefined) {
      about.push('token_id = ?');
      params.push(tokenId);
    }
    parts.push(`(${about.join(' OR ')})`);
  }
  if (severities) {
    parts.push('severity IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(severities));
  }
  if (kinds) {
    parts.push('kind IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(kinds));
  }
  if (clientId !== undefined) {
    parts.push(
      clientId === null
        ? 'store_id IN (SELECT id FROM stores WHERE client_id IS NULL)'
        : 'store_id IN (SELECT id FROM stores WHERE client_id = ?)',
    );
    if (clientId !== null) params.push(clientId);
  }
  const rows = db
    .prepare(`SELECT doc FROM findings${parts.length ? ` WHERE ${parts.join(' AND ')}` : ''} ORDER BY seq`)
    .all<{ doc: string }>(...params);
  const list = sortFindings(rows.map((r) => JSON.parse(r.doc) as Finding));
  return list.slice(offset, limit === undefined ? undefined : offset + limit);
}

type SeverityCounts = Record<FindingSeverity, number> & { count: number };
export interface FindingGroups {
  byKind: ({ kind: FindingKind } & SeverityCounts)[];
  byClient: ({ clientId: string | null; clientName: string | null } & SeverityCounts)[];
}

/** How many findings of each kind and about each client's stores, by severity: the findings view's groups. */
export function findingGroupsSql(db: Database): FindingGroups {
  const counted = <T extends object>(rows: (T & { severity: FindingSeverity; n: number })[], key: (r: T) => string) => {
    const groups = new Map<string, T & SeverityCounts>();
    for (const { severity, n, ...rest } of rows) {
      const k = key(rest as unknown as T);
      const g = groups.get(k) ?? { ...(rest as unknown as T), count: 0, critical: 0, warning: 0, info: 0 };
      g[severity] += n;
      g.count += n;
      groups.set(k, g);
    }
    return [...groups.values()].sort((a, b) => b.critical - a.critical || b.count - a.count);
  };
  const byKind = counted<{ kind: FindingKind }>(
    db
      .prepare('SELECT kind, severity, count(*) AS n FROM findings GROUP BY kind, severity')
      .all<{ kind: FindingKind; severity: FindingSeverity; n: number }>(),
    (r) => r.kind,
  );
  const byClient = counted<{ clientId: string | null; clientName: string | null }>(
    db
      .prepare(
        `SELECT s.client_id AS clientId, c.name AS clientName, f.severity AS severity, count(*) AS n
         FROM findings f JOIN stores s ON s.id = f.store_id LEFT JOIN clients c ON c.id = s.client_id
         GROUP BY s.client_id, f.severity`,
      )
      .all<{ clientId: string | null; clientName: string | null; severity: FindingSeverity; n: number }>(),
    (r) => r.clientId ?? '',
  );
  return { byKind, byClient };
}

export function findingCountsSql(db: Database): Record<FindingSeverity, number> {
  const counts = { critical: 0, warning: 0, info: 0 };
  for (const r of db
    .prepare('SELECT severity, count(*) AS n FROM findings GROUP BY severity')
    .all<{ severity: FindingSeverity; n: number }>())
    counts[r.severity] = r.n;
  return counts;
}
