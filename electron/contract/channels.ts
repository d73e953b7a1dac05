import { z } from 'zod';
import {
  AuditEntry,
  CheckOutcome,
  CheckResult,
  Client,
  Environment,
  StoreProfile,
  Token,
  TokenKind,
  TokenMode,
  TokenStatus,
} from './model';
import { AppErrorShape } from './result';
import {
  MAX_NAMES,
  READ_TOPICS,
  VAULT_TOPICS,
  WRITE_THEN_READ_MAX,
  type ReadChannelName,
  type WriteChannelName,
} from './topics';
import { DateInput, FieldValues, Id, Label, Notes, ProviderId, SecretValue } from './primitives';
import { ExpiryNotificationSettings, ExpiryOverview, ExpirySettingsView } from './expiry';
import { Finding, FindingSettings, FindingSeverity } from './findings';
import { INVENTORY_MAX_IDS, InventoryPage, InventoryQuery } from './inventory';
import { Recognition } from './recognition';
import { BackupSummary, ImportPreview, ImportResult, RestoreResult, SavedFile } from './transfer';
import { CustomProviderDefinition, ProviderDescriptor } from './providers';
import { ClientView, Dashboard, Names, Navigation, StoreView, TokenView, VaultStatus } from './views';

const NoInput = z.object({}).strict();
/** An inner call's Result: its value was already parsed by its own channel's output schema. */
const AnyResult = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: AppErrorShape }),
]);

/** App preferences kept in vault.settings.ui. */
export const UiSettings = z.object({
  /** Seconds before main clears a copied secret from the clipboard (0 = never). */
  clipboardClearSeconds: z.number().int().min(0).max(3600),
});
export type UiSettings = z.infer<typeof UiSettings>;
const OutcomeCounts = z.record(CheckOutcome, z.number().int().nonnegative());

/** A bulk check's end: counts per outcome and one line per checked token (no secrets, no bodies). */
export const CheckRunSummary = z.object({
  runId: Id,
  total: z.number().int().nonnegative(),
  checked: z.number().int().nonnegative(),
  withoutSecret: z.number().int().nonnegative(),
  cancelled: z.number().int().nonnegative(),
  counts: OutcomeCounts,
  results: z.array(z.object({ tokenId: Id, outcome: CheckOutcome, detail: z.string().max(500) })).max(50_000),
});
export type CheckRunSummary = z.infer<typeof CheckRunSummary>;
const ById = z.object({ id: Id }).strict();
const Deleted = z.object({ id: Id, deleted: z.literal(true) });

const CreateStoreInput = z
  .object({
    provider: ProviderId,
    label: Label,
    clientId: Id.nullable().optional(),
    identifiers: FieldValues.optional(),
    environment: Environment.optional(),
    notes: Notes.optional(),
  })
  .strict();

const CreateTokenInput = z
  .object({
    storeId: Id,
    name: Label,
    kind: TokenKind.optional(),
    mode: TokenMode.nullable().optional(),
    scopes: z.array(z.string().trim().min(1).max(80)).max(128).optional(),
    settings: FieldValues.optional(),
    createdAt: DateInput.nullable().optional(),
    expiresAt: DateInput.nullable().optional(),
    notes: Notes.optional(),
    /** Sent once, when the user pastes it; stored in the OS keychain, never returned. */
    secret: SecretValue.optional(),
  })
  .strict();

export const VaultTopic = z.enum(VAULT_TOPICS);
export type VaultTopic = z.infer<typeof VaultTopic>;

/**
 * How a channel acts. `read` answers a query and changes nothing (the window caches it and asks again when a
 * topic it depends on changes); `write` changes the vault; `act` does something outside it (a file, the
 * clipboard, a check that saves nothing). Status-only mode refuses every write and act unless it is `allowed`.
 */
type ChannelSpec =
  | { access: 'read'; topics: readonly VaultTopic[]; input: z.ZodType; output: z.ZodType }
  | { access: 'write' | 'act'; statusOnly?: 'allowed'; input: z.ZodType; output: z.ZodType };

/**
 * The one IPC contract. Every renderer -> main call is a channel here; main registers a handler for each
 * (a missing one does not compile), parses `input` and re-parses `output` so no stray field can leave main.
 */
