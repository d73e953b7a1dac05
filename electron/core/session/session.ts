import type { AuditEntry, VaultTopic } from '../../contract';
import { AppError } from '../errors';
import type { AuditFilter, AuditLog, Clock, LoadedVault, Logger, SecretStore, VaultRepository } from '../ports';
import { BUILTIN_PROVIDERS, createCatalog, type Catalog } from '../providers/catalog';
import type { ProviderModule } from '../providers/provider-module';
import { MemorySecretIntents, type SecretIntents } from '../secrets/secret-intents';
import { draftOf, type Draft, type FrozenVault } from '../vault/plain-data';
import type { VaultData } from '../vault/vault-data';
import { Keychain } from './keychain';
import { StoreIndex } from './store-index';
import { changedTopics } from './topics';

export interface SessionDeps {
  repo: VaultRepository;
  secrets: SecretStore;
  /** Write-ahead notes of keychain writes and deletes (the ordering rule); in memory when not given. */
  intents?: SecretIntents;
  audit: AuditLog;
  clock: Clock;
  logger: Logger;
  /** Built-in provider modules; the vault's custom providers are added to them. */
  builtins?: readonly ProviderModule[];
  /** Who is acting, for the audit log: 'app', 'cli', 'test-host'. */
  actor: string;
  /** Keeps data derived from the vault (the findings stored per token) in the same transaction as each save. */
  derive?: (change: { base: FrozenVault; draft: Draft; catalog: Catalog; now: Date }) => Promise<void>;
}

/** One audit entry of a change, without its time and actor (the session adds them). */
export type Change = { action: string; subject: AuditEntry['subject']; summary: string };
export type Applied<T> = { result: T; change: Change | Change[] };
/** What a change's work sees besides the draft: its time and the catalog of the vault it started from. */
export interface ChangeContext {
  now: string;
  catalog: Catalog;
}
/** A committed change, for listeners: the vault before and after it and what it touched. */
export interface Commit {
  revision: number;
  topics: VaultTopic[];
  base: FrozenVault;
  vault: FrozenVault;
}

/** Times a change is re-applied when another process (app, CLI) wrote the vault in between. */
const MAX_CONFLICT_RETRIES = 5;

/**
 * The vault for one process: `read` the current one (read anew when another process committed),
 * `transaction` one user action against a draft of the latest, `audit` an event that changes nothing,
 * and `onCommit` listeners told what each commit touched. Changes run one at a time.
 */
export class Session {
  readonly keychain: Keychain;
  /** A store's tokens, by an index kept per reading of the vault. */
  readonly stores = new StoreIndex();
  private data: FrozenVault | null = null;
  private reading: Promise<FrozenVault> | null = null;
  /** Counts this process's saves, so a read that overlapped one does not replace its result. */
  private writes = 0;
  private cachedCatalog: { defs: unknown; catalog: Catalog } | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private commitListeners = new Set<(commit: Commit) => void>();
  private loadListeners = new Set<(loaded: LoadedVault) => void>();

  constructor(readonly deps: SessionDeps) {
    this.keychain = new Keychain(deps.secrets, deps.intents ?? new MemorySecretIntents(), deps.logger, () =>
      this.vault(),
    );
  }

  get clock(): Clock {
    return this.deps.clock;
  }

  /** The current vault (read-only) and its catalog. */
  async read(): Promise<{ vault: FrozenVault; catalog: Catalog }> {
    const vault = await this.vault();
    return { vault, catalog: this.catalogFor(vault) };
  }

  /** Callers asking together (start-up, a page of the inventory, findings) share one check and one read. */
  vault(): Promise<FrozenVault> {
    this.reading ??= this.load().finally(() => {
      this.reading = null;
    });
    return this.reading;
  }

  async catalog(): Promise<Catalog> {
    return this.catalogFor(await this.vault());
  }

