/**
 * Whether an image's values look like region labels: what `brain-atlas inspect` says a volume holds, and what makes
 * `brain-atlas project` warn that averaging it means nothing. Pure.
 */

/** The whole numbers an image holds, when it holds nothing else (wholeNumbers). */
export interface WholeNumbers {
  /** Distinct values other than 0 (counted up to MAX_COUNTED, then no further). */
  count: number;
  /** The smallest and largest of them (0 and 0 when every voxel is 0). */
  min: number;
  max: number;
  /**
   * Of the voxels that hold a value other than 0 and whose neighbour along x does too, the share whose neighbour holds
   * the same value (0 when there is no such pair).
   */
  sameAsNext: number;
}

/** Distinct values are counted up to this many: no label volume has more. */
export const MAX_COUNTED = 100_000;

/**
 * Labels come in patches: most voxels of a label volume next to another labelled voxel along x hold the same label.
 * An image stored as whole numbers (a T1 scan: MNI152_T1_2mm holds thousands of them) varies from voxel to voxel.
 */
export const MIN_SAME_AS_NEXT = 0.5;

/**
 * The distinct values, range and patchiness of an image whose values (each `value × slope + offset`, as a NIfTI's
 * scaling gives them) are all whole numbers of at least 0; null when any is not (a fraction, a negative value, NaN or
 * an infinity: a label volume has none).
 */
export function wholeNumbers(values: ArrayLike<number>, slope = 1, offset = 0): WholeNumbers | null {
  const distinct = new Set<number>();
  let pairs = 0,
    same = 0,
    previous = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] * slope + offset;
    // NaN fails the first test, an infinity the second.
    if (!(v >= 0) || !Number.isInteger(v)) return null;
    if (v !== 0) {
      if (distinct.size < MAX_COUNTED) distinct.add(v);
      // Voxel i − 1 is i's neighbour along x but at the start of a row (a pair across rows now and then counts too).
      if (previous !== 0) {
        pairs++;
        if (previous === v) same++;
      }
    }
    previous = v;
  }
  let min = Number.POSITIVE_INFINITY,
    max = 0;
  for (const v of distinct) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { count: distinct.size, min: distinct.size ? min : 0, max, sameAsNext: pairs ? same / pairs : 0 };
}

/** What the whole numbers say the image is: a label volume with at least `minLabels` labels, in patches. */
export function looksLikeLabels(w: WholeNumbers, minLabels: number): boolean {
  return w.count >= minLabels && w.sameAsNext >= MIN_SAME_AS_NEXT;
}
