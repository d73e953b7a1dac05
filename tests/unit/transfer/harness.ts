import { keychainUnavailable } from '../../../electron/core/errors';
import { silentLogger } from '../../../electron/core/ports';
import { createCatalog } from '../../../electron/core/providers/catalog';
import { MemorySecretStore } from '../../../electron/core/secrets/memory-secret-store';
import { planImportText } from '../../../electron/core/features/transfer';
import { FakeClock, tempDir, openCore } from '../../support/inventory-fixture';
import { openTestVault, readVaultFrom } from '../../support/vault';
import { sampleRows, toCsv } from './samples';
import { tokenIdOf } from '../../../electron/core/secrets/accounts';

/** An in-memory keychain whose n-th `set` fails, as a keychain that locks mid-import would. */
export class FlakySecretStore extends MemorySecretStore {
  sets = 0;
  constructor(private readonly failOnSet: number) {
    super();
  }
  override async set(account: string, value: string): Promise<void> {
    if (++this.sets === this.failOnSet) throw keychainUnavailable('locked while writing');
    return super.set(account, value);
  }
}

/** A fresh data dir with a real SQLite vault and the given keychain. */
export async function freshInventory(secrets: MemorySecretStore = new MemorySecretStore()) {
  const { dir, cleanup: removeDir } = await tempDir('keyward-transfer-');
  const clock = new FakeClock();
  const { database, repo, audit } = openTestVault(dir, clock);
  const inventory = openCore({ repo, secrets, audit, clock, logger: silentLogger, actor: 'test' });
  const cleanup = async () => {
    database.close();
    await removeDir();
  };
  return { dir, cleanup, clock, secrets, audit, repo, ...inventory };
}
export type Fresh = Awaited<ReturnType<typeof freshInventory>>;

/** Imports `n` sample tokens (with secrets) in one change. */
export async function seed(fx: Fresh, n: number): Promise<void> {
  const plan = planImportText(toCsv(sampleRows(n)), 'csv', await fx.vault(), createCatalog(), fx.clock.now());
  await fx.features.transfer.importRows(plan, { allOrNothing: true });
}

/** The vault as another process reads it from the database, revision included: proves a refused operation changed nothing. */
export const storedVault = (fx: Fresh) => readVaultFrom(fx.dir, fx.clock);

/** The parts of a vault a restore must bring back exactly. */
export async function metadata(fx: Fresh) {
  const v = await fx.vault();
  // Keychain accounts are the vault's own (each vault has its namespace): everything else must match.
  const tokens = v.tokens.map((t) => (t.secret ? { ...t, secret: { ...t.secret, account: undefined } } : t));
  return { clients: v.clients, stores: v.stores, tokens, customProviders: v.customProviders, settings: v.settings };
}

/** The keychain's values by the token id their account names. */
export async function keychainDump(secrets: MemorySecretStore): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const account of await secrets.accounts()) out[tokenIdOf(account) ?? account] = (await secrets.get(account))!;
  return out;
}
