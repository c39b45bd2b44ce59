import { create } from 'zustand';
import { closeOutboxPanel, useOutboxPanel } from '../features/outbox';
import { useSettingsTarget } from '../features/settings';

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

// Settings asked for at a place (a token to enter again, from the status bar) opens Settings.
useSettingsTarget.subscribe((state, previous) => {
  if (state.target !== null && state.target !== previous.target) openDialog('settings');
});

// The outbox or a conflict (which can open by itself) takes the place of any other dialog.
useOutboxPanel.subscribe((state, previous) => {
  if (state.panel !== null && previous.panel === null) closeDialog();
});
