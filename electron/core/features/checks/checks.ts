import type { CheckResult } from '../../../contract';
import type { Session } from '../../session/session';
import type { StatusCheckService } from './status-check-service';
import { editable } from '../../vault/plain-data';
import { fillStoreFromCheck } from './check-fills';
import type { EmitEvent } from '../deps';
import type { HandlersFor } from '../handler-map';

/** Check results kept per token, newest first (the contract's bound). */
export const CHECK_HISTORY_LIMIT = 20;

export type ChecksFeature = ReturnType<typeof checksFeature>;

export function checksFeature(session: Session) {
  return {
    /** Keeps each token's last check and a bounded history (newest first); one vault write for a whole run. */
    record(results: readonly { tokenId: string; result: CheckResult }[], summary: string): Promise<number> {
      return session.transaction((data) => {
        let recorded = 0;
        const at = new Map(data.tokens.map((t, i) => [t.id, i]));
        const catalog = session.catalogFor(data);
        for (const { tokenId, result } of results) {
          const i = at.get(tokenId);
          if (i === undefined) continue; // Deleted while the check ran.
          const token = editable(data.tokens, i);
          token.lastCheck = result;
          token.checkHistory = [result, ...token.checkHistory].slice(0, CHECK_HISTORY_LIMIT);
          if (result.outcome === 'valid') fillStoreFromCheck(data, catalog, token.storeId, result);
          recorded++;
        }
        return {
          result: recorded,
          change: { action: 'token.check', subject: { type: 'vault', id: 'checks' }, summary: summary.slice(0, 300) },
        };
      });
    },
  };
}

export function checkHandlers(
  checks: StatusCheckService,
  emit: EmitEvent,
): HandlersFor<'planCheck' | 'checkTokens' | 'cancelCheck' | 'quickCheck'> {
  return {
    planCheck: ({ selection, includeRetired }) => checks.plan(selection, { includeRetired }),
    checkTokens: ({ runId, selection, includeRetired }) =>
      checks.check(
        selection,
        runId,
        (p) =>
          emit('checkProgress', {
            runId,
            done: p.done,
            total: p.total,
            counts: p.counts,
            last: { tokenId: p.last.tokenId, outcome: p.last.result.outcome },
          }),
        { includeRetired },
      ),
    cancelCheck: async ({ runId }) => ({ cancelled: checks.cancel(runId) }),
    quickCheck: (input) => checks.quick(input),
  };
}
