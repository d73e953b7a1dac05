// One first start of main's data path, in a process of its own: nothing compiled or cached yet, as when the app
// opens. Run by node-bench.ts (one process per sample); prints one line of JSON. Not a test.
// Run: node --import tsx tests/bench/fresh-start.ts <data folder holding keyward.db>
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { EMPTY_INVENTORY_FILTERS } from '../../electron/contract';
import { silentLogger, systemClock } from '../../electron/core/ports';
import { MemorySecretStore } from '../../electron/core/secrets/memory-secret-store';
import { DATABASE_FILE } from '../../electron/core/vault/files';
import { compose } from '../../electron/main/compose';

async function main(): Promise<void> {
  const dataDir = process.argv[2];
  if (!dataDir) throw new Error('usage: fresh-start.ts <data folder>');

  // The keychain holds one entry per token with a secret, as on a working machine (read before the clock starts,
  // by one query on a connection of its own: none of the app's vault code runs, so none of it is compiled yet).
  const reader = new DatabaseSync(join(dataDir, DATABASE_FILE), { readOnly: true });
  const rows = reader
    .prepare(
      "SELECT coalesce(json_extract(doc, '$.secret.account'), id) AS account FROM tokens WHERE json_extract(doc, '$.secret') IS NOT NULL",
    )
    .all() as { account: string }[];
  reader.close();
  if (rows.length === 0) throw new Error(`no token with a secret in ${join(dataDir, DATABASE_FILE)}`);
  const secrets = new MemorySecretStore();
  for (const { account } of rows) await secrets.set(account, 'bench-placeholder-value');

  const ms = () => performance.now();
  const t0 = ms();
  const app = compose({
    dataDir,
    secrets,
    clock: systemClock,
    logger: silentLogger,
    actor: 'bench',
    version: '0.0.0',
    host: 'test-host',
  });
  const t1 = ms();
  // What Electron's main does while its window loads: open the database and answer a first page by SQL.
  // Then what the window asks first: the inventory's first page (the app's default sort) and the nav's counts.
  await app.warmUp();
  const t2 = ms();
  const page = await app.dispatch('queryInventory', {
    filters: EMPTY_INVENTORY_FILTERS,
    sort: 'name',
    offset: 0,
    limit: 50,
    withFacets: true,
  });
  const t3 = ms();
  const counts = await app.dispatch('getFindingCounts', {});
  const t4 = ms();
  // The work warmUp leaves to the background (reading the whole vault, the findings refreshed), until settled.
  await app.settled();
  const t5 = ms();
  if (!page.ok || !counts.ok)
    throw new Error(`fresh start: ${!page.ok ? page.error.message : !counts.ok ? counts.error.message : ''}`);
  process.stdout.write(
    `${JSON.stringify({ compose: t1 - t0, warmUp: t2 - t1, firstPage: t3 - t2, counts: t4 - t3, background: t5 - t4, rows: (page.value as { rows: unknown[] }).rows.length })}\n`,
  );
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
