import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import { detectLanguage, isLanguage, type Language } from '../../i18n';

export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

interface Settings {
  theme: Theme;
  language: Language;
}

/** Appearance preferences, kept per machine in localStorage (nothing secret lives here). */
export const useSettings = create<Settings>()(
  persist(() => ({ theme: 'system' as Theme, language: detectLanguage() }), {
    name: 'shiftdesk.settings',
    version: 1,
    storage: createJSONStorage(() => localStorage),
    // A hand-edited or outdated entry falls back to defaults instead of breaking the app.
    merge: (persisted, current) => {
      const saved = (persisted ?? {}) as Partial<Settings>;
      return {
        ...current,
        theme: (THEMES as readonly string[]).includes(saved.theme ?? '') ? saved.theme! : current.theme,
        language: isLanguage(saved.language) ? saved.language : current.language,
      };
    },
  }),
);

export function setTheme(theme: Theme): void {
  useSettings.setState({ theme });
}

export function setLanguage(language: Language): void {
  useSettings.setState({ language });
}
