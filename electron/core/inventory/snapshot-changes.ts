import {
  VAULT_CHANGES_MAX,
  type Client,
  type StoreProfile,
  type Token,
  type TokenSummary,
  type VaultListChanges,
} from '../../contract';
import type { VaultData } from '../vault/vault-data';

const summaries = new WeakMap<Token, TokenSummary>();
/** Below this many changed elements, changes are sent however small the vault. */
const SMALL = 64;

/** A token as the snapshot carries it (no check history): one object per token object, however often asked. */
export function tokenSummary(token: Token): TokenSummary {
  let summary = summaries.get(token);
  if (!summary) {
    const { checkHistory: _history, ...rest } = token;
    summaries.set(token, (summary = rest));
  }
  return summary;
}

export interface SnapshotListChanges {
  clients: VaultListChanges<Client>;
  stores: VaultListChanges<StoreProfile>;
  tokens: VaultListChanges<TokenSummary>;
}

/**
 * `next` as changes to `old`, or null when sending the whole snapshot is as good (most changed) or the only
 * way (an element moved). Relies on a saved change keeping untouched elements' objects (draftOf): an
 * element not in `old` by identity is sent, so a missed identity costs bytes, never correctness.
 */
export function snapshotChanges(old: VaultData, next: VaultData): SnapshotListChanges | null {
  const clients = listChanges(old.clients, next.clients, (c) => c);
  const stores = clients && listChanges(old.stores, next.stores, (s) => s);
  const tokens = stores && listChanges(old.tokens, next.tokens, tokenSummary);
  if (!clients || !stores || !tokens) return null;
  const size = (l: VaultListChanges<unknown>) => l.put.length + l.removed.length;
  const total = size(clients) + size(stores) + size(tokens);
  const mostChanged = total > SMALL && total > (next.clients.length + next.stores.length + next.tokens.length) / 2;
  return total > VAULT_CHANGES_MAX || mostChanged ? null : { clients, stores, tokens };
}

/**
 * Elements of `next` that are not elements of `old`, and ids of `old` gone from `next`; null when `next`'s
 * order is not `old`'s without the removed ones followed by the new ones, the one order the receiver rebuilds.
 */
export function listChanges<T extends { id: string }, S>(
  old: readonly T[],
  next: readonly T[],
  view: (item: T) => S,
): VaultListChanges<S> | null {
  // The usual change (edits, no element added or removed): a walk side by side, no set of 10,000 built.
  if (old.length === next.length) {
    const put: S[] = [];
    let at = 0;
    for (; at < next.length; at++) {
      if (old[at] === next[at]) continue;
      if (old[at]!.id !== next[at]!.id) break;
      put.push(view(next[at]!));
    }
    if (at === next.length) return { put, removed: [] };
  }
  const before = new Set(old);
  const nextIds = new Set<string>();
  const put: S[] = [];
  for (const item of next) {
    nextIds.add(item.id);
    if (!before.has(item)) put.push(view(item));
  }
  const removed: string[] = [];
  let at = 0;
  for (const item of old) {
    if (!nextIds.has(item.id)) removed.push(item.id);
    else if (next[at++]?.id !== item.id) return null;
  }
  const oldIds = new Set(old.map((o) => o.id));
  for (; at < next.length; at++) if (oldIds.has(next[at]!.id)) return null;
  return { put, removed };
}
