import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openFeatures } from '../../electron/core/features';
import { VaultStatus } from '../../electron/core/session/vault-status';
import { Session, type SessionDeps } from '../../electron/core/session/session';
import type { Clock, FileDialogs, HttpClient, Logger } from '../../electron/core/ports';
import { TransferService } from '../../electron/core/features/transfer/transfer-service';
import { StatusCheckService } from '../../electron/core/features/checks/status-check-service';
import { MemoryClipboard, SecretCopier } from '../../electron/core/secrets/copy-secret';
import { ExpiryScheduler, inventorySource, systemTimers } from '../../electron/core/features/expiry';
import { createUndiciHttpClient } from '../../electron/main/adapters/undici-http-client';
import { createDispatch, type Dispatch } from '../../electron/main/dispatch';
import { createHandlers } from '../../electron/main/handlers';
import { recordFindings } from '../../electron/core/features/findings/scoped-findings';
import { StoredInventory } from '../../electron/core/features/findings/stored-inventory';
import { silentLogger } from '../../electron/core/ports';
import { MemorySecretStore } from '../../electron/core/secrets/memory-secret-store';
import { openTestVault } from './vault';
import { thawed } from '../../electron/core/vault/plain-data';
import type { VaultData } from '../../electron/core/vault/vault-data';

export class FakeClock implements Clock {
  constructor(private current = new Date('2026-11-22T09:00:00.000Z')) {}
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export async function tempDir(prefix = 'keyward-test-'): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** A real SQLite vault in a temp folder with an in-memory keychain. */
export async function inventoryFixture(logger: Logger = silentLogger) {
  const { dir, cleanup: removeDir } = await tempDir();
  const clock = new FakeClock();
  const secrets = new MemorySecretStore();
  const { database, repo, audit, warnings } = openTestVault(dir, clock, logger);
  const session = new Session({
    repo,
    secrets,
    audit,
    clock,
    logger,
    actor: 'test',
    // As compose() wires it: the findings stored per token are kept in each save's transaction.
    derive: ({ base, draft, catalog, now }) => recordFindings(repo, thawed(base), thawed(draft), catalog, now),
  });
  // The top bar's keychain state and notices; it listens to the session from the start, as in compose().
  const status = new VaultStatus(session, secrets);
  const features = openFeatures(session);
  const cleanup = async () => {
    database.close();
    await removeDir();
  };
  // The current vault typed as plain data, for assertions and the plain-data functions tests call.
  const vault = async (): Promise<VaultData> => thawed(await session.vault());
  return { dir, cleanup, clock, secrets, audit, repo, database, warnings, session, status, features, vault };
}

/** The inventory fixture behind the real handlers and dispatch; events the handlers emit are recorded. */
export async function dispatchFixture(
  options: { env?: Record<string, string | undefined>; http?: HttpClient; logger?: Logger } = {},
) {
  const logger = options.logger ?? silentLogger;
  const fx = await inventoryFixture(logger);
  const http = options.http ?? createUndiciHttpClient();
  const checks = new StatusCheckService({
    session: fx.session,
    record: (results, summary) => fx.features.checks.record(results, summary),
    secrets: fx.secrets,
    http,
    clock: fx.clock,
    logger,
    userAgent: 'Keyward/test',
    env: options.env ?? {},
  });
  const events: { event: string; payload: unknown }[] = [];
  // As compose() wires it: each commit is announced with what it touched.
  fx.session.onCommit(({ revision, topics }) => events.push({ event: 'vaultChanged', payload: { revision, topics } }));
  const clipboard = new MemoryClipboard();
  // Tests answer the next open/save dialog by pushing a path (or null for "cancelled").
  const dialogAnswers: { open: (string | null)[]; save: (string | null)[] } = { open: [], save: [] };
  const dialogs: FileDialogs = {
    open: async () => dialogAnswers.open.shift() ?? null,
    save: async () => dialogAnswers.save.shift() ?? null,
  };
  const scheduler = new ExpiryScheduler({
    clock: fx.clock,
    timers: systemTimers,
    source: inventorySource(fx.session),
    state: fx.warnings,
    notifier: { notify: () => {} },
  });
  const stored = new StoredInventory({
    database: fx.database,
    source: {
      vault: fx.vault,
      catalog: () => fx.session.catalog(),
      secretAccounts: () => fx.features.secrets.accounts(),
    },
    clock: fx.clock,
    changed: (revision, topics) => events.push({ event: 'vaultChanged', payload: { revision, topics } }),
  });
  let dispatch: Dispatch = () => Promise.reject(new Error('dispatch is not ready'));
  const handlers = createHandlers({
    session: fx.session,
    features: fx.features,
    status: fx.status,
    database: fx.database,
    dispatch: (channel, raw) => dispatch(channel, raw),
    stored,
    checks,
    scheduler,
    copier: new SecretCopier(fx.secrets, clipboard),
    transfer: new TransferService({
      session: fx.session,
      apply: fx.features.transfer,
      secrets: fx.secrets,
      audit: fx.audit,
      clock: fx.clock,
      dialogs,
      dataDir: fx.dir,
    }),
    emit: (event, payload) => events.push({ event, payload }),
    appInfo: { version: '0.0.0', dataDir: fx.dir, host: 'test-host' },
  });
  dispatch = createDispatch(handlers, logger);
  return { ...fx, checks, events, clipboard, dialogAnswers, dispatch };
}

/** Calls a channel and returns its value, or fails the test with the error's code and message. */
export async function valueOf<T>(
  dispatch: (
    channel: string,
    raw: unknown,
  ) => Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }>,
  channel: string,
  input: unknown,
): Promise<T> {
  const result = await dispatch(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error?.code} ${result.error?.message}`);
  return result.value as T;
}

/** A session over `deps` with the top bar's status and every feature's commands, as compose() wires them. */
export function openCore(deps: SessionDeps) {
  const session = new Session(deps);
  const status = new VaultStatus(session, deps.secrets);
  const vault = async (): Promise<VaultData> => thawed(await session.vault());
  return { session, status, features: openFeatures(session), vault };
}
