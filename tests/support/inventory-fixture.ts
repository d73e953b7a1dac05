import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InventoryService } from '../../electron/core/inventory/inventory-service';
import type { Clock, FileDialogs, HttpClient, Logger } from '../../electron/core/ports';
import { TransferService } from '../../electron/core/transfer/transfer-service';
import { StatusCheckService } from '../../electron/core/status/status-check-service';
import { MemoryClipboard, SecretCopier } from '../../electron/core/secrets/copy-secret';
import { ExpiryScheduler, inventorySource, systemTimers } from '../../electron/core/expiry';
import { createUndiciHttpClient } from '../../electron/main/adapters/undici-http-client';
import { createDispatch, type Dispatch } from '../../electron/main/dispatch';
import { createHandlers } from '../../electron/main/handlers';
import { silentLogger } from '../../electron/core/ports';
import { MemorySecretStore } from '../../electron/core/secrets/memory-secret-store';
import { openTestVault } from './vault';

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
  const inventory = new InventoryService({ repo, secrets, audit, clock, logger, actor: 'test' });
  const cleanup = async () => {
    database.close();
    await removeDir();
  };
  return { dir, cleanup, clock, secrets, audit, repo, database, warnings, inventory };
}

/** The inventory fixture behind the real handlers and dispatch; events the handlers emit are recorded. */
export async function dispatchFixture(
  options: { env?: Record<string, string | undefined>; http?: HttpClient; logger?: Logger } = {},
) {
  const logger = options.logger ?? silentLogger;
  const fx = await inventoryFixture(logger);
  const http = options.http ?? createUndiciHttpClient();
  const checks = new StatusCheckService({
    inventory: fx.inventory,
    secrets: fx.secrets,
    http,
    clock: fx.clock,
    logger,
    userAgent: 'Keyward/test',
    env: options.env ?? {},
  });
  const events: { event: string; payload: unknown }[] = [];
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
    source: inventorySource(fx.inventory),
    state: fx.warnings,
    notifier: { notify: () => {} },
  });
  let dispatch: Dispatch = () => Promise.reject(new Error('dispatch is not ready'));
  const handlers = createHandlers({
    inventory: fx.inventory,
    database: fx.database,
    dispatch: (channel, raw) => dispatch(channel, raw),
    clock: fx.clock,
    checks,
    scheduler,
    copier: new SecretCopier(fx.secrets, clipboard),
    transfer: new TransferService({
      inventory: fx.inventory,
      secrets: fx.secrets,
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
