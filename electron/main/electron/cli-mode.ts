import { app } from 'electron';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The shipped `keyward` command runs the signed app binary with this flag and no window: the fuses forbid
 * ELECTRON_RUN_AS_NODE, and this keeps keytar and the app's keychain identity while running only our CLI.
 */
export const CLI_FLAG = '--keyward-cli';

/** The CLI's arguments when the process was started with CLI_FLAG (after an optional `--`), else null. */
export function cliArguments(argv: readonly string[] = process.argv): string[] | null {
  const at = argv.indexOf(CLI_FLAG);
  if (at === -1) return null;
  const rest = argv.slice(at + 1);
  const end = rest.indexOf('--');
  // Switches for Chromium (e.g. --ozone-platform) may sit between the flag and `--`; the CLI's come after.
  return end === -1 ? rest : rest.slice(end + 1);
}

/** Starts CLI mode when asked: true means the caller must not start the app (no lock, no window, no tray). */
export function startCliModeIfAsked(argv: readonly string[] = process.argv): boolean {
  const args = cliArguments(argv);
  if (!args) return false;
  app.dock?.hide();
  app.disableHardwareAcceleration();
  // Chromium's own session files go to a throwaway folder, never into a running app's profile.
  const sessionDir = mkdtempSync(join(tmpdir(), 'keyward-cli-'));
  app.setPath('sessionData', sessionDir);
  const exit = (code: number) =>
    process.stdout.write('', () => {
      try {
        rmSync(sessionDir, { recursive: true, force: true, maxRetries: 2 });
      } catch {
        // A file Chromium still holds (Windows) leaves the folder to the OS's temp cleanup.
      }
      app.exit(code);
    });
  import('../../cli/run')
    .then(({ runCli }) => runCli(args))
    .then(exit, (err: unknown) => {
      process.stderr.write(`keyward: ${err instanceof Error ? err.message : String(err)}\n`);
      exit(1);
    });
  return true;
}
