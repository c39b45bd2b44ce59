import type { CaseIntent } from '../../../src-shared/domain/case-intent';
import { create } from 'zustand';
import { getEntry, loadEntry, patchEntry, type ComposerMode, type StagedFields, type StagedMacro } from './composer-store';
import { api } from '../../api';
import { scheduleDraftSave } from './draft-autosave';

// Applying a macro to the open case stages it in the composer (issue 6, docs/macros.md
// "Applying"): its text goes in at the caret, never replacing the draft; its field changes wait
// on the composer entry and go with the next send, in the same single action. Undo takes back the
// last apply until then.

/** Where the macro's text goes in the body: at `at`, with a space or blank line to keep words apart. */
export function insertText(body: string, at: number, text: string): { body: string; start: number; text: string } {
  const position = Math.max(0, Math.min(at, body.length));
  const before = body.slice(0, position);
  const after = body.slice(position);
  let inserted = text;
  if (before !== '' && !/\s$/.test(before)) inserted = (text.includes('\n') ? '\n\n' : ' ') + inserted;
  if (after !== '' && !/^\s/.test(after)) inserted += text.includes('\n') ? '\n\n' : ' ';
  return { body: before + inserted + after, start: position, text: inserted };
}

/**
 * Takes the inserted text back out, if the agent has not changed it: still at its place, or
 * found exactly once (the agent typed before it). Otherwise the body stays as it is.
 */
export function removeInserted(body: string, inserted: { start: number; text: string }): { body: string; removed: boolean } {
  const { start, text } = inserted;
  if (text === '') return { body, removed: true };
  if (body.slice(start, start + text.length) === text) return { body: body.slice(0, start) + body.slice(start + text.length), removed: true };
  const index = body.indexOf(text);
  if (index !== -1 && body.lastIndexOf(text) === index) return { body: body.slice(0, index) + body.slice(index + text.length), removed: true };
  return { body, removed: false };
}

/** Two applies in a row: the later one wins a field; tags add up (a later add cancels an earlier removal). */
export function mergeFields(earlier: StagedFields, later: StagedFields): StagedFields {
  const merged: StagedFields = { ...earlier, ...later };
  const add = new Set(earlier.addTags ?? []);
  const remove = new Set(earlier.removeTags ?? []);
  for (const tag of later.addTags ?? []) {
    add.add(tag);
    remove.delete(tag);
  }
  for (const tag of later.removeTags ?? []) {
    remove.add(tag);
    add.delete(tag);
  }
  delete merged.addTags;
  delete merged.removeTags;
  if (add.size > 0) merged.addTags = [...add];
  if (remove.size > 0) merged.removeTags = [...remove];
  return merged;
}

/** True when the fields change something. */
export function hasFields(fields: StagedFields): boolean {
  return Object.entries(fields).some(([key, value]) => (key === 'addTags' || key === 'removeTags' ? (value as string[]).length > 0 : value !== undefined));
}

/** The one intent a send queues: the message, the staged fields, and the send variant's status over both. */
export function mergeIntent(comment: CaseIntent['comment'], staged: StagedMacro | null | undefined, extra: Pick<CaseIntent, 'status'>): CaseIntent {
  return { ...(comment ? { comment } : {}), ...(staged?.fields ?? {}), ...extra };
}

export type Placement = 'insert' | 'switch' | 'ask';

/**
 * Where a macro's text goes, given the composer's mode and draft: into the draft as it is; into
 * an empty composer switched to the macro's kind (reply or note); or, when a draft of the other
 * kind is there, the agent is asked (a note's text must never go to a customer unnoticed).
 */
export function placementFor(mode: ComposerMode, body: string, macroMode: ComposerMode): Placement {
  if (mode === macroMode) return 'insert';
  return body.trim() === '' ? 'switch' : 'ask';
}

// The text boxes of the composers on screen, to insert at their caret and put the caret after.
const inputs = new Map<number, HTMLTextAreaElement>();

export function registerComposerInput(caseId: number, element: HTMLTextAreaElement | null): void {
  if (element) inputs.set(caseId, element);
  else inputs.delete(caseId);
}

/** Where the agent's caret (the end of their selection) is in the composer of a case; the end of the text if unknown. */
function caretOf(caseId: number, body: string): number {
  const element = inputs.get(caseId);
  return element && document.contains(element) ? element.selectionEnd : body.length;
}

