import { api } from '../../api';
import { getEntry, isSaved, patchEntry } from './composer-store';

// Drafts reach core ~500 ms after the agent stops typing, at once when they switch cases or the
// page goes away. Timers live here, outside React, so a save still happens after the composer of
// that case has unmounted.

const DEBOUNCE_MS = 500;
const timers = new Map<number, ReturnType<typeof setTimeout>>();

export function cancelDraftSave(caseId: number): void {
  const timer = timers.get(caseId);
  if (timer !== undefined) clearTimeout(timer);
  timers.delete(caseId);
}

export function scheduleDraftSave(caseId: number): void {
  cancelDraftSave(caseId);
  timers.set(
    caseId,
    setTimeout(() => void saveDraftNow(caseId), DEBOUNCE_MS),
  );
}

/** Saves what the composer of a case holds, if core does not have it yet. */
export async function saveDraftNow(caseId: number): Promise<void> {
  cancelDraftSave(caseId);
  const entry = getEntry(caseId);
  // While a queued message is being edited, the composer holds that message, not the draft.
  if (!entry || entry.editing || isSaved(entry)) return;
  const body = entry.body.trim() === '' ? '' : entry.body;
  const mode = entry.mode;
  patchEntry(caseId, { saving: true });
  try {
    await api.call('drafts:save', { caseId, body, mode });
    patchEntry(caseId, { saving: false, saveError: null, savedBody: body, savedMode: mode });
  } catch (error) {
    patchEntry(caseId, { saving: false, saveError: error instanceof Error ? error.message : String(error) });
  }
}

/** Every draft with a save still waiting, now (the page is going away). */
export function flushDraftSaves(): void {
  for (const caseId of [...timers.keys()]) void saveDraftNow(caseId);
}
