import type { AppErrorShape, ChannelInput, ChannelName, ChannelOutput } from '../../../electron/contract';
import { call } from '../../lib/api';
import { useVault } from '../../state/vault-store';

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: AppErrorShape };

/**
 * Calls a transfer channel and keeps its error local to the section (a wrong passphrase belongs next to
 * the passphrase field, not in the app-wide banner). After a call that may change the vault, refreshes it.
 */
export async function transferCall<K extends ChannelName>(
  name: K,
  input: ChannelInput<K>,
  refresh = false,
): Promise<Outcome<ChannelOutput<K>>> {
  const result = await call(name, input);
  if (result.ok && refresh) await useVault.getState().refresh();
  return result;
}

/** A refusal in words: status-only mode gets its own sentence. */
export function errorText(error: AppErrorShape): string {
  if (error.code === 'forbidden') return `Not available in status-only mode. ${error.message}`;
  return error.message;
}
