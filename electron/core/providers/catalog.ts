import { CustomProviderDefinition, type ProviderDescriptor } from '../../contract';
import { AppError } from '../errors';
import { customProviderModule } from './custom';
import { printago } from './printago';
import { printify } from './printify';
import type { ProviderModule } from './provider-module';
import { pixlpay } from './pixlpay';
import { shippo } from './shippo';
import { thinkific } from './thinkific';

export const BUILTIN_PROVIDERS: readonly ProviderModule[] = [printify, shippo, printago, thinkific, pixlpay];

/** A custom provider definition from the vault that did not parse; reported as a finding, never fatal. */
export interface RejectedDefinition {
  index: number;
  /** The id it claims, when it has a readable one. */
  id: string | null;
  problem: string;
}

export interface Catalog {
  list(): ProviderDescriptor[];
  get(id: string): ProviderModule;
  find(id: string): ProviderModule | undefined;
  modules(): readonly ProviderModule[];
  rejected(): readonly RejectedDefinition[];
}

/** Built-in modules plus the user's custom definitions (raw vault data: each is parsed, bad ones are skipped). */
export function createCatalog(
  builtins: readonly ProviderModule[] = BUILTIN_PROVIDERS,
  customDefs: readonly unknown[] = [],
): Catalog {
  const modules = [...builtins];
  const rejected: RejectedDefinition[] = [];
  customDefs.forEach((raw, index) => {
    const claimed =
      typeof raw === 'object' && raw !== null && typeof (raw as { id?: unknown }).id === 'string'
        ? String((raw as { id: string }).id).slice(0, 40)
        : null;
    const parsed = CustomProviderDefinition.safeParse(raw);
    if (!parsed.success) {
      rejected.push({
        index,
        id: claimed,
        problem: parsed.error.issues
          .map((i) => `${i.path.join('.') || 'definition'}: ${i.message}`)
          .join('; ')
          .slice(0, 400),
      });
      return;
    }
    const module = customProviderModule(parsed.data);
    if (modules.some((m) => m.descriptor.id === module.descriptor.id)) {
      rejected.push({ index, id: claimed, problem: `another provider already uses the id ${module.descriptor.id}` });
      return;
    }
    modules.push(module);
  });
  const byId = new Map(modules.map((m) => [m.descriptor.id, m]));
  return {
    list: () => modules.map((m) => m.descriptor),
    find: (id) => byId.get(id),
    get(id) {
      const found = byId.get(id);
      if (!found) throw new AppError('invalid_input', `Unknown provider "${id}".`, { provider: 'unknown provider' });
      return found;
    },
    modules: () => modules,
    rejected: () => rejected,
  };
}
