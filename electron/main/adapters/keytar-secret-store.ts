import type { KeychainState } from '../../contract';
import { keychainUnavailable } from '../../core/errors';
import type { SecretStore } from '../../core/ports';

type Keytar = typeof import('keytar'); // eslint-disable-line @typescript-eslint/consistent-type-imports -- keytar loads lazily

export const KEYCHAIN_SERVICE = 'Keyward';
const PROBE_ACCOUNT = 'keyward-probe';

/** Why the OS keychain refused, in words without any secret (keytar's messages carry none). */
function reason(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  if (/autolaunch|DBUS|D-Bus|org\.freedesktop\.secrets|ServiceUnknown/i.test(text))
    return 'no Secret Service is running';
  if (/locked|dismissed|cancel/i.test(text)) return 'the keychain is locked or the request was dismissed';
  if (/denied|not allowed|authoriz/i.test(text)) return 'access to the keychain was denied';
  return text.slice(0, 120);
}

/** What a locked keyring answers: reads come back empty, so "missing" could not be told from "locked". */
export const KEYCHAIN_LOCKED = 'the keychain is locked: secrets could not be verified';
const CHECK_VALUE = 'Keyward keychain check (not a secret)';

/**
 * The OS keychain through keytar: service "Keyward", one account per stored value. A locked Secret Service
 * answers reads with "not found" and deletes with "false", and keytar's listing crashes the process; so a
 * check entry (PROBE_ACCOUNT, no secret) tells locked from empty before any answer is trusted.
 */
export class KeytarSecretStore implements SecretStore {
  private keytar: Keytar | null = null;
  constructor(private readonly service: string = KEYCHAIN_SERVICE) {}

  async get(account: string): Promise<string | null> {
    const value = await this.call((k) => k.getPassword(this.service, account));
    if (value === null) await this.assertReadable();
    return value;
  }
  async set(account: string, value: string): Promise<void> {
    await this.call((k) => k.setPassword(this.service, account, value));
  }
  async delete(account: string): Promise<boolean> {
    await this.assertReadable();
    return this.call((k) => k.deletePassword(this.service, account));
  }
  async accounts(): Promise<string[]> {
    await this.assertReadable();
    const found = await this.call((k) => k.findCredentials(this.service));
    return found.map((c) => c.account).filter((a) => a !== PROBE_ACCOUNT);
  }
  async state(): Promise<KeychainState> {
    try {
      if (!(await this.readable()))
        return {
          available: false,
          message: `The OS keychain is locked: secrets could not be verified. Unlock it and Keyward checks again.`,
        };
      return { available: true, message: 'OS keychain available.' };
    } catch (err) {
      return { available: false, message: err instanceof Error ? err.message : 'The OS keychain is not available.' };
    }
  }

  /** Whether the keychain answers truthfully: the check entry reads back (written on first use). */
  private async readable(): Promise<boolean> {
    if ((await this.call((k) => k.getPassword(this.service, PROBE_ACCOUNT))) !== null) return true;
    try {
      await this.call((k) => k.setPassword(this.service, PROBE_ACCOUNT, CHECK_VALUE));
    } catch {
      return false;
    }
    return (await this.call((k) => k.getPassword(this.service, PROBE_ACCOUNT))) !== null;
  }

  private async assertReadable(): Promise<void> {
    if (!(await this.readable())) throw keychainUnavailable(KEYCHAIN_LOCKED);
  }

  private async call<T>(work: (k: Keytar) => Promise<T>): Promise<T> {
    try {
      // Loaded on first use so a missing native module is reported like any other keychain fault.
      if (!this.keytar) {
        const mod: Keytar & { default?: Keytar } = await import('keytar');
        this.keytar = mod.default ?? mod;
      }
      return await work(this.keytar);
    } catch (err) {
      throw keychainUnavailable(reason(err));
    }
  }
}
