/**
 * Colour-bar ticks: hand-worked ranges (steps of 1, 2, 2.5 and 5 × 10^k), the 3-to-6 count and even spacing over many
 * random ranges, and tick text free of floating-point noise.
 */
import { describe, expect, it } from 'vitest';
import { AtlasError } from '../../../../core/errors';
import { formatTick, niceTicks } from '../../../../core/figure/ticks';

/** Deterministic pseudo-random numbers in [0, 1) (a 32-bit LCG), so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

describe('niceTicks', () => {
  it.each([
    // [lo, hi, expected]: worked by hand, picking the smallest 1/2/2.5/5 step giving at most 6 ticks
    [0, 10, [0, 2, 4, 6, 8, 10]],
    [3.1, 8, [4, 5, 6, 7, 8]],
    [-8, 8, [-5, 0, 5]],
    [0, 12, [0, 2.5, 5, 7.5, 10]],
    [0, 1, [0, 0.2, 0.4, 0.6, 0.8, 1]],
    [0, 0.25, [0, 0.05, 0.1, 0.15, 0.2, 0.25]],
    [2.3, 2.4, [2.3, 2.32, 2.34, 2.36, 2.38, 2.4]],
    [-8, -3.1, [-8, -7, -6, -5, -4]],
    [1.96, 20, [5, 10, 15, 20]],
    [0, 3000, [0, 1000, 2000, 3000]],
  ] as [number, number, number[]][])('ticks %d..%d', (lo, hi, expected) => {
    expect(niceTicks(lo, hi)).toEqual(expected);
  });

  it('accepts the ends in either order and gives one tick for an empty range', () => {
    expect(niceTicks(10, 0)).toEqual(niceTicks(0, 10));
    expect(niceTicks(3, 3)).toEqual([3]);
    expect(Object.is(niceTicks(-0, -0)[0], 0)).toBe(true);
  });

  it('gives 3 to 6 evenly spaced nice ticks inside any range', () => {
    const next = random(12345);
    for (let n = 0; n < 2000; n++) {
      const scale = 10 ** Math.floor(next() * 12 - 6);
      const lo = (next() - 0.5) * 20 * scale;
      const hi = lo + (0.001 + next() * 10) * scale;
      const ticks = niceTicks(lo, hi);
      expect(ticks.length, `${lo}..${hi}`).toBeGreaterThanOrEqual(3);
      expect(ticks.length, `${lo}..${hi}`).toBeLessThanOrEqual(6);
      const step = ticks[1] - ticks[0];
      const exponent = Math.floor(Math.log10(step) + 1e-9);
      const mantissa = step / 10 ** exponent;
      expect(
        [1, 2, 2.5, 5].some((m) => Math.abs(mantissa - m) < 1e-6),
        `step ${step}`,
      ).toBe(true);
      for (let i = 0; i < ticks.length; i++) {
        expect(ticks[i]).toBeGreaterThanOrEqual(lo - step * 1e-9);
        expect(ticks[i]).toBeLessThanOrEqual(hi + step * 1e-9);
        expect(Math.abs(ticks[i] - (ticks[0] + i * step))).toBeLessThan(step * 1e-6);
        // a multiple of the step
        expect(Math.abs(ticks[i] / step - Math.round(ticks[i] / step))).toBeLessThan(1e-6);
      }
    }
  });

  it('honours a smaller maximum', () => {
    expect(niceTicks(0, 10, 3)).toEqual([0, 5, 10]);
    expect(niceTicks(0, 10, 4).length).toBeLessThanOrEqual(4);
  });

  it('rejects non-finite ends and a maximum below 2', () => {
    expect(() => niceTicks(0, Number.NaN)).toThrow(AtlasError);
    expect(() => niceTicks(Number.NEGATIVE_INFINITY, 1)).toThrow(AtlasError);
    expect(() => niceTicks(-Number.MAX_VALUE, Number.MAX_VALUE)).toThrow(AtlasError);
    expect(() => niceTicks(0, 1, 1)).toThrow(AtlasError);
    expect(() => niceTicks(0, 1, 2.5)).toThrow(AtlasError);
  });
});

describe('formatTick', () => {
  it.each([
    [0.1 + 0.2, '0.3'],
    [3.0999999999999996, '3.1'],
    [3.1, '3.1'],
    [-2.5, '-2.5'],
    [-0, '0'],
    [12, '12'],
    [1e6, '1000000'],
    [0.05, '0.05'],
    [1.96, '1.96'],
    [7 * 0.1, '0.7'],
  ])('formats %d as %s', (v, text) => {
    expect(formatTick(v)).toBe(text);
  });

  it('writes the ticks of a range without noise', () => {
    // 0.1 steps would give 7 ticks over 0.6, so the step is 0.2; 0.6 is 3 * 0.2 = 0.6000000000000001 in floats.
    expect(niceTicks(0.1, 0.7).map(formatTick)).toEqual(['0.2', '0.4', '0.6']);
    expect(niceTicks(-0.3, 0.3).map(formatTick)).toEqual(['-0.2', '0', '0.2']);
    expect(niceTicks(0.01, 0.07).map(formatTick)).toEqual(['0.02', '0.04', '0.06']);
  });
});
