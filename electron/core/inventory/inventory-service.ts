import { randomUUID } from 'node:crypto';
import {
  BUILTIN_PROVIDER_IDS,
  type AuditEntry,
  type CheckResult,
  type Client,
  type CustomProviderDefinition,
  type FieldDescriptor,
  type ParsedInput,
  type ProviderDescriptor,
  type StoreProfile,
  type Token,
  type KeychainState,
  type Notice,
} from '../../contract';
import { AppError, notFound } from '../errors';
import type { AuditFilter, AuditLog, Clock, Logger, SecretStore, VaultRepository } from '../ports';
import { BUILTIN_PROVIDERS, createCatalog, type Catalog } from '../providers/catalog';
import { customProviderId } from '../providers/custom';
import { deriveTokenFacts, type TokenFacts } from '../providers/derive';
import { validateFields } from '../providers/fields';
import { formatsOf, policyOf, type ProviderModule } from '../providers/provider-module';
import { checkTokenWrite } from '../rules/write-rules';
import { accountOf, freshAccount, ownedBy, tokenIdOf } from '../secrets/accounts';
import { sha256Hex } from '../secrets/fingerprint';
import { KeychainTransaction, settleIntent } from '../secrets/keychain-transaction';
import { MemorySecretIntents, type SecretIntents } from '../secrets/secret-intents';
import { normaliseDate } from '../time';
import { type BackupPayload } from '../transfer/backup';
import type { ImportPlan, ImportResult, ImportRowInput, PlannedRow } from '../transfer/import-plan';
import { mergePlan, replacePlan, type RestoreResult } from '../transfer/restore-plan';
import { draftOf, editable } from '../vault/plain-data';
import { CURRENT_SCHEMA_VERSION, type VaultData } from '../vault/vault-data';

export interface InventoryDeps {
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
}

type Change = { action: string; subject: AuditEntry['subject']; summary: string };
type Applied<T> = { result: T; change: Change };
type TokenFieldsInput = Pick<ParsedInput<'createToken'>, 'mode' | 'scopes' | 'settings' | 'createdAt' | 'expiresAt'>;

/** Keys of a credential's catalog fields that map onto Token's own properties rather than `settings`. */
/** Check results kept per token, newest first (the contract's bound). */
export const CHECK_HISTORY_LIMIT = 20;
/** Times a change is re-applied when another process (app, CLI) wrote the vault in between. */
const MAX_CONFLICT_RETRIES = 5;

const TOP_LEVEL_TOKEN_FIELDS = new Set(['mode', 'scopes', 'expiresAt', 'createdAt']);

/**
 * Clients, store profiles and tokens. Every change runs one at a time, against the latest vault on disk,
 * is written atomically and audited. Secret values go to the SecretStore only.
 */
export class InventoryService {
  private data: VaultData | null = null;
  private reading: Promise<VaultData> | null = null;
  /** Counts this process's saves, so a read that overlapped one does not replace its result. */
  private writes = 0;
  private cachedCatalog: { defs: unknown; catalog: Catalog } | null = null;
  private notices: Notice[] = [];
  private queue: Promise<unknown> = Promise.resolve();
  private listeners = new Set<(revision: number) => void>();
  /** Intent files of this process's actions in progress: recovery must not settle them. */
  private readonly liveIntents = new Set<string>();
  private accountView: { raw: string[]; data: VaultData; view: string[] } | null = null;
  /** Token ids by store id, for the vault this process holds (see tokensOfStore); null: build it on next use. */
  private tokenIdsByStore: Map<string, string[]> | null = null;

  private readonly intents: SecretIntents;

  constructor(private readonly deps: InventoryDeps) {
    this.intents = deps.intents ?? new MemorySecretIntents();
  }

