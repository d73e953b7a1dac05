import type { Finding, FindingSeverity, InventoryPage, InventoryQuery, VaultTopic } from '../../../contract';
import type { Database } from '../../db/sqlite';
import type { Clock, Logger } from '../../ports';
import { BUILTIN_PROVIDERS, createCatalog, type Catalog } from '../../providers/catalog';
import type { VaultData } from '../../vault/vault-data';
import type { VaultDatabase } from '../../vault/vault-database';
import { META, readMeta } from '../../vault/vault-rows';
import {
  findingCountsSql,
  findingGroupsSql,
  findingsSql,
  type FindingGroups,
  type FindingsFilter,
} from './findings-sql';
import { COLLATION, providerNamesOf } from './inventory-rows';
import { pageOfIds, queryInventorySql } from './inventory-sql';
import { NameOrderSearch, searchTerms } from './name-search';
import { readState, rebuildDerived, refreshDerived, STATE } from './stored-findings';

/** The longest wait for a findings window to end (setTimeout's limit is about 24 days). */
const MAX_WAIT_MS = 86_400_000;
/** The shortest wait before a scheduled refresh, so a window that ends now never spins the event loop. */
const MIN_WAIT_MS = 100;
/** Tries a refresh makes while the vault in memory is behind the database, and the wait before the next one. */
const REFRESH_ATTEMPTS = 20;
const RETRY_AFTER_MS = 1_000;
/** Topics whose answers a refresh of the findings can change. */
const REFRESH_TOPICS: VaultTopic[] = ['tokens', 'keychain', 'expiry'];

export interface StoredInventoryDeps {
  database: VaultDatabase;
  /** The vault as it stands, its catalog and the keychain accounts findings count (null: keychain unreadable). */
  source: {
    vault(): Promise<VaultData>;
    catalog(): Promise<Catalog>;
    secretAccounts(): Promise<string[] | null>;
  };
  clock: Clock;
  logger?: Logger;
  /** Tells the window what a refresh changed. */
  changed?: (revision: number, topics: VaultTopic[]) => void;
}

/**
 * The inventory, findings and counts answered by SQL from what the vault's transactions store; the stored
 * findings are recomputed with the current time and keychain listing by `refresh` (after start, when a
 * finding's time window ends, on a keychain rescan), which writes only what differs.
 */
export class StoredInventory {
  private names: { defs: string; names: Map<string, string> } | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;
  private readonly search = new NameOrderSearch();
  /** Whether warmUp leaves the refresh to the background; otherwise (the CLI, tests) reads refresh first. */
  private background = false;
  private refreshedOnce = false;
  /** Refreshes that changed findings: a stored answer from before one is not reused. */
  private refreshes = 0;
  private lastPage: { revision: number; refreshes: number; key: string; page: InventoryPage } | null = null;

  constructor(private readonly deps: StoredInventoryDeps) {}

  /** The database with derived tables current: rebuilt from the vault when they belong to another revision. */
  private async current(): Promise<{ db: Database; revision: number }> {
    const db = await this.deps.database.open();
    for (;;) {
      const revision = Number(readMeta(db).get(META.revision) ?? 0);
      const state = readState(db);
      if (state.get(STATE.revision) === String(revision) && state.get(STATE.collation) === COLLATION)
        return { db, revision };
      const [vault, catalog, accounts] = await this.vaultNow();
      const done = await db.write(() => {
        if (Number(readMeta(db).get(META.revision) ?? 0) !== vault.revision) return false;
        rebuildDerived(db, vault, catalog, this.deps.clock.now(), accounts);
        return true;
      });
      if (done) return { db, revision: vault.revision };
    }
  }

  /** From now on stored answers go out at once and the caller refreshes them in the background (the app). */
  refreshInBackground(): void {
    this.background = true;
  }

  /**
   * current(), refreshed first when no background refresh is promised: once per process, and again whenever
   * a stored findings window has ended, so a process that only reads (the CLI) never answers stale findings.
   */
  private async answering(): Promise<{ db: Database; revision: number }> {
    const found = await this.current();
    if (this.background) return found;
    const ended = found.db
      .prepare('SELECT 1 AS ended FROM inventory_rows WHERE valid_until <= ? OR valid_from > ? LIMIT 1')
      .get<{ ended: number }>(this.deps.clock.now().getTime(), this.deps.clock.now().getTime());
    if (this.refreshedOnce && !ended) return found;
    await this.refresh();
    return this.current();
  }

