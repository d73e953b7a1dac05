import type { Clock, SecretStore } from '../ports';

/** How long a keychain listing is reused; changes made through this store show at once, others within this. */
export const ACCOUNTS_TTL_MS = 30_000;

/**
 * A SecretStore that remembers its account listing for a while: listing reads every keychain entry, too slow
 * per keystroke. Values are never cached; an unchanged listing is the same array, comparable by identity.
 */
export class CachedAccountsSecretStore implements SecretStore {
  private listing: { accounts: string[]; at: number } | null = null;
  private pending: Promise<string[]> | null = null;
  /** Bumped by every change, so a listing that started before a change is not kept after it. */
  private generation = 0;

  constructor(
    private readonly inner: SecretStore,
    private readonly clock: Clock,
    private readonly ttlMs = ACCOUNTS_TTL_MS,
  ) {}

  get(account: string): Promise<string | null> {
    return this.inner.get(account);
  }

  async set(account: string, value: string): Promise<void> {
    try {
      await this.inner.set(account, value);
    } finally {
      this.changed();
    }
  }

  async delete(account: string): Promise<boolean> {
    try {
      return await this.inner.delete(account);
    } finally {
      this.changed();
    }
  }

  /** The next listing reads the keychain again (the user asked to re-read it). */
  forget(): void {
    this.changed();
  }

  private changed(): void {
    this.generation++;
    this.listing = null;
    this.pending = null;
  }

  accounts(): Promise<string[]> {
    const now = this.clock.now().getTime();
    if (this.listing && now - this.listing.at < this.ttlMs && now >= this.listing.at)
      return Promise.resolve(this.listing.accounts);
    // Callers asking together share one listing.
    if (this.pending) return this.pending;
    const generation = this.generation;
    const pending = this.inner.accounts().then((accounts) => {
      if (generation === this.generation) this.listing = { accounts, at: this.clock.now().getTime() };
      return accounts;
    });
    this.pending = pending;
    void pending
      .finally(() => {
        if (this.pending === pending) this.pending = null;
      })
      .catch(() => undefined);
    return pending;
  }

  state() {
    return this.inner.state();
  }
}
