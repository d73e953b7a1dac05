import { Suspense, useEffect } from 'react';
import { on } from './lib/api';
import { firstViewPainted } from './lib/startup';
import { followVaultChanges } from './lib/query';
import { useVault } from './state/vault-store';
import { ErrorBanner } from './components/ErrorBanner';
import { NoticeBar } from './components/NoticeBar';
import { EmptyState } from './components/EmptyState';
import { ViewErrorBoundary } from './components/ViewErrorBoundary';
import { AppShell } from './components/shell/AppShell';
import { StoreTree } from './components/shell/StoreTree';
import { SwitcherHost } from './components/shell/SwitcherHost';
import { useFocusOnNavigate } from './components/shell/use-focus-on-navigate';
import { useNavCollapsed } from './components/shell/use-nav-collapsed';
import { ExpiryEvents } from './components/expiry/ExpiryEvents';
import { DashboardView } from './components/DashboardView';
import { InventoryView } from './components/inventory/InventoryView';
import { useShortcuts } from './lib/shortcuts';
import { useChecks } from './state/check-store';
import { CheckPlanHost } from './components/checks/CheckPlanDialog';
import {
  AddStoreForm,
  AuditLogView,
  ClientView,
  ExpiryView,
  FindingsView,
  preloadViews,
  QuickCheckView,
  SettingsView,
  StoreView,
  TokenDetail,
  TransferView,
} from './lazy-views';

export function App() {
  const view = useVault((s) => s.view);
  const show = useVault((s) => s.show);

  useEffect(() => {
    if (useVault.getState().view.kind !== 'inventory') firstViewPainted();
    preloadViews();
    const offVault = followVaultChanges();
    // The tray's "Check all": show what it would send in the inventory, and send once the user confirms.
    const offCheckAll = on('checkAllRequested', () => {
      useVault.getState().show({ kind: 'inventory' });
      useChecks.getState().propose({ all: true }, 'all tokens');
    });
    return () => {
      offVault();
      offCheckAll();
    };
  }, []);
  useShortcuts();
  useFocusOnNavigate(view);
  const [collapsed, toggleNav] = useNavCollapsed();

  return (
    <AppShell collapsed={collapsed} onToggle={toggleNav}>
      <NoticeBar />
      <ExpiryEvents />
      <CheckPlanHost />
      <SwitcherHost />
      <main className={`content${view.kind === 'inventory' ? ' content-fill' : ''}`}>
        <ErrorBanner />
        <ViewErrorBoundary key={JSON.stringify(view)} onLeave={() => show({ kind: 'inventory' })}>
          {/* A view in its own chunk not fetched yet (see lazy-views.ts). */}
          <Suspense
            fallback={
              <p className="muted" role="status">
                Loading…
              </p>
            }
          >
            {view.kind === 'inventory' ? (
              <InventoryView />
            ) : view.kind === 'home' ? (
              <DashboardView />
            ) : view.kind === 'token' ? (
              <TokenDetail tokenId={view.tokenId} repaste={view.repaste ?? false} />
            ) : view.kind === 'quick-check' ? (
              <QuickCheckView />
            ) : view.kind === 'audit' ? (
              <AuditLogView subjectId={view.subjectId} />
            ) : view.kind === 'add-store' ? (
              <AddStoreForm />
            ) : view.kind === 'findings' ? (
              <FindingsView />
            ) : view.kind === 'settings' ? (
              <SettingsView />
            ) : view.kind === 'expiry' ? (
              <ExpiryView />
            ) : view.kind === 'transfer' ? (
              <TransferView />
            ) : view.kind === 'client' ? (
              <ClientView key={view.clientId} clientId={view.clientId} />
            ) : view.kind === 'store' ? (
              <StoreView key={view.storeId} storeId={view.storeId} />
            ) : view.kind === 'stores' && collapsed ? (
              <StoreTree />
            ) : (
              <EmptyState />
            )}
          </Suspense>
        </ViewErrorBoundary>
      </main>
    </AppShell>
  );
}
