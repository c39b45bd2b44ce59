import { create } from 'zustand';

// Whether the macro palette is open, and for what: the open case (its composer), the selected
// cases (bulk), or nothing to apply to (browse only).

export type PaletteTarget = { kind: 'case'; caseId: number; fromSemicolon?: boolean } | { kind: 'bulk'; caseIds: number[]; onQueued?: (count: number, refused: { caseId: number; reason: string }[]) => void } | { kind: 'none' };

export interface PaletteState {
  target: PaletteTarget;
  /** The macro to highlight first (a suggestion clicked above the composer). */
  highlightId: number | null;
}

export const useMacroPalette = create<{ open: PaletteState | null }>(() => ({ open: null }));

export function openMacroPalette(target: PaletteTarget, highlightId: number | null = null): void {
  useMacroPalette.setState({ open: { target, highlightId } });
}

export function closeMacroPalette(): void {
  useMacroPalette.setState({ open: null });
}

export function isMacroPaletteOpen(): boolean {
  return useMacroPalette.getState().open !== null;
}
