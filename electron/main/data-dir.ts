import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The app's data folder without Electron: what app.getPath('userData') + '/data' gives for "Keyward", so
 * the CLI finds the app's vault. KEYWARD_DATA_DIR overrides it for both.
 */
export function defaultDataDir(
  env: Record<string, string | undefined> = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  if (env.KEYWARD_DATA_DIR) return env.KEYWARD_DATA_DIR;
  const home = homedir();
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Keyward', 'data');
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Keyward', 'data');
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), 'Keyward', 'data');
}
