import { join } from 'node:path';
import { app, BrowserWindow, dialog, nativeTheme, screen, session } from 'electron';
import type { ShiftdeskApi } from '../../src-shared/contract/api';
import { openProfile, type OpenProfile } from '../web/profile-bootstrap';
import { installAppMenu } from './app-menu';
import { appPaths } from './app-paths';
import { deferredCore } from './deferred-core';
import { registerIpcBridge } from './ipc-bridge';
import { COMMAND_CHANNEL } from './ipc-channels';
import type { MenuCommand } from './menu-commands';
import { addonAbi, KEYTAR_MODULE_ENV, missingNativeFiles } from './native-modules';
import { guardWebContents } from './navigation-guard';
import { notifySyncErrors, showNotification } from './notifications';
import { hardenSession } from './session-hardening';
import { startMineBadge } from './tray-badge';
import { createMainWindow } from './window';
import { fitToDisplays, readWindowState, rememberWindowState } from './window-state';

// The Electron shell: one window on the renderer, core in its worker, the demo helpdesk when the
// profile has no account, a tray and badge, notifications, a menu. It forwards the contract and
// adds no rules of its own (DESIGN §2).

const paths = appPaths(import.meta.url, process.versions.electron);
const isDev = !app.isPackaged;

let window: BrowserWindow | null = null;
let profile: OpenProfile | null = null;
const cleanups: (() => void)[] = [];

function showWindow(): void {
  if (!window || window.isDestroyed()) {
    window = openWindow();
    return;
  }
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

function openWindow(): BrowserWindow {
  const stateFile = join(app.getPath('userData'), 'window-state.json');
  const state = fitToDisplays(readWindowState(stateFile), screen.getAllDisplays().map((d) => d.workArea));
  const created = createMainWindow({
    preloadPath: paths.preload,
    rendererIndex: paths.rendererIndex,
    state,
    iconPath: paths.icon,
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#111318' : '#ffffff',
  });
  rememberWindowState(created, stateFile);
  created.on('closed', () => {
    if (window === created) window = null;
  });
  return created;
}

function sendCommand(command: MenuCommand): void {
  showWindow();
  const contents = window?.webContents;
  if (!contents) return;
  // A window that is still loading gets the command once its page can listen.
  if (contents.isLoading()) contents.once('did-finish-load', () => contents.send(COMMAND_CHANNEL, command));
  else contents.send(COMMAND_CHANNEL, command);
}

function fail(title: string, error: unknown): never {
  dialog.showErrorBox(title, error instanceof Error ? error.message : String(error));
  app.exit(1);
  throw error;
}

async function start(): Promise<void> {
  const missing = missingNativeFiles(paths.native);
  if (missing.length > 0) {
    fail('Shiftdesk cannot start', `The Electron builds of SQLite and keytar are missing:\n${missing.join('\n')}\n\nRun \`npm start\` (it prepares them) or \`tsx src-main/electron/tools/prepare-native.ts\`.`);
  }
  const abi = addonAbi(paths.native.sqliteBinding);
  if (abi !== Number(process.versions.modules)) {
    fail('Shiftdesk cannot start', `SQLite was built for ABI ${abi}, but this Electron needs ABI ${process.versions.modules}.\n\nDelete ${paths.native.dir} and run \`npm start\` again.`);
  }
  // The core worker inherits this and loads the Electron-ABI keytar (see native-modules.ts).
  process.env[KEYTAR_MODULE_ENV] = paths.native.keytarModule;
  hardenSession(session.defaultSession, paths.rendererUrl);
  installAppMenu({ platform: process.platform, isDev, command: sendCommand });

  const opening = openProfile({
    profileDir: app.getPath('userData'),
    secrets: 'keychain',
    core: { workerUrl: paths.workerUrl, nativeBinding: paths.native.sqliteBinding },
    warn: (message) => {
      console.warn(`shiftdesk: ${message}`);
      showNotification({ title: 'Shiftdesk', body: message });
    },
  });
  const core: ShiftdeskApi = deferredCore(opening.then((p) => p.core));
  cleanups.push(registerIpcBridge({ core, getWindow: () => window, rendererUrl: paths.rendererUrl }));
  window = openWindow();

  profile = await opening.catch((error: unknown) => fail('Shiftdesk could not open its profile', error));
  cleanups.push(startMineBadge({ core: profile.core, iconPath: paths.icon, showWindow, quit: () => app.quit() }));
  cleanups.push(notifySyncErrors(profile.core, showNotification, showWindow));
}

async function stop(): Promise<void> {
  for (const cleanup of cleanups.splice(0)) cleanup();
  await profile?.close();
  profile = null;
}

if (!app.requestSingleInstanceLock()) {
  // Another Shiftdesk owns this profile; it comes to the front (second-instance below).
  app.quit();
} else {
  app.on('second-instance', showWindow);
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents));
  app.on('activate', showWindow); // macOS: the dock icon reopens the window
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  // Core and the demo helpdesk stop before the process exits, so the database closes cleanly.
  let stopped = false;
  app.on('before-quit', (event) => {
    if (stopped) return;
    event.preventDefault();
    stopped = true;
    void stop().finally(() => app.quit());
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => app.quit());

  app.whenReady().then(start, (error: unknown) => fail('Shiftdesk could not start', error));
}
