// Pure (no window, no api): the unit tests check it against main's answers.
import type { VaultListChanges, VaultSnapshot, VaultSnapshotChanges } from '../../electron/contract';

type Changes = Extract<VaultSnapshotChanges, { kind: 'changes' }>;

/**
 * `snapshot` with main's changes applied, or null when they start from another revision or reading. Lists with nothing
 * changed stay the same array, so views memoised on them do not recompute.
 */
export function applyVaultChanges(snapshot: VaultSnapshot, changes: Changes): VaultSnapshot | null {
  if (changes.since !== snapshot.revision || changes.readId !== snapshot.readId) return null;
  return {
    revision: changes.revision,
    readId: changes.readId,
    clients: applyList(snapshot.clients, changes.clients),
    stores: applyList(snapshot.stores, changes.stores),
    tokens: applyList(snapshot.tokens, changes.tokens),
    keychain: changes.keychain,
    notices: changes.notices,
  };
}

/** The old order less the removed, the put ones replaced in place, the other put ones appended in their order. */
function applyList<T extends { id: string }>(list: T[], { put, removed }: VaultListChanges<T>): T[] {
  if (put.length === 0 && removed.length === 0) return list;
  const gone = new Set(removed);
  const fresh = new Map(put.map((item) => [item.id, item]));
  const out: T[] = [];
  for (const item of list) {
    if (gone.has(item.id)) continue;
    const replaced = fresh.get(item.id);
    if (replaced) fresh.delete(item.id);
    out.push(replaced ?? item);
  }
  for (const item of fresh.values()) out.push(item);
  return out;
}
