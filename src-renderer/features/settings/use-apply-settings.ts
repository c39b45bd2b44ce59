import { useEffect, useSyncExternalStore } from 'react';
import { applyLanguage } from '../../i18n';
import { useSettings } from './settings-store';

const DARK_QUERY = '(prefers-color-scheme: dark)';

function subscribeToScheme(callback: () => void): () => void {
  const media = window.matchMedia(DARK_QUERY);
  media.addEventListener('change', callback);
  return () => media.removeEventListener('change', callback);
}

/** The theme actually shown: `system` follows the OS and changes with it. */
export function useResolvedTheme(): 'light' | 'dark' {
  const theme = useSettings((s) => s.theme);
  const systemDark = useSyncExternalStore(subscribeToScheme, () => window.matchMedia(DARK_QUERY).matches);
  return theme === 'system' ? (systemDark ? 'dark' : 'light') : theme;
}

/** Puts theme and language on <html>: CSS variables switch on data-theme, `lang` follows the UI language. */
export function useApplySettings(): void {
  const resolved = useResolvedTheme();
  const language = useSettings((s) => s.language);
  useEffect(() => {
    document.documentElement.dataset.theme = resolved;
    document.documentElement.style.colorScheme = resolved;
  }, [resolved]);
  useEffect(() => applyLanguage(language), [language]);
}
