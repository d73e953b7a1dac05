import type { ReactNode } from 'react';
import { useQuery } from '../../lib/query';
import { useSupportMode } from '../../state/vault-store';
import { ViewNav } from '../ViewNav';
import { Icon } from './icons';
import { StoreTree } from './StoreTree';
import { SwitcherButton } from './SwitcherHost';

/**
 * The window: a left navigation (views, then the client → store tree, then the vault's state) beside the open view.
 * Each region scrolls on its own and the page itself never does, from the window's minimum size up.
 */
export function AppShell({
  collapsed,
  onToggle,
  children,
}: {
  collapsed: boolean;
  onToggle: () => void;
  children: ReactNode;
}) {
  return (
    <div className={`app${collapsed ? ' nav-collapsed' : ''}`}>
      <aside className="shell-nav" aria-label="Navigation">
        <div className="shell-nav-head">
          <h1 className="brand">
            <img className="brand-icon" src="./icon.svg" alt="" width="22" height="22" />
            <span className="nav-label">Keyward</span>
          </h1>
          <button
            type="button"
            className="nav-toggle"
            aria-expanded={!collapsed}
            aria-label={collapsed ? 'Expand navigation' : 'Collapse navigation'}
            title={collapsed ? 'Expand navigation' : 'Collapse navigation'}
            onClick={onToggle}
          >
            <Icon name={collapsed ? 'expand' : 'collapse'} />
          </button>
        </div>
        <SwitcherButton collapsed={collapsed} />
        <ViewNav collapsed={collapsed} />
        {!collapsed && <StoreTree />}
        <VaultState collapsed={collapsed} />
      </aside>
      <div className="shell-main">{children}</div>
    </div>
  );
}

/** Status-only mode and the keychain's state, at the foot of the navigation (a dot each when it is collapsed). */
function VaultState({ collapsed }: { collapsed: boolean }) {
  const supportMode = useSupportMode();
  const keychain = useQuery('getVaultStatus', {}).data?.keychain;
  return (
    <div className="shell-state">
      {supportMode && (
        <span
          className="pill pill-support"
          role="status"
          title="Copy, rotate, edit and delete are off. Turn it off in Settings with the passphrase."
        >
          <span className={collapsed ? 'sr-only' : undefined}>Status-only mode</span>
        </span>
      )}
      {keychain && (
        <span className={`pill ${keychain.available ? 'pill-ok' : 'pill-bad'}`} title={keychain.message} role="status">
          <span className={collapsed ? 'sr-only' : undefined}>
            {keychain.available ? 'Keychain available' : 'Keychain unavailable'}
          </span>
        </span>
      )}
    </div>
  );
}