  onChange(listener: (revision: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The keychain's state and the notices of the vault's reading (the top bar). */
  async status(): Promise<{ keychain: KeychainState; notices: Notice[] }> {
    await this.current();
    return { keychain: await this.deps.secrets.state(), notices: this.notices };
  }

  /** The catalog for the current vault: built-ins plus its custom providers. */
  async catalog(): Promise<Catalog> {
    return this.catalogFor(await this.current());
  }

  /** The current vault data, read-only: for findings, checks and exports. */
  async vault(): Promise<Readonly<VaultData>> {
    return this.current();
  }

  async auditLog(limit: number, filter?: AuditFilter): Promise<AuditEntry[]> {
    return this.deps.audit.recent(limit, filter);
  }

  // Clients -------------------------------------------------------------------------------------------
  createClient(input: ParsedInput<'createClient'>): Promise<Client> {
    return this.mutate((data, now) => this.applyCreateClient(data, now, input));
  }

  private applyCreateClient(data: VaultData, now: string, input: ParsedInput<'createClient'>): Applied<Client> {
    {
      assertUniqueName(
        data.clients.map((c) => c.name),
        input.name,
        'client',
      );
      const client: Client = {
        id: randomUUID(),
        name: input.name,
        notes: input.notes ?? '',
        createdAt: now,
        updatedAt: now,
      };
      data.clients.push(client);
      return {
        result: client,
        change: {
          action: 'client.create',
          subject: { type: 'client', id: client.id },
          summary: `Added client ${client.name}`,
        },
      };
    }
  }

  updateClient(input: ParsedInput<'updateClient'>): Promise<Client> {
    return this.mutate((data, now) => {
      const client = find(data.clients, input.id, 'client');
      if (input.name !== undefined && input.name !== client.name) {
        assertUniqueName(
          data.clients.map((c) => c.name),
          input.name,
          'client',
        );
        client.name = input.name;
      }
      if (input.notes !== undefined) client.notes = input.notes;
      client.updatedAt = now;
      return {
        result: client,
        change: {
          action: 'client.update',
          subject: { type: 'client', id: client.id },
          summary: `Edited client ${client.name}`,
        },
      };
    });
  }

  deleteClient(input: { id: string }): Promise<{ id: string; deleted: true }> {
    return this.mutate((data) => {
      const client = lookup(data.clients, input.id, 'client');
      const stores = data.stores.filter((s) => s.clientId === client.id).length;
      if (stores > 0) {
        throw new AppError(
          'conflict',
          `Client ${client.name} still has ${stores} store${stores === 1 ? '' : 's'}; move or delete them first.`,
        );
      }
      data.clients = data.clients.filter((c) => c.id !== client.id);
      return {
        result: { id: client.id, deleted: true as const },
        change: {
          action: 'client.delete',
          subject: { type: 'client', id: client.id },
          summary: `Deleted client ${client.name}`,
        },
      };
    });
  }

  // Stores --------------------------------------------------------------------------------------------
  createStore(input: ParsedInput<'createStore'>): Promise<StoreProfile> {
    return this.mutate((data, now) => this.applyCreateStore(data, now, input));
  }

  private applyCreateStore(data: VaultData, now: string, input: ParsedInput<'createStore'>): Applied<StoreProfile> {
    {
      const provider = this.catalogFor(data).get(input.provider).descriptor;
      if (input.clientId) lookup(data.clients, input.clientId, 'client');
      const identifiers = input.identifiers ?? {};
      throwIfProblems(validateFields(provider.storeFields, identifiers, 'identifiers.'));
      const store: StoreProfile = {
        id: randomUUID(),
        clientId: input.clientId ?? null,
        provider: input.provider,
        label: input.label,
        identifiers,
        environment: input.environment ?? 'production',
        notes: input.notes ?? '',
        createdAt: now,
        updatedAt: now,
      };
      data.stores.push(store);
      return {
        result: store,
        change: {
          action: 'store.create',
          subject: { type: 'store', id: store.id },
          summary: `Added ${provider.name} store ${store.label}`,
        },
      };
    }
  }

  updateStore(input: ParsedInput<'updateStore'>): Promise<StoreProfile> {
    return this.mutate((data, now) => {
      const store = find(data.stores, input.id, 'store');
      const provider = this.catalogFor(data).get(store.provider).descriptor;
      if (input.clientId) lookup(data.clients, input.clientId, 'client');
      if (input.identifiers !== undefined) {
        throwIfProblems(validateFields(provider.storeFields, input.identifiers, 'identifiers.'));
        store.identifiers = input.identifiers;
      }
      if (input.label !== undefined) store.label = input.label;
      if (input.clientId !== undefined) store.clientId = input.clientId;
      if (input.environment !== undefined) store.environment = input.environment;
      if (input.notes !== undefined) store.notes = input.notes;
      store.updatedAt = now;
      return {
        result: store,
        change: {
          action: 'store.update',
          subject: { type: 'store', id: store.id },
          summary: `Edited store ${store.label}`,
        },
      };
    });
  }

  deleteStore(input: { id: string }): Promise<{ id: string; deleted: true }> {
    return this.withKeychain((tx) =>
      this.mutate(async (data) => {
        const store = lookup(data.stores, input.id, 'store');
        const tokens = data.tokens.filter((t) => t.storeId === store.id);
        // Noted now, deleted once the vault no longer points at them.
        await tx.retire(tokens.filter((t) => t.secret).map(accountOf));
        data.tokens = data.tokens.filter((t) => t.storeId !== store.id);
        data.stores = data.stores.filter((s) => s.id !== store.id);
        return {
          result: { id: store.id, deleted: true as const },
          change: {
            action: 'store.delete',
            subject: { type: 'store', id: store.id },
            summary: `Deleted store ${store.label} and its ${tokens.length} token${tokens.length === 1 ? '' : 's'}`,
          },
        };
      }),
    );
  }

  // Rotation ----------------------------------------------------------------------------------------
  /**
   * Replaces a token by a new one in the same store in ONE change: the old one becomes "rotated", the new
   * one is added with the lineage both ways and, when given, the check that vetted it.
   */
  rotate(
    input: { tokenId: string; secret: string; name?: string | undefined; expiresAt?: string | null | undefined },
    check: CheckResult | null,
  ): Promise<{ oldToken: Token; newToken: Token }> {
    const id = randomUUID();
    return this.withKeychain((tx) =>
      this.mutate(async (data, now) => {
        const old = find(data.tokens, input.tokenId, 'token');
        if (old.status === 'rotated' || old.status === 'revoked')
          throw new AppError('conflict', `Token ${old.name} is already ${old.status}; rotate its replacement instead.`);
        const previousStatus = old.status;
        old.status = 'rotated';
        const name = input.name ?? `${old.name} (${now.slice(0, 10)})`;
        let made: Applied<Token>;
        try {
          made = await this.applyCreateToken(
            data,
            now,
            {
              storeId: old.storeId,
              name,
              kind: old.kind,
              secret: input.secret,
              settings: Object.fromEntries(Object.entries(old.settings).filter(([k]) => k !== 'keyId')),
              ...(old.scopes.length ? { scopes: old.scopes } : {}),
              ...(input.expiresAt ? { expiresAt: input.expiresAt } : {}),
            },
            id,
            tx,
          );
        } catch (err) {
          old.status = previousStatus;
          throw err;
        }
        const fresh = made.result;
        fresh.rotatedFrom = old.id;
        if (check) {
          fresh.lastCheck = check;
          fresh.checkHistory = [check];
        }
        old.rotatedTo = fresh.id;
        old.updatedAt = now;
        return {
          result: { oldToken: old, newToken: fresh },
          change: [
            made.change,
            {
              action: 'token.rotate',
              subject: { type: 'token', id: old.id },
              summary: `Rotated ${old.name} to ${fresh.name}${fresh.secret ? ` (${fresh.secret.masked})` : ''}`,
            },
          ],
        };
      }),
    );
  }

  /** An audited event that changes no metadata (a copy to the clipboard, say). */
  async recordEvent(change: Change): Promise<void> {
    await this.deps.audit.append({ at: this.deps.clock.now().toISOString(), actor: this.deps.actor, ...change });
  }

  // Settings ----------------------------------------------------------------------------------------
  /** Replaces named sections of vault.settings (e.g. findings lead times, expiry notifications). */
  updateSettings(sections: Record<string, unknown>, summary: string): Promise<Record<string, unknown>> {
    return this.mutate((data) => {
      data.settings = { ...data.settings, ...structuredClone(sections) };
      return {
        result: data.settings,
        change: {
          action: 'settings.update',
          subject: { type: 'settings', id: Object.keys(sections).join(',').slice(0, 64) },
          summary,
        },
      };
    });
  }

  // Status checks -------------------------------------------------------------------------------------
  /** Keeps each token's last check and a bounded history (newest first); one vault write for a whole run. */
  recordChecks(results: readonly { tokenId: string; result: CheckResult }[], summary: string): Promise<number> {
    return this.mutate((data) => {
      let recorded = 0;
      const at = new Map(data.tokens.map((t, i) => [t.id, i]));
      for (const { tokenId, result } of results) {
        const i = at.get(tokenId);
        if (i === undefined) continue; // Deleted while the check ran.
        const token = editable(data.tokens, i);
        token.lastCheck = result;
        token.checkHistory = [result, ...token.checkHistory].slice(0, CHECK_HISTORY_LIMIT);
        recorded++;
      }
      return {
        result: recorded,
        change: { action: 'token.check', subject: { type: 'vault', id: 'checks' }, summary: summary.slice(0, 300) },
      };
    });
  }

  // Custom providers --------------------------------------------------------------------------------
  saveCustomProvider(definition: CustomProviderDefinition): Promise<ProviderDescriptor> {
    return this.mutate((data) => {
      const id = customProviderId(definition.id);
      if (BUILTIN_PROVIDER_IDS.some((b) => b === definition.id))
        throw new AppError('conflict', `"${definition.id}" is a built-in provider's id; pick another.`, {
          id: 'taken by a built-in provider',
        });
      const others = data.customProviders.filter((d) => d.id !== definition.id);
      const existed = others.length !== data.customProviders.length;
      data.customProviders = [...others, { ...definition }];
      const module = createCatalog(this.deps.builtins ?? BUILTIN_PROVIDERS, data.customProviders).find(id);
      if (!module) throw new AppError('invalid_input', 'The provider definition could not be used.');
      return {
        result: module.descriptor,
        change: {
          action: existed ? 'provider.update' : 'provider.create',
          subject: { type: 'provider', id },
          summary: `${existed ? 'Edited' : 'Added'} custom provider ${definition.name}`,
        },
      };
    });
  }

  deleteCustomProvider(input: { id: string }): Promise<{ id: string; deleted: true }> {
    return this.mutate((data) => {
      const slug = input.id.replace(/^custom:/, '');
      if (!data.customProviders.some((d) => d.id === slug)) throw notFound('custom provider', input.id);
      const used = data.stores.filter((s) => s.provider === input.id).length;
      if (used)
        throw new AppError(
          'conflict',
          `${used} store${used === 1 ? ' uses' : 's use'} this provider; delete or move ${used === 1 ? 'it' : 'them'} first.`,
        );
      data.customProviders = data.customProviders.filter((d) => d.id !== slug);
      return {
        result: { id: input.id, deleted: true as const },
        change: {
          action: 'provider.delete',
          subject: { type: 'provider', id: input.id },
          summary: `Deleted custom provider ${slug}`,
        },
      };
    });
  }

  // Tokens --------------------------------------------------------------------------------------------
  createToken(input: ParsedInput<'createToken'>): Promise<Token> {
    const id = randomUUID();
    return this.withKeychain((tx) => this.mutate((data, now) => this.applyCreateToken(data, now, input, id, tx)));
  }

  /**
   * Adds a token and, when they do not exist yet, its client (by name) and store (by provider and label)
   * in ONE change: a refused token leaves nothing behind. The command line's `add` uses it.
   */
  addToken(input: ParsedInput<'addToken'>): Promise<Token> {
    const id = randomUUID();
    return this.withKeychain((tx) =>
      this.mutate(async (data, now) => {
        const changes: Change[] = [];
        let clientId: string | null = null;
        if (input.client) {
          const wanted = input.client.toLocaleLowerCase();
          clientId = data.clients.find((c) => c.name.toLocaleLowerCase() === wanted)?.id ?? null;
          if (!clientId) {
            const made = this.applyCreateClient(data, now, { name: input.client });
            clientId = made.result.id;
            changes.push(made.change);
          }
        }
        let store = data.stores.find(
          (s) => s.provider === input.store.provider && s.label === input.store.label && s.clientId === clientId,
        );
        if (!store) {
          const made = this.applyCreateStore(data, now, { ...input.store, clientId });
          store = made.result;
          changes.push(made.change);
        }
        const token = await this.applyCreateToken(data, now, { ...input.token, storeId: store.id }, id, tx);
        return { result: token.result, change: [...changes, token.change as Change] };
      }),
    );
  }

  /**
   * Runs one user action under the ordering rule (see KeychainTransaction): whether it commits or fails, the
   * accounts it noted are then settled against the vault as it stands.
   */
  private async withKeychain<T>(
    work: (tx: KeychainTransaction) => Promise<T>,
    onSettled?: (counts: { deleted: number; failed: number }) => void,
  ): Promise<T> {
    const tx = new KeychainTransaction(this.deps.secrets, this.intents);
    const live = this.liveIntents;
    const file = { current: '' };
    tx.onIntent = (path) => live.add((file.current = path));
    try {
      return await work(tx);
    } finally {
      const settled = await this.current()
        .then((data) => tx.settle(data.tokens))
        .catch(() => null);
      live.delete(file.current);
      if (settled) onSettled?.(settled);
      if (!settled || settled.failed)
        this.deps.logger.warn('keychain entries left for recovery', { failed: settled?.failed ?? -1 });
    }
  }

  private async applyCreateToken(
    data: VaultData,
    now: string,
    input: ParsedInput<'createToken'>,
    id: string,
    tx: KeychainTransaction,
    account?: string,
  ): Promise<Applied<Token>> {
    {
      const store = lookup(data.stores, input.storeId, 'store');
      const catalog = this.catalogFor(data);
      const module = catalog.get(store.provider);
      const provider = module.descriptor;
      const credential = input.kind ? provider.credentials.find((c) => c.kind === input.kind) : provider.credentials[0];
      if (!credential)
        throw new AppError('invalid_input', `${provider.name} has no credential of kind ${input.kind}.`, {
          kind: 'not offered by this provider',
        });
      assertUniqueName(
        data.tokens.filter((t) => t.storeId === store.id).map((t) => t.name),
        input.name,
        'token in this store',
      );
      const facts =
        input.secret !== undefined
          ? this.factsFor(catalog, module, credential.kind, input.secret, input.createdAt)
          : null;
      const expiry = policyOf(module, credential.kind).expiry;
      const token: Token = {
        id,
        storeId: store.id,
        name: input.name,
        kind: credential.kind,
        mode: input.mode ?? facts?.mode ?? null,
        scopes: input.scopes?.length ? input.scopes : (facts?.scopes ?? []),
        settings: { ...(facts?.settings ?? {}), ...(input.settings ?? {}) },
        status: 'active',
        createdAt: input.createdAt ? normaliseDate(input.createdAt, 'start') : (facts?.createdAt ?? null),
        expiresAt: null,
        expirySource: expiry?.kind === 'none' ? 'none' : 'unknown',
        secret: null,
        lastCheck: null,
        checkHistory: [],
        rotatedFrom: null,
        rotatedTo: null,
        notes: input.notes ?? '',
        addedAt: now,
        updatedAt: now,
      };
      if (input.expiresAt) {
        token.expiresAt = normaliseDate(input.expiresAt, 'end');
        token.expirySource = 'user';
      } else if (facts?.expirySource) {
        token.expiresAt = facts.expiresAt ?? null;
        token.expirySource = facts.expirySource;
      }
      throwIfProblems(validateFields(credential.fields, tokenFieldValues(credential.fields, tokenAsInput(token)), ''));
      throwIfRuleProblem(checkTokenWrite(data, token, catalog));
      if (input.secret !== undefined && facts) {
        const written = await tx.write(vaultIdOf(data), id, input.secret, account);
        token.secret = {
          fingerprint: sha256Hex(input.secret),
          masked: facts.masked,
          setAt: now,
          formatProblem: facts.formatProblem,
          account: written,
        };
      }
      data.tokens.push(token);
      return {
        result: token,
        change: {
          action: 'token.create',
          subject: { type: 'token', id },
          summary: `Added token ${token.name} to ${store.label}${token.secret ? ` (${token.secret.masked})` : ''}`,
        },
      };
    }
  }

  /**
   * The part of the vault a token write's rules can look at: the stores that share its store's site (or the
   * store alone) and their tokens. One pass over the tokens, so a rule costs the store's size, not the vault's.
   */
  private nearView(data: VaultData, store: StoreProfile, kind: Token['kind'], catalog: Catalog): VaultData {
    const module = catalog.get(store.provider);
    const siteKey = policyOf(module, kind).uniqueNamePerIdentifier;
    const site = siteKey ? store.identifiers[siteKey] : undefined;
    const stores =
      typeof site === 'string' && site !== ''
        ? data.stores.filter(
            (s) =>
              s.provider === store.provider &&
              String(s.identifiers[siteKey!] ?? '').toLowerCase() === site.toLowerCase(),
          )
        : [store];
    return { ...data, stores, tokens: stores.flatMap((s) => this.tokensOfStore(data, s.id)) };
  }

  /**
   * A store's tokens through an index of token ids by store, built once per reading of the vault and kept
   * while no change adds or removes a token (mutate drops it then): touching every token costs ~20 ms at 100,000.
   */
  private tokensOfStore(data: VaultData, storeId: string): Token[] {
    if (!this.tokenIdsByStore) {
      const index = new Map<string, string[]>();
      for (const t of data.tokens) {
        const ids = index.get(t.storeId);
        if (ids) ids.push(t.id);
        else index.set(t.storeId, [t.id]);
      }
      this.tokenIdsByStore = index;
    }
    const tokens: Token[] = [];
    for (const id of this.tokenIdsByStore.get(storeId) ?? []) {
      const token = data.tokens[positionOf(data.tokens, id, 'token')];
      if (token?.storeId === storeId) tokens.push(token);
    }
    return tokens;
  }

  updateToken(input: ParsedInput<'updateToken'>): Promise<Token> {
    return this.mutate((data, now) => {
      const before = lookup(data.tokens, input.id, 'token');
      const store = lookup(data.stores, before.storeId, 'store');
      const catalog = this.catalogFor(data);
      const module = catalog.get(store.provider);
      const credential = module.descriptor.credentials.find((c) => c.kind === before.kind);
      const near = this.nearView(data, store, before.kind, catalog);
      if (input.name !== undefined && input.name !== before.name) {
        assertUniqueName(
          near.tokens.filter((t) => t.storeId === store.id).map((t) => t.name),
          input.name,
          'token in this store',
        );
      }
      const token: Token = structuredClone(before);
      if (input.name !== undefined) token.name = input.name;
      if (input.mode !== undefined) token.mode = input.mode;
      if (input.scopes !== undefined) token.scopes = input.scopes;
      if (input.settings !== undefined) token.settings = input.settings;
      if (input.status !== undefined) token.status = input.status;
      if (input.createdAt !== undefined)
        token.createdAt = input.createdAt ? normaliseDate(input.createdAt, 'start') : null;
      if (input.expiresAt !== undefined) {
        token.expiresAt = input.expiresAt ? normaliseDate(input.expiresAt, 'end') : null;
        token.expirySource = input.expiresAt
          ? 'user'
          : policyOf(module, token.kind).expiry?.kind === 'none'
            ? 'none'
            : 'unknown';
      }
      if (input.notes !== undefined) token.notes = input.notes;
      token.updatedAt = now;
      if (credential)
        throwIfProblems(
          validateFields(credential.fields, tokenFieldValues(credential.fields, tokenAsInput(token)), ''),
        );
      throwIfRuleProblem(checkTokenWrite(near, token, catalog));
      data.tokens[positionOf(data.tokens, before.id, 'token')] = token;
      return {
        result: token,
        change: {
          action: 'token.update',
          subject: { type: 'token', id: token.id },
          summary: `Edited token ${token.name}`,
        },
      };
    });
  }

  /**
   * Marks many tokens inactive in ONE change (the inventory's bulk "Deactivate selected"): one write and one
   * vault event instead of one per token. Tokens that are not active, or no longer exist, are skipped and named.
   */
  async deactivateTokens(
    input: ParsedInput<'deactivateTokens'>,
  ): Promise<{ deactivated: number; skipped: { id: string; reason: string }[] }> {
    // Nothing to change: answer without writing a new revision.
    const wanted = new Set(input.ids);
    const { tokens } = await this.current();
    if (!tokens.some((t) => wanted.has(t.id) && t.status === 'active')) {
      const known = new Map(tokens.map((t) => [t.id, t.status]));
      return {
        deactivated: 0,
        skipped: [...wanted].map((id) => ({
          id,
          reason: known.has(id) ? `already ${known.get(id)}` : 'not found (deleted?)',
        })),
      };
    }
    return this.mutate((data, now) => {
      const at = new Map(data.tokens.map((t, i) => [t.id, i]));
      const skipped: { id: string; reason: string }[] = [];
      const changes: Change[] = [];
      for (const id of new Set(input.ids)) {
        const i = at.get(id);
        const before = i === undefined ? undefined : data.tokens[i];
        if (i === undefined || !before) {
          skipped.push({ id, reason: 'not found (deleted?)' });
          continue;
        }
        if (before.status !== 'active') {
          skipped.push({ id, reason: `already ${before.status}` });
          continue;
        }
        data.tokens[i] = { ...structuredClone(before), status: 'inactive', updatedAt: now };
        changes.push({
          action: 'token.update',
          subject: { type: 'token', id },
          summary: `Deactivated token ${before.name} (bulk)`,
        });
      }
      return { result: { deactivated: changes.length, skipped }, change: changes };
    });
  }

  setTokenSecret(input: ParsedInput<'setTokenSecret'>): Promise<Token> {
    return this.withKeychain((tx) =>
      this.mutate(async (data, now) => {
        const token = find(data.tokens, input.id, 'token');
        const store = lookup(data.stores, token.storeId, 'store');
        const catalog = this.catalogFor(data);
        const facts = this.factsFor(catalog, catalog.get(store.provider), token.kind, input.secret, token.createdAt);
        // Never overwrite the live entry: the new value goes under a new account, the old one retires after the commit.
        if (token.secret) await tx.retire([accountOf(token)]);
        const account = await tx.write(vaultIdOf(data), token.id, input.secret);
        token.secret = {
          fingerprint: sha256Hex(input.secret),
          masked: facts.masked,
          setAt: now,
          formatProblem: facts.formatProblem,
          account,
        };
        if (facts.expirySource === 'token') {
          token.expiresAt = facts.expiresAt ?? null;
          token.expirySource = 'token';
        }
        if (facts.mode) token.mode = facts.mode;
        token.lastCheck = null;
        token.updatedAt = now;
        return {
          result: token,
          change: {
            action: 'token.secret.set',
            subject: { type: 'token', id: token.id },
            summary: `Stored a new secret for ${token.name} (${token.secret.masked})`,
          },
        };
      }),
    );
  }

  deleteToken(input: { id: string }): Promise<{ id: string; deleted: true }> {
    return this.withKeychain((tx) =>
      this.mutate(async (data) => {
        const token = lookup(data.tokens, input.id, 'token');
        if (token.secret) await tx.retire([accountOf(token)]);
        data.tokens = data.tokens.filter((t) => t.id !== token.id);
        data.tokens.forEach((other, i) => {
          if (other.rotatedFrom !== token.id && other.rotatedTo !== token.id) return;
          const linked = editable(data.tokens, i);
          if (linked.rotatedFrom === token.id) linked.rotatedFrom = null;
          if (linked.rotatedTo === token.id) linked.rotatedTo = null;
        });
        return {
          result: { id: token.id, deleted: true as const },
          change: {
            action: 'token.delete',
            subject: { type: 'token', id: token.id },
            summary: `Deleted token ${token.name}`,
          },
        };
      }),
    );
  }

  // Import and restore (issue 8) ------------------------------------------------------------------------
  /**
   * Applies an import plan's valid rows in ONE change: a refused row, a keychain failure or a failed write
   * leaves the vault as it was and takes back every secret this call stored.
   */
  async importRows(plan: ImportPlan, options: { allOrNothing: boolean }): Promise<ImportResult> {
    const rows = plan.rows.filter(
      (r): r is PlannedRow & { input: ImportRowInput } => r.reasons.length === 0 && r.input !== null,
    );
    const invalid = plan.rows.length - rows.length;
    if (options.allOrNothing && invalid > 0)
      throw new AppError(
        'invalid_input',
        `${invalid} of ${plan.rows.length} rows are invalid and "all or nothing" was chosen: nothing was imported.`,
      );
    if (rows.length === 0)
      throw new AppError('invalid_input', 'No row of the file can be imported; see the reasons in the preview.');
    return this.withKeychain((tx) =>
      this.mutate(async (data, now) => {
        const clash = rows.find((r) => data.tokens.some((t) => t.id === r.tokenId));
        if (clash)
          throw new AppError('conflict', 'This import was already applied; preview the file again to import it anew.');
        // Every account noted in one write before the first secret goes in.
        const vaultId = vaultIdOf(data);
        const accounts = new Map(
          rows
            .filter((r) => r.input.token.secret !== undefined)
            .map((r) => [r.tokenId, freshAccount(vaultId, r.tokenId)]),
        );
        await tx.note([...accounts.values()]);
        const catalog = this.catalogFor(data);
        const counts = { clients: 0, stores: 0 };
        // Indexes so each row costs the same however large the vault: the appliers see only the stores and tokens a rule can look at.
        const storeByKey = new Map(data.stores.map((s) => [importStoreKey(s.provider, s.label, s.clientId), s]));
        const tokensByStore = new Map<string, Token[]>();
        for (const t of data.tokens) tokensByStore.set(t.storeId, [...(tokensByStore.get(t.storeId) ?? []), t]);
        const view = (store: StoreProfile, kind: Token['kind'] | undefined): VaultData => {
          const module = catalog.get(store.provider);
          const siteKey = policyOf(module, kind ?? module.descriptor.credentials[0]!.kind).uniqueNamePerIdentifier;
          const site = siteKey ? store.identifiers[siteKey] : undefined;
          const stores =
            typeof site === 'string' && site !== ''
              ? data.stores.filter(
                  (s) =>
                    s.provider === store.provider &&
                    String(s.identifiers[siteKey!] ?? '').toLowerCase() === site.toLowerCase(),
                )
              : [store];
          return { ...data, stores, tokens: stores.flatMap((s) => tokensByStore.get(s.id) ?? []) };
        };
        for (const { row, input, tokenId } of rows) {
          try {
            const wanted = input.client?.toLocaleLowerCase();
            let clientId =
              wanted === undefined
                ? null
                : (data.clients.find((c) => c.name.toLocaleLowerCase() === wanted)?.id ?? null);
            if (input.client && !clientId) {
              clientId = this.applyCreateClient(data, now, { name: input.client }).result.id;
              counts.clients++;
            }
            let store = storeByKey.get(importStoreKey(input.store.provider, input.store.label, clientId));
            if (!store) {
              store = this.applyCreateStore(data, now, { ...input.store, clientId }).result;
              storeByKey.set(importStoreKey(store.provider, store.label, store.clientId), store);
              counts.stores++;
            }
            const { status, ...fields } = input.token;
            const near = view(store, fields.kind);
            // The applier makes active tokens; a retired one is built aside and checked with its real status.
            const made = await this.applyCreateToken(
              status === 'active' ? near : { ...near, tokens: [] },
              now,
              { ...fields, storeId: store.id },
              tokenId,
              tx,
              accounts.get(tokenId),
            );
            const token = { ...made.result, status };
            if (status !== 'active') {
              assertUniqueName(
                near.tokens.filter((t) => t.storeId === token.storeId).map((t) => t.name),
                token.name,
                'token in this store',
              );
              throwIfRuleProblem(checkTokenWrite(near, token, catalog));
            }
            data.tokens.push(token);
            tokensByStore.set(store.id, [...(tokensByStore.get(store.id) ?? []), token]);
          } catch (err) {
            if (err instanceof AppError)
              throw new AppError(
                err.code,
                `Row ${row}: ${err.message} Nothing was imported; preview the file again.`,
                err.fields,
              );
            throw err;
          }
        }
        const result: ImportResult = {
          imported: rows.length,
          skippedInvalid: invalid,
          clientsCreated: counts.clients,
          storesCreated: counts.stores,
          tokenIds: rows.map((r) => r.tokenId),
        };
        return {
          result,
          change: {
            action: 'vault.import',
            subject: { type: 'vault', id: 'import' },
            summary: `Imported ${rows.length} token${rows.length === 1 ? '' : 's'}, ${counts.stores} new store${counts.stores === 1 ? '' : 's'}, ${counts.clients} new client${counts.clients === 1 ? '' : 's'}; ${invalid} invalid row${invalid === 1 ? '' : 's'} skipped`,
          },
        };
      }),
    );
  }

  /**
   * Restores a decrypted backup in ONE change. `merge` keeps everything here and adds what is new (a token
   * with the same id or the same secret is skipped and reported); `replace` makes the vault the backup's.
   * Secrets are written before the vault; on any failure they are put back as they were.
   */
  async restoreBackup(payload: BackupPayload, mode: 'merge' | 'replace'): Promise<RestoreResult> {
    if (payload.vault.schemaVersion !== CURRENT_SCHEMA_VERSION)
      throw new AppError(
        'invalid_input',
        `The backup holds vault schema ${payload.vault.schemaVersion}; this Keyward uses schema ${CURRENT_SCHEMA_VERSION}.`,
      );
    const secretOf = new Map(payload.secrets.map((s) => [s.tokenId, s.value]));
    let settled = { deleted: 0, failed: 0 };
    const result = await this.withKeychain(
      (tx) =>
        this.mutate(async (data) => {
          const plan = mode === 'replace' ? replacePlan(data, payload) : mergePlan(data, payload);
          const vaultId = vaultIdOf(data);
          // Each restored value goes under a new account of this vault; what replace drops retires after the commit.
          const writes = plan.tokensToWrite.flatMap((t) =>
            t.secret && secretOf.has(t.id) ? [{ token: t, account: freshAccount(vaultId, t.id) }] : [],
          );
          await tx.note(writes.map((w) => w.account));
          if (mode === 'replace') await tx.retire(data.tokens.filter((t) => t.secret).map(accountOf));
          for (const { token, account } of writes) {
            await tx.write(vaultId, token.id, secretOf.get(token.id)!, account);
            token.secret = { ...token.secret!, account };
          }
          // A value the backup lacks stays missing: never point at another vault's entry.
          for (const t of plan.tokensToWrite) {
            if (t.secret?.account && !ownedBy(vaultId, t.secret.account) && !secretOf.has(t.id))
              t.secret = { ...t.secret, account: freshAccount(vaultId, t.id) };
          }
          data.clients = plan.vault.clients;
          data.stores = plan.vault.stores;
          data.tokens = plan.vault.tokens;
          data.customProviders = plan.vault.customProviders;
          data.settings = plan.vault.settings;
          const restored = writes.length;
          const result: RestoreResult = {
            mode,
            clientsAdded: plan.clientsAdded,
            storesAdded: plan.storesAdded,
            tokensAdded: plan.tokensToWrite.length,
            secretsRestored: restored,
            secretsMissing: plan.tokensToWrite.filter((t) => t.secret && !secretOf.has(t.id)).length,
            skipped: plan.skipped,
            removedSecrets: 0,
            removeFailures: 0,
          };
          return {
            result,
            change: {
              action: `vault.restore.${mode}`,
              subject: { type: 'vault', id: 'restore' },
              summary: `Restored a backup (${mode}): ${result.tokensAdded} tokens, ${restored} secrets, ${plan.skipped.length} skipped`,
            },
          };
        }),
      (counts) => (settled = counts),
    );
    return { ...result, removedSecrets: settled.deleted, removeFailures: settled.failed };
  }

  /**
   * Settles what earlier processes left in flight, then moves entries written before namespacing (account =
   * token id) under this vault's namespace by the same ordering rule. Runs at start (app, host, CLI).
   */
  async recoverSecrets(): Promise<{ settled: number; adopted: number }> {
    let settled = 0;
    const live = this.liveIntents;
    for (const intent of await this.intents.abandoned(live)) {
      const data = await this.current();
      const done = await settleIntent(this.deps.secrets, this.intents, intent, data.tokens);
      if (done.failed === 0) settled++;
    }
    const data = await this.current();
    const legacy = data.tokens.filter((t) => t.secret && !t.secret.account);
    if (legacy.length === 0 && data.vaultId) return { settled, adopted: 0 };
    const values = new Map<string, string>();
    let others: string[] | null = null;
    for (const t of legacy) {
      let value = await this.deps.secrets.get(t.id);
      if (value === null || sha256Hex(value) !== t.secret!.fingerprint) {
        // A copy of this vault opened by a newer Keyward first may hold the value under its own namespace.
        others ??= await this.deps.secrets.accounts();
        value = null;
        for (const account of others.filter((a) => tokenIdOf(a) === t.id)) {
          const candidate = await this.deps.secrets.get(account);
          if (candidate !== null && sha256Hex(candidate) === t.secret!.fingerprint) value = candidate;
        }
      }
      if (value !== null) values.set(t.id, value);
    }
    await this.withKeychain((tx) =>
      this.mutate(async (draft) => {
        const vaultId = vaultIdOf(draft);
        let kept = 0;
        for (const [i, found] of draft.tokens.entries()) {
          if (!found.secret || found.secret.account) continue;
          const value = values.get(found.id);
          const t = editable(draft.tokens, i);
          if (value === undefined || sha256Hex(value) !== found.secret.fingerprint) {
            // Found nowhere with its fingerprint: it keeps pointing at its old entry, now by name, so later starts do not search again.
            t.secret = { ...found.secret, account: t.id };
            kept++;
            continue;
          }
          await tx.retire([t.id]);
          t.secret = { ...found.secret, account: await tx.write(vaultId, t.id, value) };
        }
        const summary = `Moved ${values.size} keychain entr${values.size === 1 ? 'y' : 'ies'} under this vault's own namespace${kept ? `; ${kept} not found with their fingerprint keep their old entry name` : ''}`;
        return {
          result: null,
          change: { action: 'vault.keychain.namespace', subject: { type: 'vault', id: 'keychain' }, summary },
        };
      }),
    );
    return { settled, adopted: values.size };
  }

  /** Keychain accounts as findings count them: tokens' own entries by token id, this vault's unknown entries by account. */
  async secretAccounts(): Promise<string[] | null> {
    const [data, accounts] = await Promise.all([this.current(), this.deps.secrets.accounts().catch(() => null)]);
    if (accounts === null) return null;
    if (this.accountView?.raw === accounts && this.accountView.data === data) return this.accountView.view;
    const byAccount = new Map<string, string>();
    for (const t of data.tokens) if (t.secret) byAccount.set(accountOf(t), t.id);
    const view: string[] = [];
    for (const account of accounts) {
      const tokenId = byAccount.get(account);
      if (tokenId !== undefined) view.push(tokenId);
      else if (data.vaultId && ownedBy(data.vaultId, account)) view.push(account);
    }
    this.accountView = { raw: accounts, data, view };
    return view;
  }

  // Plumbing ------------------------------------------------------------------------------------------
  /**
   * Facts read from a pasted secret. A value that breaks a confirmed provider format is refused; one that
   * breaks an unconfirmed format is kept and flagged (a format_mismatch finding).
   */
  private factsFor(
    catalog: Catalog,
    module: ProviderModule,
    kind: Token['kind'],
    secret: string,
    createdAt: string | null | undefined,
  ): TokenFacts {
    const facts = deriveTokenFacts(catalog, module.descriptor.id, kind, secret, this.deps.clock.now(), {
      createdAt: createdAt ?? null,
    });
    if (facts.formatProblem && formatsOf(module, kind).some((f) => f.confirmed)) {
      throw new AppError('invalid_input', facts.formatProblem, { secret: facts.formatProblem });
    }
    return facts;
  }

  private catalogFor(data: VaultData): Catalog {
    if (this.cachedCatalog?.defs !== data.customProviders) {
      this.cachedCatalog = {
        defs: data.customProviders,
        catalog: createCatalog(this.deps.builtins ?? BUILTIN_PROVIDERS, data.customProviders),
      };
    }
    return this.cachedCatalog.catalog;
  }

  /** Callers asking together (start-up, a page of the inventory, findings) share one check and one read. */
  private current(): Promise<VaultData> {
    this.reading ??= this.read().finally(() => {
      this.reading = null;
    });
    return this.reading;
  }

  private async read(): Promise<VaultData> {
    const writes = this.writes;
    if (!this.data || (await this.deps.repo.changedOnDisk())) {
      const loaded = await this.deps.repo.load();
      // A change saved by this process while the file was being read is newer than what was read.
      if (this.writes !== writes && this.data) return this.data;
      this.data = loaded.data;
      this.tokenIdsByStore = null;
      if (loaded.notices.length)
        this.notices = [...this.notices.filter((n) => !loaded.notices.some((l) => l.id === n.id)), ...loaded.notices];
    }
    return this.data;
  }

  /**
   * Applies `change` to a draft of the latest vault and saves what changed, with its audit entries, as one
   * transaction holding the database's write lock: another process (the CLI, say) waits, and a vault it
   * changed before is read again first, so no change is ever lost or applied to a stale vault.
   */
  private mutate<T>(
    change: (
      data: VaultData,
      now: string,
    ) => { result: T; change: Change | Change[] } | Promise<{ result: T; change: Change | Change[] }>,
  ): Promise<T> {
    const run = async (): Promise<T> => {
      for (let attempt = 0; ; attempt++) {
        let saved: { base: VaultData; draft: VaultData; result: T };
        try {
          saved = await this.deps.repo.transaction(async () => {
            const base = await this.read();
            // Copy-on-write (see draftOf): the appliers replace what they change; readers keep seeing `base`.
            const draft = draftOf(base);
            const listed = draft.tokens;
            const now = this.deps.clock.now().toISOString();
            const { result, change: done } = await change(draft, now);
            // A token added, removed or a list replaced: the index of tokens by store no longer holds.
            if (draft.tokens !== listed || draft.tokens.length !== base.tokens.length) this.tokenIdsByStore = null;
            draft.revision = base.revision + 1;
            draft.updatedAt = now;
            const entries = (Array.isArray(done) ? done : [done]).map((entry) => ({
              at: now,
              actor: this.deps.actor,
              ...entry,
            }));
            await this.deps.repo.save(draft, base.revision, entries);
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
        const { draft, result } = saved;
        this.data = draft;
        this.writes++;
        for (const listener of this.listeners) listener(draft.revision);
        return result;
      }
    };
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }
}

/** The vault's keychain namespace, given to a vault that has none yet (it commits with the first entry that uses it). */
function vaultIdOf(data: VaultData): string {
  data.vaultId ??= randomUUID();
  return data.vaultId;
}

const importStoreKey = (provider: string, label: string, clientId: string | null): string =>
  `${provider}\u0000${label}\u0000${clientId ?? ''}`;

/** The element with `id`, made editable in the draft list (see editable); not_found when there is none. */
function find<T extends { id: string }>(items: T[], id: string, what: string): T {
  const at = positionOf(items, id, what);
  if (at < 0) throw notFound(what, id);
  return editable(items, at);
}

/**
 * Where each id last stood in each kind of list. A change seldom moves elements, so the remembered place is
 * checked (one comparison) and the map is rebuilt only when it is wrong: a lookup costs the same at 100,000 tokens.
 */
const positions = new Map<string, Map<string, number>>();
function positionOf(items: readonly { id: string }[], id: string, what: string): number {
  const known = positions.get(what)?.get(id);
  if (known !== undefined && items[known]?.id === id) return known;
  const map = new Map<string, number>();
  items.forEach((item, i) => map.set(item.id, i));
  positions.set(what, map);
  return map.get(id) ?? -1;
}

/** The element with `id`, read-only (still base's: a copy would be saved and sent as a change); not_found when there is none. */
function lookup<T extends { id: string }>(items: readonly T[], id: string, what: string): T {
  const found = items[positionOf(items, id, what)];
  if (!found) throw notFound(what, id);
  return found;
}

function assertUniqueName(existing: string[], name: string, what: string): void {
  const wanted = name.toLocaleLowerCase();
  if (existing.some((n) => n.toLocaleLowerCase() === wanted)) {
    throw new AppError('conflict', `A ${what} named "${name}" already exists.`, { name: 'already in use' });
  }
}

function throwIfRuleProblem(
  problem: { code: 'rule_violation'; message: string; fields?: Record<string, string> } | null,
): void {
  if (problem) throw new AppError(problem.code, problem.message, problem.fields);
}

function throwIfProblems(problems: Record<string, string>): void {
  const keys = Object.keys(problems);
  if (keys.length === 0) return;
  throw new AppError('invalid_input', keys.map((k) => problems[k]).join('; '), problems);
}

/** The values a credential's catalog fields describe, gathered from a token's properties and settings. */
function tokenFieldValues(
  fields: readonly FieldDescriptor[],
  input: TokenFieldsInput,
): Record<string, string | number | boolean | string[] | undefined> {
  const values: Record<string, string | number | boolean | string[] | undefined> = { ...(input.settings ?? {}) };
  for (const key of TOP_LEVEL_TOKEN_FIELDS) delete values[key];
  const described = new Set(fields.map((f) => f.key));
  const topLevel = {
    mode: input.mode ?? undefined,
    scopes: input.scopes?.length ? input.scopes : undefined,
    expiresAt: input.expiresAt ?? undefined,
    createdAt: input.createdAt ?? undefined,
  };
  for (const [key, value] of Object.entries(topLevel)) if (described.has(key)) values[key] = value;
  return values;
}

function tokenAsInput(token: Token): TokenFieldsInput {
  return {
    mode: token.mode,
    scopes: token.scopes,
    settings: token.settings,
    createdAt: token.createdAt,
    expiresAt: token.expiresAt,
  };
}
