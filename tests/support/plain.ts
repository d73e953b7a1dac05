// Comparing plain (JSON-shaped) data strictly, for tests of validators that must hand back exactly what they were given.

const isPlainObject = (value: object): boolean => {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
};

/** Same own keys in the same order, and `same` holds for each pair of values. */
function sameEntries(a: object, b: object, same: (x: unknown, y: unknown) => boolean): boolean {
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  return ka.every((k, i) => k === kb[i] && same(x[k], y[k]));
}

/**
 * True when `a` and `b` are the same JSON-shaped value: same primitives (Object.is), same array lengths and
 * items (no holes), same own keys in the same order. Anything not a plain object or array compares by identity,
 * so "equal" means JSON.stringify and any schema see the same thing (stricter than toEqual: key order, -0, holes).
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
    for (let i = 0; i < x.length; i++) if (!(i in x) || !(i in y) || !samePlain(x[i], y[i])) return false;
    return Object.keys(x).length === x.length && Object.keys(y).length === y.length;
  }
  if (!isPlainObject(a) || !isPlainObject(b)) return false;
  return sameEntries(a, b, samePlain);
}
