import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { EVENT_NAMES, METHODS, type ShiftdeskApi, type SyncStatusView } from '../../../src-shared/contract/api';
import { appMenuTemplate } from '../../../src-main/electron/app-menu';
import { appPaths, unpacked } from '../../../src-main/electron/app-paths';
import { EVENT_IDS, isKnownMethod, METHOD_IDS } from '../../../src-main/electron/contract-names';
import { deferredCore } from '../../../src-main/electron/deferred-core';
import { MENU_COMMANDS, type MenuCommand } from '../../../src-main/electron/menu-commands';
import { addonAbi } from '../../../src-main/electron/native-modules';
import { notifySyncErrors, showNotification, syncErrorWatcher, type NotificationSpec } from '../../../src-main/electron/notifications';
import { changeAffectsMine, mineLabel } from '../../../src-main/electron/tray-badge';
import { DEFAULT_WINDOW_STATE, fitToDisplays, parseWindowState, readWindowState, writeWindowState } from '../../../src-main/electron/window-state';
import { Notification } from './electron-fake';

vi.mock('electron', () => import('./electron-fake'));

describe('contract names for the preload', () => {
  it('list exactly the contract’s methods and events', () => {
    expect([...METHOD_IDS].sort()).toEqual(Object.keys(METHODS).sort());
    expect([...EVENT_IDS].sort()).toEqual([...EVENT_NAMES].sort());
    expect(isKnownMethod('inbox:list')).toBe(true);
    expect(isKnownMethod('hasOwnProperty')).toBe(false);
  });
});

describe('app menu', () => {
  const items = (template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] =>
    template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? items(item.submenu) : [])]);

  it('has the usual roles and runs our commands', () => {
    const ran: MenuCommand[] = [];
    const template = appMenuTemplate({ platform: 'linux', isDev: false, command: (c) => ran.push(c) });
    const all = items(template);
    const roles = all.map((i) => i.role).filter(Boolean);
    expect(roles).toEqual(expect.arrayContaining(['quit', 'editMenu', 'reload', 'zoomIn', 'togglefullscreen', 'windowMenu']));
    expect(roles).not.toContain('toggleDevTools');
    for (const label of ['Search', 'Mine', 'Unassigned', 'All open', 'Settings…', 'Work offline']) {
      const item = all.find((i) => i.label === label)!;
      (item.click as () => void)();
    }
    expect(ran).toEqual(['search', 'go-mine', 'go-unassigned', 'go-all-open', 'settings', 'work-offline']);
    expect([...ran].sort()).toEqual([...MENU_COMMANDS].sort());
  });

  it('offers DevTools only in development, and the app menu on macOS', () => {
    expect(items(appMenuTemplate({ platform: 'linux', isDev: true, command: () => undefined })).map((i) => i.role)).toContain('toggleDevTools');
    const mac = appMenuTemplate({ platform: 'darwin', isDev: false, command: () => undefined });
    expect(mac[0]).toEqual({ role: 'appMenu' });
    expect(items(mac).map((i) => i.role)).toContain('close');
  });
});

describe('notifications', () => {
  const progress = (accountId: number, state: SyncStatusView['state'], error: string | null) => ({ accountId, state, error }) as SyncStatusView;

  it('tell about a sync error once, and again after a recovery', () => {
    const shown: NotificationSpec[] = [];
    const watch = syncErrorWatcher((spec) => shown.push(spec));
    watch(progress(1, 'syncing', null));
    watch(progress(1, 'error', 'The helpdesk refused the credentials (401)'));
    watch(progress(1, 'error', 'The helpdesk refused the credentials (401)'));
    watch(progress(2, 'error', 'Malformed payload at tickets.json: id'));
    watch(progress(1, 'following', null));
    watch(progress(1, 'error', 'The helpdesk refused the credentials (401)'));
    expect(shown.map((s) => s.body)).toEqual(['The helpdesk refused the credentials (401)', 'Malformed payload at tickets.json: id', 'The helpdesk refused the credentials (401)']);
    expect(shown[0]!.title).toBe('Shiftdesk cannot sync');
  });

  it('come from core’s progress events and show as desktop notifications', () => {
    const events = new EventEmitter();
    const core = { call: vi.fn(), on: (event: string, listener: (p: unknown) => void) => (events.on(event, listener), () => events.off(event, listener)) } as unknown as ShiftdeskApi;
    const stop = notifySyncErrors(core, showNotification);
    events.emit('onSyncProgress', progress(3, 'error', 'offline for a while'));
    expect(Notification.shown.map((n) => n.options)).toEqual([expect.objectContaining({ title: 'Shiftdesk cannot sync', body: 'offline for a while' })]);
    stop();
    expect(events.listenerCount('onSyncProgress')).toBe(0);
  });
});

describe('badge', () => {
  it('refreshes on case and account changes and reads well', () => {
    expect(changeAffectsMine({ kinds: ['cases'], caseIds: [1], customerIds: [] })).toBe(true);
    expect(changeAffectsMine({ kinds: ['accounts'], caseIds: [], customerIds: [] })).toBe(true);
    expect(changeAffectsMine({ kinds: ['customers', 'messages'], caseIds: [], customerIds: [4] })).toBe(false);
    expect(mineLabel(1)).toBe('1 open case assigned to you');
    expect(mineLabel(12)).toBe('12 open cases assigned to you');
  });
});

