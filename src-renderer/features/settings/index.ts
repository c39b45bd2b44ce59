// Settings: accounts, theme and language.
export { SettingsDialog } from './SettingsDialog';
export { useApplySettings, useResolvedTheme } from './use-apply-settings';
export { useSettings } from './settings-store';
