import { create } from 'zustand';
import type { AppErrorShape } from '../../electron/contract';
import { initialViewKind } from '../lib/initial-view';
import { setErrorReporter, useQuery } from '../lib/query';

export type View =
  | { kind: 'store'; storeId: string }
  | { kind: 'client'; clientId: string }
  | { kind: 'add-store' }
  | { kind: 'home' }
  | { kind: 'inventory' }
  | { kind: 'token'; tokenId: string; repaste?: boolean }
  | { kind: 'quick-check' }
  | { kind: 'audit'; subjectId?: string }
  | { kind: 'findings' }
  | { kind: 'settings' }
  | { kind: 'stores' }
  | { kind: 'expiry' }
  | { kind: 'transfer' };

/** Where the window is and the last error to show; the data itself comes from useQuery. */
interface VaultState {
  error: AppErrorShape | null;
  view: View;
  /** Where Esc / "Back" goes from a token's detail. */
  previous: View;
  show(view: View): void;
  /** Opens a token's detail, remembering where the user came from; `repaste` opens its edit at the secret. */
  openToken(tokenId: string, options?: { repaste?: boolean }): void;
  back(): void;
  dismissError(): void;
}

export const useVault = create<VaultState>((set, get) => ({
  error: null,
  view: { kind: initialViewKind() },
  previous: { kind: 'inventory' },
  show(view) {
    set({ view, error: null });
  },
  openToken(tokenId, options) {
    const { view } = get();
    const next: View = options?.repaste ? { kind: 'token', tokenId, repaste: true } : { kind: 'token', tokenId };
    set({ view: next, previous: view.kind === 'token' ? get().previous : view, error: null });
  },
  back() {
    set({ view: get().previous, error: null });
  },
  dismissError() {
    set({ error: null });
  },
}));

setErrorReporter((error) => useVault.setState({ error }));

/** Status-only mode (support staff): copy, rotate, edit and delete are hidden (and refused by main). */
export function useSupportMode(): boolean {
  return useQuery('getSupportMode', {}).data?.enabled ?? false;
}

const NO_PROVIDERS: never[] = [];
/** The provider catalog (built-ins and custom providers). */
export function useProviders() {
  return useQuery('listProviders', {}).data ?? NO_PROVIDERS;
}
