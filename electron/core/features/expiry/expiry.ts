import { buildIcs, expiryTimeline, resolveExpirySettings, type ExpiryScheduler } from '.';
import type { Session } from '../../session/session';
import type { TransferService } from '../transfer/transfer-service';
import { thawed } from '../../vault/plain-data';
import type { HandlersFor } from '../handler-map';

type ExpiryChannels =
  | 'expiryOverview'
  | 'expiryAttentionCount'
  | 'snoozeExpiryWarning'
  | 'acknowledgeExpiryWarning'
  | 'wakeExpiryWarning'
  | 'exportExpiryCalendar'
  | 'saveExpiryCalendar';

/** Expiry warnings (the scheduler), the timeline and the calendar export. */
export function expiryHandlers(
  session: Session,
  scheduler: ExpiryScheduler,
  transfer: Pick<TransferService, 'saveCalendar'>,
): HandlersFor<ExpiryChannels> {
  const calendar = async () => {
    const { vault, catalog } = await session.read();
    const now = session.clock.now();
    return {
      filename: `keyward-expiry-${now.toISOString().slice(0, 10)}.ics`,
      content: buildIcs(thawed(vault), catalog, resolveExpirySettings(vault.settings), now),
    };
  };
  return {
    expiryOverview: async ({ weeks }) => {
      const [{ vault, catalog }, attention] = await Promise.all([session.read(), scheduler.attention()]);
      return {
        attention,
        timeline: expiryTimeline(
          thawed(vault),
          catalog,
          resolveExpirySettings(vault.settings),
          session.clock.now(),
          weeks ?? 13,
        ),
      };
    },
    expiryAttentionCount: async () => {
      const { count, quieted } = await scheduler.attention();
      return { count, quieted };
    },
    snoozeExpiryWarning: async ({ tokenIds, length }) => ({ snoozed: await scheduler.snooze(tokenIds, length) }),
    acknowledgeExpiryWarning: async ({ tokenIds }) => ({ acknowledged: await scheduler.acknowledge(tokenIds) }),
    wakeExpiryWarning: async ({ tokenIds }) => ({ woken: await scheduler.unquiet(tokenIds) }),
    exportExpiryCalendar: () => calendar(),
    saveExpiryCalendar: async () => {
      const { filename, content } = await calendar();
      return transfer.saveCalendar(filename, content);
    },
  };
}
