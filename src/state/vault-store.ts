import { create } from 'zustand';
import type {
  AppErrorShape,
  ChannelInput,
  ChannelName,
  ChannelOutput,
  Finding,
  ProviderDescriptor,
  VaultSnapshot,
} from '../../electron/contract';
import { call } from '../lib/api';
import { initialViewKind } from '../lib/initial-view';
import { countBySeverity } from '../lib/format';
import { afterFirstView } from '../lib/startup';
import { coalesced } from '../lib/coalesce';
import { latestSnapshot } from '../lib/vault-changes';

export type View =
  | { kind: 'store'; storeId: string }
  | { kind: 'client'; clientId: string }
  | { kind: 'add-store' }
  | { kind: 'home' }
  | { kind: 'inventory' }
  | { kind: 'token'; tokenId: string }
  | { kind: 'quick-check' }
  | { kind: 'audit'; subjectId?: string }
  | { kind: 'findings' }
  | { kind: 'settings' }
  | { kind: 'stores' }
  | { kind: 'expiry' }
  | { kind: 'transfer' };

interface VaultState {
  snapshot: VaultSnapshot | null;
  providers: ProviderDescriptor[];
  /**
   * Computed by main from metadata; most severe first. Null until a view that lists findings has asked for them:
   * at 10,000 tokens the list is megabytes, so it is fetched (and kept fresh) only while such a view is open.
   */
  findings: Finding[] | null;
  /** How many findings of each severity (the nav's badges): small, fetched with every snapshot. */
  findingCounts: FindingCounts;
  loading: boolean;
  /** The first load failed: nothing to show, say what to do. */
  loadError: AppErrorShape | null;
  error: AppErrorShape | null;
  /** Status-only mode (support staff): copy, rotate, edit and delete are hidden (and refused by main). */
  supportMode: boolean;
  view: View;
  /** Where Esc / "Back" goes from a token's detail. */
  previous: View;
  load(): Promise<void>;
  refresh(): Promise<void>;
  /** Re-reads the provider catalog (after a custom provider is saved or deleted). */
  reloadProviders(): Promise<void>;
  reloadSupportMode(): Promise<void>;
  /** A view that lists findings is on screen: fetch them if stale and keep them fresh until the returned release. */
  wantFindings(): () => void;
  /** Fetches the findings list now (rescanKeychain: read the keychain's entries first). */
  reloadFindings(rescanKeychain?: boolean): Promise<void>;
  setSupportMode(enabled: boolean): void;
  /** Calls a channel; on failure keeps the error for the UI and returns null. */
  run<K extends ChannelName>(name: K, input: ChannelInput<K>): Promise<ChannelOutput<K> | null>;
  show(view: View): void;
  /** Opens a token's detail, remembering where the user came from. */
  openToken(tokenId: string): void;
  back(): void;
  dismissError(): void;
}

export type FindingCounts = ChannelOutput<'getFindingCounts'>;
const NO_COUNTS: FindingCounts = { critical: 0, warning: 0, info: 0 };

/** Mounted views that list findings; while there are none, a vault change only marks the list stale. */
let findingsWanted = 0;
let findingsStale = true;
/** Requests for the list so far, so that a late answer to an older one cannot replace a newer list. */
let findingsAsked = 0;

/** Facts about secrets (set or not, masked form, expiry) live here; secret values never do. */
export const useVault = create<VaultState>((set, get) => ({
  snapshot: null,
  providers: [],
  findings: null,
  findingCounts: NO_COUNTS,
  loading: true,
  loadError: null,
  error: null,
  supportMode: false,
  view: { kind: initialViewKind() },
  previous: { kind: 'inventory' },
  async load() {
    set({ loading: true });
    // Support mode first: the inventory's first page shows or hides actions by it.
    const support = await call('getSupportMode', {});
    set({ supportMode: support.ok ? support.value.enabled : false });
    await afterFirstView();
    const [providers, vault, counts] = await Promise.all([
      call('listProviders', {}),
      call('getVault', {}),
      call('getFindingCounts', {}),
      findingsWanted > 0 && findingsStale ? get().reloadFindings() : null,
    ]);
    const loadError = !vault.ok ? vault.error : !providers.ok ? providers.error : null;
    set({
      loading: false,
      providers: providers.ok ? providers.value : [],
      snapshot: vault.ok ? vault.value : null,
      findingCounts: counts.ok ? counts.value : NO_COUNTS,
      loadError,
      error: loadError,
    });
  },
  // A burst of changes (a bulk action, a check run) asks for one more after the one in flight, never one per
  // change. Every caller's promise ends with the latest state.
  refresh: coalesced(async () => {
    findingsStale = true;
    // What changed since the snapshot held (a few hundred bytes after an edit), not the whole vault again.
    const [vault, counts] = await Promise.all([
      latestSnapshot(get().snapshot),
      call('getFindingCounts', {}),
      findingsWanted > 0 ? get().reloadFindings() : null,
    ]);
    if (vault.ok) set({ snapshot: vault.value, loadError: null });
    else set({ error: vault.error });
    if (counts.ok) set({ findingCounts: counts.value });
  }),
  async reloadProviders() {
    const providers = await call('listProviders', {});
    if (providers.ok) set({ providers: providers.value });
  },
  wantFindings() {
    findingsWanted += 1;
    if (findingsStale) void get().reloadFindings();
    return () => {
      findingsWanted -= 1;
    };
  },
  async reloadFindings(rescanKeychain = false) {
    findingsStale = false;
    const asked = ++findingsAsked;
    const res = await call('getFindings', rescanKeychain ? { rescanKeychain } : {});
    // An answer to an earlier request may arrive after a later one's: only the latest request's answer counts.
    if (asked !== findingsAsked) return;
    if (res.ok) set({ findings: res.value, findingCounts: countBySeverity(res.value) });
    else {
      findingsStale = true;
      set({ error: res.error });
    }
  },
  async reloadSupportMode() {
    const support = await call('getSupportMode', {});
    if (support.ok) set({ supportMode: support.value.enabled });
  },
  setSupportMode(enabled) {
    set({ supportMode: enabled });
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
  openToken(tokenId) {
    const { view } = get();
    set({ view: { kind: 'token', tokenId }, previous: view.kind === 'token' ? get().previous : view, error: null });
  },
  back() {
    set({ view: get().previous, error: null });
  },
  dismissError() {
    set({ error: null });
  },
}));
