import type { Finding, FindingSettings, StoreProfile, Token } from '../../../contract';
import type { Catalog } from '../../providers/catalog';
import type { ProviderModule } from '../../providers/provider-module';
import { rejectedProviderFindings } from './catalog-findings';
import type { TokenView } from './context';
import { duplicateFindings } from './secret-findings';
import type { SortEntry } from './sort-findings';
import { slotFindings } from './store-findings';

/** What createIncrementalFindings remembers between calls, and the parts it redoes from it. */

export interface StoreState {
  store: StoreProfile;
  module: ProviderModule | undefined;
  index: number;
  seen: number;
  slots: Finding[];
  /** Its tokens (each judged; their order: TokenState.index). */
  members: Set<TokenState>;
  /** In this pass: the store's fields changed (its tokens' findings name it). */
  changed: boolean;
  /** In this pass: one of its tokens came, went or changed (slot findings to redo). */
  dirty: boolean;
}

export interface TokenState {
  token: Token;
  store: StoreState | undefined;
  /** Null when its store is not in the vault: it has no findings at all. */
  view: TokenView | null;
  /** Its position in vault.tokens. */
  index: number;
  seen: number;
  expiry: Finding[];
  rules: Finding[];
  /** expiryFindings gives the same answer for any now in [from, until). */
  from: number;
  until: number;
  missing: Finding | null;
  duplicate: Finding | null;
}

export interface State {
  catalog: Catalog;
  settings: FindingSettings;
  settingsKey: string;
  pass: number;
  stores: Map<string, StoreState>;
  tokens: Map<string, TokenState>;
  /** The last pass's stores and tokens in vault order, and the objects it was given. */
  storeOrder: StoreState[];
  order: TokenState[];
  seenStores: readonly StoreProfile[];
  seenTokens: readonly Token[];
  /** Each token's expiry window by position (order[i].from/until, kept apart to scan them without touching the tokens). */
  fromAt: Float64Array;
  untilAt: Float64Array;
  /** The last instant at which one window starts and the first at which one ends. */
  latestFrom: number;
  earliestUntil: number;
  /** Judged tokens per secret fingerprint. */
  byPrint: Map<string, Set<TokenState>>;
  accounts: readonly string[] | null;
  inKeychain: Set<string> | null;
  orphans: Finding[];
  rejected: Finding[];
  /** The last answer, sorted; null before the first. */
  sorted: SortEntry[] | null;
  /** `sorted` has no ties and no odd dates, so changes can be merged into it (see mergeSorted). */
  strict: boolean;
}

export function freshState(catalog: Catalog, settings: FindingSettings, settingsKey: string): State {
  return {
    catalog,
    settings,
    settingsKey,
    pass: 0,
    stores: new Map(),
    tokens: new Map(),
    storeOrder: [],
    order: [],
    seenStores: [],
    seenTokens: [],
    fromAt: new Float64Array(0),
    untilAt: new Float64Array(0),
    latestFrom: -Infinity,
    earliestUntil: Infinity,
    byPrint: new Map(),
    accounts: null,
    inKeychain: null,
    orphans: [],
    rejected: rejectedProviderFindings(catalog),
    sorted: null,
    strict: false,
  };
}

export const printOf = (e: TokenState): string | null => (e.view && e.token.secret?.fingerprint) || null;
/** keychainFindings counts a token's id as known when it is judged (its store exists) and has a secret. */
export const isKnown = (e: TokenState): boolean => e.view !== null && !!e.token.secret;

const inVaultOrder = (entries: Iterable<TokenState>): TokenState[] => [...entries].sort((a, b) => a.index - b.index);

/** New slot findings of a store, from its tokens in vault order. */
export const storeSlots = (st: StoreState): Finding[] =>
  slotFindings(
    st.store,
    st.module,
    inVaultOrder(st.members).map((e) => e.token),
  );

/** Redoes the duplicate findings of the tokens holding one fingerprint, as duplicateFindings groups them. */
export function redoDuplicates(
  members: ReadonlySet<TokenState> | undefined,
  removed: Set<Finding>,
  added: Finding[],
): void {
  if (!members) return;
  const group = inVaultOrder(members);
  for (const e of group) {
    if (e.duplicate) removed.add(e.duplicate);
    e.duplicate = null;
  }
  if (group.length < 2) return;
  const found = duplicateFindings(group.map((e) => e.view!));
  group.forEach((e, i) => added.push((e.duplicate = found[i]!)));
}

/** Every current finding in the order computeFindings produces them before sorting (equal findings keep it). */
export function inComputeOrder(s: State): Finding[] {
  const out: Finding[] = [];
  for (const e of s.order) {
    for (const f of e.expiry) out.push(f);
    for (const f of e.rules) out.push(f);
  }
  for (const st of s.storeOrder) for (const f of st.slots) out.push(f);
  const duplicates = new Map<string, Finding[]>();
  for (const e of s.order) {
    if (!e.duplicate) continue;
    const print = printOf(e)!;
    const group = duplicates.get(print);
    if (group) group.push(e.duplicate);
    else duplicates.set(print, [e.duplicate]);
  }
  for (const group of duplicates.values()) for (const f of group) out.push(f);
  if (s.inKeychain) {
    for (const e of s.order) if (e.missing) out.push(e.missing);
    for (const f of s.orphans) out.push(f);
  }
  for (const f of s.rejected) out.push(f);
  return out;
}
