// Settings: accounts, presence (the broker), theme and language.
export { SettingsDialog } from './SettingsDialog';
export { useApplySettings, useResolvedTheme } from './use-apply-settings';
export { useSettings } from './settings-store';
export { openSettingsAt, useSettingsTarget, type SettingsTarget } from './settings-target';
