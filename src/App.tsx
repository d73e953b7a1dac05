import { Suspense, useEffect } from 'react';
import { on } from './lib/api';
import { firstViewPainted } from './lib/startup';
import { lookups } from './lib/lookups';
import { useVault } from './state/vault-store';
import { ErrorBanner } from './components/ErrorBanner';
import { NoticeBar } from './components/NoticeBar';
import { Sidebar } from './components/Sidebar';
import { EmptyState } from './components/EmptyState';
import { ViewErrorBoundary } from './components/ViewErrorBoundary';
import { ViewNav } from './components/ViewNav';
import { ExpiryEvents } from './components/expiry/ExpiryEvents';
import { DashboardView } from './components/DashboardView';
import { InventoryView } from './components/inventory/InventoryView';
import { useShortcuts } from './lib/shortcuts';
import { useChecks } from './state/check-store';
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
  // One selector per field: the whole-state form re-rendered the app (and every view) on any store change.
  const load = useVault((s) => s.load);
  const refresh = useVault((s) => s.refresh);
  const loading = useVault((s) => s.loading);
  const snapshot = useVault((s) => s.snapshot);
  const view = useVault((s) => s.view);
  const show = useVault((s) => s.show);

  useEffect(() => {
    // Every view but the inventory needs the whole vault: let it load at once.
    if (useVault.getState().view.kind !== 'inventory') firstViewPainted();
    void load();
    preloadViews();
    const offVault = on('vaultChanged', () => void refresh());
    // The tray's "Check all": run it and show its progress in the inventory.
    const offCheckAll = on('checkAllRequested', () => {
      const total = useVault.getState().snapshot?.tokens.length ?? 0;
      useVault.getState().show({ kind: 'inventory' });
      void useChecks.getState().start({ all: true }, 'all tokens', total);
    });
    return () => {
      offVault();
      offCheckAll();
    };
  }, [load, refresh]);
  useShortcuts();

  const store = view.kind === 'store' && snapshot ? lookups(snapshot).storesById.get(view.storeId) : undefined;

  return (
    <div className="app">
      <header className="topbar">
        <h1 className="brand">Keyward</h1>
        <ViewNav />
        <SupportBadge />
        <KeychainPill />
      </header>
      <NoticeBar />
      <ExpiryEvents />
      <div className="layout">
        {view.kind !== 'inventory' && view.kind !== 'token' && <Sidebar />}
        <main className={`content${view.kind === 'inventory' ? ' content-fill' : ''}`} aria-busy={loading}>
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
                // Asks main for its own rows: it paints before the whole vault snapshot has arrived.
                <InventoryView />
              ) : loading && !snapshot ? (
                <p className="muted" role="status">
                  Loading your vault…
                </p>
              ) : !snapshot ? (
                <LoadFailed />
              ) : view.kind === 'home' ? (
                <DashboardView />
              ) : view.kind === 'token' ? (
                <TokenDetail tokenId={view.tokenId} />
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
              ) : store ? (
                <StoreView store={store} />
              ) : (
                <EmptyState />
              )}
            </Suspense>
          </ViewErrorBoundary>
        </main>
      </div>
    </div>
  );
}

function KeychainPill() {
  const keychain = useVault((s) => s.snapshot?.keychain);
  if (!keychain) return null;
  return (
    <span className={`pill ${keychain.available ? 'pill-ok' : 'pill-bad'}`} title={keychain.message} role="status">
      {keychain.available ? 'Keychain available' : 'Keychain unavailable'}
    </span>
  );
}

function SupportBadge() {
  const supportMode = useVault((s) => s.supportMode);
  if (!supportMode) return null;
  return (
    <span
      className="pill pill-support"
      role="status"
      title="Copy, rotate, edit and delete are off. Turn it off in Settings with the passphrase."
    >
      Status-only mode
    </span>
  );
}

/** The vault could not be read at all: say why and what to do. */
function LoadFailed() {
  const { loadError, load } = useVault();
  return (
    <section className="empty" aria-labelledby="load-failed-title">
      <h2 id="load-failed-title">Keyward could not open your vault</h2>
      <p>{loadError?.message ?? 'The main process did not answer.'}</p>
      <p className="muted">
        {loadError?.code === 'keychain_unavailable'
          ? 'Unlock your OS keychain (on Linux: the login keyring), then try again.'
          : 'Your tokens are not lost: Keyward keeps the previous good copy of the vault next to it. Try again; if it keeps failing, check the data folder shown in Settings.'}
      </p>
      <button type="button" className="primary" onClick={() => void load()}>
        Try again
      </button>
    </section>
  );
}