export const channels = {
  getAppInfo: {
    access: 'read',
    topics: READ_TOPICS.getAppInfo,
    input: NoInput,
    output: z.object({
      version: z.string().max(40),
      dataDir: z.string().max(4096),
      host: z.enum(['electron', 'test-host']),
    }),
  },
  /** The keychain's state and what the user must be told (the top bar). */
  getVaultStatus: { access: 'read', topics: READ_TOPICS.getVaultStatus, input: NoInput, output: VaultStatus },
  /** Clients and stores with token counts: the sidebar's tree and the client menus. */
  getNavigation: {
    access: 'read',
    topics: READ_TOPICS.getNavigation,
    input: NoInput,
    output: Navigation,
  },
  /** One token, its store, client and provider names, and its check history newest first. */
  getToken: {
    access: 'read',
    topics: READ_TOPICS.getToken,
    input: ById,
    output: TokenView,
  },
  /** One store, its client and its tokens. */
  getStore: { access: 'read', topics: READ_TOPICS.getStore, input: ById, output: StoreView },
  /** One client and its stores with token counts. */
  getClient: {
    access: 'read',
    topics: READ_TOPICS.getClient,
    input: ById,
    output: ClientView,
  },
  /** Names for ids that arrive alone (expiry lists, audit entries, findings); unknown ids are left out. */
  getNames: {
    access: 'read',
    topics: READ_TOPICS.getNames,
    input: z
      .object({
        tokenIds: z.array(Id).max(MAX_NAMES).optional(),
        storeIds: z.array(Id).max(MAX_NAMES).optional(),
        clientIds: z.array(Id).max(MAX_NAMES).optional(),
      })
      .strict(),
    output: Names,
  },
  /** The dashboard's counts by status, provider and last check, and the next expiries. */
  getDashboard: {
    access: 'read',
    topics: READ_TOPICS.getDashboard,
    input: NoInput,
    output: Dashboard,
  },
  /** Bulk "Deactivate selected": active tokens become inactive in one change; the others are named as skipped. */
  deactivateTokens: {
    access: 'write',
    input: z.object({ ids: z.array(Id).min(1).max(INVENTORY_MAX_IDS) }).strict(),
    output: z.object({
      deactivated: z.number().int().nonnegative(),
      skipped: z.array(z.object({ id: Id, reason: z.string().max(120) })).max(INVENTORY_MAX_IDS),
    }),
  },
  /** One page of the inventory table, filtered and sorted in main. */
  queryInventory: { access: 'read', topics: READ_TOPICS.queryInventory, input: InventoryQuery, output: InventoryPage },
  listProviders: {
    access: 'read',
    topics: READ_TOPICS.listProviders,
    input: NoInput,
    output: z.array(ProviderDescriptor).max(200),
  },

  createClient: { access: 'write', input: z.object({ name: Label, notes: Notes.optional() }).strict(), output: Client },
  updateClient: {
    access: 'write',
    input: z.object({ id: Id, name: Label.optional(), notes: Notes.optional() }).strict(),
    output: Client,
  },
  deleteClient: { access: 'write', input: ById, output: Deleted },

  createStore: { access: 'write', input: CreateStoreInput, output: StoreProfile },
  updateStore: {
    access: 'write',
    input: z
      .object({
        id: Id,
        label: Label.optional(),
        clientId: Id.nullable().optional(),
        identifiers: FieldValues.optional(),
        environment: Environment.optional(),
        notes: Notes.optional(),
      })
      .strict(),
    output: StoreProfile,
  },
  /** Deletes the store, its tokens and their keychain entries. */
  deleteStore: { access: 'write', input: ById, output: Deleted },

  createToken: { access: 'write', input: CreateTokenInput, output: Token },
  updateToken: {
    access: 'write',
    input: z
      .object({
        id: Id,
        name: Label.optional(),
        mode: TokenMode.nullable().optional(),
        scopes: z.array(z.string().trim().min(1).max(80)).max(128).optional(),
        settings: FieldValues.optional(),
        status: TokenStatus.optional(),
        createdAt: DateInput.nullable().optional(),
        expiresAt: DateInput.nullable().optional(),
        notes: Notes.optional(),
      })
      .strict(),
    output: Token,
  },
  setTokenSecret: { access: 'write', input: z.object({ id: Id, secret: SecretValue }).strict(), output: Token },
  /** A token plus, when missing, its client (by name) and store (by provider + label), as one change. */
  addToken: {
    access: 'write',
    input: z
      .object({
        client: Label.nullable().optional(),
        store: CreateStoreInput.omit({ clientId: true }),
        token: CreateTokenInput.omit({ storeId: true }),
      })
      .strict(),
    output: Token,
  },
  /** Deletes the token's metadata and its keychain entry. */
  deleteToken: { access: 'write', input: ById, output: Deleted },

  /** Offline: what a pasted secret looks like (provider, kind, mode, expiry, scopes). Nothing is saved. */
  recognizeSecret: {
    access: 'act',
    statusOnly: 'allowed',
    input: z.object({ secret: SecretValue }).strict(),
    output: z.array(Recognition).max(40),
  },
  /** Everything that needs attention, computed from metadata (and keychain entry names when available). */
  getFindings: {
    access: 'read',
    topics: READ_TOPICS.getFindings,
    /**
     * rescanKeychain: read the keychain's entries now instead of the listing kept for up to 30 s. storeIds and
     * tokenId: only the findings about those stores (their tokens' included) or that token, for a store, client
     * or token view; severities and limit: the first findings of those severities (the dashboard's few). At
     * 10,000 tokens the whole list is megabytes.
     */
    input: z
      .object({
        rescanKeychain: z.boolean().optional(),
        storeIds: z.array(Id).min(1).max(5_000).optional(),
        tokenId: Id.optional(),
        severities: z.array(FindingSeverity).min(1).max(3).optional(),
        limit: z.number().int().min(1).max(1_000).optional(),
      })
      .strict(),
    output: z.array(Finding).max(100_000),
  },
  /** How many findings of each severity: the nav's badges, without sending the findings themselves. */
  getFindingCounts: {
    access: 'read',
    topics: READ_TOPICS.getFindingCounts,
    input: z.object({}).strict(),
    output: z
      .object({
        critical: z.number().int().nonnegative(),
        warning: z.number().int().nonnegative(),
        info: z.number().int().nonnegative(),
      })
      .strict(),
  },
  saveCustomProvider: {
    access: 'write',
    input: z.object({ definition: CustomProviderDefinition }).strict(),
    output: ProviderDescriptor,
  },
  /** Refused while a store still uses the provider. */
  deleteCustomProvider: {
    access: 'write',
    input: z.object({ id: z.string().regex(/^custom:[a-z0-9][a-z0-9-]{0,39}$/) }).strict(),
    output: z.object({ id: z.string(), deleted: z.literal(true) }),
  },

  /**
   * Checks the selected tokens against their providers (one read-only GET each, within published rate
   * limits). Answers when the run ends; `checkProgress` events stream meanwhile; `cancelCheck` stops it.
   */
  checkTokens: {
    access: 'write',
    statusOnly: 'allowed',
    input: z
      .object({
        runId: Id,
        selection: z.union([
          z.object({ tokenIds: z.array(Id).min(1).max(50_000) }).strict(),
          z.object({ clientId: Id }).strict(),
          z.object({ storeId: Id }).strict(),
          z.object({ all: z.literal(true) }).strict(),
        ]),
      })
      .strict(),
    output: CheckRunSummary,
  },
  cancelCheck: {
    access: 'act',
    statusOnly: 'allowed',
    input: z.object({ runId: Id }).strict(),
    output: z.object({ cancelled: z.boolean() }),
  },
  /** Checks a pasted secret without saving anything (support staff's quick check). */
  quickCheck: {
    access: 'act',
    statusOnly: 'allowed',
    input: z
      .object({
        provider: ProviderId,
        kind: TokenKind.optional(),
        mode: TokenMode.nullable().optional(),
        identifiers: FieldValues.optional(),
        secret: SecretValue,
      })
      .strict(),
    output: CheckResult,
  },

  /** The "Needs attention" panel and the expiry timeline (next weeks, by severity). */
  expiryOverview: {
    access: 'read',
    topics: READ_TOPICS.expiryOverview,
    input: z.object({ weeks: z.number().int().min(1).max(26).optional() }).strict(),
    output: ExpiryOverview,
  },
  /** How many tokens need attention (the nav's badge): a few bytes, where the overview lists every item. */
  expiryAttentionCount: {
    access: 'read',
    topics: READ_TOPICS.expiryAttentionCount,
    input: NoInput,
    output: z.object({ count: z.number().int().nonnegative(), quieted: z.number().int().nonnegative() }),
  },
  snoozeExpiryWarning: {
    access: 'write',
    statusOnly: 'allowed',
    input: z.object({ tokenId: Id, length: z.enum(['1d', '1w']) }).strict(),
    output: z.object({ tokenId: Id, snoozed: z.boolean() }),
  },
  /** Quiet a token's warning until its next threshold. */
  acknowledgeExpiryWarning: {
    access: 'write',
    statusOnly: 'allowed',
    input: z.object({ tokenId: Id }).strict(),
    output: z.object({ tokenId: Id, acknowledged: z.boolean() }),
  },
  /** An ICS calendar with one event per expiring token and alarms at the lead times; no secret in it. */
  exportExpiryCalendar: {
    access: 'act',
    statusOnly: 'allowed',
    input: NoInput,
    output: z.object({ filename: z.string().max(80), content: z.string().max(5_000_000) }),
  },
  /** The same calendar, saved by main where the save dialog says (never in the data folder, never through a link). */
  saveExpiryCalendar: { access: 'act', statusOnly: 'allowed', input: NoInput, output: SavedFile },
  getExpirySettings: {
    access: 'read',
    topics: READ_TOPICS.getExpirySettings,
    input: NoInput,
    output: ExpirySettingsView,
  },
  updateExpirySettings: {
    access: 'write',
    input: z
      .object({
        findings: FindingSettings.optional(),
        notifications: ExpiryNotificationSettings.partial().strict().optional(),
      })
      .strict(),
    output: ExpirySettingsView,
  },

  getAuditLog: {
    access: 'read',
    topics: READ_TOPICS.getAuditLog,
    input: z
      .object({
        limit: z.number().int().min(1).max(1000).optional(),
        /** Only entries about this client, store or token id. */
        subjectId: z.string().max(64).optional(),
        /** Only entries whose action starts with this, e.g. "token." or "token.check". */
        actionPrefix: z.string().max(60).optional(),
      })
      .strict(),
    output: z.array(AuditEntry).max(1000),
  },

  /**
   * Main reads the secret from the keychain and writes it to the OS clipboard, then clears the clipboard
   * after the configured delay if it still holds that value. The renderer never receives the value.
   */
  copySecret: {
    access: 'act',
    input: z.object({ tokenId: Id }).strict(),
    output: z.object({ tokenId: Id, clearsInSeconds: z.number().int().min(0).max(3600) }),
  },
  /**
   * Guided rotation: stores the new secret as a new token in the same store, checks it at the provider,
   * and only when it is not refused (401) marks the old token rotated (lineage kept both ways). The old
   * token stays "rotated" until a check confirms it is dead at the provider.
   */
  rotateToken: {
    access: 'write',
    input: z
      .object({
        tokenId: Id,
        secret: SecretValue,
        name: Label.optional(),
        expiresAt: DateInput.nullable().optional(),
        /** Skip the provider check (offline); the old token is still marked rotated. */
        skipCheck: z.boolean().optional(),
      })
      .strict(),
    output: z.object({ oldToken: Token, newToken: Token, check: CheckResult.nullable() }),
  },
  /** Status-only mode for support staff: hides and refuses copy, rotate, edit and delete. */
  getSupportMode: {
    access: 'read',
    topics: READ_TOPICS.getSupportMode,
    input: NoInput,
    output: z.object({ enabled: z.boolean() }),
  },
  /** Turning it on sets a passphrase (12+ characters); turning it off needs the same passphrase. */
  setSupportMode: {
    access: 'write',
    statusOnly: 'allowed',
    input: z
      .object({ enabled: z.boolean(), passphrase: z.string().min(12, 'at least 12 characters').max(1024) })
      .strict(),
    output: z.object({ enabled: z.boolean() }),
  },
  /** Main opens the file dialog, reads the file and keeps the plan (it holds secrets); the preview is masked. */
  importPreview: {
    access: 'act',
    statusOnly: 'allowed',
    input: z.object({ format: z.enum(['csv', 'json']) }).strict(),
    output: z.union([
      z.object({ cancelled: z.literal(true) }),
      z.object({ cancelled: z.literal(false), planId: Id, fileName: z.string().max(300), preview: ImportPreview }),
    ]),
  },
  /** Applies a previewed import in one change; allOrNothing refuses the file if any row is invalid. */
  importApply: {
    access: 'write',
    input: z.object({ planId: Id, allOrNothing: z.boolean() }).strict(),
    output: ImportResult,
  },
  /** Metadata and last checks as CSV or JSON (no secrets), for everything or one client (null: stores without one). */
  exportInventory: {
    access: 'act',
    statusOnly: 'allowed',
    input: z.object({ format: z.enum(['csv', 'json']), clientId: Id.nullable().optional() }).strict(),
    output: SavedFile,
  },
  /** A printable HTML status report for one client (null: stores without a client); no secrets. */
  clientReport: {
    access: 'act',
    statusOnly: 'allowed',
    input: z.object({ clientId: Id.nullable() }).strict(),
    output: SavedFile,
  },
  /** One file with metadata and secrets, encrypted with the passphrase (scrypt + AES-256-GCM). */
  backupCreate: {
    access: 'act',
    input: z.object({ passphrase: z.string().min(1).max(1024) }).strict(),
    output: SavedFile.extend({ summary: BackupSummary.nullable() }),
  },
  backupRestore: {
    access: 'write',
    input: z.object({ passphrase: z.string().min(1).max(1024), mode: z.enum(['merge', 'replace']) }).strict(),
    output: z.union([z.object({ cancelled: z.literal(true) }), RestoreResult.extend({ cancelled: z.literal(false) })]),
  },
  /**
   * A read asked again after a change: its answer only when it differs from the one the window holds (named by
   * answerHash of its JSON); the inner call goes through dispatch like any other.
   */
  readIfChanged: {
    access: 'read',
    topics: READ_TOPICS.readIfChanged,
    input: z
      .object({ channel: z.string().max(60), input: z.unknown(), hash: z.string().regex(/^[0-9a-f]{28}$/) })
      .strict(),
    output: z.union([
      z.object({ changed: z.literal(false) }).strict(),
      z.object({ changed: z.literal(true), result: AnyResult }).strict(),
    ]),
  },
  /**
   * One write and, in the same reply, the reads on screen that it may change: one round trip per edit. Each inner
   * call goes through dispatch like any other (its own input schema, its own status-only guard, its own output
   * schema); `write` must name a write channel and `reads` read channels. `revision` is the vault's after the write.
   */
  writeThenRead: {
    access: 'write',
    statusOnly: 'allowed',
    input: z
      .object({
        channel: z.string().max(60),
        input: z.unknown(),
        reads: z.array(z.object({ channel: z.string().max(60), input: z.unknown() }).strict()).max(WRITE_THEN_READ_MAX),
      })
      .strict(),
    output: z.object({
      write: AnyResult,
      revision: z.number().int().nonnegative(),
      reads: z.array(AnyResult).max(WRITE_THEN_READ_MAX),
    }),
  },
  getUiSettings: { access: 'read', topics: READ_TOPICS.getUiSettings, input: NoInput, output: UiSettings },
  updateUiSettings: { access: 'write', input: UiSettings.partial().strict(), output: UiSettings },
} as const satisfies Record<string, ChannelSpec>;

