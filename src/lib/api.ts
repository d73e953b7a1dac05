import type {
  Api,
  ChannelInput,
  ChannelName,
  ChannelOutput,
  EventName,
  EventPayload,
  Result,
} from '../../electron/contract';

declare global {
  interface Window {
    api?: Api;
  }
}

/** The one place the renderer touches window.api (Electron's preload, or the test host's bridge). */
function bridge(): Api {
  if (!window.api) throw new Error("Keyward's bridge to the main process is missing.");
  return window.api;
}

export function call<K extends ChannelName>(name: K, input: ChannelInput<K>): Promise<Result<ChannelOutput<K>>> {
  const method = bridge()[name] as (i: ChannelInput<K>) => Promise<Result<ChannelOutput<K>>>;
  return method(input).catch((err: unknown) => ({
    ok: false as const,
    error: {
      code: 'internal' as const,
      message: `Could not reach Keyward's main process (${err instanceof Error ? err.message : 'unknown error'}).`,
    },
  }));
}

export function on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  return bridge().on(event, listener);
}
