import { refetch, useQuery } from '../lib/query';
import { useVault } from '../state/vault-store';

const NO_COUNTS = { critical: 0, warning: 0, info: 0 };
import { ExpiryNavButton } from './expiry/ExpiryNavButton';
import { TransferNavButton } from './transfer/TransferNavButton';

/** The app's views: dashboard, inventory, stores, findings (with counts by severity), expiry, quick check, audit log and settings. */
export function ViewNav() {
  const view = useVault((s) => s.view);
  const show = useVault((s) => s.show);
  const counts = useQuery('getFindingCounts', {}).data ?? NO_COUNTS;
  const storeView = view.kind === 'store' || view.kind === 'stores' || view.kind === 'add-store';
  const countText = `${counts.critical} critical, ${counts.warning} warning${counts.warning === 1 ? '' : 's'}, ${counts.info} info`;
  const simple = (kind: 'home' | 'inventory' | 'quick-check' | 'audit', label: string, active = view.kind === kind) => (
    <button
      type="button"
      className={active ? 'active' : undefined}
      aria-current={active ? 'page' : undefined}
      onClick={() => show({ kind })}
    >
      {label}
    </button>
  );
  return (
    <nav className="viewnav" aria-label="Views">
      {simple('home', 'Dashboard')}
      {simple('inventory', 'Inventory', view.kind === 'inventory' || view.kind === 'token')}
      <button
        type="button"
        className={storeView ? 'active' : undefined}
        aria-current={storeView ? 'page' : undefined}
        onClick={() => show({ kind: 'stores' })}
      >
        Stores
      </button>
      <button
        type="button"
        className={view.kind === 'findings' ? 'active' : undefined}
        aria-current={view.kind === 'findings' ? 'page' : undefined}
        onClick={() => {
          show({ kind: 'findings' });
          // Keychain entries can change outside Keyward: recompute on open.
          refetch('getFindingCounts');
        }}
      >
        <span aria-hidden="true">Findings</span>
        <span className="sr-only">Findings: {countText}</span>
        <span className="badges" aria-hidden="true">
          <span className="sev sev-critical" title="critical">
            {counts.critical}
          </span>
          <span className="sev sev-warning" title="warning">
            {counts.warning}
          </span>
          <span className="sev sev-info" title="info">
            {counts.info}
          </span>
        </span>
      </button>
      <ExpiryNavButton />
      {simple('quick-check', 'Quick check')}
      {simple('audit', 'Audit log')}
      <TransferNavButton />
      <button
        type="button"
        className={view.kind === 'settings' ? 'active' : undefined}
        aria-current={view.kind === 'settings' ? 'page' : undefined}
        onClick={() => show({ kind: 'settings' })}
      >
        Settings
      </button>
    </nav>
  );
}
