import type { Finding } from '../../contract';

/**
 * Remembers the last findings for the same vault revision, keychain entries and minute: the nav badge,
 * dashboard and findings view ask together, and at 10,000 tokens each computation costs a few hundred ms.
 */
export function createFindingsCache(): (key: { revision: number; accounts: readonly string[] | null; now: Date }, compute: () => Finding[]) => Finding[] {
  let last: { key: string; value: Finding[] } | null = null;
  return ({ revision, accounts, now }, compute) => {
    const key = `${revision}|${Math.floor(now.getTime() / 60_000)}|${accounts ? [...accounts].sort().join(',') : 'unknown'}`;
    if (last?.key !== key) last = { key, value: compute() };
    return last.value;
  };
}
