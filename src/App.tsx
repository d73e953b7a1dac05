import { useEffect } from 'react';
import { on } from './lib/api';
import { useVault } from './state/vault-store';
import { AddStoreForm } from './components/AddStoreForm';
import { ErrorBanner } from './components/ErrorBanner';
import { FindingsView } from './components/FindingsView';
import { NoticeBar } from './components/NoticeBar';
import { SettingsView } from './components/SettingsView';
import { Sidebar } from './components/Sidebar';
import { StoreView } from './components/StoreView';
import { EmptyState } from './components/EmptyState';
import { ViewNav } from './components/ViewNav';
import { ExpiryEvents, ExpiryView } from './components/expiry';

export function App() {
  const { load, refresh, loading, snapshot, view } = useVault();

  useEffect(() => {
    void load();
    return on('vaultChanged', () => void refresh());
  }, [load, refresh]);

  const store = view.kind === 'store' ? snapshot?.stores.find((s) => s.id === view.storeId) : undefined;

  return (
    <div className="app">
      <header className="topbar">
        <h1 className="brand">Keyward</h1>
        <ViewNav />
        <KeychainPill />
      </header>
      <NoticeBar />
      <ExpiryEvents />
      <div className="layout">
        <Sidebar />
        <main className="content" aria-busy={loading}>
          <ErrorBanner />
          {loading && !snapshot ? (
            <p className="muted">Loading your vault…</p>
          ) : view.kind === 'add-store' ? (
            <AddStoreForm />
          ) : view.kind === 'findings' ? (
            <FindingsView />
          ) : view.kind === 'settings' ? (
            <SettingsView />
          ) : view.kind === 'expiry' ? (
            <ExpiryView />
          ) : store ? (
            <StoreView store={store} />
          ) : (
            <EmptyState />
          )}
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
