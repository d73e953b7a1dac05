import { AppError } from '../../errors';
import type { Clock } from '../../ports';

/** The first wait after a wrong passphrase, and the longest: each wrong one doubles the wait up to it. */
export const FIRST_WAIT_MS = 1_000;
export const MAX_WAIT_MS = 60_000;

/**
 * Wrong passphrases back off (1 s, 2 s, 4 s… up to a minute), counted in main so a window or script cannot skip
 * the wait. A try during the wait is refused unchecked and does not count; the right passphrase starts over.
 */
export class PassphraseBackoff {
  private failures = 0;
  private until = 0;

  constructor(private readonly clock: Clock) {}

  /** Throws while the wait after the last wrong passphrase runs. */
  check(): void {
    const left = this.until - this.clock.now().getTime();
    if (left <= 0) return;
    const seconds = Math.ceil(left / 1000);
    throw new AppError('too_many_attempts', `Too many wrong passphrases: try again in ${seconds} s.`, {
      passphrase: `Try again in ${seconds} s.`,
      retryAfterSeconds: String(seconds),
    });
  }

  /** Records a wrong passphrase: answers the wait before the next try, in seconds. */
  failed(): number {
    const wait = Math.min(FIRST_WAIT_MS * 2 ** this.failures, MAX_WAIT_MS);
    this.failures += 1;
    this.until = this.clock.now().getTime() + wait;
    return Math.ceil(wait / 1000);
  }

  succeeded(): void {
    this.failures = 0;
    this.until = 0;
  }
}
