import { FileAuditLog } from '../core/audit/file-audit-log';
import { InventoryService } from '../core/inventory/inventory-service';
import type { Clock, Logger, SecretStore } from '../core/ports';
import { FileVaultRepository } from '../core/vault/file-vault-repository';
import { createDispatch, type Dispatch } from './dispatch';
import { createHandlers } from './handlers';

export interface ComposeOptions {
  dataDir: string;
  secrets: SecretStore;
  clock: Clock;
  logger: Logger;
  actor: string;
  version: string;
  host: 'electron' | 'test-host';
}

/** Builds adapters -> services -> handlers -> dispatch. Electron-free, so the test host runs the same graph. */
export function compose(options: ComposeOptions): { dispatch: Dispatch; inventory: InventoryService } {
  const inventory = new InventoryService({
    repo: new FileVaultRepository(options.dataDir, options.clock, options.logger),
    secrets: options.secrets,
    audit: new FileAuditLog(options.dataDir),
    clock: options.clock,
    logger: options.logger,
    actor: options.actor,
  });
  const handlers = createHandlers({ inventory, clock: options.clock, appInfo: { version: options.version, dataDir: options.dataDir, host: options.host } });
  return { dispatch: createDispatch(handlers, options.logger), inventory };
}
