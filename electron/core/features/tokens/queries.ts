import type { CheckResult, Dashboard, Names, Token, TokenName, TokenView } from '../../../contract';
import { DASHBOARD_GROUPS, DASHBOARD_UPCOMING } from '../../../contract';
import type { Database } from '../../db/sqlite';
import { AppError } from '../../errors';

/** A provider's display name by id (the catalog's; the id itself for one it does not know). */
export type ProviderName = (id: string) => string;

const DAY_MS = 86_400_000;

/** One token with its store, client and provider names, and its check history newest first. */
export function tokenView(db: Database, id: string, providerName: ProviderName): TokenView {
  const row = db
    .prepare(
      `SELECT t.doc AS doc, s.label AS storeLabel, s.provider AS providerId, c.id AS clientId, c.name AS clientName
       FROM tokens t LEFT JOIN stores s ON s.id = t.store_id LEFT JOIN clients c ON c.id = s.client_id WHERE t.id = ?`,
    )
    .get<{
      doc: string;
      storeLabel: string | null;
      providerId: string | null;
      clientId: string | null;
      clientName: string | null;
    }>(id);
  if (!row) throw new AppError('not_found', 'No token with this id: it may have been deleted.');
  const history = db
    .prepare('SELECT doc FROM check_results WHERE token_id = ? ORDER BY checked_at DESC, seq')
    .all<{ doc: string }>(id)
    .map((r) => JSON.parse(r.doc) as CheckResult);
  const token = { ...(JSON.parse(row.doc) as Token), checkHistory: history };
  const providerId = row.providerId ?? '';
  return {
    token,
    storeLabel: row.storeLabel,
    providerId,
    providerName: providerName(providerId),
    clientId: row.clientId,
    clientName: row.clientName,
  };
}

/** Names for the given token ids, in the order asked; ids of no token are left out. */
export function tokenNames(db: Database, ids: readonly string[], providerName: ProviderName): Names['tokens'] {
  if (ids.length === 0) return [];
  const rows = db
    .prepare(
      `SELECT t.id AS id, t.name AS name, t.status AS status, t.expires_at AS expiresAt, t.store_id AS storeId,
         s.label AS storeLabel, c.name AS clientName, s.provider AS providerId
       FROM json_each(?) j JOIN tokens t ON t.id = j.value LEFT JOIN stores s ON s.id = t.store_id
       LEFT JOIN clients c ON c.id = s.client_id ORDER BY j.key`,
    )
    .all<Omit<TokenName, 'providerName' | 'providerId'> & { providerId: string | null }>(JSON.stringify(ids));
  return rows.map((r) => ({ ...r, providerId: r.providerId ?? '', providerName: providerName(r.providerId ?? '') }));
}

/** The dashboard's counts, grouped by SQL over the token columns; `now` decides what expires within 30 days. */
export function dashboard(db: Database, now: Date, providerName: ProviderName): Dashboard {
  const byStatus: Dashboard['byStatus'] = {};
  for (const r of db
    .prepare('SELECT status, count(*) AS n FROM tokens GROUP BY status')
    .all<{ status: string; n: number }>())
    byStatus[r.status as keyof Dashboard['byStatus']] = r.n;
  const outcomes: Dashboard['outcomes'] = {};
  let never = 0;
  for (const r of db
    .prepare('SELECT last_outcome AS outcome, count(*) AS n FROM tokens GROUP BY last_outcome')
    .all<{ outcome: string | null; n: number }>()) {
    if (r.outcome === null) never = r.n;
    else outcomes[r.outcome as keyof Dashboard['outcomes']] = r.n;
  }
  const byProvider = db
    .prepare(
      `SELECT s.provider AS id, count(*) AS total, total(t.status = 'active') AS active, total(t.last_outcome IS 'invalid') AS invalid
       FROM tokens t JOIN stores s ON s.id = t.store_id GROUP BY s.provider ORDER BY total DESC, s.provider`,
    )
    .all<{ id: string; total: number; active: number; invalid: number }>()
    .map((p) => ({ ...p, name: providerName(p.id) }));
  const at = now.getTime();
  const overdue = triage(
    db,
    `t.status = 'active' AND ((t.expires_ms IS NOT NULL AND t.expires_ms <= ?) OR t.last_outcome IS 'invalid')`,
    [at],
    providerName,
    (row) => (row.expiresMs !== null && row.expiresMs <= at ? 'expired' : 'failing'),
  );
  const upcoming = triage(
    db,
    `t.status = 'active' AND t.expires_ms > ? AND t.expires_ms < ? AND t.last_outcome IS NOT 'invalid'`,
    [at, at + 30 * DAY_MS],
    providerName,
    () => 'expiring',
  );
  const counts = db
    .prepare(`SELECT (SELECT count(*) FROM tokens) AS tokens, (SELECT count(*) FROM stores) AS stores`)
    .get<{ tokens: number; stores: number }>()!;
  return {
    tokenCount: counts.tokens,
    storeCount: counts.stores,
    byStatus,
    byProvider,
    outcomes,
    never,
    overdue,
    upcoming,
  };
}

type TriageGroups = Dashboard['upcoming'];
type TriageRow = {
  id: string;
  name: string;
  provider: string;
  expiresAt: string | null;
  expiresMs: number | null;
  clientId: string | null;
  clientName: string | null;
  groupCount: number;
};

/**
 * Tokens matching `where`, grouped by client: the largest groups first, the soonest expiry first in each,
 * a few per group. One query with window functions, whatever the vault's size.
 */
function triage(
  db: Database,
  where: string,
  params: number[],
  providerName: ProviderName,
  reason: (row: TriageRow) => TriageGroups['groups'][number]['items'][number]['reason'],
): TriageGroups {
  const rows = db
    .prepare(
      `WITH matched AS (
         SELECT t.id, t.name, s.provider, t.expires_at AS expiresAt, t.expires_ms AS expiresMs, s.client_id AS clientId,
                c.name AS clientName,
                count(*) OVER (PARTITION BY s.client_id) AS groupCount,
                row_number() OVER (PARTITION BY s.client_id ORDER BY t.expires_ms IS NULL, t.expires_ms, t.pos) AS n
         FROM tokens t JOIN stores s ON s.id = t.store_id LEFT JOIN clients c ON c.id = s.client_id
         WHERE ${where}
       ),
       ranked AS (
         SELECT *, dense_rank() OVER (ORDER BY groupCount DESC, clientName IS NULL, clientName, clientId) AS g FROM matched
       )
       SELECT id, name, provider, expiresAt, expiresMs, clientId, clientName, groupCount
       FROM ranked WHERE n <= ${DASHBOARD_UPCOMING} AND g <= ${DASHBOARD_GROUPS} ORDER BY g, n`,
    )
    .all<TriageRow>(...params);
  const total = db
    .prepare(`SELECT count(*) AS n FROM tokens t JOIN stores s ON s.id = t.store_id WHERE ${where}`)
    .get<{ n: number }>(...params)!.n;
  const groups: TriageGroups['groups'] = [];
  for (const row of rows) {
    let group = groups.at(-1);
    if (!group || group.clientId !== row.clientId) {
      group = { clientId: row.clientId, clientName: row.clientName, count: row.groupCount, items: [] };
      groups.push(group);
    }
    group.items.push({
      id: row.id,
      name: row.name,
      providerName: providerName(row.provider),
      expiresAt: row.expiresAt,
      reason: reason(row),
    });
  }
  return { count: total, groups };
}
