import type { ProviderDescriptor } from '../../contract';

/** One provider's knowledge, declared as data. The rest of the app asks the catalog, never `provider === ...`. */
export interface ProviderModule {
  descriptor: ProviderDescriptor;
}
