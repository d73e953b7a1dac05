import { BUILTIN_PROVIDER_IDS, type CustomProviderDefinition, type ProviderDescriptor } from '../../../contract';
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
        const existed = others.length !== data.customProviders.length;
        data.customProviders = [...others, { ...definition }];
        const module = session.catalogFor(data).find(id);
        if (!module) throw new AppError('invalid_input', 'The provider definition could not be used.');
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
