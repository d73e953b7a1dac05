import { useVault } from '../state/vault-store';

export function Sidebar() {
  const { snapshot, providers, view, show } = useVault();
  const stores = snapshot?.stores ?? [];
  const clients = snapshot?.clients ?? [];
  const providerName = (id: string) => providers.find((p) => p.id === id)?.name ?? id;
  const groups = [
    ...clients.map((c) => ({ key: c.id, title: c.name, stores: stores.filter((s) => s.clientId === c.id) })),
    { key: 'none', title: clients.length ? 'No client' : 'Stores', stores: stores.filter((s) => !s.clientId) },
  ].filter((g) => g.stores.length > 0);
  const tokenCount = (storeId: string) => snapshot?.tokens.filter((t) => t.storeId === storeId).length ?? 0;

  return (
    <nav className="sidebar" aria-label="Stores">
      <button type="button" className="primary wide" onClick={() => show({ kind: 'add-store' })}>
        + Add store
      </button>
      {groups.map((group) => (
        <section key={group.key} className="group">
          <h2 className="group-title">{group.title}</h2>
          <ul>
            {group.stores.map((store) => (
              <li key={store.id}>
                <button
                  type="button"
                  className={`store-link ${view.kind === 'store' && view.storeId === store.id ? 'active' : ''}`}
                  aria-current={view.kind === 'store' && view.storeId === store.id ? 'page' : undefined}
                  onClick={() => show({ kind: 'store', storeId: store.id })}
                >
                  <span className="store-label">{store.label}</span>
                  <span className="store-meta">
                    {providerName(store.provider)} · {tokenCount(store.id)} token{tokenCount(store.id) === 1 ? '' : 's'}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </nav>
  );
}
