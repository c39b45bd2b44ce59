import { create } from 'zustand';
import { closeOutboxPanel, useOutboxPanel } from '../../outbox';
import type { MacroForm } from './macro-form';

// The Macros dialog's UI state: whether it is open, which macro is selected, and the agent's unsaved
// edits (one per macro, 'new' for a macro not saved yet), so switching macros or closing the
// dialog loses nothing typed. What is saved lives in core (react-query's macros list).

/** A macro's id, or 'new' for the one being created. */
export type MacroSelection = number | 'new';

interface MacroManagerState {
  open: boolean;
  selected: MacroSelection | null;
  drafts: Partial<Record<string, MacroForm>>;
  filter: string;
  /** The last save, delete or duplicate: said once, cleared by the next selection or edit. */
  notice: MacroNotice | null;
}

export interface MacroNotice {
  kind: 'ok' | 'error';
  text: string;
}

export const useMacroManager = create<MacroManagerState>(() => ({ open: false, selected: null, drafts: {}, filter: '', notice: null }));

/**
 * Opens the Macros dialog (the macro editor): from the top bar's "Macros" button, or a "Manage
 * macros…" command elsewhere. `macroId` selects that macro; `create` starts a new one.
 */
export function openMacroManager(options: { macroId?: number; create?: boolean } = {}): void {
  closeOutboxPanel();
  useMacroManager.setState((state) => ({
    open: true,
    notice: null,
    selected: options.create ? 'new' : (options.macroId ?? state.selected),
  }));
}

export function closeMacroManager(): void {
  useMacroManager.setState({ open: false });
}

export function selectMacro(selection: MacroSelection | null): void {
  useMacroManager.setState({ selected: selection, notice: null });
}

export function setMacroNotice(notice: MacroNotice | null): void {
  useMacroManager.setState({ notice });
}

export function setMacroFilter(filter: string): void {
  useMacroManager.setState({ filter });
}

export function draftKey(selection: MacroSelection): string {
  return String(selection);
}

/** Keeps the agent's edits of one macro. */
export function setDraft(selection: MacroSelection, form: MacroForm): void {
  useMacroManager.setState((state) => ({ drafts: { ...state.drafts, [draftKey(selection)]: form } }));
}

/** Forgets the edits of one macro (saved, reverted or deleted). */
export function clearDraft(selection: MacroSelection): void {
  useMacroManager.setState((state) => {
    const drafts = { ...state.drafts };
    delete drafts[draftKey(selection)];
    return { drafts };
  });
}

// The outbox or a conflict (which can open by itself) takes the place of this dialog too.
useOutboxPanel.subscribe((state, previous) => {
  if (state.panel !== null && previous.panel === null && useMacroManager.getState().open) closeMacroManager();
});
