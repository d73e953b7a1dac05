import { type Finding, type FindingSettingsInput, FindingSettings } from '../../../contract';
import type { Catalog } from '../../providers/catalog';
import type { VaultData } from '../../vault/vault-data';
import { computeFindings } from './compute-findings';
import type { FindingContext, TokenView } from './context';
import { expiryFindings } from './expiry-findings';
import { expiryWindow } from './expiry-window';
import {
  freshState,
  inComputeOrder,
  isKnown,
  printOf,
  redoDuplicates,
  type State,
  storeSlots,
  type StoreState,
  type TokenState,
} from './incremental-state';
import { sameStoreReads, sameTokenReads } from './read-fields';
import { missingSecretFinding, orphanSecretFinding } from './secret-findings';
import { mergeSorted, sortedEntries, strictlyOrdered } from './sort-findings';
import { tokenFindings } from './token-findings';
import { viewOf } from './views';

export type FindingsFn = (
  vault: Pick<VaultData, 'stores' | 'tokens'>,
  settings: FindingSettingsInput | FindingSettings,
  now: Date,
  catalog: Catalog,
  keychainAccounts?: readonly string[] | null,
) => Finding[];

/** Tokens repeat an id, or stores do: left to computeFindings (a valid vault never has them). */
const UNSUPPORTED = 'unsupported';
/** The tokens' order changed (duplicate messages and slot suggestions follow it): start again from nothing. */
const REORDERED = 'reordered';

/**
 * computeFindings, remembering its work between calls so that after one vault edit, or with the clock a minute
 * later, only what that can change is judged again; the answer is exactly computeFindings' for the same inputs.
 * Per token: its rule findings until the fields they read (read-fields.ts) or its store change; its expiry
 * findings until `now` leaves the span over which they stay the same (expiryWindow). Per store: slot findings
 * until it or one of its tokens changes. Duplicates per fingerprint touched; keychain findings per token, and the
 * orphans when the listing or the tokens holding secrets change. The sorted answer is kept and the changes merged
 * into it. Inputs are treated as immutable, as the vault's copy-on-write edits leave them: a token or store may
 * be a new object or the same, but what it holds is replaced, never edited in place. A new catalog or other
 * settings start from nothing.
 */
export function createIncrementalFindings(): FindingsFn {
  let state: State | null = null;
  return (vault, settingsInput, now, catalog, keychainAccounts) => {
    const settings = FindingSettings.parse(settingsInput);
    const settingsKey = JSON.stringify(settings);
    if (!Number.isFinite(now.getTime())) {
      state = null;
      return computeFindings(vault, settings, now, catalog, keychainAccounts);
    }
    if (!state || state.catalog !== catalog || state.settingsKey !== settingsKey)
      state = freshState(catalog, settings, settingsKey);
    let answer = pass(state, vault, now, keychainAccounts ?? null);
    if (answer === REORDERED)
      answer = pass((state = freshState(catalog, settings, settingsKey)), vault, now, keychainAccounts ?? null);
    if (answer === UNSUPPORTED || answer === REORDERED) {
      state = null;
      return computeFindings(vault, settings, now, catalog, keychainAccounts);
    }
    return answer;
  };
}

