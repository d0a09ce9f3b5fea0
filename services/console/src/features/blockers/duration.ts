/** A span of time in the largest unit that reads well: "45 minutes", "5 hours", "2.5 days". */
export function formatDuration(ms: number, locale: string): string {
  const minutes = ms / 60_000;
  const [value, unit] =
    minutes < 60
      ? [Math.max(1, Math.round(minutes)), 'minute']
      : minutes < 48 * 60
        ? [minutes / 60, 'hour']
        : [minutes / (24 * 60), 'day'];
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit,
    unitDisplay: 'long',
    maximumFractionDigits: 1,
  }).format(value);
}
