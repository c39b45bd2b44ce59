import { useEffect } from 'react';
import { api } from '../api';
import { goToView } from '../features/inbox';
import { focusSearchBox } from '../features/search';
import { openDialog } from './dialogs-store';

// Commands from the Electron app menu. The preload posts `{ type: 'shiftdesk:command', command }`
// to this window (see src-main/electron/menu-commands.ts); anything else, or from another window, is ignored.

const MESSAGE_TYPE = 'shiftdesk:command';

function perform(command: string): void {
  switch (command) {
    case 'search':
      focusSearchBox();
      return;
    case 'go-mine':
      goToView('mine');
      return;
    case 'go-unassigned':
      goToView('unassigned');
      return;
    case 'go-all-open':
      goToView('all_open');
      return;
    case 'settings':
      openDialog('settings');
      return;
    case 'work-offline':
      // A toggle, like the status bar's button.
      void api
        .call('network:status', {})
        .then((status) => api.call('network:setOffline', { offline: !status.forcedOffline }))
        .catch(() => undefined);
      return;
  }
}

export function useMenuCommands(): void {
  useEffect(() => {
    const onMessage = (event: MessageEvent) => {
      if (event.source !== window) return;
      const data: unknown = event.data;
      if (typeof data !== 'object' || data === null) return;
      const { type, command } = data as { type?: unknown; command?: unknown };
      if (type === MESSAGE_TYPE && typeof command === 'string') perform(command);
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, []);
}
