import { create } from 'zustand';

type DialogId = 'settings' | 'shortcuts';

/** Which modal dialog is open, if any (one at a time). */
export const useDialogs = create<{ open: DialogId | null }>(() => ({ open: null }));

export function openDialog(id: DialogId): void {
  useDialogs.setState({ open: id });
}

export function closeDialog(): void {
  useDialogs.setState({ open: null });
}