describe('deferred core', () => {
  it('holds calls and subscriptions until core is ready', async () => {
    let ready!: (core: ShiftdeskApi) => void;
    const api = deferredCore(new Promise((resolve) => (ready = resolve)));
    const events = new EventEmitter();
    const seen: unknown[] = [];
    const off = api.on('onChange', (p) => seen.push(p));
    const cancelled = api.on('onSyncProgress', (p) => seen.push(p));
    cancelled();
    const answer = api.call('inbox:counts', {});
    ready({ call: async (method: string) => `answered ${method}`, on: (event: string, listener: (p: unknown) => void) => (events.on(event, listener), () => events.off(event, listener)) } as unknown as ShiftdeskApi);
    expect(await answer).toBe('answered inbox:counts');
    events.emit('onChange', 'a change');
    events.emit('onSyncProgress', 'progress');
    expect(seen).toEqual(['a change']);
    off();
    events.emit('onChange', 'later');
    expect(seen).toEqual(['a change']);
  });
});

describe('window state', () => {
  it('reads what it wrote, and falls back to defaults on anything odd', () => {
    const dir = mkdtempSync(join(tmpdir(), 'shiftdesk-window-'));
    try {
      const file = join(dir, 'window-state.json');
      expect(readWindowState(file)).toEqual(DEFAULT_WINDOW_STATE);
      writeWindowState(file, { x: 40, y: 50, width: 1300, height: 850, maximized: true });
      expect(readWindowState(file)).toEqual({ x: 40, y: 50, width: 1300, height: 850, maximized: true });
      writeFileSync(file, '{ not json');
      expect(readWindowState(file)).toEqual(DEFAULT_WINDOW_STATE);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(parseWindowState({ width: 10, height: 10 })).toEqual(DEFAULT_WINDOW_STATE);
    expect(parseWindowState({ width: 1000, height: 700, x: 'a', y: 3 })).toEqual({ width: 1000, height: 700, maximized: false });
  });

  it('never places the window off-screen or larger than the largest display', () => {
    const laptop = { x: 0, y: 0, width: 1440, height: 877 };
    expect(fitToDisplays({ x: 2000, y: 100, width: 1200, height: 800, maximized: false }, [laptop])).toEqual({ width: 1200, height: 800, maximized: false });
    expect(fitToDisplays({ x: 100, y: 50, width: 1200, height: 800, maximized: false }, [laptop])).toEqual({ x: 100, y: 50, width: 1200, height: 800, maximized: false });
    expect(fitToDisplays({ x: 0, y: 0, width: 2560, height: 1400, maximized: true }, [laptop])).toEqual({ x: 0, y: 0, width: 1440, height: 877, maximized: true });
    const external = { x: 1440, y: 0, width: 2560, height: 1440 };
    expect(fitToDisplays({ x: 1600, y: 100, width: 2000, height: 1200, maximized: false }, [laptop, external])).toMatchObject({ x: 1600, y: 100 });
  });
});

describe('bundled paths', () => {
  it('put native addons outside app.asar', () => {
    expect(unpacked('/opt/Shiftdesk/resources/app.asar/dist/native/41.7.1')).toBe('/opt/Shiftdesk/resources/app.asar.unpacked/dist/native/41.7.1');
    expect(unpacked('C:\\Shiftdesk\\resources\\app.asar\\dist\\native')).toBe('C:\\Shiftdesk\\resources\\app.asar.unpacked\\dist\\native');
    expect(unpacked('/home/me/shiftdesk/dist/native')).toBe('/home/me/shiftdesk/dist/native');
    const paths = appPaths('file:///opt/Shiftdesk/resources/app.asar/dist/electron/main.js', '41.7.1');
    expect(paths.preload).toBe('/opt/Shiftdesk/resources/app.asar/dist/electron/preload.cjs');
    expect(paths.rendererUrl).toBe('file:///opt/Shiftdesk/resources/app.asar/dist/renderer/index.html');
    expect(paths.workerUrl.href).toBe('file:///opt/Shiftdesk/resources/app.asar/dist/electron/core-worker.js');
    expect(paths.native.sqliteBinding).toBe('/opt/Shiftdesk/resources/app.asar.unpacked/dist/native/41.7.1/node_modules/better-sqlite3/build/Release/better_sqlite3.node');
    expect(paths.native.keytarModule).toBe('/opt/Shiftdesk/resources/app.asar.unpacked/dist/native/41.7.1/node_modules/keytar');
  });

  it('read the ABI an addon was built for', () => {
    const dir = mkdtempSync(join(tmpdir(), 'shiftdesk-abi-'));
    try {
      writeFileSync(join(dir, 'a.node'), Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0]), Buffer.from('\0node_register_module_v145\0')]));
      writeFileSync(join(dir, 'b.node'), Buffer.from('\0napi_register_module_v1\0'));
      expect(addonAbi(join(dir, 'a.node'))).toBe(145);
      expect(addonAbi(join(dir, 'b.node'))).toBeNull();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // The Node build the tests use is Node's ABI.
    expect(addonAbi(join(process.cwd(), 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'))).toBe(Number(process.versions.modules));
  });
});
