import { type Finding, ProviderId } from '../../../contract';
import type { Catalog } from '../../providers/catalog';

/** Custom provider definitions the catalog could not load. */
export function rejectedProviderFindings(catalog: Catalog): Finding[] {
  return catalog.rejected().map((r) => ({
    id: `custom_provider_invalid:${r.id ?? `#${r.index}`}`,
    kind: 'custom_provider_invalid',
    severity: 'warning',
    subject: ProviderId.safeParse(`custom:${r.id}`).success ? { providerId: `custom:${r.id}` } : {},
    message: `The custom provider ${r.id ? `"${r.id}"` : `number ${r.index + 1}`} could not be loaded: ${r.problem}`,
    action:
      'Open Settings → Custom providers and fix or remove this definition; its stores are not checked until then.',
  }));
}
