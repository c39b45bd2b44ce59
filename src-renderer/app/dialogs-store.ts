import { create } from 'zustand';
import { closeOutboxPanel, useOutboxPanel } from '../features/outbox';

type DialogId = 'settings' | 'shortcuts';

/** Which modal dialog is open, if any (one at a time, counting the outbox's panels). */
export const useDialogs = create<{ open: DialogId | null }>(() => ({ open: null }));

export function openDialog(id: DialogId): void {
  closeOutboxPanel();
  useDialogs.setState({ open: id });
}

export function closeDialog(): void {
  useDialogs.setState({ open: null });
}

// The outbox or a conflict (which can open by itself) takes the place of any other dialog.
useOutboxPanel.subscribe((state, previous) => {
  if (state.panel !== null && previous.panel === null) closeDialog();
});
