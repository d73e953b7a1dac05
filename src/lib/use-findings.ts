import { useEffect, useState } from 'react';
import type { Finding, FindingSeverity } from '../../electron/contract';
import { call, on } from './api';
import { useVault } from '../state/vault-store';

/** The whole findings list, for a view that lists them all (null while it is first fetched); kept fresh while open. */
export function useFindings(): Finding[] | null {
  useEffect(() => useVault.getState().wantFindings(), []);
  return useVault((s) => s.findings);
}

/**
 * What a view shows: the findings about some stores (their tokens' included) or one token, or the first `limit`
 * of some severities, in main's order (most severe first, then soonest due).
 */
export type FindingScope =
  { storeIds: string[] } | { tokenId: string } | { severities: FindingSeverity[]; limit: number };

/**
 * Only the findings about `scope`, asked from main when it changes and after every vault change (a few KB where
 * the whole list is megabytes at 10,000 tokens); null until the first answer for this scope.
 */
export function useFindingsAbout(scope: FindingScope | null): Finding[] | null {
  const key = scope ? JSON.stringify(scope) : null;
  const [answer, setAnswer] = useState<{ key: string; findings: Finding[] } | null>(null);
  useEffect(() => {
    if (!key) return;
    const input = JSON.parse(key) as FindingScope;
    if ('storeIds' in input && input.storeIds.length === 0) {
      setAnswer({ key, findings: [] });
      return;
    }
    let asked = 0;
    let live = true;
    const load = async () => {
      const mine = ++asked;
      const res = await call('getFindings', input);
      // Only the latest request's answer, and none after the view has gone or moved on.
      if (live && mine === asked && res.ok) setAnswer({ key, findings: res.value });
    };
    void load();
    const off = on('vaultChanged', () => void load());
    return () => {
      live = false;
      off();
    };
  }, [key]);
  return answer && answer.key === key ? answer.findings : null;
}
