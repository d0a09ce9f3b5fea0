import { useTranslation } from 'react-i18next';

/** Dates, numbers and percentages in the chosen language's conventions (Intl). */
export function useFormat() {
  const { i18n } = useTranslation();
  const locale = i18n.resolvedLanguage === 'nl' ? 'nl-NL' : 'en-GB';
  return {
    locale,
    date: (value: string | Date | undefined | null) =>
      value ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(value)) : '',
    dateTime: (value: string | Date | undefined | null) =>
      value
        ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(
            new Date(value),
          )
        : '',
    number: (value: number | undefined | null, digits = 1) =>
      value === undefined || value === null
        ? ''
        : new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value),
    /** 0.3125 → "31%" */
    percent: (fraction: number | undefined | null) =>
      fraction === undefined || fraction === null
        ? ''
        : new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(
            fraction,
          ),
    relative: (value: string | Date) => {
      const days = Math.round((new Date(value).getTime() - Date.now()) / 86_400_000);
      return new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(days, 'day');
    },
  };
}
