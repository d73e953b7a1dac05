import type { ProviderDescriptor } from '../../../electron/contract';
import { tokenPageFor } from '../../../electron/contract/url-template';
import { useQuery } from '../../lib/query';

interface Props {
  provider: ProviderDescriptor | undefined;
  storeId: string;
  children: string;
}

/** A link to where the store's tokens are managed: its own admin when the provider can build it, marked when unconfirmed. */
export function TokenPageLink({ provider, storeId, children }: Props) {
  const identifiers = useQuery('getStore', { id: storeId }).data?.store.identifiers;
  if (!provider) return null;
  const page = tokenPageFor(provider, identifiers ?? {});
  if (!page.url) return <span className="muted">its dashboard</span>;
  const notes = [page.where, page.confirmed ? undefined : 'exact path unconfirmed'].filter(Boolean).join('; ');
  return (
    <>
      <a href={page.url} target="_blank" rel="noreferrer">
        {children}
      </a>
      {notes ? <span className="muted"> ({notes})</span> : null}
    </>
  );
}
