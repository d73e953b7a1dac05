import { create } from 'zustand';
import type { AppErrorShape, ChannelInput, ChannelName, ChannelOutput, Finding, ProviderDescriptor, VaultSnapshot } from '../../electron/contract';
import { call } from '../lib/api';

export type View =
  | { kind: 'store'; storeId: string }
  | { kind: 'add-store' }
  | { kind: 'home' }
  | { kind: 'findings' }
  | { kind: 'settings' }
  | { kind: 'expiry' };

interface VaultState {
  snapshot: VaultSnapshot | null;
  providers: ProviderDescriptor[];
  /** Computed by main from metadata; most severe first. */
  findings: Finding[];
  loading: boolean;
  error: AppErrorShape | null;
  view: View;
  load(): Promise<void>;
  refresh(): Promise<void>;
  /** Re-reads the provider catalog (after a custom provider is saved or deleted). */
  reloadProviders(): Promise<void>;
  /** Calls a channel; on failure keeps the error for the UI and returns null. */
  run<K extends ChannelName>(name: K, input: ChannelInput<K>): Promise<ChannelOutput<K> | null>;
  show(view: View): void;
  dismissError(): void;
}

/** Facts about secrets (set or not, masked form, expiry) live here; secret values never do. */
export const useVault = create<VaultState>((set, get) => ({
  snapshot: null,
  providers: [],
  findings: [],
  loading: true,
  error: null,
  view: { kind: 'home' },
  async load() {
    set({ loading: true });
    const [providers, vault, findings] = await Promise.all([call('listProviders', {}), call('getVault', {}), call('getFindings', {})]);
    set({
      loading: false,
      providers: providers.ok ? providers.value : [],
      snapshot: vault.ok ? vault.value : null,
      findings: findings.ok ? findings.value : [],
      error: !vault.ok ? vault.error : !providers.ok ? providers.error : null,
    });
  },
  async refresh() {
    const [vault, findings] = await Promise.all([call('getVault', {}), call('getFindings', {})]);
    if (vault.ok) set({ snapshot: vault.value });
    else set({ error: vault.error });
    if (findings.ok) set({ findings: findings.value });
  },
  async reloadProviders() {
    const providers = await call('listProviders', {});
    if (providers.ok) set({ providers: providers.value });
  },
  async run(name, input) {
    const result = await call(name, input);
    if (!result.ok) {
      set({ error: result.error });
      return null;
    }
    set({ error: null });
    await get().refresh();
    return result.value;
  },
  show(view) {
    set({ view, error: null });
  },
  dismissError() {
    set({ error: null });
  },
}));
