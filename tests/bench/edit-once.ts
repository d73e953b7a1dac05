// Token edits through dispatch in a process of its own, with the main code of a given checkout (this one or a
// baseline): compose, warm up, wait for the background work when there is any, then time updateToken (notes
// changed) one after the other (none: the first start after the update, which imports vault.json). Prints one
// line of JSON. Run by first-page-bench.ts. Not a test.
// Run: node --import tsx tests/bench/edit-once.ts <checkout> <data folder> <edits>
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DatabaseSync } from 'node:sqlite';

async function main(): Promise<void> {
  const [checkout, dataDir, count] = process.argv.slice(2);
  if (!checkout || !dataDir) throw new Error('usage: edit-once.ts <checkout> <data folder> <edits>');
  const from = (path: string) => import(pathToFileURL(join(resolve(checkout), path)).href);
  const { compose } = await from('electron/main/compose.ts');
  const { silentLogger, systemClock } = await from('electron/core/ports.ts');
  const { MemorySecretStore } = await from('electron/core/secrets/memory-secret-store.ts');
  const app = compose({
    dataDir,
    secrets: new MemorySecretStore(),
    clock: systemClock,
    logger: silentLogger,
    actor: 'bench',
    version: '0.0.0',
    host: 'test-host',
  });
  await app.warmUp();
  await app.settled?.();
  const reader = new DatabaseSync(join(dataDir, 'keyward.db'), { readOnly: true });
  const ids = (reader.prepare('SELECT id FROM tokens ORDER BY pos LIMIT 200').all() as { id: string }[]).map(
    (r) => r.id,
  );
  reader.close();
  const times: number[] = [];
  const edits = Number(count ?? 40);
  for (let i = 0; i < edits + 5; i++) {
    const t0 = performance.now();
    const res = await app.dispatch('updateToken', { id: ids[i % ids.length], notes: `bench edit ${i} ${Date.now()}` });
    const ms = performance.now() - t0;
    if (!res.ok) throw new Error(`updateToken: ${res.error.message}`);
    if (i >= 5) times.push(ms);
  }
  // Search keystrokes: typing a word one letter at a time, then erasing it, each answered as the window asks.
  const searches: number[] = [];
  const word = 'order imp';
  const typed = [
    ...Array.from({ length: word.length }, (_, i) => word.slice(0, i + 1)),
    'order im',
    'order',
    'ord',
    '',
  ];
  for (let round = 0; round < (edits ? 4 : 0); round++) {
    for (const query of typed) {
      const t0 = performance.now();
      const res = await app.dispatch('queryInventory', {
        filters: { query, provider: '', status: '', mode: '', client: '', severity: '', ids: null },
        sort: 'name',
        offset: 0,
        limit: 60,
      });
      if (!res.ok) throw new Error(`queryInventory: ${res.error.message}`);
      if (round > 0) searches.push(performance.now() - t0);
    }
  }
  app.close();
  process.stdout.write(`${JSON.stringify({ edits: times, searches })}\n`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
