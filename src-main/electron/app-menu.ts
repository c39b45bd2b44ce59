import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from './menu-commands';

// The application menu: the platform's usual roles plus Shiftdesk's own commands, which the
// renderer carries out (menu-commands.ts). DevTools only in development builds.

export interface AppMenuOptions {
  platform: NodeJS.Platform;
  isDev: boolean;
  command: (command: MenuCommand) => void;
}

export function appMenuTemplate(options: AppMenuOptions): MenuItemConstructorOptions[] {
  const isMac = options.platform === 'darwin';
  const run = (command: MenuCommand) => () => options.command(command);
  const settings: MenuItemConstructorOptions = { label: 'Settings…', accelerator: 'CmdOrCtrl+,', click: run('settings') };
  return [
    ...(isMac ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    { label: 'File', submenu: [settings, { label: 'Work offline', accelerator: 'CmdOrCtrl+Shift+O', click: run('work-offline') }, { type: 'separator' }, isMac ? { role: 'close' } : { role: 'quit' }] },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'reload' },
        ...(options.isDev ? [{ role: 'forceReload' }, { role: 'toggleDevTools' }] as MenuItemConstructorOptions[] : []),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    {
      label: 'Go',
      submenu: [
        { label: 'Search', accelerator: 'CmdOrCtrl+F', click: run('search') },
        { type: 'separator' },
        { label: 'Mine', accelerator: 'CmdOrCtrl+1', click: run('go-mine') },
        { label: 'Unassigned', accelerator: 'CmdOrCtrl+2', click: run('go-unassigned') },
        { label: 'All open', accelerator: 'CmdOrCtrl+3', click: run('go-all-open') },
      ],
    },
    { role: 'windowMenu' },
  ];
}

export function installAppMenu(options: AppMenuOptions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate(options)));
}
