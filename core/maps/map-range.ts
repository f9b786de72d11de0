/**
 * The value range of a statistical map for default thresholds and colour ranges: min and max of the finite values,
 * and robust limits = the 1st and 99th percentiles (nearest rank, as core/atlas/template-image.ts robustWindow) of the
 * non-zero finite values. Found through a histogram and a selection within one bin (O(n)), not by sorting millions
 * of voxels.
 */
import type { MapValueRange } from '../api/map-api';

/** Rearranges a[lo..hi] so that a[k] holds the value a sorted array would hold there (Hoare's quickselect). */
function select(a: Float32Array, k: number, lo: number, hi: number): number {
  while (hi > lo) {
    // Median of three as pivot keeps sorted and constant runs from going quadratic.
    const mid = (lo + hi) >>> 1;
    const x = a[lo],
      y = a[mid],
      z = a[hi];
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo,
      j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k];
  }
  return a[k];
}

export function mapValueRange(values: ArrayLike<number>, percentiles: [number, number] = [1, 99]): MapValueRange {
  let min = Infinity,
    max = -Infinity,
    count = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v - v !== 0) continue; // NaN and ±Infinity
    if (v < min) min = v;
    if (v > max) max = v;
    if (v !== 0) count++;
  }
  if (min > max) return { min: 0, max: 0, robustMin: 0, robustMax: 0 };
  if (count === 0) return { min, max, robustMin: 0, robustMax: 0 };
  const rank = (p: number) => Math.min(count - 1, Math.max(0, Math.round((p / 100) * (count - 1))));
  if (max === min) return { min, max, robustMin: min, robustMax: min };
  // A histogram of the non-zero values finds the bin holding each rank; only that bin's values are then selected
  // exactly. Two passes over the map and no copy of it, instead of a selection over millions of values.
  const BINS = 65536;
  const scale = (BINS - 1) / (max - min);
  const hist = new Uint32Array(BINS);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== 0 && v - v === 0) hist[((v - min) * scale) | 0]++;
  }
  const at = (k: number): number => {
    let b = 0,
      before = 0;
    while (before + hist[b] <= k) before += hist[b++];
    const inBin = new Float32Array(hist[b]);
    let n = 0;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v !== 0 && v - v === 0 && (((v - min) * scale) | 0) === b) inBin[n++] = v;
    }
    return select(inBin, k - before, 0, n - 1);
  };
  return { min, max, robustMin: at(rank(percentiles[0])), robustMax: at(rank(percentiles[1])) };
}
