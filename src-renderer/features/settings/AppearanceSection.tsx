import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language } from '../../i18n';
import { setLanguage, setTheme, THEMES, useSettings, type Theme } from './settings-store';

// Each language is named in itself, so it can be found whatever the current language is.
const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', ko: '한국어' };

export function AppearanceSection() {
  const { t } = useTranslation();
  const theme = useSettings((s) => s.theme);
  const language = useSettings((s) => s.language);
  const themeId = useId();
  const languageId = useId();
  return (
    <section className="settings-section">
      <h3>{t('settings.appearance')}</h3>
      <div className="form-grid">
        <label htmlFor={themeId}>{t('settings.theme')}</label>
        <select id={themeId} value={theme} onChange={(e) => setTheme(e.target.value as Theme)}>
          {THEMES.map((value) => (
            <option key={value} value={value}>
              {t(`settings.themes.${value}`)}
            </option>
          ))}
        </select>
        <label htmlFor={languageId}>{t('settings.language')}</label>
        <select id={languageId} value={language} onChange={(e) => setLanguage(e.target.value as Language)}>
          {LANGUAGES.map((value) => (
            <option key={value} value={value} lang={value}>
              {LANGUAGE_NAMES[value]}
            </option>
          ))}
        </select>
      </div>
    </section>
  );
}
