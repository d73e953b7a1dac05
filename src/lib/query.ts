import { useCallback, useSyncExternalStore } from 'react';
import { answerHash } from '../../electron/contract/answer-hash';
import { READ_TOPICS, WRITE_THEN_READ_MAX, WRITE_TOPICS } from '../../electron/contract/topics';
import type {
  AppErrorShape,
  ChannelInput,
  ChannelName,
  ChannelOutput,
  Channels,
  EventPayload,
  ReadChannelName,
  Result,
  VaultTopic,
} from '../../electron/contract';
import { call, on } from './api';
import { afterFirstView } from './startup';

// The window's one data model: answers of read channels, cached by channel and input while a view watches them,
// asked again when vaultChanged names a topic the channel declares. Writes go through write(), which brings
// back the reads on screen in the same reply.

export type ReadChannel = ReadChannelName;
export type WriteChannel = {
  [K in ChannelName]: Channels[K]['access'] extends 'write' ? (K extends 'writeThenRead' ? never : K) : never;
}[ChannelName];

export interface QueryState<T> {
  data: T | undefined;
  error: AppErrorShape | null;
  /** False until the first answer (or failure) for this input. */
  settled: boolean;
}

interface Entry {
  channel: ReadChannel;
  input: unknown;
  state: QueryState<unknown>;
  watchers: Set<() => void>;
  inFlight: Promise<void> | null;
  /** Asked again while a request was in flight: one more after it. */
  again: boolean;
  /** The vault revision the answer is known to be at least as new as (-1: unknown). */
  revision: number;
  /** answerHash of the answer held: asked again, main sends the answer only when it differs. */
  hash: string | null;
}

const cache = new Map<string, Entry>();
const keyOf = (channel: string, input: unknown) => `${channel} ${JSON.stringify(input)}`;
/** The topics the contract declares for a read channel: a change naming one of them asks it again. */
const topicsOf = (channel: ReadChannel): readonly VaultTopic[] => READ_TOPICS[channel];

function settle(entry: Entry, result: Result<unknown>, revision = -1): void {
  entry.state = result.ok
    ? { data: result.value, error: null, settled: true }
    : { data: entry.state.data, error: result.error, settled: true };
  entry.revision = revision;
  entry.hash = result.ok ? answerHash(JSON.stringify(result.value)) : null;
  for (const notify of entry.watchers) notify();
}

function fetchEntry(entry: Entry): void {
  if (entry.inFlight) {
    entry.again = true;
    return;
  }
  entry.inFlight = (async () => {
    do {
      entry.again = false;
      // The first view's own data goes first: main answers one call at a time.
      await afterFirstView();
      if (entry.hash === null) {
        settle(entry, (await call(entry.channel, entry.input as never)) as Result<unknown>);
        continue;
      }
      // Asked again after a change: a few bytes when the answer held is still main's answer.
      const res = await call('readIfChanged', { channel: entry.channel, input: entry.input, hash: entry.hash });
      if (!res.ok) settle(entry, res);
      else if (res.value.changed) settle(entry, res.value.result as Result<unknown>);
      else entry.revision = -1;
    } while (entry.again && entry.watchers.size > 0);
  })().finally(() => {
    entry.inFlight = null;
  });
}

function entryFor(channel: ReadChannel, input: unknown): Entry {
  const key = keyOf(channel, input);
  let entry = cache.get(key);
  if (!entry) {
    entry = {
      channel,
      input,
      state: { data: undefined, error: null, settled: false },
      watchers: new Set(),
      inFlight: null,
      again: false,
      revision: -1,
      hash: null,
    };
    cache.set(key, entry);
  }
  return entry;
}

const NOT_ASKED: QueryState<never> = { data: undefined, error: null, settled: false };

/** A read channel's answer for `input` (null: ask nothing yet), kept current while the component is mounted. */
export function useQuery<K extends ReadChannel>(
  channel: K,
  input: ChannelInput<K> | null,
): QueryState<ChannelOutput<K>> {
  const key = input === null ? null : keyOf(channel, input);
  const subscribe = useCallback(
    (notify: () => void) => {
      if (key === null) return () => {};
      const entry = entryFor(channel, JSON.parse(key.slice(channel.length + 1)));
      entry.watchers.add(notify);
      if (!entry.state.settled && !entry.inFlight) fetchEntry(entry);
      return () => {
        entry.watchers.delete(notify);
        // Answers nobody watches are dropped: the next view to want one asks main again.
        if (entry.watchers.size === 0) cache.delete(key);
      };
    },
    [channel, key],
  );
  const snapshot = useCallback(() => (key === null ? NOT_ASKED : (cache.get(key)?.state ?? NOT_ASKED)), [key]);
  return useSyncExternalStore(subscribe, snapshot) as QueryState<ChannelOutput<K>>;
}

