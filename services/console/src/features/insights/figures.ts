import { useFormat } from '../../i18n/format';

const hour = 3_600_000;

/**
 * A duration the way people say it: minutes under an hour, hours under two days, days beyond,
 * in the chosen language (Intl units).
 */
export function useDurationText() {
  const { locale } = useFormat();
  return (ms: number | null | undefined): string | undefined => {
    if (ms === null || ms === undefined) return undefined;
    const [value, unit] =
      ms < hour
        ? [ms / 60_000, 'minute']
        : ms < 48 * hour
          ? [ms / hour, 'hour']
          : [ms / (24 * hour), 'day'];
    return new Intl.NumberFormat(locale, {
      style: 'unit',
      unit,
      unitDisplay: 'long',
      maximumFractionDigits: 1,
    }).format(value);
  };
}
