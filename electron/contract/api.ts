import type { ChannelInput, ChannelName, ChannelOutput, EventName, EventPayload } from './channels';
import type { Result } from './result';

/** What window.api offers the renderer: one method per channel, plus event subscriptions. */
export type Api = { [K in ChannelName]: (input: ChannelInput<K>) => Promise<Result<ChannelOutput<K>>> } & {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};
