import { create } from 'zustand';

// Which outbox panel is open: the outbox itself, or the conflict dialog of one action. The app
// keeps one modal at a time (app/dialogs-store closes its own when one of these opens).

/** A conflict opened from the outbox goes back to it when closed (`fromOutbox`). */
export type OutboxPanel = { kind: 'outbox' } | { kind: 'conflict'; id: string; fromOutbox: boolean } | null;

export const useOutboxPanel = create<{ panel: OutboxPanel }>(() => ({ panel: null }));

export function openOutbox(): void {
  useOutboxPanel.setState({ panel: { kind: 'outbox' } });
}

export function openConflict(id: string): void {
  seenConflicts.add(id);
  const fromOutbox = useOutboxPanel.getState().panel?.kind === 'outbox';
  useOutboxPanel.setState({ panel: { kind: 'conflict', id, fromOutbox } });
}

export function closeOutboxPanel(): void {
  useOutboxPanel.setState({ panel: null });
}

/** Conflicts already put in front of the agent: they do not pop up again (the outbox keeps them). */
const seenConflicts = new Set<string>();

export function wasConflictShown(id: string): boolean {
  return seenConflicts.has(id);
}
