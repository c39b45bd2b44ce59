import { format, type Locale } from 'date-fns';
import { useTranslation } from 'react-i18next';
import { useDateLocale } from '../i18n';
import { useNow } from './use-now';
import { useShortDuration } from './use-short-duration';

/** Formatted absolute dates, by locale and instant: a thread re-renders the same few dozen often. */
const absoluteLabels = new Map<string, string>();
const MAX_CACHED_LABELS = 2000;

function absoluteLabel(at: number, locale: Locale): string {
  const key = `${locale.code ?? ''}|${at}`;
  let label = absoluteLabels.get(key);
  if (label === undefined) {
    if (absoluteLabels.size >= MAX_CACHED_LABELS) absoluteLabels.clear();
    label = format(at, 'PPpp', { locale });
    absoluteLabels.set(key, label);
  }
  return label;
}

/** "5 min ago" (or "now") plus the absolute date for tooltips; re-evaluated every 30 s. */
export function useRelativeLabel(at: number): { text: string; absolute: string; iso: string; justNow: boolean } {
  const { t } = useTranslation();
  const now = useNow();
  const locale = useDateLocale();
  const shortDuration = useShortDuration();
  const justNow = now - at < 60_000;
  const text = justNow ? t('time.justNow') : t('time.ago', { time: shortDuration(at, Math.max(now, at)) });
  return { text, absolute: absoluteLabel(at, locale), iso: new Date(at).toISOString(), justNow };
}
