import { BrowserWindow, type BrowserWindowConstructorOptions, type WebPreferences } from 'electron';
import type { WindowState } from './window-state';

// The main window. Its options are a pure function so tests can hold them to DESIGN §9.

export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: true,
  };
}

export interface MainWindowSpec {
  preloadPath: string;
  state: WindowState;
  iconPath?: string;
  backgroundColor: string;
}

export function mainWindowOptions(spec: MainWindowSpec): BrowserWindowConstructorOptions {
  const { x, y, width, height } = spec.state;
  return {
    ...(x !== undefined && y !== undefined ? { x, y } : {}),
    width,
    height,
    minWidth: 960,
    minHeight: 600,
    title: 'Shiftdesk',
    // Shown once painted, so the window never flashes empty.
    show: false,
    backgroundColor: spec.backgroundColor,
    ...(spec.iconPath ? { icon: spec.iconPath } : {}),
    webPreferences: secureWebPreferences(spec.preloadPath),
  };
}

export function createMainWindow(spec: MainWindowSpec & { rendererIndex: string }): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(spec));
  window.once('ready-to-show', () => {
    if (spec.state.maximized) window.maximize();
    window.show();
  });
  void window.loadFile(spec.rendererIndex);
  return window;
}
