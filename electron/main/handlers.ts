import type { Catalog } from '../core/providers/catalog';
import type { InventoryService } from '../core/inventory/inventory-service';
import type { Handlers } from './dispatch';

export interface HandlerContext {
  inventory: InventoryService;
  catalog: Catalog;
  appInfo: { version: string; dataDir: string; host: 'electron' | 'test-host' };
}

export function createHandlers({ inventory, catalog, appInfo }: HandlerContext): Handlers {
  return {
    getAppInfo: async () => appInfo,
    getVault: () => inventory.snapshot(),
    listProviders: async () => catalog.list(),
    createClient: (input) => inventory.createClient(input),
    updateClient: (input) => inventory.updateClient(input),
    deleteClient: (input) => inventory.deleteClient(input),
    createStore: (input) => inventory.createStore(input),
    updateStore: (input) => inventory.updateStore(input),
    deleteStore: (input) => inventory.deleteStore(input),
    createToken: (input) => inventory.createToken(input),
    updateToken: (input) => inventory.updateToken(input),
    setTokenSecret: (input) => inventory.setTokenSecret(input),
    deleteToken: (input) => inventory.deleteToken(input),
    getAuditLog: (input) => inventory.auditLog(input.limit ?? 200),
  };
}
