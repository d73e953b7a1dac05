/**
 * A STAND-IN for the `electron` module, not Electron: plain objects that record what the built main and
 * preload ask of Electron (handlers, windows, tray, notifications), so tests can assert the wiring in Node.
 */
import { createRequire } from 'node:module';

type Listener = (...args: unknown[]) => unknown;

/** Records `on`/`once` listeners by event name. */
class Emitter {
  readonly listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  once(event: string, listener: Listener): this {
    return this.on(event, listener);
  }
  emit(event: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(event) ?? []) listener(...args);
  }
}

export interface StandInRecord {
  calls: string[];
  handlers: Map<string, Listener>;
  windows: StandInWindow[];
  trays: StandInTray[];
  notifications: StandInNotification[];
  openedExternally: string[];
  permissionRequestHandler: Listener | null;
  permissionCheckHandler: Listener | null;
  protocolHandlers: Map<string, (request: { url: string; method: string }) => Promise<Response>>;
  exposed: Map<string, unknown>;
  invoked: { channel: string; input: unknown }[];
  rendererListeners: Map<string, Listener[]>;
  exitCode: number | null;
  paths: Map<string, string>;
}

export class StandInWindow extends Emitter {
  readonly webContents = Object.assign(new Emitter(), {
    sent: [] as { channel: string; payload: unknown }[],
    mainFrame: { url: 'app://keyward/index.html' } as { url: string },
    send(channel: string, payload: unknown) {
      this.sent.push({ channel, payload });
    },
  });
  loadedUrl: string | null = null;
  constructor(readonly options: { webPreferences?: Record<string, unknown> } & Record<string, unknown>) {
    super();
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  isMinimized = () => false;
  restore() {}
  show() {}
  hide() {}
  focus() {}
}

export class StandInTray extends Emitter {
  menu: { label?: string; type?: string; click?: () => void }[] | null = null;
  tooltip = '';
  destroyed = false;
  constructor(readonly image: unknown) {
    super();
  }
  setContextMenu(menu: { label?: string; type?: string }[]) {
    this.menu = menu;
  }
  setToolTip(text: string) {
    this.tooltip = text;
  }
  setTitle() {}
  destroy() {
    this.destroyed = true;
  }
}

export class StandInNotification extends Emitter {
  shown = false;
  constructor(readonly options: { title: string; body: string; urgency?: string }) {
    super();
  }
  show() {
    this.shown = true;
  }
}

/** A fresh stand-in `electron` module and the record it fills. */
export function createElectronStandIn(options: { isPackaged: boolean; userData: string }) {
  const record: StandInRecord = {
    calls: [],
    handlers: new Map(),
    windows: [],
    trays: [],
    notifications: [],
    openedExternally: [],
    permissionRequestHandler: null,
    permissionCheckHandler: null,
    protocolHandlers: new Map(),
    exposed: new Map(),
    invoked: [],
    rendererListeners: new Map(),
    exitCode: null,
    paths: new Map([['userData', options.userData]]),
  };
  const app = Object.assign(new Emitter(), {
    isPackaged: options.isPackaged,
    getVersion: () => '0.0.0-stand-in',
    getPath: (name: string) => record.paths.get(name) ?? options.userData,
    setPath: (name: string, value: string) => void record.paths.set(name, value),
    requestSingleInstanceLock: () => (record.calls.push('app.requestSingleInstanceLock'), true),
    whenReady: () => (record.calls.push('app.whenReady'), Promise.resolve()),
    quit: () => void record.calls.push('app.quit'),
    exit: (code: number) => void (record.exitCode = code),
    disableHardwareAcceleration: () => void record.calls.push('app.disableHardwareAcceleration'),
    getLoginItemSettings: () => ({ wasOpenedAtLogin: false }),
    setLoginItemSettings: () => void record.calls.push('app.setLoginItemSettings'),
  });
  const standIn = {
    app,
    BrowserWindow: class extends StandInWindow {
      constructor(opts: ConstructorParameters<typeof StandInWindow>[0]) {
        super(opts);
        record.windows.push(this);
      }
    },
    Tray: class extends StandInTray {
      constructor(image: unknown) {
        super(image);
        record.trays.push(this);
      }
    },
    Notification: Object.assign(
      class extends StandInNotification {
        constructor(opts: ConstructorParameters<typeof StandInNotification>[0]) {
          super(opts);
          record.notifications.push(this);
        }
      },
      { isSupported: () => true },
    ),
    Menu: { buildFromTemplate: (template: unknown[]) => template },
    nativeImage: { createFromDataURL: (url: string) => ({ url, setTemplateImage() {} }) },
    ipcMain: { handle: (channel: string, handler: Listener) => void record.handlers.set(channel, handler) },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown) =>
        void record.calls.push(`protocol.registerSchemesAsPrivileged ${JSON.stringify(schemes)}`),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler: Listener) => void (record.permissionRequestHandler = handler),
        setPermissionCheckHandler: (handler: Listener) => void (record.permissionCheckHandler = handler),
        webRequest: { onHeadersReceived: () => void record.calls.push('webRequest.onHeadersReceived') },
        protocol: {
          handle: (
            scheme: string,
            handler: StandInRecord['protocolHandlers'] extends Map<string, infer H> ? H : never,
          ) => void record.protocolHandlers.set(scheme, handler),
        },
      },
    },
    shell: { openExternal: (url: string) => (record.openedExternally.push(url), Promise.resolve()) },
    powerMonitor: new Emitter(),
    clipboard: { writeText() {}, readText: () => '', clear() {} },
    dialog: {
      showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
      showSaveDialog: async () => ({ canceled: true }),
    },
    contextBridge: { exposeInMainWorld: (key: string, value: unknown) => void record.exposed.set(key, value) },
    ipcRenderer: {
      invoke: (channel: string, input: unknown) => (
        record.invoked.push({ channel, input }),
        Promise.resolve({ ok: true, value: null })
      ),
      on: (channel: string, listener: Listener) =>
        void record.rendererListeners.set(channel, [...(record.rendererListeners.get(channel) ?? []), listener]),
      removeListener: (channel: string, listener: Listener) =>
        void record.rendererListeners.set(
          channel,
          (record.rendererListeners.get(channel) ?? []).filter((l) => l !== listener),
        ),
    },
  };
  return { standIn, record, app };
}

/**
 * Requires a built file with `electron` answered by the stand-in (Module._load is wrapped only for the
 * duration of the load and of the lazy requires that follow it, until `release` is called).
 */
export function requireWithStandIn(file: string, standIn: unknown): { exports: unknown; release: () => void } {
  const Module = createRequire(import.meta.url)('node:module') as {
    _load: (request: string, ...rest: unknown[]) => unknown;
  };
  const original = Module._load;
  Module._load = function (request: string, ...rest: unknown[]) {
    return request === 'electron' ? standIn : original.call(this, request, ...rest);
  };
  const release = () => {
    Module._load = original;
  };
  try {
    return { exports: createRequire(import.meta.url)(file), release };
  } catch (err) {
    release();
    throw err;
  }
}
