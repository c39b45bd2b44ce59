import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

/** A span in ms as "45 s", "12 min", "3 h", "2 d". */
export function useSpan(): (ms: number) => string {
  const { t } = useTranslation();
  return useCallback(
    (ms: number) => {
      const seconds = Math.max(0, Math.round(ms / 1000));
      if (seconds < 60) return t('time.seconds', { count: seconds });
      const minutes = Math.floor(seconds / 60);
      if (minutes < 60) return t('time.minutes', { count: minutes });
      const hours = Math.floor(minutes / 60);
      if (hours < 48) return t('time.hours', { count: hours });
      return t('time.days', { count: Math.floor(hours / 24) });
    },
    [t],
  );
}

export const percentOf = (part: number, total: number): number => (total === 0 ? 0 : Math.round((100 * part) / total));

/** A distinct, readable colour per channel, on light and dark surfaces alike. */
export const CHANNEL_COLORS: Record<string, string> = {
  email: '#4e79d8',
  web: '#2aa198',
  chat: '#e08a1e',
  messaging: '#b05fd0',
  twitter: '#1da1c8',
  facebook: '#6c7ae0',
  whatsapp: '#3fae5a',
  voice: '#d9534f',
  api: '#8a94a6',
};
