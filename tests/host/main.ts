import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { KeytarSecretStore, KEYCHAIN_SERVICE } from '../../electron/main/adapters/keytar-secret-store';
import { createConsoleLogger } from '../../electron/main/adapters/console-logger';
import { compose } from '../../electron/main/compose';
import { guardProcess, logFailure } from '../../electron/main/process-guard';
import { MemorySecretStore } from '../../electron/core/secrets/memory-secret-store';
import { MemoryClipboard } from '../../electron/core/secrets/copy-secret';
import { sha256Hex } from '../../electron/core/secrets/fingerprint';
import { systemClock } from '../../electron/core/ports';
import { createHostServer } from './server';
import pkg from '../../package.json';

const USAGE =
  'usage: npm run host -- --data <dir> [--port <p>] [--memory-secrets] [--keychain-service <name>] [--renderer <dir>]';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      data: { type: 'string' },
      'memory-secrets': { type: 'boolean', default: false },
      'keychain-service': { type: 'string', default: KEYCHAIN_SERVICE },
      renderer: { type: 'string', default: resolve(__dirname, '../../out/renderer') },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const port = Number(values.port);
  if (!values.data || !Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`${USAGE}\n`);
    process.exit(2);
  }
  const rendererDir = resolve(values.renderer);
  if (!existsSync(resolve(rendererDir, 'index.html'))) {
    process.stderr.write(`No built renderer at ${rendererDir}: run \`npm run build\` first.\n`);
    process.exit(2);
  }
  const dataDir = resolve(values.data);
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const logger = createConsoleLogger('test-host');
  // A rejection nobody handled is logged and the host keeps serving; after an uncaught exception it stops.
  guardProcess(logger, () => process.exit(1));
  const clipboard = new MemoryClipboard();
  // No OS dialogs here: scripts queue the path the next open/save dialog "chooses" (POST /__host/dialogs).
  const dialogAnswers: { open: string[]; save: string[] } = { open: [], save: [] };
  const { dispatch, onEvent, emit, scheduler, warmUp } = compose({
    clipboard,
    dialogs: {
      open: async () => dialogAnswers.open.shift() ?? null,
      save: async () => dialogAnswers.save.shift() ?? null,
    },
    dataDir,
    secrets: values['memory-secrets'] ? new MemorySecretStore() : new KeytarSecretStore(values['keychain-service']),
    clock: systemClock,
    logger,
    actor: 'test-host',
    version: pkg.version,
    host: 'test-host',
  });
  const { server, token } = createHostServer({
    dispatch,
    rendererDir,
    onEvent,
    emit,
    // Tests learn whether a copy happened by fingerprint, never by value.
    queueDialogAnswer: (kind, path) => dialogAnswers[kind].push(path),
    clipboardFingerprint: () => (clipboard.peek() ? sha256Hex(clipboard.peek()) : null),
  });
  // The vault first (findings, inventory index), then the expiry scheduler: one read of the file, not two at once.
  // A vault that cannot be opened fails the start; every channel then says why, and the host keeps serving.
  warmUp()
    .then(() => scheduler.start())
    .catch(logFailure(logger, 'expiry scheduler did not start'));
  server.listen(port, '127.0.0.1', () => {
    const address = server.address();
    const actual = typeof address === 'object' && address ? address.port : port;
    process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${actual}/`, token })}\n`);
  });
  const stop = () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(
    `test host failed to start: ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}\n`,
  );
  process.exit(1);
});
