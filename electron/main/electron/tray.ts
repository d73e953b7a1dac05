import { Menu, nativeImage, type NativeImage, Tray } from 'electron';
import type { AttentionIndicator } from '../../core/features/expiry';

/** A 16x16 black key with alpha, so the tray works before a designed icon exists (a template image on macOS). */
const FALLBACK_ICON =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAYAAAAf8/9hAAAANUlEQVR42mNgGAW4wH9KNKJjkjUTEiPZ2f/xYKJsIsoAQi5AZ/8nNwz+E4olimKBKulgCAIAbxcq1lpaeswAAAAASUVORK5CYII=';

export interface TrayActions {
  open(): void;
  checkAll(): void;
  quit(): void;
}

export interface KeywardTray extends AttentionIndicator {
  destroy(): void;
}

/** The tray icon: the count of tokens needing attention in its tooltip (and title on macOS), and Open / Check all / Quit. */
export function createTray(actions: TrayActions, icon?: NativeImage): KeywardTray {
  const image = icon ?? nativeImage.createFromDataURL(FALLBACK_ICON);
  if (!icon) image.setTemplateImage(true);
  const tray = new Tray(image);
  tray.setContextMenu(
    Menu.buildFromTemplate([
      { label: 'Open Keyward', click: () => actions.open() },
      { label: 'Check all', click: () => actions.checkAll() },
      { type: 'separator' },
      { label: 'Quit', click: () => actions.quit() },
    ]),
  );
  tray.on('click', () => actions.open());
  const show = (count: number) => {
    tray.setToolTip(
      count === 0
        ? 'Keyward: nothing needs attention'
        : `Keyward: ${count} token${count === 1 ? ' needs' : 's need'} attention`,
    );
    tray.setTitle(count === 0 ? '' : String(count));
  };
  show(0);
  return { show, destroy: () => tray.destroy() };
}
