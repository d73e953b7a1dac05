import { answerHash, channels, isChannelName, type ChannelName } from '../contract';
import { AppError } from '../core/errors';
import { clientNames, clientView } from '../core/features/clients/queries';
import { navigation, storeLabels, storeView } from '../core/features/stores/queries';
import { dashboard, tokenNames, tokenView, type ProviderName } from '../core/features/tokens/queries';
import type { Catalog } from '../core/providers/catalog';
import type { Handlers } from './dispatch';
import type { HandlerContext } from './handlers';

type ReadChannel =
  | 'readIfChanged'
  | 'getVaultStatus'
  | 'getNavigation'
  | 'getToken'
  | 'getStore'
  | 'getClient'
  | 'getNames'
  | 'getDashboard';

const accessOf = (name: ChannelName) => channels[name].access;

/** The views' reads, each one SQL query over the vault database (answered after this process's pending writes). */
export function createReadHandlers({
  database,
  session,
  status,
  dispatch,
}: Pick<HandlerContext, 'database' | 'session' | 'status' | 'dispatch'>): Pick<
  Handlers,
  ReadChannel | 'writeThenRead'
> {
  const namesByCatalog = new WeakMap<Catalog, ProviderName>();
  const providerName = async (): Promise<ProviderName> => {
    const catalog = await session.catalog();
    let name = namesByCatalog.get(catalog);
    if (!name) {
      const names = new Map(catalog.list().map((p) => [p.id, p.name]));
      namesByCatalog.set(catalog, (name = (id) => names.get(id) ?? id));
    }
    return name;
  };
  const read = async <T>(work: (db: Awaited<ReturnType<typeof database.open>>) => T): Promise<T> => {
    const db = await database.open();
    return db.read(() => work(db));
  };
  const revision = () =>
    read((db) =>
      Number(db.prepare("SELECT value FROM meta WHERE key = 'revision'").get<{ value: string }>()?.value ?? 0),
    );
  return {
    getVaultStatus: () => status.status(),
    getNavigation: async () => {
      const name = await providerName();
      return read((db) => navigation(db, name));
    },
    getToken: async ({ id }) => {
      const name = await providerName();
      return read((db) => tokenView(db, id, name));
    },
    getStore: async ({ id }) => {
      const catalog = await session.catalog();
      return read((db) => storeView(db, id, catalog));
    },
    getClient: async ({ id }) => {
      const name = await providerName();
      return read((db) => clientView(db, id, name));
    },
    getNames: async ({ tokenIds, storeIds, clientIds }) => {
      const name = await providerName();
      return read((db) => ({
        tokens: tokenNames(db, tokenIds ?? [], name),
        stores: storeLabels(db, storeIds ?? []),
        clients: clientNames(db, clientIds ?? []),
      }));
    },
    getDashboard: async () => {
      const name = await providerName();
      return read((db) => dashboard(db, session.clock.now(), name));
    },
    readIfChanged: async ({ channel, input, hash }) => {
      if (!isChannelName(channel) || accessOf(channel) !== 'read' || channel === 'readIfChanged')
        throw new AppError('invalid_input', `readIfChanged reads only read channels, not "${channel.slice(0, 60)}".`);
      const result = await dispatch(channel, input);
      if (result.ok && answerHash(JSON.stringify(result.value)) === hash) return { changed: false as const };
      return { changed: true as const, result };
    },
    // Each inner call is dispatched like any other: parsed by its own schema, guarded, its output re-parsed.
    writeThenRead: async ({ channel, input, reads }) => {
      if (!isChannelName(channel) || accessOf(channel) !== 'write' || channel === 'writeThenRead')
        throw new AppError('invalid_input', `writeThenRead takes a write channel, not "${channel.slice(0, 60)}".`);
      for (const r of reads)
        if (!isChannelName(r.channel) || accessOf(r.channel) !== 'read')
          throw new AppError(
            'invalid_input',
            `writeThenRead reads only read channels, not "${r.channel.slice(0, 60)}".`,
          );
      const write = await dispatch(channel, input);
      // The revision before the reads: every answer is at least that current.
      const after = await revision();
      const answers = await Promise.all(reads.map((r) => dispatch(r.channel, r.input)));
      return { write, revision: after, reads: answers };
    },
  };
}
