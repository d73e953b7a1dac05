/** What changed in one list: elements new or changed, and ids removed. */
export type ListChanges<T> = { put: T[]; removed: string[] };

/** One list's changes with the elements they replace: null when the order changed (the list is rewritten). */
export type ListDiff<T> = { changed: { before: T | null; after: T }[]; removed: T[] } | null;

/** The last diff of each list, by the list that came out of the change: one walk serves every reader of it. */
const diffs = new WeakMap<readonly object[], { old: readonly object[]; diff: ListDiff<object> }>();

/**
 * Elements of `next` that are not elements of `old` (with the element of the same id they replace), and
 * elements of `old` whose id is gone from `next`; null when `next`'s order is not `old`'s without the removed
 * ones followed by the new ones. A change's lists are read after it, so the answer is kept per (old, next).
 */
export function diffList<T extends { id: string }>(old: readonly T[], next: readonly T[]): ListDiff<T> {
  const hit = diffs.get(next);
  if (hit && hit.old === old) return hit.diff as ListDiff<T>;
  const diff = computeDiff(old, next);
  diffs.set(next, { old, diff });
  return diff;
}

function computeDiff<T extends { id: string }>(old: readonly T[], next: readonly T[]): ListDiff<T> {
  // The usual change (edits, no element added or removed): a walk side by side, no set of 10,000 built.
  if (old.length === next.length) {
    const changed: { before: T; after: T }[] = [];
    let at = 0;
    for (; at < next.length; at++) {
      if (old[at] === next[at]) continue;
      if (old[at]!.id !== next[at]!.id) break;
      changed.push({ before: old[at]!, after: next[at]! });
    }
    if (at === next.length) return { changed, removed: [] };
  }
  const before = new Set(old);
  const oldById = new Map(old.map((o) => [o.id, o]));
  const nextIds = new Set<string>();
  const changed: { before: T | null; after: T }[] = [];
  for (const item of next) {
    nextIds.add(item.id);
    if (!before.has(item)) changed.push({ before: oldById.get(item.id) ?? null, after: item });
  }
  const removed: T[] = [];
  let at = 0;
  for (const item of old) {
    if (!nextIds.has(item.id)) removed.push(item);
    else if (next[at++]?.id !== item.id) return null;
  }
  for (; at < next.length; at++) if (oldById.has(next[at]!.id)) return null;
  return { changed, removed };
}

/** `diffList` as the repository writes it: the changed elements through `view`, and the removed ids. */
export function listChanges<T extends { id: string }, S>(
  old: readonly T[],
  next: readonly T[],
  view: (item: T) => S,
): ListChanges<S> | null {
  const diff = diffList(old, next);
  return diff && { put: diff.changed.map((c) => view(c.after)), removed: diff.removed.map((r) => r.id) };
}