/** Gives the composer the focus with the caret at `position` (after the dialog hands the focus back). */
export function focusComposer(caseId: number, position?: number): void {
  setTimeout(() => {
    const element = inputs.get(caseId);
    if (!element || !document.contains(element)) return;
    element.focus();
    if (position !== undefined) element.setSelectionRange(position, position);
  }, 0);
}

/** The composer entry of a case, loading its draft first if it was never shown. */
export async function ensureComposerEntry(caseId: number): Promise<void> {
  if (!getEntry(caseId)) loadEntry(caseId, await api.call('drafts:get', { caseId }).catch(() => null));
}

export interface StageInput {
  macroId: number;
  title: string;
  fields: StagedFields;
  /** The rendered text ('' for a macro with fields only). */
  text: string;
  textMode: ComposerMode;
  /** The agent's answer when asked ('keep': into the draft as it is; 'switch': the draft becomes the macro's kind). */
  choice?: 'keep' | 'switch';
}

/** Stages a macro on the composer of a case. Returns 'ask' when the agent must choose where the text goes. */
export function stageMacro(caseId: number, input: StageInput): 'staged' | 'ask' {
  const entry = getEntry(caseId);
  if (!entry) return 'staged';
  const previous = entry.macro;
  const fields = previous ? mergeFields(previous.fields, input.fields) : input.fields;
  let body = entry.body;
  let mode = entry.mode;
  let modeBefore: ComposerMode | null = null;
  let inserted: StagedMacro['inserted'] = null;
  if (input.text !== '') {
    const placement = placementFor(entry.mode, entry.body, input.textMode);
    if (placement === 'ask' && !input.choice) return 'ask';
    if (placement === 'switch' || input.choice === 'switch') {
      modeBefore = entry.mode;
      mode = input.textMode;
    }
    const result = insertText(body, caretOf(caseId, body), input.text);
    body = result.body;
    inserted = { start: result.start, text: result.text };
  }
  const macro: StagedMacro = { macroId: input.macroId, title: input.title, fields, inserted, modeBefore, previous };
  patchEntry(caseId, { body, mode, macro });
  useMacroNotice.setState((s) => ({ notices: { ...s.notices, [caseId]: null } }));
  if (inserted) {
    scheduleDraftSave(caseId);
    focusComposer(caseId, inserted.start + inserted.text.length);
  } else focusComposer(caseId);
  return 'staged';
}

/** What the last Undo could not do, per case: the agent changed the inserted text, so it stayed. */
export const useMacroNotice = create<{ notices: Readonly<Record<number, 'textKept' | null>> }>(() => ({ notices: {} }));

/**
 * Undoes the last apply before sending: its fields, its switch of the composer's mode, and its
 * text if the agent has not changed it (else the text stays and the notice says so).
 */
export function undoMacro(caseId: number): void {
  const entry = getEntry(caseId);
  const macro = entry?.macro;
  if (!entry || !macro) return;
  let body = entry.body;
  let kept = false;
  if (macro.inserted) {
    const result = removeInserted(body, macro.inserted);
    body = result.body;
    kept = !result.removed;
  }
  const mode = macro.modeBefore !== null && !kept ? macro.modeBefore : entry.mode;
  patchEntry(caseId, { body, mode, macro: macro.previous });
  useMacroNotice.setState((s) => ({ notices: { ...s.notices, [caseId]: kept ? 'textKept' : null } }));
  if (body !== entry.body) scheduleDraftSave(caseId);
  focusComposer(caseId, macro.inserted && !kept ? macro.inserted.start : undefined);
}

/** The staged macro went out with a send: forget it, unless another was applied meanwhile. */
export function clearSentMacro(caseId: number, sent: StagedMacro | null): void {
  if (sent && getEntry(caseId)?.macro === sent) patchEntry(caseId, { macro: null });
}

/** Types `text` at the composer's caret as if the agent had (a `;` that did not open a macro after all). */
export function insertLiteral(caseId: number, text: string): void {
  const entry = getEntry(caseId);
  if (!entry) return;
  const element = inputs.get(caseId);
  const start = element && document.contains(element) ? element.selectionStart : entry.body.length;
  const end = element && document.contains(element) ? element.selectionEnd : entry.body.length;
  patchEntry(caseId, { body: entry.body.slice(0, start) + text + entry.body.slice(end) });
  scheduleDraftSave(caseId);
  focusComposer(caseId, start + text.length);
}
