import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../core/db/migrate';
import type { Database } from '../core/db/sqlite';
import { AppError } from '../core/errors';
import { BACKUP_FILE, DATABASE_FILE, VAULT_FILE } from '../core/vault/files';
import { defaultDataDir } from '../main/data-dir';
import type { Token } from '../contract';
import { BUILTIN_PROVIDERS } from '../core/providers/catalog';
import { policyOf } from '../core/providers/provider-module';
import { effectiveExpiry } from '../core/rules/expiry';
import { day, table, writeJsonRows } from './format';
import { CliExit, EXIT, exitCodeFor, type Values } from './options';

/** One token as `list` and `expiring` print it (CliTokenRow's fields, in its order). */
interface TokenRow {
  id: string;
  provider: string;
  client: string | null;
  store: string;
  name: string;
  mode: string | null;
  status: string;
  expiresAt: string | null;
  expirySource: string;
  fingerprint: string | null;
  lastCheck: string | null;
}

const ROW_SELECT = `
SELECT t.id AS id, s.provider AS provider, c.name AS client, s.label AS store, t.name AS name, t.mode AS mode,
  t.status AS status, t.expires_at AS expiresAt, t.expiry_source AS expirySource, t.masked AS fingerprint, t.last_outcome AS lastCheck
FROM tokens t JOIN stores s ON s.id = t.store_id LEFT JOIN clients c ON c.id = s.client_id`;

/**
 * The data folder's database for reading. The first start after the JSON era imports the JSON vault through
 * the app's own opener (once); null when the folder holds no vault at all (nothing is created for a read).
 */
async function openForReading(dataDir: string): Promise<Database | null> {
  const path = join(dataDir, DATABASE_FILE);
  if (!existsSync(path)) {
    if (!existsSync(join(dataDir, VAULT_FILE)) && !existsSync(join(dataDir, BACKUP_FILE))) return null;
    const [{ VaultDatabase }, { createConsoleLogger }] = await Promise.all([
      import('../core/vault/vault-database'),
      import('../main/adapters/console-logger'),
    ]);
    const opener = new VaultDatabase(
      dataDir,
      { now: () => new Date() },
      createConsoleLogger('cli', () => {}),
    );
    await opener.open();
    opener.close();
  }
  const db = openDatabase(path);
  return db;
}

/** `list` and `expiring`, answered with one SQL query each, rows streamed from SQLite to stdout. */
export async function runReadCommand(values: Values, command: string): Promise<number> {
  let db: Database | null;
  try {
    db = await openForReading(values.data ?? defaultDataDir());
  } catch (err) {
    if (err instanceof AppError) throw new CliExit(exitCodeFor(err.toShape()), err.message);
    throw err;
  }
  try {
    if (command === 'list') {
      const rows =
        db
          ?.prepare(
            `${ROW_SELECT} WHERE (?1 IS NULL OR c.name = ?1) AND (?2 IS NULL OR s.provider = ?2) ORDER BY t.pos`,
          )
          .iterate<TokenRow>(values.client ?? null, values.provider ?? null) ?? [];
      if (values.json) await writeJsonRows(rows);
      else {
        const all = [...rows];
        const text = all.length
          ? table(
              [
                'ID',
                'PROVIDER',
                'CLIENT',
                'STORE',
                'NAME',
                'MODE',
                'STATUS',
                'EXPIRES',
                'SOURCE',
                'SECRET',
                'LAST CHECK',
              ],
              all.map((r) => [
                r.id,
                r.provider,
                r.client,
                r.store,
                r.name,
                r.mode,
                r.status,
                day(r.expiresAt),
                r.expirySource,
                r.fingerprint,
                r.lastCheck,
              ]),
            )
          : 'No tokens.';
        process.stdout.write(`${text}\n`);
      }
      return EXIT.fine;
    }
    const match = /^(\d{1,4})d$/.exec(values.within ?? '');
    if (!values.within) throw new CliExit(EXIT.usage, '--within is required. See keyward --help.');
    if (!match) throw new CliExit(EXIT.usage, '--within takes a number of days, e.g. --within 30d.');
    const limit = Date.now() + Number(match[1]) * 86_400_000;
    const rows = db ? expiringRows(db, limit) : [];
    if (values.json) await writeJsonRows(rows);
    else {
      const text = rows.length
        ? table(
            ['EXPIRES', 'PROVIDER', 'CLIENT', 'STORE', 'NAME', 'ID'],
            rows.map((r) => [
              `${day(r.expiresAt)}${r.estimated ? ' (estimated)' : ''}`,
              r.provider,
              r.client,
              r.store,
              r.name,
              r.id,
            ]),
          )
        : `No active token expires within ${match[1]} days.`;
      process.stdout.write(`${text}\n`);
    }
    return rows.length ? EXIT.failing : EXIT.fine;
  } finally {
    db?.close();
  }
}

/** Providers whose expiry may be computed (read from the token, else created + a rule's days): Printify. */
const COMPUTED_EXPIRY = BUILTIN_PROVIDERS.filter((m) =>
  m.descriptor.credentials.some((c) => c.policy?.expiry?.kind === 'from-token'),
);

/**
 * Active tokens whose expiry, as the app computes it, falls before `limit`, soonest first: stored dates, and
 * estimates from a provider rule (marked), which follow the created date when one is known.
 */
function expiringRows(db: Database, limit: number): (TokenRow & { estimated: boolean })[] {
  const ids = COMPUTED_EXPIRY.map((m) => m.descriptor.id);
  const rows = db
    .prepare(
      `SELECT q.*, json_extract(t.doc, '$.kind') AS kind, json_extract(t.doc, '$.createdAt') AS createdAt,
         json_extract(t.doc, '$.secret.setAt') AS setAt, json_extract(t.doc, '$.addedAt') AS addedAt, t.pos AS pos
       FROM (${ROW_SELECT} WHERE t.status = 'active') q JOIN tokens t ON t.id = q.id JOIN stores s ON s.id = t.store_id
       WHERE (t.expires_ms IS NOT NULL AND t.expires_ms <= ?1)
          OR (s.provider IN (SELECT value FROM json_each(?2)) AND t.expiry_source IN ('provider-rule', 'unknown'))`,
    )
    .all<
      TokenRow & { kind: Token['kind']; createdAt: string | null; setAt: string | null; addedAt: string; pos: number }
    >(limit, JSON.stringify(ids));
  const out: (TokenRow & { estimated: boolean; at: number; pos: number })[] = [];
  for (const r of rows) {
    const module = COMPUTED_EXPIRY.find((m) => m.descriptor.id === r.provider);
    const expiry = effectiveExpiry(
      {
        expiresAt: r.expiresAt,
        expirySource: r.expirySource,
        createdAt: r.createdAt,
        addedAt: r.addedAt,
        secret: r.setAt ? { setAt: r.setAt } : null,
      } as Token,
      module ? policyOf(module, r.kind) : {},
    );
    if (!expiry || expiry.at.getTime() > limit) continue;
    out.push({
      id: r.id,
      provider: r.provider,
      client: r.client,
      store: r.store,
      name: r.name,
      mode: r.mode,
      status: r.status,
      expiresAt: expiry.at.toISOString(),
      expirySource: r.expirySource,
      fingerprint: r.fingerprint,
      lastCheck: r.lastCheck,
      estimated: expiry.estimated,
      at: expiry.at.getTime(),
      pos: r.pos,
    });
  }
  out.sort((a, b) => a.at - b.at || a.pos - b.pos);
  return out.map(({ at: _at, pos: _pos, ...row }) => row);
}
