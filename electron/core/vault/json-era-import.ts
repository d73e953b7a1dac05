// The pieces of the one-time import of a JSON-era data folder: record digests, row inserts, audit lines,
// references repaired, and files read or put in place without following anything but regular files.
import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { type FileHandle, link, open, rename, stat } from 'node:fs/promises';
import { MIGRATED_SUFFIX, VAULT_FILE } from './files';
import { AuditEntry } from '../../contract';
import type { Database } from '../db/sqlite';
import { AppError } from '../errors';
import type { LoadedVault } from '../ports';
import type { VaultData } from './vault-data';
import {
  clientRow,
  CLIENT_UPSERT,
  META,
  storeRow,
  STORE_UPSERT,
  tokenRow,
  TOKEN_UPSERT,
  writeCheckHistory,
  writeMeta,
} from './vault-rows';

export const errnoOf = (err: unknown): string | undefined => (err as NodeJS.ErrnoException | null)?.code;
export const exists = (path: string): Promise<boolean> =>
  stat(path).then(
    () => true,
    (err: unknown) => (errnoOf(err) === 'ENOENT' ? false : Promise.reject(err)),
  );

/** JSON with object keys in sorted order: the same value always gives the same text. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** A record's text for the digest: a token's check history apart, as the database keeps it (its own table). */
function recordText(item: { id: string; checkHistory?: unknown }): string {
  if (!('checkHistory' in item)) return JSON.stringify(item);
  const { checkHistory, ...rest } = item;
  return `${JSON.stringify(rest)}${JSON.stringify(checkHistory)}`;
}

/**
 * Counts and a digest of every client's, store's and token's metadata (check histories included), by id. The
 * database stores each record as JSON.stringify gives it, so a record read back hashes the same only when it is
 * the same, field for field and in the same order.
 */
export function vaultDigest(
  data: Pick<VaultData, 'clients' | 'stores' | 'tokens' | 'customProviders' | 'settings'>,
): string {
  const hash = createHash('sha256');
  for (const list of [data.clients, data.stores, data.tokens] as { id: string }[][]) {
    hash.update(`#${list.length}`);
    for (const item of [...list].sort((a, b) => (a.id < b.id ? -1 : 1))) hash.update(recordText(item));
  }
  hash.update(canonical(data.customProviders));
  hash.update(canonical(data.settings));
  return hash.digest('hex');
}

/** Writes a whole vault into empty tables (a first start, or the import of a JSON vault). */
export function insertVault(db: Database, data: VaultData): void {
  const clients = db.prepare(CLIENT_UPSERT);
  data.clients.forEach((c, i) => clients.run(...clientRow(c, i)));
  const stores = db.prepare(STORE_UPSERT);
  data.stores.forEach((s, i) => stores.run(...storeRow(s, i)));
  const tokens = db.prepare(TOKEN_UPSERT);
  data.tokens.forEach((t, i) => {
    tokens.run(...tokenRow(t, i));
    if (t.checkHistory.length) writeCheckHistory(db, t.id, t.checkHistory);
  });
  const providers = db.prepare('INSERT INTO custom_providers (id, pos, doc) VALUES (?, ?, ?)');
  data.customProviders.forEach((d, i) => providers.run(String(d.id), i, JSON.stringify(d)));
  const settings = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
  for (const [key, value] of Object.entries(data.settings)) settings.run(key, JSON.stringify(value));
  if (data.vaultId) writeMeta(db, META.vaultId, data.vaultId);
  writeMeta(db, META.revision, String(data.revision));
  writeMeta(db, META.updatedAt, data.updatedAt);
}

/** Valid audit lines, in file order (a torn line from a crash is skipped, as the JSON log's reader did). */
export function auditEntries(text: string): AuditEntry[] {
  const entries: AuditEntry[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const parsed = AuditEntry.safeParse(JSON.parse(line));
      if (parsed.success) entries.push(parsed.data);
    } catch {
      // torn line
    }
  }
  return entries;
}

/** A JSON-era file's text, or null when there is none; anything but a regular file (a FIFO would block the read) is refused. */
/**
 * Puts the finished database at `location` unless one is there already (another process's first start won):
 * a hard link fails rather than replace it. Where links are not supported, a rename after a last look.
 */
export async function placeOnce(aside: string, location: string): Promise<boolean> {
  try {
    await link(aside, location);
    return true;
  } catch (err) {
    if (errnoOf(err) === 'EEXIST') return false;
    if (await exists(location)) return false;
    await rename(aside, location);
    return true;
  }
}

/**
 * The JSON era could leave a store pointing at a deleted client, or a token at a deleted store; the database's
 * foreign keys refuse both. A store loses the missing client (it shows under no client); a token without its
 * store cannot be shown or checked and is left out, still in the kept *.migrated file. Each is told.
 */
export function repairReferences(data: VaultData): { data: VaultData; notices: LoadedVault['notices'] } {
  const clientIds = new Set(data.clients.map((c) => c.id));
  const storeIds = new Set(data.stores.map((s) => s.id));
  const orphanStores = data.stores.filter((s) => s.clientId !== null && !clientIds.has(s.clientId));
  const orphanTokens = data.tokens.filter((t) => !storeIds.has(t.storeId));
  if (!orphanStores.length && !orphanTokens.length) return { data, notices: [] };
  const notices: LoadedVault['notices'] = [];
  if (orphanStores.length) {
    notices.push({
      id: 'vault-migrated-stores',
      severity: 'warning',
      message: `${orphanStores.length} store${orphanStores.length === 1 ? '' : 's'} named a client that no longer exists; ${orphanStores.length === 1 ? 'it is' : 'they are'} now under no client.`,
    });
  }
  if (orphanTokens.length) {
    notices.push({
      id: 'vault-migrated-tokens',
      severity: 'warning',
      message: `${orphanTokens.length} token${orphanTokens.length === 1 ? '' : 's'} belonged to a store that no longer exists and ${orphanTokens.length === 1 ? 'was' : 'were'} not moved into the database; ${orphanTokens.length === 1 ? 'it stays' : 'they stay'} in ${VAULT_FILE}${MIGRATED_SUFFIX}.`,
    });
  }
  return {
    data: {
      ...data,
      stores: data.stores.map((s) =>
        s.clientId !== null && !clientIds.has(s.clientId) ? { ...s, clientId: null } : s,
      ),
      tokens: data.tokens.filter((t) => storeIds.has(t.storeId)),
    },
    notices,
  };
}

export async function readOptional(path: string): Promise<string | null> {
  let handle: FileHandle;
  try {
    handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (err) {
    if (errnoOf(err) === 'ENOENT') return null;
    throw err;
  }
  try {
    if (!(await handle.stat()).isFile()) {
      throw new AppError(
        'vault_unavailable',
        `${path} is not a regular file; Keyward opened nothing and left the JSON files untouched. To go on, move it out of the data folder, then try again.`,
      );
    }
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}
