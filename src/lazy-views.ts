import { lazy } from 'react';
import { afterFirstView } from './lib/startup';

// Views the app does not open on load in their own chunks: the first screen compiles less code. They are
// fetched once the first view has painted, so opening one later does not wait on a file read.
const chunks = {
  token: () => import('./components/token/TokenDetail'),
  quickCheck: () => import('./components/QuickCheckView'),
  audit: () => import('./components/AuditLogView'),
  addStore: () => import('./components/AddStoreForm'),
  findings: () => import('./components/FindingsView'),
  settings: () => import('./components/SettingsView'),
  expiry: () => import('./components/expiry/ExpiryView'),
  transfer: () => import('./components/transfer/TransferView'),
  client: () => import('./components/ClientView'),
  store: () => import('./components/StoreView'),
};

export const TokenDetail = lazy(() => chunks.token().then((m) => ({ default: m.TokenDetail })));
export const QuickCheckView = lazy(() => chunks.quickCheck().then((m) => ({ default: m.QuickCheckView })));
export const AuditLogView = lazy(() => chunks.audit().then((m) => ({ default: m.AuditLogView })));
export const AddStoreForm = lazy(() => chunks.addStore().then((m) => ({ default: m.AddStoreForm })));
export const FindingsView = lazy(() => chunks.findings().then((m) => ({ default: m.FindingsView })));
export const SettingsView = lazy(() => chunks.settings().then((m) => ({ default: m.SettingsView })));
export const ExpiryView = lazy(() => chunks.expiry().then((m) => ({ default: m.ExpiryView })));
export const TransferView = lazy(() => chunks.transfer().then((m) => ({ default: m.TransferView })));
export const ClientView = lazy(() => chunks.client().then((m) => ({ default: m.ClientView })));
export const StoreView = lazy(() => chunks.store().then((m) => ({ default: m.StoreView })));

/** Fetches every view's chunk once the first view is on screen; a failure shows when that view is opened. */
export function preloadViews(): void {
  void afterFirstView().then(() => {
    for (const load of Object.values(chunks)) load().catch(() => {});
  });
}