// Every read channel takes its topics from READ_TOPICS, and READ_TOPICS names only read channels.
type ReadNames = {
  [K in keyof typeof channels]: (typeof channels)[K]['access'] extends 'read' ? K : never;
}[keyof typeof channels];
const _sameReads: [ReadNames, ReadChannelName] extends [ReadChannelName, ReadNames] ? true : never = true;
void _sameReads;
// Every write channel declares the topics it may change in WRITE_TOPICS, and WRITE_TOPICS names only writes.
type WriteNames = {
  [K in keyof typeof channels]: (typeof channels)[K]['access'] extends 'write' ? K : never;
}[keyof typeof channels];
const _sameWrites: [WriteNames, WriteChannelName] extends [WriteChannelName, WriteNames] ? true : never = true;
void _sameWrites;

/** main -> renderer events. */
export const events = {
  /** The vault changed (here or in another process): its revision and what the change touched. */
  vaultChanged: z.object({
    revision: z.number().int().nonnegative(),
    topics: z.array(VaultTopic).max(VAULT_TOPICS.length),
  }),
  /** A notification was clicked: show these tokens. */
  openToken: z.union([z.object({ tokenId: Id }), z.object({ tokenIds: z.array(Id).max(50_000) })]),
  /** The tray's "Check all". */
  checkAllRequested: z.object({}),
  checkProgress: z.object({
    runId: Id,
    done: z.number().int().nonnegative(),
    total: z.number().int().nonnegative(),
    counts: OutcomeCounts,
    last: z.object({ tokenId: z.string().max(64), outcome: CheckOutcome }),
  }),
} as const;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type ChannelInput<K extends ChannelName> = z.input<Channels[K]['input']>;
export type ParsedInput<K extends ChannelName> = z.output<Channels[K]['input']>;
export type ChannelOutput<K extends ChannelName> = z.output<Channels[K]['output']>;
export type EventName = keyof typeof events;
export type EventPayload<K extends EventName> = z.output<(typeof events)[K]>;

export const channelNames = Object.keys(channels) as ChannelName[];
/** Whether status-only mode lets this channel run: reads always, writes and acts only when declared allowed. */
export const allowedInStatusOnly = (name: ChannelName): boolean => {
  const spec: ChannelSpec = channels[name];
  return spec.access === 'read' || spec.statusOnly === 'allowed';
};
export const isChannelName = (name: string): name is ChannelName => Object.hasOwn(channels, name);
/** The Electron IPC channel string for a contract channel. */
export const ipcChannel = (name: ChannelName | EventName): string => `keyward:${name}`;
