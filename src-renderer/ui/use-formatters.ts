import { useTranslation } from 'react-i18next';

// Creating an Intl.NumberFormat costs about a millisecond; a thread would create dozens per
// render. Formatters are made once per locale (and currency) and shared by every component.

type Formatters = ReturnType<typeof createFormatters>;
const byLocale = new Map<string, Formatters>();

function createFormatters(locale: string) {
  const numberFormats = new Map<string, Intl.NumberFormat>();
  const numberFormat = (key: string, options: Intl.NumberFormatOptions) => {
    let format = numberFormats.get(key);
    if (!format) {
      format = new Intl.NumberFormat(locale, options);
      numberFormats.set(key, format);
    }
    return format;
  };
  const integer = numberFormat('integer', {});
  const compact = numberFormat('compact', { notation: 'compact', maximumFractionDigits: 1 });
  return {
    integer: (value: number) => integer.format(value),
    compact: (value: number) => compact.format(value),
    currency: (value: number, currency: string) => {
      const digits = value >= 1000 ? 0 : 2;
      try {
        return numberFormat(`currency:${currency}:${digits}`, { style: 'currency', currency, maximumFractionDigits: digits }).format(value);
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
      const digits = value < 10 ? 1 : 0;
      return `${numberFormat(`bytes:${digits}`, { maximumFractionDigits: digits }).format(value)} ${units[unit]}`;
    },
  };
}

/** Number formatting that follows the UI language. */
export function useFormatters(): Formatters {
  const { i18n } = useTranslation();
  const locale = i18n.language === 'ko' ? 'ko-KR' : 'en-US';
  let formatters = byLocale.get(locale);
  if (!formatters) {
    formatters = createFormatters(locale);
    byLocale.set(locale, formatters);
  }
  return formatters;
}
