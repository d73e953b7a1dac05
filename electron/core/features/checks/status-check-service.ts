import { accountOf } from '../../secrets/accounts';
import type { CheckResult, StoreProfile, Token } from '../../../contract';
import { BASE_URL_ENV, resolveBaseUrl, type BuiltinProvider } from './base-url';
import { buildCheckItem } from './check-items';
import { runChecks } from './check-runner';
import { CHECK_OUTCOMES, type CheckItem, type CheckOutcome, type CheckProgress } from './check-types';
import { RateLimiter, realSleep, type Sleep } from './rate-limiter';
import { AppError } from '../../errors';
import type { Clock, HttpClient, Logger, SecretStore } from '../../ports';
import type { Catalog } from '../../providers/catalog';
import { publicPrefixOf } from '../../providers/mask';
import { formatsOf } from '../../providers/provider-module';
import { thawed, type FrozenVault } from '../../vault/plain-data';
import type { CheckSelection } from './selection';
import { checkTargets, planCheck, type CheckPlan, type CheckPlanOptions, type Retired } from './check-plan';

export interface StatusCheckDeps {
  /** The current vault and catalog (the session). */
  session: { vault(): Promise<FrozenVault>; catalog(): Promise<Catalog> };
  /** Saves a run's results on their tokens (the checks feature). */
  record(results: readonly { tokenId: string; result: CheckResult }[], summary: string): Promise<number>;
  secrets: SecretStore;
  http: HttpClient;
  clock: Clock;
  logger: Logger;
  userAgent: string;
  /** Where KEYWARD_BASE_URL_<PROVIDER> overrides are read from (process.env in the app). */
  env: Record<string, string | undefined>;
  sleep?: Sleep;
  concurrency?: number;
  timeoutMs?: number;
  maxBodyBytes?: number;
}

export interface CheckRunSummary {
  runId: string;
  total: number;
  /** Selected tokens not checked because they are retired (checked only when asked to include them). */
  leftOut: Record<Retired, number>;
  checked: number;
  /** Tokens with no secret in the keychain: nothing to send. */
  withoutSecret: number;
  cancelled: number;
  counts: Record<CheckOutcome, number>;
  results: { tokenId: string; outcome: CheckOutcome; detail: string }[];
}

export interface QuickCheckInput {
  provider: string;
  kind?: Token['kind'];
  secret: string;
  identifiers?: StoreProfile['identifiers'];
  mode?: 'live' | 'test' | null;
}

export interface QuickCheckOptions {
  /** Tokens whose secrets are also in play (a rotation's old token): masked in the result too. */
  alsoRedactSecretsOf?: readonly string[];
}

const emptyCounts = (): Record<CheckOutcome, number> =>
  Object.fromEntries(CHECK_OUTCOMES.map((o) => [o, 0])) as Record<CheckOutcome, number>;

/**
 * Status checks against the providers: bulk runs over a selection (progress, cancel, results kept on each
 * token) and quick checks of a pasted secret (nothing saved). One rate limiter for the app's lifetime,
 * so runs and quick checks share each account's budget.
 */
export class StatusCheckService {
  private readonly limiter: RateLimiter;
  private readonly runs = new Map<string, AbortController>();

  constructor(private readonly deps: StatusCheckDeps) {
    this.limiter = new RateLimiter(deps.clock, deps.sleep ?? realSleep);
  }

  /** What a bulk check would send, per provider, and how long the published limits make it take. */
  async plan(selection: CheckSelection, options: CheckPlanOptions = {}): Promise<CheckPlan> {
    const [vault, catalog] = await Promise.all([this.deps.session.vault(), this.deps.session.catalog()]);
    return planCheck(thawed(vault), catalog, selection, this.deps.clock.now(), options);
  }

  async check(
    selection: CheckSelection,
    runId: string,
    onProgress?: (progress: CheckProgress & { runId: string }) => void,
    options: CheckPlanOptions = {},
  ): Promise<CheckRunSummary> {
    if (this.runs.has(runId)) throw new AppError('conflict', 'A check with this run id is already running.');
    const vault = await this.deps.session.vault();
    const catalog = await this.deps.session.catalog();
    const { targets: tokens, leftOut } = checkTargets(thawed(vault), selection, this.deps.clock.now(), options);
    const stores = new Map(vault.stores.map((s) => [s.id, s]));
    const items: CheckItem[] = [];
    let withoutSecret = 0;
    for (const token of tokens) {
      const store = stores.get(token.storeId);
      if (!store || !token.secret) {
        withoutSecret++;
        continue;
      }
      const secret = await this.deps.secrets.get(accountOf(token));
      if (secret === null) {
        withoutSecret++;
        continue;
      }
      items.push(this.item(catalog, thawed(store), thawed(token), secret, vault.settings));
    }
    const controller = new AbortController();
    this.runs.set(runId, controller);
    try {
      const entries = await runChecks(items, this.runnerDeps(), {
        signal: controller.signal,
        onProgress: (p) => onProgress?.({ ...p, total: p.total, runId }),
      });
      const checked = entries.flatMap((e) =>
        e.status === 'checked' ? [{ tokenId: e.tokenId, result: e.result }] : [],
      );
      const counts = emptyCounts();
      for (const { result } of checked) counts[result.outcome]++;
      const summary = `Checked ${checked.length} token${checked.length === 1 ? '' : 's'}: ${
        CHECK_OUTCOMES.filter((o) => counts[o])
          .map((o) => `${counts[o]} ${o}`)
          .join(', ') || 'none'
      }`;
      if (checked.length) await this.deps.record(checked, summary);
      return {
        runId,
        total: tokens.length,
        leftOut,
        checked: checked.length,
        withoutSecret,
        cancelled: entries.length - checked.length,
        counts,
        results: checked.map(({ tokenId, result }) => ({ tokenId, outcome: result.outcome, detail: result.detail })),
      };
    } finally {
      this.runs.delete(runId);
    }
  }

