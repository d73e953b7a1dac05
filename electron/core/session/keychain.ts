import type { Logger, SecretStore } from '../ports';
import { KeychainTransaction } from '../secrets/keychain-transaction';
import type { SecretIntents } from '../secrets/secret-intents';
import type { FrozenVault } from '../vault/plain-data';

/**
 * The ordering rule for one process (see KeychainTransaction): a secret is written under a fresh account
 * before the change that points at it commits; what a change replaced or dropped is deleted after it.
 */
export class Keychain {
  /** Intent files of this process's actions in progress: recovery must not settle them. */
  readonly live = new Set<string>();

  constructor(
    readonly secrets: SecretStore,
    readonly intents: SecretIntents,
    private readonly logger: Logger,
    private readonly current: () => Promise<FrozenVault>,
  ) {}

  /**
   * Runs one user action under the ordering rule: whether it commits or fails, the accounts it noted are
   * then settled against the vault as it stands.
   */
  async run<T>(
    work: (tx: KeychainTransaction) => Promise<T>,
    onSettled?: (counts: { deleted: number; failed: number }) => void,
  ): Promise<T> {
    const tx = new KeychainTransaction(this.secrets, this.intents);
    const file = { current: '' };
    tx.onIntent = (path) => this.live.add((file.current = path));
    try {
      return await work(tx);
    } finally {
      const settled = await this.current()
        .then((data) => tx.settle(data.tokens))
        .catch(() => null);
      this.live.delete(file.current);
      if (settled) onSettled?.(settled);
      if (!settled || settled.failed)
        this.logger.warn('keychain entries left for recovery', { failed: settled?.failed ?? -1 });
    }
  }
}
