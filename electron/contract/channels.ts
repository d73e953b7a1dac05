import { z } from 'zod';
import { CheckOutcome } from './model';
import { Id } from './primitives';
import { VAULT_TOPICS, type ReadChannelName, type WriteChannelName } from './topics';
import { checksChannels } from './channels/checks';
import { clientsStoresChannels } from './channels/clients-stores';
import { expiryChannels } from './channels/expiry';
import { OutcomeCounts, VaultTopic, type ChannelSpec } from './channels/shared';
import { settingsChannels } from './channels/settings';
import { tokensChannels } from './channels/tokens';
import { transferChannels } from './channels/transfer';
import { vaultChannels } from './channels/vault';

export { CheckRunSummary, TableLayout, UiSettings, VaultTopic } from './channels/shared';

/**
 * The one IPC contract. Every renderer -> main call is a channel here; main registers a handler for each
 * (a missing one does not compile), parses `input` and re-parses `output` so no stray field can leave main.
 */
export const channels = {
  ...vaultChannels,
  ...clientsStoresChannels,
  ...tokensChannels,
  ...checksChannels,
  ...expiryChannels,
  ...transferChannels,
  ...settingsChannels,
} as const satisfies Record<string, ChannelSpec>;

// Every read channel takes its topics from READ_TOPICS, and READ_TOPICS names only read channels.
type ReadNames = {
  [K in keyof typeof channels]: (typeof channels)[K]['access'] extends 'read' ? K : never;
}[keyof typeof channels];
const _sameReads: [ReadNames, ReadChannelName] extends [ReadChannelName, ReadNames] ? true : never = true;
void _sameReads;
// Every write channel declares the topics it may change in WRITE_TOPICS, and WRITE_TOPICS names only writes.
type WriteNames = {
  [K in keyof typeof channels]: (typeof channels)[K]['access'] extends 'write' ? K : never;
}[keyof typeof channels];
const _sameWrites: [WriteNames, WriteChannelName] extends [WriteChannelName, WriteNames] ? true : never = true;
void _sameWrites;

/** main -> renderer events. */
export const events = {
  /** The vault changed (here or in another process): its revision and what the change touched. */
  vaultChanged: z.object({
    revision: z.number().int().nonnegative(),
    topics: z.array(VaultTopic).max(VAULT_TOPICS.length),
  }),
  /** A notification was clicked: show these tokens. */
  openToken: z.union([z.object({ tokenId: Id }), z.object({ tokenIds: z.array(Id).max(50_000) })]),
  /** The tray's "Check all". */
  checkAllRequested: z.object({}),
  checkProgress: z.object({
    runId: Id,
    done: z.number().int().nonnegative(),
    total: z.number().int().nonnegative(),
    counts: OutcomeCounts,
    last: z.object({ tokenId: z.string().max(64), outcome: CheckOutcome }),
  }),
} as const;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type ChannelInput<K extends ChannelName> = z.input<Channels[K]['input']>;
export type ParsedInput<K extends ChannelName> = z.output<Channels[K]['input']>;
export type ChannelOutput<K extends ChannelName> = z.output<Channels[K]['output']>;
export type EventName = keyof typeof events;
export type EventPayload<K extends EventName> = z.output<(typeof events)[K]>;

export const channelNames = Object.keys(channels) as ChannelName[];
/** Whether status-only mode lets this channel run: reads always, writes and acts only when declared allowed. */
export const allowedInStatusOnly = (name: ChannelName): boolean => {
  const spec: ChannelSpec = channels[name];
  return spec.access === 'read' || spec.statusOnly === 'allowed';
};
export const isChannelName = (name: string): name is ChannelName => Object.hasOwn(channels, name);
/** The Electron IPC channel string for a contract channel. */
export const ipcChannel = (name: ChannelName | EventName): string => `keyward:${name}`;
