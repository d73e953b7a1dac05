import type { KeychainState } from '../../contract';
import { keychainUnavailable } from '../errors';
import type { SecretStore } from '../ports';

/** In-memory SecretStore for unit tests and the test host's --memory-secrets mode. */
export class MemorySecretStore implements SecretStore {
  private readonly values = new Map<string, string>();
  /** Tests flip this to act out a locked or missing keychain. */
  available = true;

  async get(account: string): Promise<string | null> {
    this.guard();
    return this.values.get(account) ?? null;
  }
  async set(account: string, value: string): Promise<void> {
    this.guard();
    this.values.set(account, value);
  }
  async delete(account: string): Promise<boolean> {
    this.guard();
    return this.values.delete(account);
  }
  async accounts(): Promise<string[]> {
    this.guard();
    return [...this.values.keys()];
  }
  async state(): Promise<KeychainState> {
    return this.available
      ? { available: true, message: 'In-memory secret store (test mode).' }
      : { available: false, message: 'The keychain is locked or not running.' };
  }
  private guard(): void {
    if (!this.available) throw keychainUnavailable('locked or not running');
  }
}
