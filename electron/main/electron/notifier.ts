import { Notification } from 'electron';
import type { Notifier } from '../../core/ports';

/** What a click on a notification asks for: one token, or the needs-attention list when it covers several. */
export type NotificationClick = { tokenId: string } | { tokenIds: string[] };

type Notice = Parameters<Notifier['notify']>[0] & { tokenIds?: string[]; severity?: 'critical' | 'warning' | 'info' };

/**
 * The Notifier port on Electron's Notification. Titles and bodies come from core and carry names and dates only,
 * never a secret. Notifications are held until clicked or closed: one collected by GC loses its click handler.
 */
export function createElectronNotifier(onClick: (click: NotificationClick) => void): Notifier {
  const live = new Set<Notification>();
  return {
    notify(notice: Notice) {
      if (!Notification.isSupported()) return;
      const n = new Notification({
        title: notice.title,
        body: notice.body,
        urgency: notice.severity === 'critical' ? 'critical' : notice.severity === 'info' ? 'low' : 'normal',
      });
      live.add(n);
      n.on('click', () => {
        live.delete(n);
        onClick(notice.tokenId ? { tokenId: notice.tokenId } : { tokenIds: notice.tokenIds ?? [] });
      });
      n.on('close', () => live.delete(n));
      n.show();
    },
  };
}
