/**
 * A template brain image (e.g. the MNI152 T1) ready for slice views: its grid and its intensities mapped to 0..255
 * with a robust window, so the renderer uploads one byte per voxel and samples it with linear filtering.
 */
import type { Vec3 } from '../types';

export interface TemplateImage {
  dims: Vec3;
  /** Voxel (i, j, k) -> MNI mm, row-major 4x4. */
  affine: number[];
  /** One byte per voxel, x fastest: 0 at or below window[0], 255 at or above window[1]; 0 where the image is 0 or
   *  has no value. */
  intensities: Uint8Array;
  /** The image values mapped to 0 and 255. */
  window: [number, number];
}

/** Percentiles (0..100) of the non-zero, finite values: the window that ignores background and a few outliers. */
export const DEFAULT_WINDOW_PERCENTILES: [number, number] = [0.5, 99.5];

const BINS = 65536;

/**
 * The values at two percentiles of the non-zero finite values (nearest rank on the sorted values). [0, 0] when no
 * voxel is non-zero. Exact without sorting every value: a histogram finds the bin holding each rank, then only
 * that bin's values are sorted.
 */
export function robustWindow(
  values: ArrayLike<number>,
  percentiles: [number, number] = DEFAULT_WINDOW_PERCENTILES,
): [number, number] {
  let count = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === 0 || v - v !== 0) continue;
    count++;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (count === 0) return [0, 0];
  if (min === max) return [min, max];
  const scale = BINS / (max - min);
  const binOf = (v: number) => Math.min(BINS - 1, Math.floor((v - min) * scale));
  const hist = new Uint32Array(BINS);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== 0 && v - v === 0) hist[binOf(v)]++;
  }
  const at = (p: number): number => {
    const rank = Math.min(count - 1, Math.max(0, Math.round((p / 100) * (count - 1))));
    let bin = 0;
    let before = 0;
    while (before + hist[bin] <= rank) before += hist[bin++];
    const inBin = new Float64Array(hist[bin]);
    let n = 0;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v !== 0 && v - v === 0 && binOf(v) === bin) inBin[n++] = v;
    }
    inBin.sort();
    return inBin[rank - before];
  };
  return [at(percentiles[0]), at(percentiles[1])];
}

/** Maps an image's values to bytes through `window` (linear, clamped); zero and missing values give 0. */
export function toTemplateImage(
  dims: Vec3,
  affine: ArrayLike<number>,
  values: ArrayLike<number>,
  window: [number, number] = robustWindow(values),
): TemplateImage {
  const n = dims[0] * dims[1] * dims[2];
  if (values.length < n) throw new RangeError(`the image has ${values.length} values, its grid needs ${n}`);
  const intensities = new Uint8Array(n);
  const [lo, hi] = window;
  const scale = hi > lo ? 255 / (hi - lo) : 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v === 0 || v - v !== 0) continue;
    const b = scale === 0 ? (v > lo ? 255 : 0) : Math.round((v - lo) * scale);
    intensities[i] = b < 0 ? 0 : b > 255 ? 255 : b;
  }
  return { dims: [dims[0], dims[1], dims[2]], affine: Array.from(affine), intensities, window: [lo, hi] };
}
