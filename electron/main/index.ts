import {
  app,
  BrowserWindow,
  ipcMain,
  powerMonitor,
  protocol,
  session,
  shell,
  type IpcMainInvokeEvent,
  type WebContents,
} from 'electron';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { channelNames, ipcChannel } from '../contract';
import { resolveExpirySettings } from '../core/features/expiry';
import { systemClock } from '../core/ports';
import { createConsoleLogger } from './adapters/console-logger';
import { KeytarSecretStore } from './adapters/keytar-secret-store';
import { compose } from './compose';
import { electronClipboard } from './electron/clipboard';
import { startCliModeIfAsked } from './electron/cli-mode';
import { keepInTrayOnClose } from './electron/close-to-tray';
import { electronDialogs } from './electron/dialogs';
import { setOpenAtLogin, startedHidden } from './electron/login-item';
import { createElectronNotifier, type NotificationClick } from './electron/notifier';
import { createTray } from './electron/tray';
import { guardProcess, logFailure } from './process-guard';
import { isRendererUrl, RENDERER_ENTRY, RENDERER_SCHEME, rendererFileFor } from './renderer-files';
import { CONTENT_SECURITY_POLICY, isAllowedExternalUrl } from './security';

const logger = createConsoleLogger('main');
// Anything that still escapes is logged by name and the app stays up (Electron keeps running after an exception).
guardProcess(logger);
const rendererUrl = process.env.ELECTRON_RENDERER_URL;
const isDev = !app.isPackaged && Boolean(rendererUrl);

// Before ready, as Electron requires: the scheme of the window's own files (see renderer-files.ts).
protocol.registerSchemesAsPrivileged([
  { scheme: RENDERER_SCHEME, privileges: { standard: true, secure: true, codeCache: true } },
]);

if (startCliModeIfAsked()) {
  // The keyward command line (cli-mode.ts): no lock, no window, no tray.
} else if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let mainWindow: BrowserWindow | null = null;

  const showWindow = () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  };
  app.on('second-instance', showWindow);

  // Nothing may open windows, navigate away or attach webviews; links to provider sites go to the browser.
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.setWindowOpenHandler(({ url }) => {
      if (isAllowedExternalUrl(url)) shell.openExternal(url).catch(logFailure(logger, 'external link not opened'));
      return { action: 'deny' };
    });
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });

  app
    .whenReady()
    .then(() => {
      const ses = session.defaultSession;
      ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
      ses.setPermissionCheckHandler(() => false);
      ses.webRequest.onHeadersReceived((details, callback) => {
        callback({
          responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
        });
      });
      const rendererRoot = join(__dirname, '../renderer');
      ses.protocol.handle(RENDERER_SCHEME, async (request) => {
        const file = rendererFileFor(rendererRoot, request.url);
        const body = file && request.method === 'GET' ? await readFile(file.path).catch(() => null) : null;
        if (!file || !body)
          return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
        return new Response(body, {
          headers: {
            'content-type': file.type,
            'content-security-policy': CONTENT_SECURITY_POLICY,
            'x-content-type-options': 'nosniff',
          },
        });
      });

      const dataDir = process.env.KEYWARD_DATA_DIR || join(app.getPath('userData'), 'data');
      // Expiry warnings reach people with the window closed: notifications and a tray that keep main running.
      const openFromNotification = (click: NotificationClick) => {
        showWindow();
        mainWindow?.webContents.send(ipcChannel('openToken'), click);
      };
      const tray = createTray({
        open: showWindow,
        checkAll: () => {
          showWindow();
          mainWindow?.webContents.send(ipcChannel('checkAllRequested'), {});
        },
        quit: () => app.quit(),
      });
      const {
        dispatch,
        onEvent,
        session: vault,
        scheduler,
        warmUp,
        settled,
      } = compose({
        notifier: createElectronNotifier(openFromNotification),
        clipboard: electronClipboard,
        dialogs: electronDialogs(() => mainWindow),
        // openPath answers an error message, or '' once the file manager has it.
        openFolder: async (path) => (await shell.openPath(path)) === '',
        indicator: tray,
        dataDir,
        secrets: new KeytarSecretStore(),
        clock: systemClock,
        logger,
        actor: 'app',
        version: app.getVersion(),
        host: 'electron',
      });

      const isTrustedSender = (event: IpcMainInvokeEvent): boolean => {
        const frame = event.senderFrame;
        if (!mainWindow || event.sender !== mainWindow.webContents || !frame || frame !== event.sender.mainFrame)
          return false;
        const url = new URL(frame.url);
        return isDev && rendererUrl ? url.origin === new URL(rendererUrl).origin : isRendererUrl(frame.url);
      };

      for (const name of channelNames) {
        ipcMain.handle(ipcChannel(name), (event, raw: unknown) => {
          if (!isTrustedSender(event))
            return { ok: false, error: { code: 'forbidden', message: 'IPC from an untrusted frame was refused.' } };
          return dispatch(name, raw);
        });
      }
      onEvent((event, payload) => mainWindow?.webContents.send(ipcChannel(event), payload));

      let expiryPrefs = resolveExpirySettings({}).notifications;
      let loginItem: boolean | null = null;
      const applyExpiryPrefs = async () => {
        expiryPrefs = resolveExpirySettings((await vault.vault()).settings).notifications;
        if (loginItem === expiryPrefs.openAtLogin) return;
        loginItem = expiryPrefs.openAtLogin;
        await setOpenAtLogin(loginItem).catch((e: Error) => logger.warn('login item not set', { error: e.message }));
      };
      // The first inventory page by SQL while the window loads, the whole vault after its first page; then what reads it.
      // A vault that cannot be opened fails these; every channel then says why and the app keeps running.
      const prefsFailed = logFailure(logger, 'expiry preferences not applied');
      const schedulerFailed = logFailure(logger, 'expiry scheduler did not start');
      warmUp()
        .then(settled)
        .then(() => {
          applyExpiryPrefs().catch(prefsFailed);
          return scheduler.start();
        })
        .catch(schedulerFailed);
      vault.onCommit(() => {
        applyExpiryPrefs().catch(prefsFailed);
      });
      powerMonitor.on('resume', () => {
        scheduler.resume().catch(logFailure(logger, 'expiry re-plan after resume failed'));
      });
      app.on('before-quit', () => {
        scheduler.stop();
        tray.destroy();
      });

      mainWindow = new BrowserWindow({
        width: 1200,
        height: 800,
        minWidth: 760,
        minHeight: 520,
        show: false,
        title: 'Keyward',
        autoHideMenuBar: true,
        webPreferences: {
          preload: join(__dirname, '../preload/index.js'),
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
          // Middle-click could otherwise open links in a new window past the window-open handler.
          disableBlinkFeatures: 'Auxclick',
          devTools: !app.isPackaged,
        },
      });
      keepInTrayOnClose(mainWindow, () => expiryPrefs.closeToTray);
      mainWindow.once('ready-to-show', () => {
        if (!startedHidden()) mainWindow?.show();
      });
      mainWindow.on('closed', () => {
        mainWindow = null;
      });
      const windowFailed = logFailure(logger, 'window did not load');
      if (isDev && rendererUrl) mainWindow.loadURL(rendererUrl).catch(windowFailed);
      else mainWindow.loadURL(RENDERER_ENTRY).catch(windowFailed);
    })
    .catch(logFailure(logger, 'start-up failed'));

  app.on('window-all-closed', () => app.quit());
}
