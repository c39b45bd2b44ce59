import { create } from 'zustand';
import type { CaseNewsItem, DraftView } from '../../../src-shared/contract/models';
import type { CaseIntent } from '../../../src-shared/domain/case-intent';

// What the agent is typing, per case, for this session. Core keeps the durable copy (drafts:save,
// debounced in draft-autosave.ts); this keeps every keystroke, so switching cases never loses text
// that has not reached core yet.

export type ComposerMode = 'reply' | 'note';

/** A queued message put back in the composer after a conflict, to be edited and queued again. */
export interface EditingAction {
  actionId: string;
  intent: CaseIntent;
  /** The draft the composer held before, restored when editing ends. */
  before: { body: string; mode: ComposerMode };
}

/** What the send-time guard stopped a send for, until the agent picks send anyway, edit or discard. */
export interface SendStopState {
  news: CaseNewsItem[];
  since: number;
  /** The send the agent asked for ("send and solve" stays that). */
  variant: 'send' | 'pending' | 'solve';
}

/** The field changes a macro stages on the composer (a CaseIntent without the message). */
export type StagedFields = Omit<CaseIntent, 'comment'>;

/**
 * A macro applied to this case and not sent yet: its fields go with the next send (or "Apply
 * changes" when there is no text); Undo takes them back, and the inserted text if it is unchanged.
 */
export interface StagedMacro {
  macroId: number;
  title: string;
  fields: StagedFields;
  /** What was inserted into the text box and where (null: the macro has no text). */
  inserted: { start: number; text: string } | null;
  /** The composer's mode before the macro switched it (null: it did not). */
  modeBefore: ComposerMode | null;
  /** The macro staged before this one (Undo goes back to it). */
  previous: StagedMacro | null;
}

export interface ComposerEntry {
  body: string;
  mode: ComposerMode;
  /** What core holds as this case's draft, as of the last load or save. */
  savedBody: string;
  savedMode: ComposerMode;
  saving: boolean;
  saveError: string | null;
  editing: EditingAction | null;
  stop: SendStopState | null;
  /** The last macro applied and not sent yet (issue 6). */
  macro: StagedMacro | null;
}

export const useComposer = create<{ entries: Readonly<Record<number, ComposerEntry>> }>(() => ({ entries: {} }));

export function getEntry(caseId: number): ComposerEntry | undefined {
  return useComposer.getState().entries[caseId];
}

export function patchEntry(caseId: number, patch: Partial<ComposerEntry>): void {
  useComposer.setState((state) => {
    const entry = state.entries[caseId];
    return entry ? { entries: { ...state.entries, [caseId]: { ...entry, ...patch } } } : state;
  });
}

/** The composer of a case starts from its saved draft, unless it already holds text this session. */
export function loadEntry(caseId: number, draft: DraftView | null): void {
  if (getEntry(caseId)) return;
  const body = draft?.body ?? '';
  const mode = draft?.mode ?? 'reply';
  useComposer.setState((state) => ({
    entries: { ...state.entries, [caseId]: { body, mode, savedBody: body, savedMode: mode, saving: false, saveError: null, editing: null, stop: null, macro: null } },
  }));
}

/** A whitespace-only draft is no draft: core deletes it. */
function normalized(body: string): string {
  return body.trim() === '' ? '' : body;
}

/** True when core holds exactly what the composer shows. */
export function isSaved(entry: ComposerEntry): boolean {
  const body = normalized(entry.body);
  return body === normalized(entry.savedBody) && (body === '' || entry.mode === entry.savedMode);
}

export type DraftStatus = 'empty' | 'unsaved' | 'saving' | 'saved' | 'error' | 'editing';

export function draftStatus(entry: ComposerEntry): DraftStatus {
  if (entry.editing) return 'editing';
  if (isSaved(entry)) return normalized(entry.body) === '' ? 'empty' : 'saved';
  if (entry.saveError) return 'error';
  return entry.saving ? 'saving' : 'unsaved';
}
