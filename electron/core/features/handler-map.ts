import type { ChannelName, ChannelOutput, ParsedInput } from '../../contract';

/** The handler of one contract channel. */
export type Handler<K extends ChannelName> = (input: ParsedInput<K>) => Promise<ChannelOutput<K>>;
/** A feature's handlers: exactly the channels `K` (a missing or extra one does not compile). */
export type HandlersFor<K extends ChannelName> = { [C in K]: Handler<C> };
