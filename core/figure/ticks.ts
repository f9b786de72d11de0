/**
 * Axis ticks for figure colour bars: "nice" values (steps of 1, 2, 2.5 or 5 × 10^k) inside a range, and numbers
 * written without binary floating-point noise ('3.1', not '3.0999999999999996').
 */
import { AtlasError } from '../errors';

/** Step multipliers within one power of ten, smallest first. */
const STEP_MULTIPLIERS = [1, 2, 2.5, 5];

/** -0 becomes 0, so no label ever reads '-0'. */
const withoutNegativeZero = (v: number): number => v + 0;

/**
 * The multiples of the smallest nice step that gives at most `maxTicks` of them inside [lo, hi] (ends included;
 * either order). With the default 6 there are always 3 to 6 ticks; lo === hi gives just that value.
 */
export function niceTicks(lo: number, hi: number, maxTicks = 6): number[] {
  if (!Number.isFinite(hi - lo)) {
    throw new AtlasError('invalid-argument', `tick range ends must be finite numbers, not ${lo} and ${hi}`);
  }
  if (!Number.isInteger(maxTicks) || maxTicks < 2) {
    throw new AtlasError(
      'invalid-argument',
      `the most ticks allowed must be a whole number of at least 2, not ${maxTicks}`,
    );
  }
  if (lo > hi) [lo, hi] = [hi, lo];
  if (lo === hi) return [withoutNegativeZero(lo)];
  // Start ten times finer than needed, so the step chosen is the first that is coarse enough: each candidate is at
  // most twice the one before, which keeps at least 3 ticks when maxTicks is 6.
  for (let exponent = Math.floor(Math.log10((hi - lo) / maxTicks)) - 1; ; exponent++) {
    for (const multiplier of STEP_MULTIPLIERS) {
      const step = multiplier * 10 ** exponent;
      const first = Math.ceil(lo / step - 1e-9);
      const last = Math.floor(hi / step + 1e-9);
      if (last - first + 1 > maxTicks) continue;
      const decimals = Math.min(100, Math.max(0, -exponent + (multiplier === 2.5 ? 1 : 0)));
      const ticks: number[] = [];
      for (let i = first; i <= last; i++) ticks.push(withoutNegativeZero(Number((i * step).toFixed(decimals))));
      return ticks;
    }
  }
}

/** A tick or threshold value as text: at most 10 significant digits, no trailing zeros, never '-0'. */
export function formatTick(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  return String(withoutNegativeZero(Number(v.toPrecision(10))));
}
