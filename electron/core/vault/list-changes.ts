/** What changed in one list: elements new or changed, and ids removed. */
export type ListChanges<T> = { put: T[]; removed: string[] };

/**
 * Elements of `next` that are not elements of `old`, and ids of `old` gone from `next`; null when `next`'s
 * order is not `old`'s without the removed ones followed by the new ones (the repository then rewrites the list).
 */
export function listChanges<T extends { id: string }, S>(
  old: readonly T[],
  next: readonly T[],
  view: (item: T) => S,
): ListChanges<S> | null {
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
