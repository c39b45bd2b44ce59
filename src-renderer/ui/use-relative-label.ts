import { format } from 'date-fns';
import { useTranslation } from 'react-i18next';
import { useDateLocale } from '../i18n';
import { useNow } from './use-now';
import { useShortDuration } from './use-short-duration';

/** "5 min ago" (or "now") plus the absolute date for tooltips; re-evaluated every 30 s. */
export function useRelativeLabel(at: number): { text: string; absolute: string; iso: string; justNow: boolean } {
  const { t } = useTranslation();
  const now = useNow();
  const locale = useDateLocale();
  const shortDuration = useShortDuration();
  const justNow = now - at < 60_000;
  const text = justNow ? t('time.justNow') : t('time.ago', { time: shortDuration(at, Math.max(now, at)) });
  return { text, absolute: format(at, 'PPpp', { locale }), iso: new Date(at).toISOString(), justNow };
}
