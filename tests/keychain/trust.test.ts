import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { thawed } from '../../electron/core/vault/plain-data';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import type { Finding, Token } from '../../electron/contract';
import { silentLogger, systemClock } from '../../electron/core/ports';
import { accountOf, ownedBy } from '../../electron/core/secrets/accounts';
import { sha256Hex } from '../../electron/core/secrets/fingerprint';
import { KeytarSecretStore } from '../../electron/main/adapters/keytar-secret-store';
import { VAULT_FILE } from '../../electron/core/vault/json-vault-file';
import type { VaultData } from '../../electron/core/vault/vault-data';
import { DATABASE_FILE } from '../../electron/core/vault/vault-database';
import { compose } from '../../electron/main/compose';
import { jsonVaultBytes } from '../bench/generate-vault';
import { tempDir } from '../support/inventory-fixture';

const SERVICE = `Keyward-trust-${randomBytes(4).toString('hex')}`;
const store = new KeytarSecretStore(SERVICE);
const state = await store.state();
const required = process.env.KEYWARD_REQUIRE_KEYCHAIN === '1';
const secretFor = () => `shippo_test_${randomBytes(20).toString('hex')}`;
const cleanups: (() => Promise<void> | void)[] = [];

async function folder(): Promise<string> {
  const { dir, cleanup } = await tempDir('keyward-trust-');
  cleanups.push(cleanup);
  return dir;
}
async function app() {
  return open(await folder());
}
function open(dir: string) {
  const composed = compose({
    dataDir: dir,
    secrets: store,
    clock: systemClock,
    logger: silentLogger,
    actor: 'test',
    version: '0',
    host: 'test-host',
  });
  cleanups.push(() => composed.close());
  const call = async <T>(channel: string, input: unknown): Promise<T> => {
    const result = (await composed.dispatch(channel, input)) as {
      ok: boolean;
      value: T;
      error?: { code: string; message: string };
    };
    if (!result.ok) throw Object.assign(new Error(result.error!.message), { code: result.error!.code });
    return result.value;
  };
  return { dir, ...composed, call };
}
async function addTokens(a: Awaited<ReturnType<typeof app>>, n: number): Promise<{ token: Token; secret: string }[]> {
  const s = await a.call<{ id: string }>('createStore', {
    provider: 'pixlpay',
    label: `Store ${randomBytes(3).toString('hex')}`,
    identifiers: { host: 'shop.pixlpay.net' },
  });
  const out = [];
  for (let i = 0; i < n; i++) {
    const secret = `sk_live_${randomBytes(18).toString('hex')}`;
    out.push({
      token: await a.call<Token>('createToken', {
        storeId: s.id,
        name: `Token ${i}`,
        secret,
        scopes: ['products:read'],
      }),
      secret,
    });
  }
  return out;
}
const kinds = (findings: Finding[]) =>
  findings.map((f) => f.kind).filter((k) => k === 'secret_missing' || k === 'orphan_secret');

describe.skipIf(!state.available && !required)(
  "secrets are never lost, nor mistaken for another vault's (real keychain)",
  () => {
    afterAll(async () => {
      for (const account of await store.accounts().catch(() => [])) await store.delete(account);
      for (const cleanup of cleanups.reverse()) await cleanup();
    });

    it("entries written before namespacing (account = token id) move under the vault's namespace at first start, without loss", async () => {
      const a = await app();
      const made = await addTokens(a, 3);
      // The layout older Keyward wrote, in a JSON-era data folder: no vaultId, no account, the value under the token id.
      const doc: VaultData = structuredClone(thawed(await a.session.vault()));
      delete doc.vaultId;
      for (const t of doc.tokens) {
        const value = made.find((m) => m.token.id === t.id)!.secret;
        await store.delete(t.secret!.account!);
        await store.set(t.id, value);
        delete t.secret!.account;
      }
      const dir = await folder();
      await writeFile(join(dir, VAULT_FILE), jsonVaultBytes(doc));

      const next = open(dir);
      await next.recover();
      const vault = await next.session.vault();
      expect(vault.vaultId).toMatch(/^[0-9a-f-]{36}$/);
      expect(vault.tokens.map((t) => t.id)).toEqual(made.map((m) => m.token.id));
      for (const { token, secret } of made) {
        const t = vault.tokens.find((x) => x.id === token.id)!;
        expect(ownedBy(vault.vaultId!, accountOf(t))).toBe(true);
        expect(await store.get(accountOf(t))).toBe(secret);
        expect(await store.get(t.id)).toBeNull();
      }
      expect(kinds(await next.call<Finding[]>('getFindings', { rescanKeychain: true }))).toEqual([]);
    });

    it("two data folders on one keychain never call each other's entries orphans; a real orphan shows in its own vault only", async () => {
      const a = await app();
      const b = await app();
      await addTokens(a, 2);
      await addTokens(b, 2);
      expect(kinds(await a.call<Finding[]>('getFindings', { rescanKeychain: true }))).toEqual([]);
      expect(kinds(await b.call<Finding[]>('getFindings', { rescanKeychain: true }))).toEqual([]);
      const vaultA = await a.session.vault();
      await store.set(`${vaultA.vaultId}:00000000-0000-4000-8000-000000000000:stray`, secretFor());
      expect(kinds(await a.call<Finding[]>('getFindings', { rescanKeychain: true }))).toEqual(['orphan_secret']);
      expect(kinds(await b.call<Finding[]>('getFindings', { rescanKeychain: true }))).toEqual([]);
    });

    it(
      'a new secret pasted while the vault cannot be saved leaves the old secret in place and no new entry behind',
      { timeout: 30_000 },
      async () => {
        const a = await app();
        const { token, secret } = (await addTokens(a, 1))[0]!;
        // Another Keyward process holds the database's write lock for longer than a save waits.
        const holder = new DatabaseSync(join(a.dir, DATABASE_FILE));
        holder.exec('BEGIN IMMEDIATE');
        try {
          await expect(
            a.call('setTokenSecret', { id: token.id, secret: `sk_live_${randomBytes(18).toString('hex')}` }),
          ).rejects.toMatchObject({ code: 'vault_locked' });
        } finally {
          holder.exec('ROLLBACK');
          holder.close();
        }
        const t = (await a.session.vault()).tokens.find((x) => x.id === token.id)!;
        expect(await store.get(accountOf(t))).toBe(secret);
        expect(sha256Hex(secret)).toBe(t.secret!.fingerprint);
        const vaultId = (await a.session.vault()).vaultId!;
        expect((await store.accounts()).filter((x) => ownedBy(vaultId, x))).toEqual([accountOf(t)]);
      },
    );
  },
);
