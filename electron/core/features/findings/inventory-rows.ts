import type { Client, StoreProfile, Token } from '../../../contract';
import type { Database, SqlValue } from '../../db/sqlite';
import type { Catalog } from '../../providers/catalog';

// The inventory_rows table: per token what the inventory filters, searches and sorts on (see 0002-stored-findings).

const FAR = '9999';
const collator = new Intl.Collator();
/** The collation the stored name ranks were made with: another one (the user's locale changed) ranks anew. */
export const COLLATION = collator.resolvedOptions().locale;

export const ROW_UPSERT =
  'INSERT INTO inventory_rows (token_id, name_rank, search, provider, client_id, fingerprint, status, mode, expiry_key, checked_key, created_key, worst, finding_count, valid_from, valid_until) ' +
  'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (token_id) DO UPDATE SET name_rank = excluded.name_rank, search = excluded.search, ' +
  'provider = excluded.provider, client_id = excluded.client_id, fingerprint = excluded.fingerprint, status = excluded.status, mode = excluded.mode, expiry_key = excluded.expiry_key, ' +
  'checked_key = excluded.checked_key, created_key = excluded.created_key, worst = excluded.worst, finding_count = excluded.finding_count, ' +
  'valid_from = excluded.valid_from, valid_until = excluded.valid_until';

/** What a row holds besides its rank and findings. */
export function rowKeys(
  token: Token,
  store: StoreProfile | undefined,
  client: Client | undefined,
  providerName: string,
): SqlValue[] {
  const masked = token.secret?.masked ?? '';
  const tail = masked.includes('…') ? masked.slice(masked.lastIndexOf('…') + 1) : '';
  // Lines apart: a search term never holds a line break, so no term matches across two fields.
  const search = [token.name, store?.label ?? '', client?.name ?? '', providerName, masked, tail]
    .join('\n')
    .toLowerCase();
  return [
    search,
    store?.provider ?? '',
    client?.id ?? null,
    token.secret?.fingerprint ?? null,
    token.status,
    token.mode,
    token.expiresAt ?? FAR,
    token.lastCheck?.checkedAt ?? '',
    token.createdAt ?? token.addedAt,
  ];
}

export const byName = (a: Pick<Token, 'name' | 'id'>, b: Pick<Token, 'name' | 'id'>): number =>
  collator.compare(a.name, b.name) || collator.compare(a.id, b.id);

/** Provider names as the inventory shows them: the catalog's, else the provider id. */
export function providerNamesOf(catalog: Catalog): Map<string, string> {
  return new Map(catalog.list().map((p) => [p.id, p.name]));
}

/**
 * A rank for `token` between the ranked tokens before and after it in the name order, found by halving a span
 * of ranks (one index seek a step); null when no number fits between them (then everything is ranked anew).
 * The token's own row must be gone first.
 */
export function rankBetween(db: Database, token: Pick<Token, 'name' | 'id'>): number | null {
  type Ranked = { rank: number; name: string; id: string };
  const from =
    'SELECT r.name_rank AS rank, t.name AS name, t.id AS id FROM inventory_rows r JOIN tokens t ON t.id = r.token_id';
  const atLeast = db.prepare(`${from} WHERE r.name_rank >= ? ORDER BY r.name_rank LIMIT 1`);
  const above = db.prepare(`${from} WHERE r.name_rank > ? ORDER BY r.name_rank LIMIT 1`);
  const below = db.prepare(`${from} WHERE r.name_rank < ? ORDER BY r.name_rank DESC LIMIT 1`);
  const first = atLeast.get<Ranked>(-Infinity);
  if (!first) return 0;
  if (byName(token, first) < 0) return first.rank - 1;
  const last = below.get<Ranked>(Infinity)!;
  if (byName(token, last) > 0) return last.rank + 1;
  // Rows ranked at or below lo sort before the token; rows ranked at or above hi sort after it.
  let lo = first.rank;
  let hi = last.rank;
  for (;;) {
    const next = above.get<Ranked>(lo)!;
    if (next.rank >= hi) {
      const prev = below.get<Ranked>(hi)!;
      const rank = prev.rank + (next.rank - prev.rank) / 2;
      return rank > prev.rank && rank < next.rank ? rank : null;
    }
    const mid = lo + (hi - lo) / 2;
    const row = atLeast.get<Ranked>(mid)!;
    if (row.rank >= hi || byName(token, row) < 0) hi = mid;
    else lo = row.rank;
  }
}
