import { differenceInDays, differenceInHours, differenceInMinutes } from 'date-fns';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

/** "2 h", "5 min", "3 d": compact spans for dense rows, in the UI language. */
export function useShortDuration(): (from: number, to: number) => string {
  const { t } = useTranslation();
  return useCallback(
    (from: number, to: number) => {
      const minutes = differenceInMinutes(to, from);
      if (minutes < 1) return t('time.now');
      if (minutes < 60) return t('time.minutes', { count: minutes });
      const hours = differenceInHours(to, from);
      if (hours < 48) return t('time.hours', { count: hours });
      return t('time.days', { count: differenceInDays(to, from) });
    },
    [t],
  );
}
