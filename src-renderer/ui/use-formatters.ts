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
  const formatters = {
    integer: (value: number) => integer.format(value),
    compact: (value: number) => compact.format(value),
    /**
     * An amount in its currency, with that currency's own minor units (₩ and ¥ have none, $ and €
     * two); from 1,000 up, whole units only.
     */
    currency: (value: number, currency: string) => {
      const whole = Math.abs(value) >= 1000;
      try {
        return numberFormat(`currency:${currency}:${whole ? 'whole' : 'minor'}`, whole ? { style: 'currency', currency, minimumFractionDigits: 0, maximumFractionDigits: 0 } : { style: 'currency', currency }).format(value);
      } catch {
        return `${integer.format(value)} ${currency}`;
      }
    },
    /** An amount whose currency may be unknown: then the number alone (a guessed symbol could be wrong). */
    money: (money: { amount: number; currency: string | null }) => {
      if (money.currency === null) return integer.format(Math.round(money.amount));
      return formatters.currency(money.amount, money.currency);
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
  return formatters;
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