  /** Stops sending for a run; requests already in flight finish and are kept. */
  cancel(runId: string): boolean {
    const run = this.runs.get(runId);
    run?.abort();
    return Boolean(run);
  }

  /** Checks a pasted secret without saving anything. */
  async quick(input: QuickCheckInput, options: QuickCheckOptions = {}): Promise<CheckResult> {
    const catalog = await this.deps.session.catalog();
    const module = catalog.get(input.provider);
    const kind = input.kind ?? module.descriptor.credentials[0]!.kind;
    const store: StoreProfile = {
      id: 'quick-check',
      clientId: null,
      provider: input.provider,
      label: 'Quick check',
      identifiers: input.identifiers ?? {},
      environment: 'production',
      notes: '',
      createdAt: this.deps.clock.now().toISOString(),
      updatedAt: this.deps.clock.now().toISOString(),
    };
    const token = {
      id: 'quick-check',
      storeId: store.id,
      kind,
      mode: input.mode ?? null,
      settings: {},
    } as unknown as Token;
    const vault = await this.deps.session.vault();
    const item = this.item(catalog, store, token, input.secret, vault.settings);
    const others: string[] = [];
    for (const id of options.alsoRedactSecretsOf ?? []) {
      const other = vault.tokens.find((t) => t.id === id);
      // A secret the keychain cannot give is not in play here: nothing to mask.
      const secret = other?.secret ? await this.deps.secrets.get(accountOf(other)).catch(() => null) : null;
      if (secret) others.push(secret);
    }
    const publicParts = [...(item.publicParts ?? []), ...others.map((s) => publicPrefixOf(formatsOf(module, kind), s))];
    const [entry] = await runChecks([{ ...item, alsoRedact: others, publicParts }], this.runnerDeps());
    if (!entry || entry.status !== 'checked') throw new AppError('internal', 'The quick check did not run.');
    return entry.result;
  }

  private item(
    catalog: Catalog,
    store: StoreProfile,
    token: Token,
    secret: string,
    settings: Record<string, unknown>,
  ): CheckItem {
    const module = catalog.get(store.provider);
    const builtin = store.provider in BASE_URL_ENV ? (store.provider as BuiltinProvider) : undefined;
    const baseUrl = builtin ? this.baseUrl(builtin, settings) : undefined;
    const custom = module.custom
      ? {
          name: module.custom.name,
          baseUrl:
            this.deps.env[`KEYWARD_BASE_URL_CUSTOM_${module.custom.id.toUpperCase().replace(/-/g, '_')}`] ??
            module.custom.baseUrl,
          authHeaderTemplate: module.custom.authHeader,
          probePath: module.custom.probePath,
          scopes: module.custom.scopes,
          ...(module.custom.modePrefixes ? { modePrefixes: module.custom.modePrefixes } : {}),
        }
      : undefined;
    const item = buildCheckItem({
      provider: store.provider as BuiltinProvider,
      storeProfileId: store.id,
      tokenId: token.id,
      identifiers: store.identifiers,
      mode: token.mode,
      settings: token.settings,
      target: {
        secret,
        identifiers: store.identifiers,
        kind: token.kind,
        mode: token.mode,
        ...(baseUrl ? { baseUrl } : {}),
      },
      ...(custom ? { custom } : {}),
    });
    return { ...item, publicParts: [publicPrefixOf(formatsOf(module, token.kind), secret)] };
  }

  private baseUrl(provider: BuiltinProvider, settings: Record<string, unknown>): string | undefined {
    const overrides = (settings.baseUrls ?? {}) as Partial<Record<BuiltinProvider, string>>;
    try {
      return resolveBaseUrl(provider, { settings: overrides, env: this.deps.env });
    } catch (err) {
      throw new AppError(
        'invalid_input',
        `The base URL override for ${provider} is not usable: ${(err as Error).message}`,
      );
    }
  }

  private runnerDeps() {
    return {
      http: this.deps.http,
      clock: this.deps.clock,
      sleep: this.deps.sleep ?? realSleep,
      userAgent: this.deps.userAgent,
      concurrency: this.deps.concurrency ?? 8,
      timeoutMs: this.deps.timeoutMs ?? 15_000,
      maxBodyBytes: this.deps.maxBodyBytes ?? 1_000_000,
      limiter: this.limiter,
    };
  }
}