/** The same items in the same places (by identity). */
function sameItems<T>(a: readonly T[] | null, b: readonly T[] | null): boolean {
  if (a === b) return true;
  if (a === null || b === null || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Nothing but the clock moved (the same stores, tokens and keychain listing): redo only the expiry windows `now` left. */
function clockOnly(s: State, now: Date): Finding[] {
  const nowMs = now.getTime();
  const removed = new Set<Finding>();
  const added: Finding[] = [];
  if (nowMs < s.latestFrom || nowMs >= s.earliestUntil) {
    const ctx: FindingContext = { now, settings: s.settings };
    let latestFrom = -Infinity;
    let earliestUntil = Infinity;
    for (let i = 0; i < s.order.length; i++) {
      if (nowMs < s.fromAt[i]! || nowMs >= s.untilAt[i]!) {
        const e = s.order[i]!;
        for (const f of e.expiry) removed.add(f);
        for (const f of (e.expiry = expiryFindings(e.view!, ctx))) added.push(f);
        const w = expiryWindow(e.view!, s.settings, nowMs);
        s.fromAt[i] = e.from = w.from;
        s.untilAt[i] = e.until = w.until;
      }
      if (s.fromAt[i]! > latestFrom) latestFrom = s.fromAt[i]!;
      if (s.untilAt[i]! < earliestUntil) earliestUntil = s.untilAt[i]!;
    }
    s.latestFrom = latestFrom;
    s.earliestUntil = earliestUntil;
  }
  return sortedAnswer(s, removed, added);
}

/** The last answer with `removed` taken out and `added` put in, merged when its order allows, else sorted anew. */
function sortedAnswer(s: State, removed: ReadonlySet<Finding>, added: readonly Finding[]): Finding[] {
  const merged = s.sorted && s.strict ? mergeSorted(s.sorted, removed, added) : null;
  if (merged) s.sorted = merged;
  else {
    s.sorted = sortedEntries(inComputeOrder(s));
    s.strict = strictlyOrdered(s.sorted);
  }
  return s.sorted.map((e) => e.f);
}

function pass(
  s: State,
  vault: Pick<VaultData, 'stores' | 'tokens'>,
  now: Date,
  accounts: readonly string[] | null,
): Finding[] | typeof UNSUPPORTED | typeof REORDERED {
  if (
    s.sorted &&
    sameItems(s.accounts, accounts) &&
    sameItems(s.seenStores, vault.stores) &&
    sameItems(s.seenTokens, vault.tokens)
  )
    return clockOnly(s, now);
  const n = ++s.pass;
  const nowMs = now.getTime();
  const ctx: FindingContext = { now, settings: s.settings };
  const removed = new Set<Finding>();
  const added: Finding[] = [];
  const drop = (fs: readonly Finding[]) => {
    for (const f of fs) removed.add(f);
  };
  const put = (fs: readonly Finding[]) => {
    for (const f of fs) added.push(f);
  };

  // Stores, matched to the last pass's by position first (an edit keeps the order), else by id.
  const storeOrder: StoreState[] = new Array<StoreState>(vault.stores.length);
  for (let i = 0, j = 0; i < vault.stores.length; i++) {
    const store = vault.stores[i]!;
    let st = s.storeOrder[j];
    if (st && st.store.id === store.id) j++;
    else if ((st = s.stores.get(store.id))) j = st.index + 1;
    if (st) {
      if (st.seen === n) return UNSUPPORTED;
      st.changed = !sameStoreReads(st.store, store);
      if (st.changed) {
        st.module = s.catalog.find(store.provider);
        st.store = store;
      }
      st.dirty = false;
    } else {
      s.stores.set(
        store.id,
        (st = {
          store,
          module: s.catalog.find(store.provider),
          index: i,
          seen: n,
          slots: [],
          members: new Set(),
          changed: true,
          dirty: false,
        }),
      );
    }
    st.index = i;
    st.seen = n;
    storeOrder[i] = st;
  }
  const storeOf = (id: string): StoreState | undefined => {
    const st = s.stores.get(id);
    return st && st.seen === n ? st : undefined;
  };

  const accountsChanged = !sameItems(s.accounts, accounts);
  if (accountsChanged) {
    s.accounts = accounts && accounts.slice(); // A copy, like seenTokens: a listing edited in place is still seen to change.
    s.inKeychain = accounts ? new Set(accounts) : null;
  }

  const prints = new Set<string>(); // Fingerprints whose duplicate findings to redo.
  let knownChanged = false;
  const forget = (e: TokenState) => {
    drop(e.expiry);
    drop(e.rules);
    if (e.missing) removed.add(e.missing);
    if (e.duplicate) removed.add(e.duplicate);
    e.expiry = e.rules = [];
    e.missing = e.duplicate = null;
    const print = printOf(e);
    if (print) {
      prints.add(print);
      const group = s.byPrint.get(print)!;
      group.delete(e);
      if (!group.size) s.byPrint.delete(print);
    }
    if (e.store) {
      e.store.dirty = true;
      e.store.members.delete(e);
    }
  };
  const judge = (e: TokenState, view: TokenView) => {
    put((e.rules = tokenFindings(view, ctx)));
    const print = printOf(e);
    if (print) {
      prints.add(print);
      const group = s.byPrint.get(print);
      if (group) group.add(e);
      else s.byPrint.set(print, new Set([e]));
    }
    e.store!.dirty = true;
    e.store!.members.add(e);
  };
  const judgeExpiry = (e: TokenState, view: TokenView) => {
    put((e.expiry = expiryFindings(view, ctx)));
    ({ from: e.from, until: e.until } = expiryWindow(view, s.settings, nowMs));
  };

  // Tokens, matched like the stores; a token whose read fields and store are unchanged keeps its findings.
  const order: TokenState[] = new Array<TokenState>(vault.tokens.length);
  const fromAt = new Float64Array(vault.tokens.length).fill(-Infinity);
  const untilAt = new Float64Array(vault.tokens.length).fill(Infinity);
  const before = s.tokens.size;
  let matched = 0;
  let lastIndex = -1;
  for (let i = 0, j = 0; i < vault.tokens.length; i++) {
    const token = vault.tokens[i]!;
    let e = s.order[j];
    if (e && e.token.id === token.id) j++;
    else if ((e = s.tokens.get(token.id))) j = e.index + 1;
    let changed = true;
    // An unchanged token keeps the object it was first seen as: pointing old state at each new copy costs more than comparing.
    if (e) {
      if (e.seen === n) return UNSUPPORTED;
      if (e.index <= lastIndex) return REORDERED;
      lastIndex = e.index;
      matched++;
      const same = e.token === token || sameTokenReads(e.token, token);
      const store = same && e.store?.seen === n ? e.store : storeOf(token.storeId);
      changed = !same || e.store !== store || (store !== undefined && store.changed);
      if (changed) {
        const wasKnown = isKnown(e);
        forget(e);
        e.view = store ? viewOf(token, store.store, store.module) : null;
        e.token = token;
        e.store = store;
        if (wasKnown !== isKnown(e)) knownChanged = true;
      }
    } else {
      const store = storeOf(token.storeId);
      const view = store ? viewOf(token, store.store, store.module) : null;
      s.tokens.set(
        token.id,
        (e = {
          token,
          store,
          view,
          index: i,
          seen: n,
          expiry: [],
          rules: [],
          from: 0,
          until: 0,
          missing: null,
          duplicate: null,
        }),
      );
      if (isKnown(e)) knownChanged = true;
    }
    e.index = i;
    e.seen = n;
    order[i] = e;
    const view = e.view;
    if (!view) continue;
    if (changed) {
      judge(e, view);
      judgeExpiry(e, view);
    } else if (nowMs < e.from || nowMs >= e.until) {
      drop(e.expiry);
      judgeExpiry(e, view);
    }
    fromAt[i] = e.from;
    untilAt[i] = e.until;
    if (changed || accountsChanged) {
      const wanted = s.inKeychain !== null && isKnown(e) && !s.inKeychain.has(token.id);
      if (wanted !== (e.missing !== null)) {
        if (e.missing) removed.add(e.missing);
        e.missing = wanted ? missingSecretFinding(view) : null;
        if (e.missing) added.push(e.missing);
      }
    }
  }
  if (matched < before) {
    for (const [id, e] of s.tokens) {
      if (e.seen === n) continue;
      if (isKnown(e)) knownChanged = true;
      forget(e);
      s.tokens.delete(id);
    }
  }
  if (s.stores.size > storeOrder.length) {
    for (const [id, st] of s.stores) {
      if (st.seen === n) continue;
      drop(st.slots);
      s.stores.delete(id);
    }
  }
  s.order = order;
  s.storeOrder = storeOrder;
  // Copies: a caller may edit its arrays in place and ask again.
  s.seenTokens = vault.tokens.slice();
  s.seenStores = vault.stores.slice();
  s.fromAt = fromAt;
  s.untilAt = untilAt;
  s.latestFrom = fromAt.reduce((a, b) => Math.max(a, b), -Infinity);
  s.earliestUntil = untilAt.reduce((a, b) => Math.min(a, b), Infinity);

  for (const st of storeOrder) {
    if (!st.changed && !st.dirty) continue;
    drop(st.slots);
    put((st.slots = storeSlots(st)));
  }
  for (const print of prints) redoDuplicates(s.byPrint.get(print), removed, added);
  if (accountsChanged || knownChanged) {
    drop(s.orphans);
    s.orphans = [];
    for (const account of s.inKeychain ?? []) {
      const e = s.tokens.get(account);
      if (!e || !isKnown(e)) s.orphans.push(orphanSecretFinding(account));
    }
    put(s.orphans);
  }

  return sortedAnswer(s, removed, added);
}
