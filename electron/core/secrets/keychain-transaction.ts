import type { Token } from '../../contract';
import type { SecretStore } from '../ports';
import { freshAccount } from './accounts';
import type { Intent, SecretIntents } from './secret-intents';

/**
 * The ordering rule for one user action: a new value is noted, then written under a fresh account, before the
 * change pointing at it commits; a dropped account is noted before and deleted after. `settle` (or recovery after
 * a crash) deletes every noted account the vault does not point at: never a token whose secret is gone.
 */
export class KeychainTransaction {
  private intent: Intent | null = null;
  private readonly staged = new Set<string>();
  /** Told the intent file's path once it exists (the caller keeps recovery away from it). */
  onIntent: ((file: string) => void) | null = null;

  constructor(
    private readonly secrets: SecretStore,
    private readonly intents: SecretIntents,
  ) {}

  /** Notes accounts durably before any keychain write or delete touches them. */
  async note(accounts: readonly string[]): Promise<void> {
    const fresh = accounts.filter((a) => !this.staged.has(a));
    if (fresh.length === 0) return;
    if (this.intent) await this.intents.add(this.intent, fresh);
    else {
      this.intent = await this.intents.begin(fresh);
      this.onIntent?.(this.intent.file);
    }
    for (const a of fresh) this.staged.add(a);
  }

  /** Writes a value under a new account (or `account`, noted already) and answers the account. */
  async write(
    vaultId: string,
    tokenId: string,
    value: string,
    account = freshAccount(vaultId, tokenId),
  ): Promise<string> {
    await this.note([account]);
    await this.secrets.set(account, value);
    return account;
  }

  /** Marks accounts for deletion once the change that stops pointing at them has committed. */
  retire(accounts: readonly string[]): Promise<void> {
    return this.note(accounts);
  }

  /**
   * After the change committed or failed: deletes each noted account that `tokens` (the vault as it now
   * stands) does not point at. The intent stays when the keychain could not confirm a delete, for recovery.
   */
  async settle(tokens: readonly Pick<Token, 'id' | 'secret'>[]): Promise<{ deleted: number; failed: number }> {
    const intent = this.intent;
    if (!intent) return { deleted: 0, failed: 0 };
    this.intent = null;
    return settleIntent(this.secrets, this.intents, intent, tokens);
  }
}

/** Deletes an intent's accounts that the vault does not point at, then drops the intent when every delete went through. */
export async function settleIntent(
  secrets: SecretStore,
  intents: SecretIntents,
  intent: Intent,
  tokens: readonly Pick<Token, 'id' | 'secret'>[],
): Promise<{ deleted: number; failed: number }> {
  const noted = new Set(intent.accounts);
  for (const t of tokens) if (t.secret) noted.delete(t.secret.account ?? t.id);
  let deleted = 0;
  let failed = 0;
  for (const account of noted) {
    try {
      if (await secrets.delete(account)) deleted++;
    } catch {
      failed++;
    }
  }
  if (failed === 0) await intents.settle(intent);
  return { deleted, failed };
}
