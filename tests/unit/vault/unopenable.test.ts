// What the data folder refuses at a start, and how: a JSON vault this version cannot open, or a keyward.db from
// a newer Keyward, is left exactly as it was, no database is made, and every channel answers vault_unavailable
// saying what to do. (tests/unit/main/unopenable-vault.test.ts runs the same refusals in the test host.)
import { execFileSync } from 'node:child_process';
import { mkdir, open, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { EMPTY_INVENTORY_FILTERS } from '../../../electron/contract';
import { BACKUP_FILE, VAULT_FILE, VAULT_MAX_BYTES } from '../../../electron/core/vault/json-vault-file';
import { AUDIT_FILE, DATABASE_FILE } from '../../../electron/core/vault/vault-database';
import { jsonVaultBytes, generateVault } from '../../bench/generate-vault';
import { folderSnapshot } from '../../support/folder';
import { dispatchFixture } from '../../support/inventory-fixture';

let cleanup: () => Promise<void> = async () => {};
afterEach(() => cleanup());

/** Channels that read or write the vault, the audit log and the warning state. */
const CALLS = [
  ['getNavigation', {}],
  ['getVaultStatus', {}],
  ['queryInventory', { filters: EMPTY_INVENTORY_FILTERS, sort: 'name', offset: 0, limit: 50 }],
  ['getAuditLog', {}],
  ['expiryOverview', {}],
  ['createClient', { name: 'Acme' }],
  ['getNavigation', {}],
] as const;

const vaultJson = (fields: object) =>
  JSON.stringify({
    revision: 7,
    updatedAt: '2026-01-01T00:00:00.000Z',
    clients: [],
    stores: [],
    tokens: [],
    customProviders: [],
    settings: {},
    ...fields,
  });

const cases: { name: string; make: (dir: string) => Promise<void>; message: RegExp }[] = [
  {
    name: 'a vault.json from a newer Keyward (schemaVersion 99)',
    make: (dir) => writeFile(join(dir, VAULT_FILE), vaultJson({ schemaVersion: 99, future: { kept: true } })),
    message: /newer Keyward.*schema 99.*Update Keyward/,
  },
  {
    name: 'a negative schemaVersion',
    make: (dir) => writeFile(join(dir, VAULT_FILE), vaultJson({ schemaVersion: -1 })),
    message: /invalid schema version \(-1\).*left it untouched.*restore vault\.previous\.json/,
  },
  {
    name: 'a schemaVersion that is not a number',
    make: (dir) => writeFile(join(dir, VAULT_FILE), vaultJson({ schemaVersion: '2' })),
    message: /invalid schema version \("2"\).*left it untouched/,
  },
  {
    name: 'a folder named vault.json',
    make: async (dir) => {
      await mkdir(join(dir, VAULT_FILE));
      await writeFile(join(dir, VAULT_FILE, 'keep.txt'), 'someone else’s file');
    },
    message: /is a folder, not a vault file.*move or rename that folder/,
  },
  {
    name: 'a vault.json over the size cap (sparse)',
    make: async (dir) => {
      await writeFile(join(dir, VAULT_FILE), vaultJson({ schemaVersion: 1 }));
      const handle = await open(join(dir, VAULT_FILE), 'r+');
      await handle.truncate(VAULT_MAX_BYTES + 1);
      await handle.close();
    },
    message: /is 268,435,457 bytes \(256\.0 MiB\), over the 256 MiB Keyward reads.*left it untouched/,
  },
  {
    name: 'a FIFO named vault.json',
    make: async (dir) => {
      execFileSync('mkfifo', [join(dir, VAULT_FILE)]);
    },
    message:
      /vault\.json is not a regular file; Keyward opened nothing and left it untouched\. To go on, move it out of the data folder/,
  },
  {
    name: 'a FIFO named vault.previous.json beside a good vault.json',
    make: async (dir) => {
      await writeFile(
        join(dir, VAULT_FILE),
        jsonVaultBytes(generateVault({ tokens: 3, stores: 1, clients: 1, seed: 1 })),
      );
      execFileSync('mkfifo', [join(dir, BACKUP_FILE)]);
    },
    message: /vault\.previous\.json is not a regular file/,
  },
  {
    name: 'a FIFO named audit.jsonl beside a good vault.json',
    make: async (dir) => {
      await writeFile(
        join(dir, VAULT_FILE),
        jsonVaultBytes(generateVault({ tokens: 3, stores: 1, clients: 1, seed: 1 })),
      );
      execFileSync('mkfifo', [join(dir, AUDIT_FILE)]);
    },
    message: /audit\.jsonl is not a regular file; Keyward opened nothing and left the JSON files untouched/,
  },
];

/** A keyward.db as a newer Keyward would leave it: its own table, user_version 99, in either journal mode. */
function newerDatabase(journal: 'WAL' | 'DELETE') {
  return async (dir: string) => {
    const db = new DatabaseSync(join(dir, DATABASE_FILE));
    db.exec(
      `PRAGMA journal_mode = ${journal}; CREATE TABLE future (x TEXT); INSERT INTO future VALUES ('kept'); PRAGMA user_version = 99;`,
    );
    db.close();
  };
}
cases.push(
  {
    name: 'a keyward.db from a newer Keyward (WAL)',
    make: newerDatabase('WAL'),
    message:
      /keyward\.db has schema 99, newer than this Keyward's \d+; Keyward opened nothing and left it untouched\. To go on, update Keyward\./,
  },
  {
    name: 'a keyward.db from a newer Keyward (rollback journal)',
    make: newerDatabase('DELETE'),
    message: /keyward\.db has schema 99, newer than this Keyward's \d+/,
  },
);

describe('a data folder Keyward cannot open', () => {
  for (const { name, make, message } of cases) {
    it(`${name}: every channel answers vault_unavailable, and the folder is left exactly as it was`, async () => {
      const fx = await dispatchFixture();
      cleanup = fx.cleanup;
      await make(fx.dir);
      const before = await folderSnapshot(fx.dir);
      for (const [channel, input] of CALLS) {
        const reply = await fx.dispatch(channel, input);
        expect(reply, channel).toMatchObject({ ok: false, error: { code: 'vault_unavailable' } });
        if (!reply.ok) expect(reply.error.message, channel).toMatch(message);
      }
      // No keyward.db made (nor a half-made one aside), and nothing renamed, written or re-permissioned.
      expect(await folderSnapshot(fx.dir)).toEqual(before);
    });
  }
});
