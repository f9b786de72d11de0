import type { Rgb } from '../io/labels/types';

/**
 * A colour for a label that has none of its own: hues spread by the golden angle so that neighbouring values
 * differ, with lightness alternating; the same value always gets the same colour.
 */
export function labelColor(value: number): Rgb {
  const h = (value * 137.508) % 360;
  const s = 0.65;
  const l = value % 2 === 0 ? 0.45 : 0.6;
  const c = (1 - Math.abs(2 * l - 1)) * s;
  const x = c * (1 - Math.abs(((h / 60) % 2) - 1));
  const m = l - c / 2;
  const [r, g, b] =
    h < 60
      ? [c, x, 0]
      : h < 120
        ? [x, c, 0]
        : h < 180
          ? [0, c, x]
          : h < 240
            ? [0, x, c]
            : h < 300
              ? [x, 0, c]
              : [c, 0, x];
  return [Math.round((r + m) * 255), Math.round((g + m) * 255), Math.round((b + m) * 255)];
}
