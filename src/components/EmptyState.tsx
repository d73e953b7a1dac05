import { useQuery } from '../lib/query';
import { useVault } from '../state/vault-store';

export function EmptyState() {
  const show = useVault((s) => s.show);
  const nav = useQuery('getNavigation', {}).data;
  const empty = !nav || nav.stores.length === 0;
  return (
    <section className="empty" aria-label="Getting started">
      <h2>{empty ? 'No stores yet' : 'Pick a store'}</h2>
      <p className="muted">
        {empty
          ? 'Add a store or account for Printify, Shippo, Printago, Thinkific or PixlPay, then paste its token. The token goes straight to your OS keychain.'
          : 'Choose a store on the left to see its tokens.'}
      </p>
      {empty && (
        <button type="button" className="primary" onClick={() => show({ kind: 'add-store' })}>
          Add a store
        </button>
      )}
    </section>
  );
}
