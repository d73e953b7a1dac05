/**
 * The Electron wiring of the BUILT out/main/index.js and out/preload/index.js, loaded in Node with a recording
 * STAND-IN for `electron` (tests/standin/electron-stand-in.ts). It complements, never replaces, the Electron
 * suite (tests/electron), which runs the real binary where one exists. The keychain is real keytar pointed at
 * a D-Bus address that does not exist, so it is honestly unavailable and nothing real is touched.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { channelNames, ipcChannel } from '../../electron/contract';
import { compose } from '../../electron/main/compose';
import { MemorySecretStore } from '../../electron/core/secrets/memory-secret-store';
import { silentLogger, systemClock } from '../../electron/core/ports';
import { createElectronStandIn, requireWithStandIn, type StandInRecord, type StandInWindow } from './electron-stand-in';

const root = resolve(__dirname, '../..');
const builtMain = join(root, 'out/main/index.js');
const builtPreload = join(root, 'out/preload/index.js');

function ensureBuilt(): void {
  if (existsSync(builtMain) && existsSync(builtPreload)) return;
  try {
    execFileSync('npx', ['electron-vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  } catch (err) {
    throw new Error(
      `out/ is missing and "npx electron-vite build" failed (${(err as Error).message}); build first, then run this test.`,
      { cause: err },
    );
  }
  if (!existsSync(builtMain)) throw new Error('npx electron-vite build ran but out/main/index.js is still missing.');
}

/** Forgets every built module, so each load runs the bundle's top level again. */
function forgetBuild(): void {
  const require = createRequire(import.meta.url);
  for (const key of Object.keys(require.cache)) if (key.startsWith(join(root, 'out') + '/')) delete require.cache[key];
}

const ISOLATED = [
  'KEYWARD_DATA_DIR',
  'XDG_CONFIG_HOME',
  'DBUS_SESSION_BUS_ADDRESS',
  'DISPLAY',
  'ELECTRON_RENDERER_URL',
] as const;
const savedEnv = Object.fromEntries(ISOLATED.map((key) => [key, process.env[key]]));
const savedArgv = process.argv;
const temp = mkdtempSync(join(tmpdir(), 'keyward-standin-'));
const dataDir = join(temp, 'data');

function isolateEnv(): void {
  process.env.KEYWARD_DATA_DIR = dataDir;
  process.env.XDG_CONFIG_HOME = join(temp, 'config');
  process.env.DBUS_SESSION_BUS_ADDRESS = `unix:path=${join(temp, 'no-bus')}`;
  delete process.env.DISPLAY;
  delete process.env.ELECTRON_RENDERER_URL;
}

afterAll(() => {
  for (const key of ISOLATED) {
    if (savedEnv[key] === undefined) delete process.env[key];
    else process.env[key] = savedEnv[key];
  }
  process.argv = savedArgv;
  rmSync(temp, { recursive: true, force: true });
});

