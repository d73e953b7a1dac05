import { AppError } from '../errors';
import type { Clipboard, SecretStore } from '../ports';

export interface CopyTimers {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const nodeTimers: CopyTimers = {
  set: (callback, ms) => setTimeout(callback, ms).unref(),
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/**
 * Copies a token's secret from the keychain to the clipboard inside main, and clears the clipboard after
 * the delay if it still holds that value (a later copy by the user is left alone).
 */
export class SecretCopier {
  private pending: unknown = null;

  constructor(
    private readonly secrets: SecretStore,
    private readonly clipboard: Clipboard,
    private readonly timers: CopyTimers = nodeTimers,
  ) {}

  /** `account` is the token's keychain account (accountOf). */
  async copy(account: string, clearAfterSeconds: number): Promise<void> {
    const secret = await this.secrets.get(account);
    if (secret === null)
      throw new AppError(
        'not_found',
        'No secret is stored in the keychain for this token; paste it again to store it.',
      );
    await this.clipboard.write(secret);
    if (this.pending !== null) this.timers.clear(this.pending);
    this.pending = null;
    if (clearAfterSeconds <= 0) return;
    this.pending = this.timers.set(() => {
      this.pending = null;
      void this.clearIfStill(secret);
    }, clearAfterSeconds * 1000);
  }

  private async clearIfStill(secret: string): Promise<void> {
    if ((await this.clipboard.read().catch(() => '')) === secret) await this.clipboard.clear().catch(() => undefined);
  }
}

/** A clipboard in memory: the test host's stand-in for the OS clipboard. */
export class MemoryClipboard implements Clipboard {
  private text = '';
  async write(text: string): Promise<void> {
    this.text = text;
  }
  async read(): Promise<string> {
    return this.text;
  }
  async clear(): Promise<void> {
    this.text = '';
  }
  /** Synchronous peek for the test host. */
  peek(): string {
    return this.text;
  }
}
