// Findings stored per token, kept by the write transaction, must be what computeFindings says about the vault
// after any sequence of edits (and, once the clock moves, after a refresh); the inventory answered by SQL must
// be what the in-memory query answers for the same vault and findings.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EMPTY_INVENTORY_FILTERS,
  NO_CLIENT,
  NO_FINDING,
  type Finding,
  type InventoryQuery,
  type StoreProfile,
  type Token,
} from '../../../electron/contract';
import { computeFindings } from '../../../electron/core/rules';
import { createCatalog } from '../../../electron/core/providers/catalog';
import { buildInventoryIndex, findingsByToken, queryInventory } from '../../support/inventory-query';
import { providerNamesOf } from '../../../electron/core/features/findings/inventory-rows';
import { queryInventorySql } from '../../../electron/core/features/findings/inventory-sql';
import { recordFindings } from '../../../electron/core/features/findings/scoped-findings';
import { refreshDerived, settingsOf } from '../../../electron/core/features/findings/stored-findings';
import type { VaultData } from '../../../electron/core/vault/vault-data';
import { generateVault, writeVault } from '../../bench/generate-vault';
import { FakeClock, tempDir } from '../../support/inventory-fixture';
import { openTestVault } from '../../support/vault';

const DAY = 86_400_000;
const catalog = createCatalog();
const names = providerNamesOf(catalog);
const sample = generateVault({ tokens: 60, stores: 12, clients: 4, seed: 23 });

const op = fc.oneof(
  fc.record({
    type: fc.constant('token' as const),
    pick: fc.nat(),
    name: fc.option(fc.constantFrom('Zapier', 'a', 'Order import', 'zz top', 'Ärger')),
    status: fc.option(fc.constantFrom<Token['status']>('active', 'inactive', 'expired', 'revoked')),
    expires: fc.option(fc.integer({ min: -30, max: 120 })),
    sameSecretAs: fc.option(fc.nat()),
    store: fc.option(fc.nat()),
  }),
  fc.record({ type: fc.constant('add' as const), from: fc.nat(), name: fc.constantFrom('New', 'a', 'Zapier') }),
  fc.record({ type: fc.constant('delete' as const), pick: fc.nat() }),
  fc.record({
    type: fc.constant('store' as const),
    pick: fc.nat(),
    label: fc.constantFrom('Acme', 'Globex Prints', 'Zed'),
    client: fc.option(fc.nat()),
  }),
  fc.record({ type: fc.constant('client' as const), pick: fc.nat(), name: fc.constantFrom('Initech', 'Umbrella') }),
  fc.record({ type: fc.constant('settings' as const), lead: fc.constantFrom(5, 30, 90) }),
  fc.record({ type: fc.constant('step' as const), days: fc.integer({ min: 1, max: 40 }) }),
);
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

function edit(base: VaultData, o: Op, now: Date): VaultData {
  const d: VaultData = { ...base, tokens: [...base.tokens], stores: [...base.stores], clients: [...base.clients] };
  const at = (n: number, len: number) => n % Math.max(1, len);
  switch (o.type) {
    case 'token': {
      const i = at(o.pick, d.tokens.length);
      const t: Token = { ...d.tokens[i]! };
      if (o.name !== null) t.name = o.name;
      if (o.status !== null) t.status = o.status;
      if (o.expires !== null) t.expiresAt = new Date(now.getTime() + o.expires * DAY).toISOString();
      const twin = o.sameSecretAs === null ? undefined : d.tokens[at(o.sameSecretAs, d.tokens.length)];
      if (twin?.secret && t.secret) t.secret = { ...t.secret, fingerprint: twin.secret.fingerprint };
      if (o.store !== null) t.storeId = d.stores[at(o.store, d.stores.length)]!.id;
      d.tokens[i] = t;
      break;
    }
    case 'add': {
      const from = d.tokens[at(o.from, d.tokens.length)]!;
      d.tokens.push({ ...from, id: crypto.randomUUID(), name: o.name });
      break;
    }
    case 'delete':
      if (d.tokens.length > 1) d.tokens.splice(at(o.pick, d.tokens.length), 1);
      break;
    case 'store': {
      const i = at(o.pick, d.stores.length);
      const client = o.client === null ? null : d.clients[at(o.client, d.clients.length)]!.id;
      d.stores[i] = { ...d.stores[i]!, label: o.label, clientId: client } satisfies StoreProfile;
      break;
    }
    case 'client': {
      const i = at(o.pick, d.clients.length);
      d.clients[i] = { ...d.clients[i]!, name: o.name };
      break;
    }
    case 'settings':
      d.settings = { ...d.settings, findings: { leadTimesDays: [o.lead, 7] } };
      break;
    default:
      return base;
  }
  d.revision = base.revision + 1;
  return d;
}

const QUERIES: [InventoryQuery['sort'], Partial<InventoryQuery['filters']>][] = [
  ['name', {}],
  ['expiry', { severity: 'warning' }],
  ['created-new', { severity: NO_FINDING }],
  ['last-check-old', { query: 'a Z' }],
  ['last-check-new', { status: 'active', mode: 'none' }],
  ['created-old', { client: NO_CLIENT, provider: 'shippo' }],
  ['name', { severity: 'critical', query: 'ord' }],
];

const sortedDocs = (fs: readonly Finding[]) => fs.map((f) => JSON.stringify(f)).sort();

describe('stored findings and the inventory by SQL', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  beforeAll(async () => {
    dir = await tempDir('keyward-stored-');
  });
  afterAll(() => dir.cleanup());

  it('equal computeFindings and the in-memory inventory after random edits and clock steps', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), async (ops) => {
        const folder = `${dir.dir}/${run++}`;
        await writeVault(folder, sample);
        const clock = new FakeClock();
        const { database, repo } = openTestVault(folder, clock);
        try {
          let vault = (await repo.load()).data;
          const db = await database.open();
          await db.write(() => refreshDerived(db, vault, catalog, clock.now(), null)); // Stale state: rebuilt.
          await repo.transaction(async () => {
            const next = { ...vault, revision: vault.revision + 1 };
            await repo.save(next, vault.revision);
            await recordFindings(repo, vault, next, catalog, clock.now());
            vault = next;
          });
          for (const o of ops) {
            if (o.type === 'step') {
              clock.advance(o.days * DAY);
              await db.write(() => refreshDerived(db, vault, catalog, clock.now(), null));
            } else {
              const next = edit(vault, o, clock.now());
              await repo.transaction(async () => {
                await repo.save(next, vault.revision);
                await recordFindings(repo, vault, next, catalog, clock.now());
              });
              vault = next;
            }
            const expected = computeFindings(vault, settingsOf(vault), clock.now(), catalog, null);
            const stored = db.prepare('SELECT doc FROM findings').all<{ doc: string }>();
            expect(stored.map((r) => r.doc).sort()).toEqual(sortedDocs(expected));
            const index = buildInventoryIndex(vault, names);
            const some = vault.tokens.slice(0, 5).map((t) => t.id);
            for (const [sort, filters] of QUERIES) {
              const query: InventoryQuery = {
                filters: { ...EMPTY_INVENTORY_FILTERS, ...filters },
                sort,
                offset: 3,
                limit: 40,
                withIds: true,
                withFacets: true,
                countOf: some,
              };
              expect(queryInventorySql(db, vault.revision, names, query)).toEqual(
                queryInventory(index, findingsByToken(expected), query),
              );
            }
          }
        } finally {
          database.close();
        }
      }),
      { numRuns: 40 },
    );
  });
});
