// Drafts of the vault for a change, and comparing its plain (JSON-shaped) data, without structuredClone's
// serialise-and-rebuild round trip, which costs ~300 ms for a 10,000-token vault.

const OBJECT_PROTO = Object.prototype;

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === OBJECT_PROTO || proto === null;
}

/**
 * The draft a vault change is applied to, copy-on-write: the vault object, its three lists and every client,
 * store and token are new objects; what they hold (settings, identifiers, scopes, secret facts, checks, custom
 * providers) is shared with `base`. Copying the whole vault instead (structuredClone) costs ~300 ms at 10,000
 * tokens. This is safe because the inventory's appliers only push to or assign into the lists, set properties
 * of a client, store or token, and replace (never edit in place) anything nested; tests/unit/vault/draft.test.ts
 * runs every change against a vault whose nested objects are frozen to keep it that way.
 */
export function draftOf<T extends { clients: readonly object[]; stores: readonly object[]; tokens: readonly object[] }>(base: T): T {
  return {
    ...base,
    clients: base.clients.map((c) => ({ ...c })),
    stores: base.stores.map((s) => ({ ...s })),
    tokens: base.tokens.map((t) => ({ ...t })),
  };
}

type Lists = { clients: readonly object[]; stores: readonly object[]; tokens: readonly object[] };

/**
 * After a saved change: puts `base`'s own client, store and token objects back into `draft` wherever the
 * draft's copy still holds exactly what base's did (draftOf shares what they hold, so a shallow look suffices).
 * Unchanged elements then keep their identity from one revision to the next, which readers that remember
 * work per object (the findings engine) rely on to skip them.
 */
export function keepUnchanged(draft: Lists, base: Lists): void {
  for (const section of ['clients', 'stores', 'tokens'] as const) {
    const copies = draft[section] as object[];
    const originals = base[section];
    let byId: Map<unknown, object> | null = null;
    for (let i = 0; i < copies.length; i++) {
      const copy = copies[i]!;
      const id = (copy as { id?: unknown }).id;
      let original: object | undefined = originals[i];
      if (original === undefined || (original as { id?: unknown }).id !== id) {
        // Something was added or removed before this one: find its original by id.
        byId ??= new Map(originals.map((o) => [(o as { id?: unknown }).id, o]));
        original = byId.get(id);
      }
      if (original && original !== copy && sameEntries(copy, original, Object.is)) copies[i] = original;
    }
  }
}

/** Same own keys in the same order, and `same` holds for each pair of values. */
function sameEntries(a: object, b: object, same: (x: unknown, y: unknown) => boolean): boolean {
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  for (let i = 0; i < ka.length; i++) {
    const k = ka[i]!;
    if (k !== kb[i] || !same(x[k], y[k])) return false;
  }
  return true;
}

/**
 * True when `a` and `b` are the same JSON-shaped value: same primitives (Object.is), same array lengths and
 * items, same own keys in the same order. Anything that is not a plain object or array compares by identity,
 * so the answer is conservative: "equal" means JSON.stringify and any schema see the same thing.
 */
export function samePlain(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const aArr = Array.isArray(a);
  if (aArr !== Array.isArray(b)) return false;
  if (aArr) {
    const x = a as unknown[];
    const y = b as unknown[];
    if (Object.getPrototypeOf(x) !== Array.prototype || Object.getPrototypeOf(y) !== Array.prototype) return false;
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) {
      if (!(i in x) || !(i in y) || !samePlain(x[i], y[i])) return false;
    }
    return Object.keys(x).length === x.length && Object.keys(y).length === y.length;
  }
  if (!isPlainObject(a) || !isPlainObject(b)) return false;
  return sameEntries(a, b, samePlain);
}
