import type { CaseIntent } from '../../../src-shared/domain/case-intent';
import { api } from '../../api';
import { getEntry, loadEntry, patchEntry, type ComposerMode } from './composer-store';
import { saveDraftNow } from './draft-autosave';

/**
 * "Edit" on a conflicting reply or note: its text goes back into the case's composer, where the
 * agent reworks it and sends it again (outbox:edit). The draft the composer held is saved first
 * and comes back when editing ends, so nothing the agent typed is lost.
 */
export async function editQueuedMessage(caseId: number, actionId: string, intent: CaseIntent): Promise<void> {
  if (!intent.comment) return;
  if (!getEntry(caseId)) loadEntry(caseId, await api.call('drafts:get', { caseId }).catch(() => null));
  await saveDraftNow(caseId);
  const entry = getEntry(caseId)!;
  const before = entry.editing ? entry.editing.before : { body: entry.body, mode: entry.mode };
  const mode: ComposerMode = intent.comment.public ? 'reply' : 'note';
  patchEntry(caseId, { editing: { actionId, intent, before }, body: intent.comment.body, mode });
}

/** Editing ends (sent again, or given up): the draft comes back. */
export function endEditing(caseId: number): void {
  const entry = getEntry(caseId);
  if (!entry?.editing) return;
  patchEntry(caseId, { editing: null, body: entry.editing.before.body, mode: entry.editing.before.mode });
}

/** The message was queued (core deleted the case's draft): empty the composer, unless the agent typed on. */
export function clearSent(caseId: number, sentBody: string): void {
  const entry = getEntry(caseId);
  if (!entry) return;
  if (entry.body === sentBody) patchEntry(caseId, { body: '', savedBody: '', saveError: null });
  else patchEntry(caseId, { savedBody: '' });
}
