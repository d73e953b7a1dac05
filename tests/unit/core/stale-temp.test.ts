import { spawnSync } from 'node:child_process';
import { readdir, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { removeStaleTempFiles, STALE_TEMP_MS } from '../../../electron/core/files/stale-temp';
import { silentLogger } from '../../../electron/core/ports';
import { MemorySecretStore } from '../../../electron/core/secrets/memory-secret-store';
import { compose } from '../../../electron/main/compose';
import { FakeClock, tempDir } from '../../support/inventory-fixture';

let dir: Awaited<ReturnType<typeof tempDir>>;
afterEach(() => dir?.cleanup());

/** The pid of a process that has exited, as a killed writer's is. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  expect(child.status).toBe(0);
  return child.pid!;
}

describe('temp files left by killed writers', () => {
  it("are removed at start, while a live writer's temp file and files Keyward did not make stay", async () => {
    dir = await tempDir('keyward-stale-');
    const dead = deadPid();
    const now = Date.now();
    const stale = [
      `vault.json.${dead}.${now - 1000}.tmp`,
      `notifications.json.${dead}.${now - 1000}.tmp`,
      `vault.json.${process.pid}.${now - 3_600_000}.tmp`,
    ];
    const kept = [
      `vault.json.${process.pid}.${now}.tmp`,
      'vault.previous.json.tmp',
      'vault.json.notes.tmp',
      `export.csv.${dead}.${now}.tmp`,
      'vault.json.lock',
    ];
    for (const name of [...stale, ...kept]) await writeFile(join(dir.dir, name), 'partial');
    // The live writer's older file: an hour old by its clock, so its pid no longer protects it.
    const hourAgo = new Date(now - 3_600_000);
    await utimes(join(dir.dir, stale[2]!), hourAgo, hourAgo);

    const app = compose({
      dataDir: dir.dir,
      secrets: new MemorySecretStore(),
      clock: new FakeClock(),
      logger: silentLogger,
      actor: 'test',
      version: '0.0.0',
      host: 'test-host',
    });
    await app.warmUp();

    expect((await readdir(dir.dir)).filter((n) => n.endsWith('.tmp') || n.endsWith('.lock')).sort()).toEqual(
      [...kept].sort(),
    );
  });

  it('a database a killed first start was building aside goes, with its journal files; a live one stays', async () => {
    dir = await tempDir('keyward-stale-');
    const dead = deadPid();
    const now = Date.now();
    const stale = ['', '-wal', '-shm', '-journal'].map((s) => `keyward.db.importing-${dead}-${now}-0a1b2c3d${s}`);
    const kept = [`keyward.db.importing-${process.pid}-${now}-4e5f6a7b`, 'keyward.db.importing-notes'];
    for (const name of [...stale, ...kept]) await writeFile(join(dir.dir, name), 'partial');
    expect(await removeStaleTempFiles(dir.dir, silentLogger, now)).toBe(stale.length);
    expect((await readdir(dir.dir)).sort()).toEqual([...kept].sort());
  });

  it('a link temp file (no pid in its name) goes only once it is older than a few minutes', async () => {
    dir = await tempDir('keyward-stale-');
    await writeFile(join(dir.dir, 'vault.previous.json.tmp'), 'partial');
    expect(await removeStaleTempFiles(dir.dir, silentLogger)).toBe(0);
    expect(await removeStaleTempFiles(dir.dir, silentLogger, Date.now() + STALE_TEMP_MS + 60_000)).toBe(1);
    expect(await readdir(dir.dir)).toEqual([]);
  });
});
