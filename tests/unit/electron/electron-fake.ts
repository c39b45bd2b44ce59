import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

// A stand-in for the `electron` module (no Electron binary on these machines): just the parts the
// shell's modules use, recording what they are asked to do. Tests install it with
// `vi.mock('electron', () => import('./electron-fake'))` and reset it with `resetElectronFake()`.

type Handler = (event: unknown, ...args: unknown[]) => unknown;

export const ipcMain = {
  handlers: new Map<string, Handler>(),
  handle: vi.fn((channel: string, handler: Handler) => {
    if (ipcMain.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    ipcMain.handlers.set(channel, handler);
  }),
  removeHandler: vi.fn((channel: string) => void ipcMain.handlers.delete(channel)),
};

export const ipcRenderer = Object.assign(new EventEmitter(), {
  invoke: vi.fn(async (_channel: string, ..._args: unknown[]): Promise<unknown> => ({ ok: true, result: null })),
});

export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld: vi.fn((key: string, api: unknown) => void contextBridge.exposed.set(key, api)),
};

export const shell = { openExternal: vi.fn(async (_url: string) => undefined) };

export class FakeFrame {
  constructor(
    public url: string,
    public parent: FakeFrame | null = null,
  ) {}
}

export class FakeWebContents extends EventEmitter {
  readonly mainFrame: FakeFrame;
  readonly send = vi.fn();
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  constructor(url: string) {
    super();
    this.mainFrame = new FakeFrame(url);
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
}

export class BrowserWindow extends EventEmitter {
  static created: BrowserWindow[] = [];
  readonly webContents: FakeWebContents;
  destroyed = false;
  loadFile = vi.fn(async (_file: string) => undefined);
  constructor(readonly options: Record<string, unknown> = {}) {
    super();
    this.webContents = new FakeWebContents('file:///app/dist/renderer/index.html');
    BrowserWindow.created.push(this);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

export const Menu = {
  setApplicationMenu: vi.fn(),
  buildFromTemplate: vi.fn((template: unknown[]) => ({ template })),
};

export class Notification extends EventEmitter {
  static shown: Notification[] = [];
  static isSupported = vi.fn(() => true);
  constructor(readonly options: { title: string; body: string }) {
    super();
  }
  show(): void {
    Notification.shown.push(this);
  }
}

export const app = { setBadgeCount: vi.fn(() => true), isPackaged: false, getPath: vi.fn(() => '/tmp/shiftdesk-user-data') };

export function resetElectronFake(): void {
  ipcMain.handlers.clear();
  ipcMain.handle.mockClear();
  ipcMain.removeHandler.mockClear();
  ipcRenderer.removeAllListeners();
  ipcRenderer.invoke.mockClear();
  contextBridge.exposed.clear();
  contextBridge.exposeInMainWorld.mockClear();
  shell.openExternal.mockClear();
  BrowserWindow.created = [];
  Notification.shown = [];
  Menu.setApplicationMenu.mockClear();
}

export default { ipcMain, ipcRenderer, contextBridge, shell, BrowserWindow, Menu, Notification, app };
