import { app, type BrowserWindow } from 'electron';

/**
 * Closing the window hides it instead, while `enabled()` (the closeToTray setting) says so, so the scheduler keeps
 * running and warnings still arrive. Quit from the tray or the app menu really quits.
 */
export function keepInTrayOnClose(window: BrowserWindow, enabled: () => boolean): void {
  let quitting = false;
  app.on('before-quit', () => {
    quitting = true;
  });
  window.on('close', (event) => {
    if (quitting || !enabled()) return;
    event.preventDefault();
    window.hide();
  });
}
