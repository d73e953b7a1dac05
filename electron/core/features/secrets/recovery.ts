import { accountOf, ownedBy, tokenIdOf } from '../../secrets/accounts';
import { sha256Hex } from '../../secrets/fingerprint';
import { settleIntent } from '../../secrets/keychain-transaction';
import type { Session } from '../../session/session';
import { vaultIdOf } from '../../session/lookup';
import { editable, type FrozenVault } from '../../vault/plain-data';

export type SecretsFeature = ReturnType<typeof secretsFeature>;

/** Keychain recovery at start and the keychain's entries as findings count them. */
export function secretsFeature(session: Session) {
  const { secrets, intents, live } = session.keychain;
  let accountView: { raw: string[]; data: FrozenVault; view: string[] } | null = null;
  return {
    /**
     * Settles what earlier processes left in flight, then moves entries written before namespacing (account =
     * token id) under this vault's namespace by the same ordering rule. Runs at start (app, host, CLI).
     */
    async recover(): Promise<{ settled: number; adopted: number }> {
      let settled = 0;
      for (const intent of await intents.abandoned(live)) {
        const data = await session.vault();
        const done = await settleIntent(secrets, intents, intent, data.tokens);
        if (done.failed === 0) settled++;
      }
      const data = await session.vault();
      const legacy = data.tokens.filter((t) => t.secret && !t.secret.account);
      if (legacy.length === 0 && data.vaultId) return { settled, adopted: 0 };
      const values = new Map<string, string>();
      let others: string[] | null = null;
      for (const t of legacy) {
        let value = await secrets.get(t.id);
        if (value === null || sha256Hex(value) !== t.secret!.fingerprint) {
          // A copy of this vault opened by a newer Keyward first may hold the value under its own namespace.
          others ??= await secrets.accounts();
          value = null;
          for (const account of others.filter((a) => tokenIdOf(a) === t.id)) {
            const candidate = await secrets.get(account);
            if (candidate !== null && sha256Hex(candidate) === t.secret!.fingerprint) value = candidate;
          }
        }
        if (value !== null) values.set(t.id, value);
      }
      await session.keychain.run((tx) =>
        session.transaction(async (draft) => {
          const vaultId = vaultIdOf(draft);
          let kept = 0;
          for (const [i, found] of draft.tokens.entries()) {
            if (!found.secret || found.secret.account) continue;
            const value = values.get(found.id);
            const t = editable(draft.tokens, i);
            if (value === undefined || sha256Hex(value) !== found.secret.fingerprint) {
              // Found nowhere with its fingerprint: it keeps pointing at its old entry, now by name, so later starts do not search again.
              t.secret = { ...found.secret, account: t.id };
              kept++;
              continue;
            }
            await tx.retire([t.id]);
            t.secret = { ...found.secret, account: await tx.write(vaultId, t.id, value) };
          }
          const summary = `Moved ${values.size} keychain entr${values.size === 1 ? 'y' : 'ies'} under this vault's own namespace${kept ? `; ${kept} not found with their fingerprint keep their old entry name` : ''}`;
          return {
            result: null,
            change: { action: 'vault.keychain.namespace', subject: { type: 'vault', id: 'keychain' }, summary },
          };
        }),
      );
      return { settled, adopted: values.size };
    },

    /** Keychain accounts as findings count them: tokens' own entries by token id, this vault's unknown entries by account. */
    async accounts(): Promise<string[] | null> {
      const [data, accounts] = await Promise.all([session.vault(), secrets.accounts().catch(() => null)]);
      if (accounts === null) return null;
      if (accountView?.raw === accounts && accountView.data === data) return accountView.view;
      const byAccount = new Map<string, string>();
      for (const t of data.tokens) if (t.secret) byAccount.set(accountOf(t), t.id);
      const view: string[] = [];
      for (const account of accounts) {
        const tokenId = byAccount.get(account);
        if (tokenId !== undefined) view.push(tokenId);
        else if (data.vaultId && ownedBy(data.vaultId, account)) view.push(account);
      }
      accountView = { raw: accounts, data, view };
      return view;
    },
  };
}
