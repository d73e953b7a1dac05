import { useMemo } from 'react';
import type { AppErrorShape, ChannelInput, TokenName } from '../../../electron/contract';
import { MAX_NAMES } from '../../../electron/contract/topics';
import { useQuery, write, writeResult } from '../../lib/query';

// Expiry warnings as main computes them: the renderer never works out severities or thresholds itself.

const OVERVIEW = { weeks: 13 };

/** The "Needs attention" items and the timeline (next 13 weeks). */
export const useExpiryOverview = () => useQuery('expiryOverview', OVERVIEW);
/** How many tokens need attention (the nav's badge). */
export const useAttentionCount = () => useQuery('expiryAttentionCount', {}).data;
export const useExpirySettings = () => useQuery('getExpirySettings', {}).data;

export const snooze = (tokenIds: string[], length: '1d' | '1w') => write('snoozeExpiryWarning', { tokenIds, length });
export const acknowledge = (tokenIds: string[]) => write('acknowledgeExpiryWarning', { tokenIds });
export const wake = (tokenIds: string[]) => write('wakeExpiryWarning', { tokenIds });

/** Saves settings; answers what main saved, or the error the form shows. */
export async function saveSettings(
  input: ChannelInput<'updateExpirySettings'>,
): Promise<{ error: AppErrorShape } | { saved: ChannelOutput }> {
  const res = await writeResult('updateExpirySettings', input);
  return res.ok ? { saved: res.value } : { error: res.error };
}
type ChannelOutput = NonNullable<ReturnType<typeof useExpirySettings>>;

/** Names for token ids (ids alone cross IPC in the overview), asked for the ids shown. */
export function useTokenNames(ids: readonly string[]): ReadonlyMap<string, TokenName> | undefined {
  const tokenIds = useMemo(() => [...new Set(ids)].slice(0, MAX_NAMES), [ids]);
  const names = useQuery('getNames', tokenIds.length ? { tokenIds } : null).data;
  return useMemo(
    () => (tokenIds.length === 0 ? new Map() : names && new Map(names.tokens.map((t) => [t.id, t]))),
    [names, tokenIds.length],
  );
}
