import type { Logger } from '../../core/ports';

type Fields = Record<string, string | number | boolean>;

/** Structured log lines on stderr. Callers pass names, ids and codes, never secret values. */
export function createConsoleLogger(
  scope: string,
  write: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
): Logger {
  const log = (level: string) => (message: string, fields?: Fields) =>
    write(JSON.stringify({ at: new Date().toISOString(), level, scope, message, ...fields }));
  return { info: log('info'), warn: log('warn'), error: log('error') };
}
