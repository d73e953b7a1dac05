import type { ProviderDescriptor } from '../../contract';
import { AppError } from '../errors';
import { printago } from './printago';
import { printify } from './printify';
import type { ProviderModule } from './provider-module';
import { pixlpay } from './pixlpay';
import { shippo } from './shippo';
import { thinkific } from './thinkific';

export const BUILTIN_PROVIDERS: readonly ProviderModule[] = [printify, shippo, printago, thinkific, pixlpay];

export interface Catalog {
  list(): ProviderDescriptor[];
  get(id: string): ProviderModule;
}

export function createCatalog(modules: readonly ProviderModule[] = BUILTIN_PROVIDERS): Catalog {
  const byId = new Map(modules.map((m) => [m.descriptor.id, m]));
  return {
    list: () => modules.map((m) => m.descriptor),
    get(id) {
      const found = byId.get(id);
      if (!found) throw new AppError('invalid_input', `Unknown provider "${id}".`, { provider: 'unknown provider' });
      return found;
    },
  };
}
