import type { parseArgs } from 'node:util';
import type { AppErrorShape } from '../contract';

// What every CLI module shares: options, exit codes and the error that carries one. Dependency-free, so
// `keyward --help` loads nothing else.

export const EXIT = { fine: 0, failing: 1, usage: 2, keychain: 3, locked: 4 } as const;
export const SEVERITY_RANK = { critical: 3, warning: 2, info: 1 } as const;

export class CliExit extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

export const OPTIONS = {
  json: { type: 'boolean' },
  help: { type: 'boolean' },
  data: { type: 'string' },
  'keychain-service': { type: 'string' },
  client: { type: 'string' },
  provider: { type: 'string' },
  store: { type: 'string' },
  name: { type: 'string' },
  kind: { type: 'string' },
  mode: { type: 'string' },
  'store-id': { type: 'string' },
  subdomain: { type: 'string' },
  host: { type: 'string' },
  scopes: { type: 'string' },
  access: { type: 'string' },
  'allow-ip': { type: 'string', multiple: true },
  'rate-limit': { type: 'string' },
  plan: { type: 'string' },
  created: { type: 'string' },
  expires: { type: 'string' },
  all: { type: 'boolean' },
  token: { type: 'string' },
  within: { type: 'string' },
  severity: { type: 'string' },
  'fail-on': { type: 'string' },
  'include-retired': { type: 'boolean' },
  notes: { type: 'string' },
  status: { type: 'string' },
  'removed-first': { type: 'string' },
} as const;

export type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

export function exitCodeFor(error: AppErrorShape): number {
  if (error.code === 'keychain_unavailable') return EXIT.keychain;
  if (error.code === 'vault_locked') return EXIT.locked;
  return error.code === 'internal' || error.code === 'vault_unavailable' ? EXIT.failing : EXIT.usage;
}