  private vaultNow() {
    const { source } = this.deps;
    return Promise.all([source.vault(), source.catalog(), source.secretAccounts()] as const);
  }

  /** Provider names from the catalog the stored custom providers make (no need to read the whole vault). */
  private providerNames(db: Database): Map<string, string> {
    const defs = db
      .prepare("SELECT '[' || coalesce(group_concat(doc, ',' ORDER BY pos), '') || ']' AS defs FROM custom_providers")
      .get<{ defs: string }>()!.defs;
    if (this.names?.defs !== defs)
      this.names = {
        defs,
        names: providerNamesOf(createCatalog(BUILTIN_PROVIDERS, JSON.parse(defs) as Record<string, unknown>[])),
      };
    return this.names.names;
  }

  async queryInventory(query: InventoryQuery): Promise<InventoryPage> {
    const { db, revision } = await this.answering();
    // The window's first page is the one warmUp answered while it loaded: the same answer while nothing changed.
    const key = JSON.stringify(query);
    const last = this.lastPage;
    if (last && last.revision === revision && last.refreshes === this.refreshes && last.key === key) return last.page;
    const page = this.answer(db, revision, query);
    this.lastPage = { revision, refreshes: this.refreshes, key, page };
    return page;
  }

  private answer(db: Database, revision: number, query: InventoryQuery): InventoryPage {
    const f = query.filters;
    const terms = searchTerms(f.query);
    if (
      terms.length &&
      query.sort === 'name' &&
      !f.ids &&
      !f.provider &&
      !f.status &&
      !f.mode &&
      !f.client &&
      !f.severity
    ) {
      const { ids, all } = this.search.matches(db, revision, terms);
      return pageOfIds(db, revision, this.providerNames(db), query, ids, all);
    }
    return queryInventorySql(db, revision, this.providerNames(db), query);
  }

  async findings(filter: FindingsFilter & { rescanKeychain?: boolean | undefined }): Promise<Finding[]> {
    if (filter.rescanKeychain) await this.refresh();
    return findingsSql((await this.answering()).db, filter);
  }

  async groups(): Promise<FindingGroups> {
    return findingGroupsSql((await this.answering()).db);
  }

  async counts(): Promise<Record<FindingSeverity, number>> {
    return findingCountsSql((await this.answering()).db);
  }

  /** Recomputes the findings with the current time and keychain listing; tells the window when any changed. */
  async refresh(): Promise<boolean> {
    const { db } = await this.current();
    for (let attempt = 0; ; attempt++) {
      const [vault, catalog, accounts] = await this.vaultNow();
      const changed = await db.write(() => {
        if (Number(readMeta(db).get(META.revision) ?? 0) !== vault.revision) return null;
        return refreshDerived(db, vault, catalog, this.deps.clock.now(), accounts);
      });
      if (changed === null) {
        // The vault in memory is behind the database (a commit still settling): let the event loop turn first,
        // so requests, timers and that commit's own steps run; after a while, leave it to the next schedule.
        if (attempt >= REFRESH_ATTEMPTS) {
          this.schedule(db, RETRY_AFTER_MS);
          return false;
        }
        await new Promise((resolve) => setTimeout(resolve, 10 * (attempt + 1)));
        continue;
      }
      this.refreshedOnce = true;
      if (changed) {
        this.refreshes++;
        this.deps.changed?.(vault.revision, REFRESH_TOPICS);
      }
      this.schedule(db);
      return changed;
    }
  }

  /** Refreshes when the earliest stored findings window ends. */
  private schedule(db: Database, after?: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const next = db.prepare('SELECT min(valid_until) AS at FROM inventory_rows').get<{ at: number | null }>()?.at;
    if (after === undefined && (next === null || next === undefined)) return;
    const wait = after ?? Math.min(Math.max((next ?? 0) - this.deps.clock.now().getTime(), MIN_WAIT_MS), MAX_WAIT_MS);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.refresh().catch((err: unknown) =>
        this.deps.logger?.warn('findings refresh failed', { error: err instanceof Error ? err.message : 'unknown' }),
      );
    }, wait);
    this.timer.unref?.();
  }

  /** Reschedules after a change (a window may end sooner). */
  async rescheduled(): Promise<void> {
    if (this.stopped || !this.timer) return;
    this.schedule((await this.current()).db);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
