import { app, Menu, nativeImage, Tray } from 'electron';
import type { ChangeEvent, ShiftdeskApi } from '../../src-shared/contract/api';

// The number of open cases assigned to me (`inbox:counts` → mine) on the dock/taskbar badge and
// the tray, refreshed when core reports a change to cases or accounts (debounced: a sync page
// changes many cases at once). setBadgeCount works on macOS and Linux launchers that support it;
// Windows shows the count in the tray tooltip.

const REFRESH_DELAY_MS = 750;

export function changeAffectsMine(change: ChangeEvent): boolean {
  return change.kinds.includes('cases') || change.kinds.includes('accounts');
}

export function mineLabel(mine: number): string {
  return mine === 1 ? '1 open case assigned to you' : `${mine} open cases assigned to you`;
}

export interface MineBadgeOptions {
  core: ShiftdeskApi;
  iconPath: string;
  showWindow: () => void;
  quit: () => void;
}

export function startMineBadge(options: MineBadgeOptions): () => void {
  const image = nativeImage.createFromPath(options.iconPath);
  const tray = new Tray(image.isEmpty() ? image : image.resize({ width: 16, height: 16 }));
  tray.on('click', options.showWindow);
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;

  const show = (mine: number | null): void => {
    if (stopped) return;
    const label = mine === null ? 'Shiftdesk' : `Shiftdesk: ${mineLabel(mine)}`;
    tray.setToolTip(label);
    if (process.platform === 'darwin') tray.setTitle(mine ? String(mine) : '');
    app.setBadgeCount(mine ?? 0);
    tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: 'Open Shiftdesk', click: options.showWindow },
        ...(mine === null ? [] : [{ label: mineLabel(mine), enabled: false }]),
        { type: 'separator' },
        { label: 'Quit Shiftdesk', click: options.quit },
      ]),
    );
  };
  const refresh = (): void => {
    timer = null;
    options.core.call('inbox:counts', {}).then(
      (counts) => show(counts.mine),
      () => undefined, // core is stopping or not ready; the next change refreshes
    );
  };
  const unsubscribe = options.core.on('onChange', (change) => {
    if (changeAffectsMine(change) && !timer) timer = setTimeout(refresh, REFRESH_DELAY_MS);
  });
  show(null);
  refresh();

  return () => {
    stopped = true;
    unsubscribe();
    if (timer) clearTimeout(timer);
    app.setBadgeCount(0);
    tray.destroy();
  };
}