/** Asks again every watched read of `channel` now (e.g. a rescan the user asked for). */
export function refetch(channel: ReadChannel): void {
  for (const entry of cache.values()) if (entry.channel === channel && entry.watchers.size > 0) fetchEntry(entry);
}

type Change = EventPayload<'vaultChanged'>;
const changeListeners = new Set<(change: Change) => void>();
/** Writes in flight: a change they caused waits for their reply, which may already hold its reads. */
let writing = 0;
let held: Change[] = [];

/** For a revision this window's own write made: the reads on screen it could not change (see WRITE_TOPICS). */
const unchangedBy = new Map<number, Set<Entry>>();

function applyChange(change: Change): void {
  const touched = new Set(change.topics);
  const unchanged = unchangedBy.get(change.revision);
  unchangedBy.delete(change.revision);
  // Only the last few writes' revisions are worth remembering: their changes arrive right after their replies.
  for (const revision of unchangedBy.keys()) if (unchangedBy.size > 8) unchangedBy.delete(revision);
  for (const entry of cache.values()) {
    if (entry.watchers.size === 0 || entry.revision >= change.revision || unchanged?.has(entry)) continue;
    if (topicsOf(entry.channel).some((t) => touched.has(t))) fetchEntry(entry);
  }
  for (const listener of changeListeners) listener(change);
}

/** For state kept outside the cache (the inventory's pages): called on every vault change, after writes settle. */
export function onVaultChange(topics: readonly VaultTopic[], listener: () => void): () => void {
  const wrapped = (change: Change) => {
    if (change.topics.some((t) => topics.includes(t))) listener();
  };
  changeListeners.add(wrapped);
  return () => changeListeners.delete(wrapped);
}

let listening = false;
/** Starts following vaultChanged (once, from the app's root). */
export function followVaultChanges(): () => void {
  if (listening) return () => {};
  listening = true;
  const off = on('vaultChanged', (change) => {
    if (writing > 0) held.push(change);
    else applyChange(change);
  });
  return () => {
    listening = false;
    off();
  };
}

/** Where a failed write's error goes (the app's banner); set by the app's store. */
let reportError: (error: AppErrorShape | null) => void = () => {};
export function setErrorReporter(report: (error: AppErrorShape | null) => void): void {
  reportError = report;
}

/**
 * The one way to change the vault: runs `channel` and, in the same reply, the reads on screen, so the window is
 * current after one request. Answers the write's own Result (for a view that shows its failure itself).
 */
export async function writeResult<K extends WriteChannel>(
  channel: K,
  input: ChannelInput<K>,
  options: { long?: boolean } = {},
): Promise<Result<ChannelOutput<K>>> {
  // The reads on screen that this write may change come back with it; the others stay current.
  const touches = new Set<VaultTopic>(WRITE_TOPICS[channel]);
  const onScreen = [...cache.values()].filter((e) => e.watchers.size > 0);
  const watched = onScreen.filter((e) => topicsOf(e.channel).some((t) => touches.has(t))).slice(0, WRITE_THEN_READ_MAX);
  const untouched = onScreen.filter((e) => !topicsOf(e.channel).some((t) => touches.has(t)));
  // A long write (a check run) lets the changes it makes along the way refresh the screen as they come.
  const holds = !options.long;
  if (holds) writing += 1;
  try {
    const res = await call('writeThenRead', {
      channel,
      input,
      reads: watched.map((e) => ({ channel: e.channel, input: e.input })),
    });
    if (!res.ok) return res;
    const { write: outcome, revision, reads } = res.value;
    watched.forEach((entry, i) => {
      const answer = reads[i];
      if (!answer) return;
      // A request already on its way may carry an older answer: ask once more after it.
      if (entry.inFlight) entry.again = true;
      else settle(entry, answer as Result<unknown>, revision);
    });
    if (outcome.ok) unchangedBy.set(revision, new Set(untouched));
    return outcome as Result<ChannelOutput<K>>;
  } finally {
    if (holds) writing -= 1;
    if (holds && writing === 0) {
      const changes = held;
      held = [];
      for (const change of changes) applyChange(change);
    }
  }
}

/** writeResult with the app's error reporting: a failure goes to the error banner and answers null. */
export async function write<K extends WriteChannel>(
  channel: K,
  input: ChannelInput<K>,
  options: { long?: boolean } = {},
): Promise<ChannelOutput<K> | null> {
  const res = await writeResult(channel, input, options);
  reportError(res.ok ? null : res.error);
  return res.ok ? res.value : null;
}

/** A channel that changes nothing (act) or a one-off read, with the same error reporting as write(). */
export async function act<K extends ChannelName>(name: K, input: ChannelInput<K>): Promise<ChannelOutput<K> | null> {
  const res = await call(name, input);
  if (!res.ok) {
    reportError(res.error);
    return null;
  }
  return res.value;
}
