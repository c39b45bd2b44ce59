import type { Locale } from 'date-fns';
import { enUS, ko } from 'date-fns/locale';
import { useTranslation } from 'react-i18next';

/** The date-fns locale matching the UI language, for absolute dates and times. */
export function useDateLocale(): Locale {
  const { i18n } = useTranslation();
  return i18n.language === 'ko' ? ko : enUS;
}
