import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** Number formatting that follows the UI language. */
export function useFormatters() {
  const { i18n } = useTranslation();
  const locale = i18n.language === 'ko' ? 'ko-KR' : 'en-US';
  return useMemo(() => {
    const compact = new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 });
    const integer = new Intl.NumberFormat(locale);
    return {
      integer: (value: number) => integer.format(value),
      compact: (value: number) => compact.format(value),
      currency: (value: number, currency: string) => {
        try {
          return new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: value >= 1000 ? 0 : 2 }).format(value);
        } catch {
          return `${integer.format(value)} ${currency}`;
        }
      },
      bytes: (size: number) => {
        if (size < 1024) return `${integer.format(size)} B`;
        const units = ['KB', 'MB', 'GB'];
        let value = size / 1024;
        let unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
          value /= 1024;
          unit++;
        }
        return `${new Intl.NumberFormat(locale, { maximumFractionDigits: value < 10 ? 1 : 0 }).format(value)} ${units[unit]}`;
      },
    };
  }, [locale]);
}
