import type { Finding, FindingSeverity } from '../../../contract';
import type { Database, SqlValue } from '../../db/sqlite';
import { sortFindings } from '../../rules/findings/sort-findings';

// getFindings and getFindingCounts answered from the stored findings.

export interface FindingsFilter {
  storeIds?: readonly string[] | undefined;
  tokenId?: string | undefined;
  severities?: readonly FindingSeverity[] | undefined;
  limit?: number | undefined;
}

/** The stored findings matching the filter, in sortFindings' order (most severe first), the first `limit` of them. */
export function findingsSql(db: Database, { storeIds, tokenId, severities, limit }: FindingsFilter): Finding[] {
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
  const rows = db
    .prepare(`SELECT doc FROM findings${parts.length ? ` WHERE ${parts.join(' AND ')}` : ''} ORDER BY seq`)
    .all<{ doc: string }>(...params);
  const list = sortFindings(rows.map((r) => JSON.parse(r.doc) as Finding));
  return limit === undefined ? list : list.slice(0, limit);
}

export function findingCountsSql(db: Database): Record<FindingSeverity, number> {
  const counts = { critical: 0, warning: 0, info: 0 };
  for (const r of db
    .prepare('SELECT severity, count(*) AS n FROM findings GROUP BY severity')
    .all<{ severity: FindingSeverity; n: number }>())
    counts[r.severity] = r.n;
  return counts;
}
