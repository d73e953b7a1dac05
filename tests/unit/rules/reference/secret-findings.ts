// FROZEN REFERENCE: the findings engine as it was before the performance work (commit 13d187f), kept only so
// tests/unit/rules/findings-equivalence.test.ts can prove the faster engine gives identical output. Do not edit.
import type { Finding } from '../../../../electron/contract';
import { describe, isRetired, tokenSubject, type TokenView } from './context';

/** The same secret value recorded under more than one token (equal SHA-256 fingerprints). */
export function duplicateFindings(views: readonly TokenView[]): Finding[] {
  const byPrint = new Map<string, TokenView[]>();
  for (const v of views) {
    const print = v.token.secret?.fingerprint;
    if (!print) continue;
    const group = byPrint.get(print);
    if (group) group.push(v);
    else byPrint.set(print, [v]);
  }
  return [...byPrint.values()]
    .filter((group) => group.length > 1)
    .flatMap((group) =>
      group.map((v): Finding => ({
        id: `duplicate_secret:${v.token.id}`,
        kind: 'duplicate_secret',
        severity: 'warning',
        subject: tokenSubject(v),
        message: `${describe(v)} holds the same secret (${v.token.secret?.masked ?? 'masked'}) as ${group
          .filter((o) => o !== v)
          .map(describe)
          .join(', ')}.`,
        action: 'Keep one record: delete the duplicate, or paste the right secret into the one that is wrong.',
      })),
    );
}

/** Metadata that says a secret is stored but the keychain has none, and keychain entries no metadata knows about. */
export function keychainFindings(views: readonly TokenView[], accounts: readonly string[]): Finding[] {
  const inKeychain = new Set(accounts);
  const known = new Set(views.filter((v) => v.token.secret).map((v) => v.token.id));
  const missing = views
    .filter((v) => v.token.secret && !inKeychain.has(v.token.id))
    .map((v): Finding => ({
      id: `secret_missing:${v.token.id}`,
      kind: 'secret_missing',
      severity: isRetired(v.token) ? 'info' : 'critical',
      subject: tokenSubject(v),
      message: `The keychain has no secret for ${describe(v)} (${v.token.secret?.masked ?? 'masked'}), though Keyward recorded one.`,
      action: 'Paste the token again if you still have it; otherwise create a new one at the provider and paste that.',
    }));
  const orphans = [...inKeychain]
    .filter((a) => !known.has(a))
    .map((account): Finding => ({
      id: `orphan_secret:${account.slice(0, 200)}`,
      kind: 'orphan_secret',
      severity: 'warning',
      subject: { keychainAccount: account.slice(0, 200) },
      message: `The keychain holds a Keyward secret (entry ${account.slice(0, 60)}) that no token in the vault refers to.`,
      action: 'Restore the vault from its backup if a token is missing; otherwise remove the entry from the keychain.',
    }));
  return [...missing, ...orphans];
}
