import { useEffect } from 'react';
import type { ViewId } from '../../src-shared/domain/views';
import { shouldIgnoreShortcut } from '../ui/keyboard';
import { goToView } from '../features/inbox';
import { focusSearchBox } from '../features/search';
import { openDialog } from './dialogs-store';

const G_TARGETS: Record<string, ViewId> = { i: 'all_open', u: 'unassigned', a: 'mine' };
/** How long `g` waits for its second key. */
const SEQUENCE_MS = 1500;

/** App-wide keys: `/` search, `?` shortcuts, `g` then i/u/a for views. (j/k/Enter live with the list.) */
export function useGlobalShortcuts(): void {
  useEffect(() => {
    let pendingG = 0;
    const onKeyDown = (event: KeyboardEvent) => {
      if (shouldIgnoreShortcut(event)) return;
      if (pendingG && Date.now() - pendingG < SEQUENCE_MS) {
        pendingG = 0;
        const view = G_TARGETS[event.key];
        if (view) {
          event.preventDefault();
          goToView(view);
          return;
        }
      }
      pendingG = 0;
      switch (event.key) {
        case '/':
          event.preventDefault();
          focusSearchBox();
          return;
        case '?':
          event.preventDefault();
          openDialog('shortcuts');
          return;
        case 'g':
          pendingG = Date.now();
          return;
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
}
