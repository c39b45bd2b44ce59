import { create } from 'zustand';

// Which outbox panel is open: the outbox itself, or the conflict dialog of one case (its whole
// held queue; `focusId` the action that brought it up). The app keeps one modal at a time
// (app/dialogs-store closes its own when one of these opens).

/** A conflict opened from the outbox goes back to it when closed (`fromOutbox`). */
export type OutboxPanel = { kind: 'outbox' } | { kind: 'conflict'; caseId: number; focusId: string | null; fromOutbox: boolean } | null;

export const useOutboxPanel = create<{ panel: OutboxPanel }>(() => ({ panel: null }));

export function openOutbox(): void {
  useOutboxPanel.setState({ panel: { kind: 'outbox' } });
}

/** Opens a case's held queue; `shown`: its conflicts (`conflictKey`), now put in front of the agent. */
export function openConflict(caseId: number, focusId: string | null = null, shown: readonly string[] = []): void {
  for (const key of shown) seenConflicts.add(key);
  const fromOutbox = useOutboxPanel.getState().panel?.kind === 'outbox';
  useOutboxPanel.setState({ panel: { kind: 'conflict', caseId, focusId, fromOutbox } });
}

export function closeOutboxPanel(): void {
  useOutboxPanel.setState({ panel: null });
}

/** Conflicts already put in front of the agent: they do not pop up again (the outbox keeps them). */
const seenConflicts = new Set<string>();

/** One stop of one action: the same action stopping again after another attempt is a new one. */
export function conflictKey(item: { id: string; attempts: number }): string {
  return `${item.id}#${item.attempts}`;
}

export function wasConflictShown(key: string): boolean {
  return seenConflicts.has(key);
}
