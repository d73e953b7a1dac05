import type { AppErrorShape, ErrorCode } from '../contract';

/** An expected failure with a code the UI can act on. Messages are for people and never hold a secret. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }
  toShape(): AppErrorShape {
    return this.fields
      ? { code: this.code, message: this.message, fields: this.fields }
      : { code: this.code, message: this.message };
  }
}

export const notFound = (what: string, id: string): AppError => new AppError('not_found', `No ${what} with id ${id}.`);

export const keychainUnavailable = (detail: string): AppError =>
  new AppError(
    'keychain_unavailable',
    `The OS keychain is not available (${detail}). Your token list is kept; unlock or start the keychain and try again.`,
  );
