// A vault the app cannot open: the test host (the same compose and dispatch as Electron's main) must open
// nothing, keep running after the expiry scheduler's start fails, answer every channel with a clear
// vault_unavailable error, refuse writes, make no database and leave the data folder exactly as it was.
import { execFileSync } from 'node:child_process';
import { mkdir, open, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { VAULT_FILE, VAULT_MAX_BYTES } from '../../../electron/core/vault/json-vault-file';
import { DATABASE_FILE } from '../../../electron/core/vault/vault-database';
import { folderSnapshot } from '../../support/folder';
import { startHost, type RunningHost } from '../../support/host-process';
import { tempDir } from '../../support/inventory-fixture';

const SCHEDULER_FAILED = 'expiry scheduler did not start';

let host: RunningHost | null = null;
let cleanup: () => Promise<void> = async () => {};
afterEach(async () => {
  await host?.stop();
  host = null;
  await cleanup();
});

/** Resolves once the host logs `message`; rejects if it exits first (naming how long it served) or never logs it. */
function untilLogged(running: RunningHost, message: string, readyAt: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const look = () => running.log.find((line) => line.includes(`"message":"${message}"`));
    const timer = setInterval(() => {
      const line = look();
      if (line) finish(() => resolve(line));
    }, 20);
    const deadline = setTimeout(
      () => finish(() => reject(new Error(`the host never logged "${message}":\n${running.log.join('\n')}`))),
      10_000,
    );
    const onExit = (code: number | null) =>
      finish(() =>
        reject(
          new Error(
            `the host exited with code ${code} ${Date.now() - readyAt} ms after it was ready:\n${running.log.join('\n')}`,
          ),
        ),
      );
    const finish = (then: () => void) => {
      clearInterval(timer);
      clearTimeout(deadline);
      running.process.off('exit', onExit);
      then();
    };
    if (running.process.exitCode !== null) return onExit(running.process.exitCode);
    running.process.once('exit', onExit);
  });
}

async function startAgainst(dataDir: string): Promise<{ running: RunningHost; readyAt: number }> {
  // The renderer is not under test: a one-file stand-in spares a build.
  const rendererDir = join(dataDir, '..', 'renderer');
  await mkdir(rendererDir, { recursive: true });
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>stand-in</title>');
  host = await startHost({ dataDir, memorySecrets: true, rendererDir });
  return { running: host, readyAt: Date.now() };
}

const cases: { name: string; make: (file: string) => Promise<unknown>; message: RegExp }[] = [
  {
    name: 'a vault from a newer Keyward (schemaVersion 99)',
    make: (file) =>
      writeFile(file, JSON.stringify({ schemaVersion: 99, revision: 7, clients: [], stores: [], tokens: [] })),
    message: /newer Keyward.*schema 99.*Update Keyward/,
  },
  {
    name: 'a negative schemaVersion',
    make: (file) =>
      writeFile(file, JSON.stringify({ schemaVersion: -1, revision: 7, clients: [], stores: [], tokens: [] })),
    message: /invalid schema version \(.+\).*left it untouched.*restore vault\.previous\.json/,
  },
  {
    name: 'a schemaVersion that is not a number',
    make: (file) =>
      writeFile(file, JSON.stringify({ schemaVersion: '2', revision: 7, clients: [], stores: [], tokens: [] })),
    message: /invalid schema version \(.+\).*left it untouched.*restore vault\.previous\.json/,
  },
  {
    name: 'a folder named vault.json',
    make: async (file) => {
      await mkdir(file);
      await writeFile(join(file, 'keep.txt'), 'someone else’s file');
    },
    message: /is a folder, not a vault file.*move or rename that folder/,
  },
  {
    name: 'a vault file over the size cap (sparse)',
    make: async (file) => {
      await writeFile(file, JSON.stringify({ schemaVersion: 1, revision: 7, clients: [], stores: [], tokens: [] }));
      const handle = await open(file, 'r+');
      await handle.truncate(VAULT_MAX_BYTES + 1);
      await handle.close();
    },
    message: /is 268,435,457 bytes \(256\.0 MiB\), over the 256 MiB Keyward reads.*left it untouched/,
  },
  {
    name: 'a FIFO named vault.json',
    make: async (file) => execFileSync('mkfifo', [file]),
    message: /vault\.json is not a regular file; Keyward opened nothing and left it untouched/,
  },
  {
    name: 'a keyward.db from a newer Keyward',
    make: async (file) => {
      const db = new DatabaseSync(join(file, '..', DATABASE_FILE));
      db.exec(
        "PRAGMA journal_mode = WAL; CREATE TABLE future (x TEXT); INSERT INTO future VALUES ('kept'); PRAGMA user_version = 99;",
      );
      db.close();
    },
    message:
      /keyward\.db has schema 99, newer than this Keyward's \d+; Keyward opened nothing and left it untouched\. To go on, update Keyward\./,
  },
];

describe('the test host on a vault it cannot open', () => {
  it.each(cases)(
    '$name: stays up, answers vault_unavailable, refuses writes, leaves the folder as it was',
    async ({ make, message }) => {
      const t = await tempDir('keyward-unopenable-');
      cleanup = t.cleanup;
      const dataDir = join(t.dir, 'data');
      await mkdir(dataDir);
      const file = join(dataDir, VAULT_FILE);
      await make(file);
      const before = await folderSnapshot(dataDir);

      const { running, readyAt } = await startAgainst(dataDir);
      // The scheduler starts after the warm-up read; its refusal is logged by name and the host goes on.
      const logged = await untilLogged(running, SCHEDULER_FAILED, readyAt);
      expect(logged).toContain('"code":"vault_unavailable"');

      const read = await running.call('getNavigation');
      expect(read).toMatchObject({ ok: false, error: { code: 'vault_unavailable' } });
      expect(read.error?.message).toMatch(message);
      const write = await running.call('createClient', { name: 'Acme' });
      expect(write).toMatchObject({ ok: false, error: { code: 'vault_unavailable' } });
      expect(write.error?.message).toMatch(message);
      // A second answer after both: the process is still serving.
      expect(await running.call('getAppInfo')).toMatchObject({ ok: true });
      expect(running.process.exitCode).toBeNull();
      expect(running.log.join('\n')).not.toMatch(/unhandled|uncaught/i);

      expect(await folderSnapshot(dataDir)).toEqual(before);
    },
  );
});
