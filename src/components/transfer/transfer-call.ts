import type { AppErrorShape, ChannelInput, ChannelName, ChannelOutput } from '../../../electron/contract';
import { call } from '../../lib/api';
import type { WriteChannel } from '../../lib/query';

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: AppErrorShape };

/**
 * Calls a transfer channel and keeps its error local to the section (a wrong passphrase belongs next to
 * the passphrase field, not in the app-wide banner). Writes (import, restore) go through writeResult instead.
 */
export async function transferCall<K extends Exclude<ChannelName, WriteChannel>>(
  name: K,
  input: ChannelInput<K>,
): Promise<Outcome<ChannelOutput<K>>> {
  return call(name, input);
}

/** A refusal in words: status-only mode gets its own sentence. */
export function errorText(error: AppErrorShape): string {
  if (error.code === 'forbidden') return `Not available in status-only mode. ${error.message}`;
  return error.message;
}
