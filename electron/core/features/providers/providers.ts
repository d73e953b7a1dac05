import {
  BUILTIN_PROVIDER_IDS,
  type CustomProviderDefinition,
  type ProviderDescriptor,
  TEMPLATE_VALUE,
  templateFields,
} from '../../../contract';
import { checkTokenWrite } from '../../rules/write-rules';
import { thawed, type Draft } from '../../vault/plain-data';
import type { VaultData } from '../../vault/vault-data';
import { AppError, notFound } from '../../errors';
import type { Catalog } from '../../providers/catalog';
import { customProviderId } from '../../providers/custom';
import type { Session } from '../../session/session';
import type { HandlersFor } from '../handler-map';

export type ProvidersFeature = ReturnType<typeof providersFeature>;

const namesByCatalog = new WeakMap<Catalog, ReadonlyMap<string, string>>();
/** Provider names by id for a catalog, made once per catalog (the inventory shows and searches them). */
export function providerNames(catalog: Catalog): ReadonlyMap<string, string> {
  let names = namesByCatalog.get(catalog);
  if (!names) namesByCatalog.set(catalog, (names = new Map(catalog.list().map((p) => [p.id, p.name]))));
  return names;
}

/** Custom (PixlPay-style) providers the user defines; built-ins cannot be replaced. */
export function providersFeature(session: Session) {
  return {
    save(definition: CustomProviderDefinition): Promise<ProviderDescriptor> {
      return session.transaction((data) => {
        const id = customProviderId(definition.id);
        if (BUILTIN_PROVIDER_IDS.some((b) => b === definition.id))
          throw new AppError('conflict', `"${definition.id}" is a built-in provider's id; pick another.`, {
            id: 'taken by a built-in provider',
          });
        const others = data.customProviders.filter((d) => d.id !== definition.id);
        const before = data.customProviders.find((d) => d.id === definition.id);
        const existed = before !== undefined;
        if (before) carryHostOver(data, id, before.baseUrl, definition.baseUrl);
        data.customProviders = [...others, { ...definition }];
        const catalog = session.catalogFor(data);
        const module = catalog.find(id);
        if (!module) throw new AppError('invalid_input', 'The provider definition could not be used.');
        if (existed) refuseBreakingEdit(data, definition, catalog);
        return {
          result: module.descriptor,
          change: {
            action: existed ? 'provider.update' : 'provider.create',
            subject: { type: 'provider', id },
            summary: `${existed ? 'Edited' : 'Added'} custom provider ${definition.name}`,
          },
        };
      });
    },

    delete(input: { id: string }): Promise<{ id: string; deleted: true }> {
      return session.transaction((data) => {
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
    },
  };
}

export function providerHandlers(
  session: Session,
  providers: ProvidersFeature,
): HandlersFor<'listProviders' | 'saveCustomProvider' | 'deleteCustomProvider'> {
  return {
    listProviders: async () => (await session.catalog()).list(),
    saveCustomProvider: ({ definition }) => providers.save(definition),
    deleteCustomProvider: providers.delete,
  };
}

/**
 * A fixed address turned into a per-store one (https://{host}/...): the stores that used the fixed address
 * keep working, so they get its host as their own where they have none.
 */
function carryHostOver(draft: Draft, providerId: string, oldBase: unknown, newBase: string): void {
  const key = /^https:\/\/\{([a-zA-Z][a-zA-Z0-9_]{0,39})\}(?:[/:]|$)/.exec(newBase)?.[1];
  if (!key || typeof oldBase !== 'string' || oldBase.includes('{')) return;
  let host: string;
  try {
    host = new URL(oldBase).host;
  } catch {
    return;
  }
  draft.stores = draft.stores.map((s) =>
    s.provider === providerId && (s.identifiers[key] === undefined || s.identifiers[key] === '')
      ? { ...s, identifiers: { ...s.identifiers, [key]: host } }
      : s,
  );
}

/**
 * An edit must keep every store and token that uses the provider valid: each store has the fields its new
 * addresses need, and each token fits the new rules (scopes, prefixes, limits). Otherwise it is refused, naming them.
 */
function refuseBreakingEdit(draft: Draft, def: CustomProviderDefinition, catalog: Catalog): void {
  const data = thawed<Pick<VaultData, 'stores' | 'tokens'>>({ stores: draft.stores, tokens: draft.tokens });
  const id = customProviderId(def.id);
  const stores = data.stores.filter((s) => s.provider === id);
  const fields: Record<string, string> = {};
  const problems: string[] = [];
  const add = (field: string, message: string) => {
    problems.push(message);
    fields[field] ??= message;
  };
  const keys = [...new Set([...templateFields(def.baseUrl), ...templateFields(def.dashboardUrl ?? '')])];
  for (const store of stores)
    for (const key of keys) {
      const value = store.identifiers[key];
      if (typeof value !== 'string' || !TEMPLATE_VALUE.test(value.trim()))
        add(
          templateFields(def.baseUrl).includes(key) ? 'definition.baseUrl' : 'definition.dashboardUrl',
          `Store "${store.label}" has no usable ${key}, which the new address needs: add it to the store first.`,
        );
    }
  const storeIds = new Set(stores.map((s) => s.id));
  for (const token of data.tokens.filter((t) => storeIds.has(t.storeId))) {
    if (token.status === 'revoked') continue;
    const unknown = def.scopes.length ? token.scopes.filter((s) => !def.scopes.includes(s)) : [];
    if (unknown.length)
      add(
        'definition.scopes',
        `Token "${token.name}" holds ${unknown.join(', ')}, which the new scope list leaves out.`,
      );
    const problem = checkTokenWrite(data, token, catalog);
    if (problem) add(`definition.${ruleField(problem.fields)}`, `Token "${token.name}": ${problem.message}`);
  }
  if (problems.length === 0) return;
  const more = problems.length > 3 ? ` And ${problems.length - 3} more.` : '';
  throw new AppError(
    'conflict',
    `This edit would leave stores or tokens that use ${def.name} invalid, so nothing was changed. ${problems.slice(0, 3).join(' ')}${more}`,
    fields,
  );
}

/** The definition field behind a token rule's field, so the form shows the message where the cause is. */
function ruleField(fields: Record<string, string>): string {
  const key = Object.keys(fields)[0] ?? '';
  return (
    { mode: 'modePrefixes', status: 'slotLimits', rateLimit: 'rateLimit', scopes: 'minScopes', expiresAt: 'expiry' }[
      key
    ] ?? 'tokenPattern'
  );
}
