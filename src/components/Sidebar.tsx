import { memo, startTransition, useEffect, useMemo, useState } from 'react';
import type { Navigation, StoreEntry } from '../../electron/contract';
import { useQuery } from '../lib/query';
import { useVault } from '../state/vault-store';

/** Store links rendered in the first paint; the rest follow in a low-priority render right after it. */
const FIRST_LINKS = 150;

interface Group {
  key: string;
  /** The client's id; null for the stores without a client. */
  clientId: string | null;
  title: string;
  stores: { store: StoreEntry; meta: string }[];
}

/** Clients' groups with each store's provider and token count: computed once per answer, not per render. */
function buildGroups(nav: Navigation | undefined): Group[] {
  if (!nav) return [];
  const byClient = new Map<string, Group['stores']>();
  const none: Group['stores'] = [];
  for (const store of nav.stores) {
    const n = store.tokenCount;
    const entry = { store, meta: `${store.providerName} · ${n} token${n === 1 ? '' : 's'}` };
    if (!store.clientId) none.push(entry);
    else {
      const list = byClient.get(store.clientId);
      if (list) list.push(entry);
      else byClient.set(store.clientId, [entry]);
    }
  }
  const groups: Group[] = nav.clients.map((c) => ({
    key: c.id,
    clientId: c.id,
    title: c.name,
    stores: byClient.get(c.id) ?? [],
  }));
  groups.push({ key: 'none', clientId: null, title: nav.clients.length ? 'No client' : 'Stores', stores: none });
  // Clients without stores stay listed: their title opens the client view (rename, delete).
  return groups.filter((g) => g.stores.length > 0 || g.clientId !== null);
}

export function Sidebar() {
  const nav = useQuery('getNavigation', {}).data;
  const activeStoreId = useVault((s) => (s.view.kind === 'store' ? s.view.storeId : null));
  const activeClientId = useVault((s) => (s.view.kind === 'client' ? s.view.clientId : null));
  const show = useVault((s) => s.show);
  const groups = useMemo(() => buildGroups(nav), [nav]);
  const total = useMemo(() => groups.reduce((n, g) => n + g.stores.length, 0), [groups]);
  // Thousands of links: paint the first ones now, the rest in a transition (interruptible, after the first paint).
  const [limit, setLimit] = useState(FIRST_LINKS);
  useEffect(() => {
    if (limit >= total) return;
    const timer = setTimeout(() => startTransition(() => setLimit(Number.POSITIVE_INFINITY)), 0);
    return () => clearTimeout(timer);
  }, [limit, total]);

  let left = limit;
  return (
    <nav className="sidebar" aria-label="Stores">
      <button type="button" className="primary wide" onClick={() => show({ kind: 'add-store' })}>
        + Add store
      </button>
      {groups.map((group) => {
        if (left <= 0 && group.stores.length > 0) return null;
        const stores = left >= group.stores.length ? group.stores : group.stores.slice(0, left);
        left -= stores.length;
        return (
          <StoreGroup
            key={group.key}
            clientId={group.clientId}
            clientActive={group.clientId !== null && group.clientId === activeClientId}
            title={group.title}
            stores={stores}
            activeStoreId={activeStoreId}
            show={show}
          />
        );
      })}
    </nav>
  );
}

/** One client's stores; memoised so that opening a store re-renders only the groups whose active link changed. */
const StoreGroup = memo(
  function StoreGroup({
    clientId,
    clientActive,
    title,
    stores,
    activeStoreId,
    show,
  }: {
    clientId: string | null;
    clientActive: boolean;
    title: string;
    stores: Group['stores'];
    activeStoreId: string | null;
    show: ReturnType<typeof useVault.getState>['show'];
  }) {
    return (
      <section className="group">
        <h2 className="group-title">
          {clientId === null ? (
            title
          ) : (
            <button
              type="button"
              className={`group-link ${clientActive ? 'active' : ''}`}
              aria-current={clientActive ? 'page' : undefined}
              onClick={() => show({ kind: 'client', clientId })}
            >
              {/* Named by its content, not aria-label: getByLabel('Client') in other views must not match it. */}
              <span className="sr-only">Client </span>
              {title}
            </button>
          )}
        </h2>
        {stores.length === 0 && <p className="muted group-empty">No stores</p>}
        <ul>
          {stores.map(({ store, meta }) => (
            <li key={store.id}>
              <button
                type="button"
                className={`store-link ${activeStoreId === store.id ? 'active' : ''}`}
                aria-current={activeStoreId === store.id ? 'page' : undefined}
                onClick={() => show({ kind: 'store', storeId: store.id })}
              >
                <span className="store-label">{store.label}</span>
                <span className="store-meta">{meta}</span>
              </button>
            </li>
          ))}
        </ul>
      </section>
    );
  },
  (a, b) =>
    a.title === b.title &&
    a.clientId === b.clientId &&
    a.clientActive === b.clientActive &&
    a.stores === b.stores &&
    a.show === b.show &&
    (a.activeStoreId === b.activeStoreId ||
      (!a.stores.some((s) => s.store.id === a.activeStoreId) && !b.stores.some((s) => s.store.id === b.activeStoreId))),
);
