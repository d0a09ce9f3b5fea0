// The heat map's colours: from near-white (no kudos) to deep blue (the most), with the figure
// written in black or white, whichever reads better on it (WCAG contrast ≥ 4.5 at every shade).

type Rgb = readonly [number, number, number];

const coolest: Rgb = [247, 251, 255];
const hottest: Rgb = [8, 48, 107];

const channel = (value: number) => {
  const c = value / 255;
  return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
};

/** WCAG relative luminance. */
const luminance = ([r, g, b]: Rgb) =>
  0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);

const contrast = (a: number, b: number) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);

const hex = (rgb: Rgb) => `#${rgb.map((part) => part.toString(16).padStart(2, '0')).join('')}`;

/** The cell's background and text colour for `count` out of the largest count `max`. */
export function heatOf(count: number, max: number): { background: string; color: string } {
  const share = max > 0 ? Math.max(0, Math.min(1, count / max)) : 0;
  const rgb = coolest.map((from, index) =>
    Math.round(from + (hottest[index] - from) * share),
  ) as unknown as Rgb;
  const light = luminance(rgb);
  const onWhite = contrast(light, 1);
  const onBlack = contrast(light, 0);
  return { background: hex(rgb), color: onBlack >= onWhite ? '#000000' : '#ffffff' };
}
