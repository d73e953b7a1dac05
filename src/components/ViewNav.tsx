import type { ReactNode } from 'react';
import { refetch, useQuery } from '../lib/query';
import { useVault, type View } from '../state/vault-store';
import { useAttentionCount } from './expiry/expiry-store';
import { Icon, type IconName } from './shell/icons';

const NO_COUNTS = { critical: 0, warning: 0, info: 0 };
type Kind = 'home' | 'inventory' | 'stores' | 'findings' | 'expiry' | 'quick-check' | 'audit' | 'transfer' | 'settings';

/** Which nav item a view belongs to (a token belongs to the inventory, a store or client to Stores). */
function itemOf(view: View): Kind | null {
  switch (view.kind) {
    case 'token':
      return 'inventory';
    case 'store':
    case 'client':
    case 'add-store':
      return 'stores';
    default:
      return view.kind;
  }
}

/**
 * The app's views, one per line in the left navigation. Collapsed, each shows its icon alone; its name stays its
 * accessible name and its tooltip, and the counts stay in the name.
 */
export function ViewNav({ collapsed }: { collapsed: boolean }) {
  const current = useVault((s) => itemOf(s.view));
  const show = useVault((s) => s.show);
  const counts = useQuery('getFindingCounts', {}).data ?? NO_COUNTS;
  const attention = useAttentionCount()?.count ?? 0;
  // One badge: the most severe kind with findings (the sentence read out names all three).
  const top = (['critical', 'warning', 'info'] as const).find((sev) => counts[sev] > 0) ?? null;
  const findingsText = `${counts.critical} critical, ${counts.warning} warning${counts.warning === 1 ? '' : 's'}, ${counts.info} info`;

  const item = (kind: Kind, icon: IconName, label: string, extra?: { name?: string; badges?: ReactNode }) => {
    const active = current === kind;
    return (
      <li>
        <button
          type="button"
          className={`nav-item${active ? ' active' : ''}`}
          aria-current={active ? 'page' : undefined}
          title={collapsed ? (extra?.name ?? label) : undefined}
          onClick={() => {
            show({ kind } as View);
            // Keychain entries can change outside Keyward: recompute on open.
            if (kind === 'findings') refetch('getFindingCounts');
          }}
        >
          <Icon name={icon} />
          {/* Named by its content (no aria-label): the visible word, or with counts the full sentence instead. */}
          <span className="nav-label" aria-hidden={extra?.name ? true : undefined}>
            {label}
          </span>
          {extra?.name && <span className="sr-only">{extra.name}</span>}
          {extra?.badges}
        </button>
      </li>
    );
  };

  return (
    <nav className="viewnav" aria-label="Views">
      <ul>
        {item('home', 'home', 'Dashboard')}
        {item('inventory', 'inventory', 'Inventory')}
        {item('stores', 'stores', 'Stores')}
        {item('findings', 'findings', 'Findings', {
          name: `Findings: ${findingsText}`,
          badges: <Badge severity={top} count={top ? counts[top] : 0} collapsed={collapsed} />,
        })}
        {item('expiry', 'expiry', 'Expiry', {
          name: `Expiry: ${attention} token${attention === 1 ? '' : 's'} need${attention === 1 ? 's' : ''} attention`,
          badges: <Badge severity={attention > 0 ? 'warning' : null} count={attention} collapsed={collapsed} />,
        })}
        {item('quick-check', 'quickCheck', 'Quick check')}
        {item('audit', 'audit', 'Audit log')}
        {item('transfer', 'transfer', 'Import & backup')}
        {item('settings', 'settings', 'Settings')}
      </ul>
    </nav>
  );
}

/** A count beside a nav item (a dot when the navigation is collapsed); decorative: the item's name says it. */
function Badge({
  severity,
  count,
  collapsed,
}: {
  severity: 'critical' | 'warning' | 'info' | null;
  count: number;
  collapsed: boolean;
}) {
  if (!severity) return null;
  return (
    <span className="badges" aria-hidden="true">
      <span className={`sev sev-${severity}${collapsed ? ' sev-dot' : ''}`} title={`${count} ${severity}`}>
        {collapsed ? null : count}
      </span>
    </span>
  );
}
