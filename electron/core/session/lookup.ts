import { randomUUID } from 'node:crypto';
import { AppError, notFound } from '../errors';
import { editable, type Draft, type Editable } from '../vault/plain-data';

/** The element with `id`, made editable in the draft list (see editable); not_found when there is none. */
export function find<T extends { readonly id: string }>(items: T[], id: string, what: string): Editable<T> {
  const at = positionOf(items, id, what);
  if (at < 0) throw notFound(what, id);
  return editable(items, at);
}

/** The element with `id`, read-only (still base's: a copy would be saved as a change); not_found when there is none. */
export function lookup<T extends { readonly id: string }>(items: readonly T[], id: string, what: string): T {
  const found = items[positionOf(items, id, what)];
  if (!found) throw notFound(what, id);
  return found;
}

/**
 * Where each id last stood in each kind of list. A change seldom moves elements, so the remembered place is
 * checked (one comparison) and the map is rebuilt only when it is wrong: a lookup costs the same at 100,000 tokens.
 */
const positions = new Map<string, Map<string, number>>();
export function positionOf(items: readonly { readonly id: string }[], id: string, what: string): number {
  const known = positions.get(what)?.get(id);
  if (known !== undefined && items[known]?.id === id) return known;
  const map = new Map<string, number>();
  items.forEach((item, i) => map.set(item.id, i));
  positions.set(what, map);
  return map.get(id) ?? -1;
}

export function assertUniqueName(existing: readonly string[], name: string, what: string): void {
  const wanted = name.toLocaleLowerCase();
  if (existing.some((n) => n.toLocaleLowerCase() === wanted)) {
    throw new AppError('conflict', `A ${what} named "${name}" already exists.`, { name: 'already in use' });
  }
}

export function throwIfProblems(problems: Record<string, string>): void {
  const keys = Object.keys(problems);
  if (keys.length === 0) return;
  throw new AppError('invalid_input', keys.map((k) => problems[k]).join('; '), problems);
}

export function throwIfRuleProblem(
  problem: { code: 'rule_violation'; message: string; fields?: Record<string, string> } | null,
): void {
  if (problem) throw new AppError(problem.code, problem.message, problem.fields);
}

/** The vault's keychain namespace, given to a vault that has none yet (it commits with the first entry that uses it). */
export function vaultIdOf(data: Draft): string {
  data.vaultId ??= randomUUID();
  return data.vaultId;
}
