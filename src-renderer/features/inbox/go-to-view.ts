import type { ViewId } from '../../../src-shared/domain/views';
import { setView, useFilters } from './filters-store';
import { resetListPosition } from './selection-store';

/** Switches the inbox to a view (sidebar click or `g` shortcuts); the open case stays open. */
export function goToView(view: ViewId): void {
  if (useFilters.getState().view === view) return;
  setView(view);
  resetListPosition();
}
