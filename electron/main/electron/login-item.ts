import { app } from 'electron';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Passed when the OS starts Keyward at login: start in the tray, without a window. */
export const HIDDEN_ARG = '--hidden';

/** True when this run should not show a window: started at login (our argument, or macOS's own flag). */
export function startedHidden(argv: readonly string[] = process.argv): boolean {
  return argv.includes(HIDDEN_ARG) || (process.platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin);
}

/**
 * Opens Keyward at login, hidden in the tray, or stops doing so. macOS and Windows through Electron; Linux has no
 * Electron API for it, so an XDG autostart entry is written (AppImage runs from $APPIMAGE, not the mounted execPath).
 */
export async function setOpenAtLogin(openAtLogin: boolean): Promise<void> {
  if (process.platform !== 'linux') {
    app.setLoginItemSettings({ openAtLogin, args: [HIDDEN_ARG] });
    return;
  }
  const dir = join(process.env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'autostart');
  const file = join(dir, 'keyward.desktop');
  if (!openAtLogin) {
    await rm(file, { force: true });
    return;
  }
  const exec = process.env.APPIMAGE || process.execPath;
  await mkdir(dir, { recursive: true });
  await writeFile(
    file,
    [
      '[Desktop Entry]',
      'Type=Application',
      'Name=Keyward',
      `Exec="${exec.replace(/(["\\`$])/g, '\\$1')}" ${HIDDEN_ARG}`,
      'X-GNOME-Autostart-enabled=true',
      '',
    ].join('\n'),
    {
      mode: 0o644,
    },
  );
}
