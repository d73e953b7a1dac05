import type { Finding } from '../../contract';

const accountsKey = (accounts: readonly string[] | null): string =>
  accounts ? [...accounts].sort().join(',') : 'unknown';

/**
 * Remembers the last findings for the same vault revision, keychain entries and minute: the nav badge,
 * dashboard, findings view and every inventory page ask, and at 10,000 tokens each computation costs tens of ms.
 * The same listing array (the cached keychain listing) is recognised without sorting 10,000 account names;
 * another array is sorted only when the revision and minute match (sorting costs ms at 10,000 names).
 */
export function createFindingsCache(): (
  key: { revision: number; accounts: readonly string[] | null; now: Date },
  compute: () => Finding[],
) => Finding[] {
  let last: {
    revision: number;
    minute: number;
    accounts: readonly string[] | null;
    accountsKey: string | null;
    value: Finding[];
  } | null = null;
  return ({ revision, accounts, now }, compute) => {
    const minute = Math.floor(now.getTime() / 60_000);
    if (
      last &&
      last.revision === revision &&
      last.minute === minute &&
      (last.accounts === accounts || (last.accountsKey ??= accountsKey(last.accounts)) === accountsKey(accounts))
    ) {
      last.accounts = accounts;
      return last.value;
    }
    last = { revision, minute, accounts, accountsKey: null, value: compute() };
    return last.value;
  };
}