  /** The catalog for a vault: built-ins plus its custom providers, built again only when those change. */
  catalogFor(data: Pick<FrozenVault, 'customProviders'>): Catalog {
    if (this.cachedCatalog?.defs !== data.customProviders) {
      this.cachedCatalog = {
        defs: data.customProviders,
        catalog: createCatalog(
          this.deps.builtins ?? BUILTIN_PROVIDERS,
          data.customProviders as VaultData['customProviders'],
        ),
      };
    }
    return this.cachedCatalog.catalog;
  }

  /** An audited event that changes no metadata (a copy to the clipboard, say). */
  async audit(change: Change): Promise<void> {
    await this.deps.audit.append({ at: this.deps.clock.now().toISOString(), actor: this.deps.actor, ...change });
  }

  auditLog(limit: number, filter?: AuditFilter): Promise<AuditEntry[]> {
    return this.deps.audit.recent(limit, filter);
  }

  onCommit(listener: (commit: Commit) => void): () => void {
    this.commitListeners.add(listener);
    return () => this.commitListeners.delete(listener);
  }

  /** Told each time the vault is read anew from the database (at start, after another process committed). */
  onLoad(listener: (loaded: LoadedVault) => void): () => void {
    this.loadListeners.add(listener);
    return () => this.loadListeners.delete(listener);
  }

  private async load(): Promise<FrozenVault> {
    const writes = this.writes;
    if (!this.data || (await this.deps.repo.changedOnDisk())) {
      const loaded = await this.deps.repo.load();
      // A change saved by this process while the file was being read is newer than what was read.
      if (this.writes !== writes && this.data) return this.data;
      this.data = loaded.data;
      this.stores.forget();
      for (const listener of this.loadListeners) listener(loaded);
    }
    return this.data;
  }

  /**
   * Applies `work` to a draft of the latest vault and saves what changed, with its audit entries, as one
   * transaction holding the database's write lock: another process (the CLI, say) waits, and a vault it
   * changed before is read again first, so no change is ever lost or applied to a stale vault.
   */
  transaction<T>(work: (draft: Draft, context: ChangeContext) => Applied<T> | Promise<Applied<T>>): Promise<T> {
    const run = async (): Promise<T> => {
      for (let attempt = 0; ; attempt++) {
        let saved: { base: FrozenVault; draft: Draft; result: T };
        try {
          saved = await this.deps.repo.transaction(async () => {
            const base = await this.load();
            // Copy-on-write (see draftOf): the work replaces what it changes; readers keep seeing `base`.
            const draft = draftOf(base) as Draft;
            const listed = draft.tokens;
            const now = this.deps.clock.now().toISOString();
            const { result, change } = await work(draft, { now, catalog: this.catalogFor(base) });
            // A token added, removed or a list replaced: the index of tokens by store no longer holds.
            if (draft.tokens !== listed || draft.tokens.length !== base.tokens.length) this.stores.forget();
            draft.revision = base.revision + 1;
            draft.updatedAt = now;
            const entries = (Array.isArray(change) ? change : [change]).map((entry) => ({
              at: now,
              actor: this.deps.actor,
              ...entry,
            }));
            await this.deps.repo.save(draft as VaultData, base.revision, entries);
            await this.deps.derive?.({ base, draft, catalog: this.catalogFor(draft), now: new Date(now) });
            return { base, draft, result };
          });
        } catch (err) {
          if (
            err instanceof AppError &&
            err.code === 'conflict' &&
            attempt < MAX_CONFLICT_RETRIES &&
            /another Keyward process/.test(err.message)
          ) {
            this.data = null;
            continue;
          }
          throw err;
        }
        const { base, draft, result } = saved;
        const vault = draft as FrozenVault;
        this.data = vault;
        this.writes++;
        if (this.commitListeners.size) {
          const commit = {
            revision: vault.revision,
            topics: changedTopics(base as VaultData, vault as VaultData),
            base,
            vault,
          };
          for (const listener of this.commitListeners) listener(commit);
        }
        return result;
      }
    };
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
