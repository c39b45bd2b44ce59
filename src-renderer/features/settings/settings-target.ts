import { create } from 'zustand';

/**
 * Where Settings should open, asked for from elsewhere (the status bar): an account whose token
 * or password has to be entered again, or the presence broker's password. The app opens the
 * dialog when a target is set; the part named takes the focus and clears the target.
 */
export type SettingsTarget = { kind: 'account-secrets'; accountId: number } | { kind: 'presence-password' };

export const useSettingsTarget = create<{ target: SettingsTarget | null }>(() => ({ target: null }));

export function openSettingsAt(target: SettingsTarget): void {
  useSettingsTarget.setState({ target });
}

export function clearSettingsTarget(): void {
  useSettingsTarget.setState({ target: null });
}