describe('stand-in electron: the built main process wiring', () => {
  let record: StandInRecord;
  let app: ReturnType<typeof createElectronStandIn>['app'];
  let release: () => void;
  let window: StandInWindow;
  const expiringName = 'Warehouse label key';

  beforeAll(async () => {
    ensureBuilt();
    isolateEnv();
    // A token that expires in three days, so the scheduler has a warning to send when main starts.
    const seed = compose({
      dataDir,
      secrets: new MemorySecretStore(),
      clock: systemClock,
      logger: silentLogger,
      actor: 'test',
      version: '0',
      host: 'test-host',
    });
    const added = await seed.dispatch('addToken', {
      client: null,
      store: { provider: 'shippo', label: 'Acme shipping', identifiers: {} },
      token: {
        name: expiringName,
        secret: `shippo_test_${'ab'.repeat(20)}`,
        settings: {},
        expiresAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
      },
    });
    expect(added).toMatchObject({ ok: true });

    const made = createElectronStandIn({ isPackaged: true, userData: join(temp, 'userData') });
    ({ record, app } = made);
    process.argv = [process.execPath];
    forgetBuild();
    ({ release } = requireWithStandIn(builtMain, made.standIn));
    await vi.waitFor(() => expect(record.windows).toHaveLength(1));
    window = record.windows[0]!;
  });

  afterAll(() => {
    app.emit('before-quit');
    release();
  });

  it('registers an IPC handler for every contract channel', () => {
    const missing = channelNames.filter((name) => !record.handlers.has(ipcChannel(name)));
    expect(missing, `channels without ipcMain.handle: ${missing.join(', ')}`).toEqual([]);
    expect([...record.handlers.keys()].sort()).toEqual(channelNames.map(ipcChannel).sort());
  });

  it("answers the window's own frame and refuses every other sender", async () => {
    const handler = record.handlers.get(ipcChannel('getAppInfo'))!;
    const trusted = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
    expect(await handler(trusted, {})).toMatchObject({ ok: true, value: { dataDir } });

    const otherContents = { mainFrame: { url: 'app://keyward/index.html' } };
    const untrusted = [
      { sender: otherContents, senderFrame: otherContents.mainFrame },
      { sender: window.webContents, senderFrame: { url: 'app://keyward/index.html' } },
      { sender: window.webContents, senderFrame: null },
    ];
    for (const event of untrusted)
      expect(await handler(event, {})).toEqual({
        ok: false,
        error: { code: 'forbidden', message: 'IPC from an untrusted frame was refused.' },
      });
    window.webContents.mainFrame.url = 'https://evil.example/index.html';
    try {
      expect(await handler(trusted, {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    } finally {
      window.webContents.mainFrame.url = 'app://keyward/index.html';
    }
  });

  it('opens one window with exactly the hardened webPreferences, on app://keyward/', () => {
    expect(window.options.webPreferences).toEqual({
      preload: join(root, 'out/preload/index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
      devTools: false,
    });
    expect(window.loadedUrl).toBe('app://keyward/index.html');
    expect(record.calls).toContain('app.requestSingleInstanceLock');
  });

  it("serves only the renderer's files over app://", async () => {
    const handle = record.protocolHandlers.get('app')!;
    expect(handle, 'no app:// protocol handler').toBeTypeOf('function');
    const status = async (url: string, method = 'GET') => (await handle({ url, method })).status;
    const index = await handle({ url: 'app://keyward/index.html', method: 'GET' });
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toContain("default-src 'none'");
    for (const url of [
      'app://keyward/../main/index.js',
      'app://keyward/%2e%2e/main/index.js',
      'app://keyward/..%2f..%2fout%2fmain%2findex.js',
      `app://keyward/${builtMain}`,
      `app://keyward/${encodeURIComponent(builtMain)}`,
      'app://keyward/../../package.json',
      'app://elsewhere/index.html',
    ]) {
      expect(await status(url), url).toBe(404);
    }
    expect(await status('app://keyward/index.html', 'POST')).toBe(404);
  });

  it('denies every permission request and check', () => {
    const callback = vi.fn();
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal'])
      record.permissionRequestHandler!({}, permission, callback);
    expect(callback.mock.calls).toEqual(Array(5).fill([false]));
    expect(record.permissionCheckHandler!({}, 'media')).toBe(false);
  });

  it('denies window.open, navigation, redirects and webviews; allowlisted links go to the browser', () => {
    const contents = Object.assign(
      new (class {
        listeners = new Map<string, (event: { preventDefault: () => void }) => void>();
        on(name: string, listener: (event: { preventDefault: () => void }) => void) {
          this.listeners.set(name, listener);
        }
      })(),
      {
        openHandler: null as null | ((details: { url: string }) => { action: string }),
        setWindowOpenHandler(h: (details: { url: string }) => { action: string }) {
          this.openHandler = h;
        },
      },
    );
    app.emit('web-contents-created', {}, contents);
    expect(contents.openHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(contents.openHandler!({ url: 'https://docs.goshippo.com/docs/' })).toEqual({ action: 'deny' });
    expect(record.openedExternally).toEqual(['https://docs.goshippo.com/docs/']);
    for (const name of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const event = { preventDefault: vi.fn() };
      expect(contents.listeners.get(name), `no ${name} listener`).toBeTypeOf('function');
      contents.listeners.get(name)!(event);
      expect(event.preventDefault, name).toHaveBeenCalled();
    }
  });

  it('puts a tray with Open, Check all and Quit, and shows expiry warnings as notifications', async () => {
    expect(record.trays).toHaveLength(1);
    expect(record.trays[0]!.menu?.map((item) => item.label ?? item.type)).toEqual([
      'Open Keyward',
      'Check all',
      'separator',
      'Quit',
    ]);
    await vi.waitFor(
      () =>
        expect(
          record.notifications.some((n) => n.shown && `${n.options.title} ${n.options.body}`.includes(expiringName)),
        ).toBe(true),
      { timeout: 10_000 },
    );
    await vi.waitFor(() => expect(record.trays[0]!.tooltip).toMatch(/Keyward: 1 token needs attention/));
  });

  it('reports the keychain as unavailable rather than reaching a real one', async () => {
    const handler = record.handlers.get(ipcChannel('getVaultStatus'))!;
    const vault = (await handler({ sender: window.webContents, senderFrame: window.webContents.mainFrame }, {})) as {
      ok: boolean;
      value?: { keychain?: { available: boolean } };
    };
    expect(vault.ok).toBe(true);
    expect(vault.value?.keychain?.available).toBe(false);
  });
});

describe('stand-in electron: the built main process in CLI mode', () => {
  it('runs the keyward command without a lock, window or tray, and exits with its code', async () => {
    ensureBuilt();
    isolateEnv();
    const { standIn, record } = createElectronStandIn({ isPackaged: true, userData: join(temp, 'userData-cli') });
    process.argv = [process.execPath, '--keyward-cli', '--ozone-platform=headless', '--', '--help'];
    const written: string[] = [];
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(((chunk: string, callback?: () => void) => {
      written.push(String(chunk));
      callback?.();
      return true;
    }) as typeof process.stdout.write);
    forgetBuild();
    const { release } = requireWithStandIn(builtMain, standIn);
    try {
      await vi.waitFor(() => expect(record.exitCode).not.toBeNull());
    } finally {
      write.mockRestore();
      release();
    }
    expect(record.exitCode).toBe(0);
    expect(written.join('')).toContain('usage: keyward <command> [options]');
    expect(record.calls).not.toContain('app.requestSingleInstanceLock');
    expect(record.calls).not.toContain('app.whenReady');
    expect(record.windows).toHaveLength(0);
    expect(record.trays).toHaveLength(0);
    expect(record.handlers.size).toBe(0);
    const sessionData = record.paths.get('sessionData');
    expect(sessionData, 'Chromium session files go to a throwaway folder').toMatch(/keyward-cli-/);
    expect(existsSync(sessionData!)).toBe(false);
  });
});

describe('stand-in electron: the built preload', () => {
  it('exposes exactly one method per contract channel, plus on(), as window.api', async () => {
    ensureBuilt();
    const { standIn, record } = createElectronStandIn({ isPackaged: true, userData: temp });
    forgetBuild();
    const { release } = requireWithStandIn(builtPreload, standIn);
    release();
    expect([...record.exposed.keys()]).toEqual(['api']);
    const api = record.exposed.get('api') as Record<string, (input?: unknown) => unknown>;
    expect(Object.keys(api).sort()).toEqual([...channelNames, 'on'].sort());
    for (const name of channelNames) {
      await api[name]!({ probe: name });
      expect(record.invoked.at(-1), name).toEqual({ channel: ipcChannel(name), input: { probe: name } });
    }
    const listener = vi.fn();
    const off = (api.on as unknown as (event: string, l: (p: unknown) => void) => () => void)('vaultChanged', listener);
    record.rendererListeners.get(ipcChannel('vaultChanged'))![0]!({}, { revision: 7 });
    expect(listener).toHaveBeenCalledWith({ revision: 7 });
    off();
    expect(record.rendererListeners.get(ipcChannel('vaultChanged'))).toEqual([]);
  });
});
