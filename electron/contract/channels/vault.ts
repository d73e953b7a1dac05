// The vault as a whole: app facts, the vault state and store tree of the navigation, the dashboard, the audit log, and the calls that batch others.
import { z } from 'zod';
import { AuditEntry } from '../model';
import { Id } from '../primitives';
import { MAX_NAMES, READ_TOPICS, WRITE_THEN_READ_MAX } from '../topics';
import { Dashboard, Names, Navigation, VaultStatus } from '../views';
import { AnyResult, type ChannelSpec, NoInput } from './shared';

export const vaultChannels = {
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
  /** The keychain's state and what the user must be told (the notices and the navigation's foot). */
  getVaultStatus: { access: 'read', topics: READ_TOPICS.getVaultStatus, input: NoInput, output: VaultStatus },
  /** Clients and stores with token counts: the sidebar's tree and the client menus. */
  getNavigation: {
    access: 'read',
    topics: READ_TOPICS.getNavigation,
    input: NoInput,
    output: Navigation,
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
} as const satisfies Record<string, ChannelSpec>;
