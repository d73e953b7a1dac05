import { AppError } from '../core/errors';
import type { Logger } from '../core/ports';

/**
 * What a log line says about a failure: its name, an AppError's code and message (ours, never a secret), a
 * system error's code. Other messages are left out: they can quote input (JSON.parse quotes what it read).
 */
export function failureFields(err: unknown): Record<string, string> {
  if (err instanceof AppError) return { error: err.name, code: err.code, reason: err.message };
  if (err instanceof Error) {
    const code = (err as NodeJS.ErrnoException).code;
    return typeof code === 'string' ? { error: err.name, code } : { error: err.name };
  }
  return { error: typeof err };
}

/** A rejection handler for work nobody awaits: logs `what` failed, by name, and the process goes on. */
export const logFailure =
  (logger: Logger, what: string) =>
  (err: unknown): void =>
    logger.error(what, failureFields(err));

/**
 * Last line of defence for a long-running process (the app, the test host): a rejection nobody handled is
 * logged by name and the process keeps serving. An uncaught exception is logged too; `onException` decides
 * what follows (Electron's main keeps running after one, as it does by default; Node's state is then unknown).
 */
export function guardProcess(logger: Logger, onException: (err: unknown) => void = () => {}): void {
  process.on('unhandledRejection', (reason) => logger.error('unhandled rejection', failureFields(reason)));
  process.on('uncaughtException', (err, origin) => {
    logger.error('uncaught exception', { ...failureFields(err), origin });
    onException(err);
  });
}
