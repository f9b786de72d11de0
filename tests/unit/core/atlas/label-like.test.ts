import { describe, expect, it } from 'vitest';
import { looksLikeLabels, MIN_SAME_AS_NEXT, wholeNumbers } from '../../../../core/atlas/label-like';

describe('wholeNumbers', () => {
  it('counts the distinct values other than 0, their range, and how often a neighbour along x holds the same', () => {
    // Pairs of non-zero neighbours: 3|3, 3|3, 5|5, 5|7: three of four the same.
    const w = wholeNumbers(new Float32Array([0, 3, 3, 3, 0, 5, 5, 7]));
    expect(w).toEqual({ count: 3, min: 3, max: 7, sameAsNext: 0.75 });
  });

  it('reads the values as a NIfTI scales them', () => {
    // 1, 3, 5, 5: the pairs 1|3, 3|5, 5|5.
    expect(wholeNumbers(new Uint8Array([0, 1, 2, 2]), 2, 1)).toEqual({ count: 3, min: 1, max: 5, sameAsNext: 1 / 3 });
    // Scaled by a half, 3 is 1.5: not a whole number.
    expect(wholeNumbers(new Uint8Array([0, 2, 3]), 0.5)).toBeNull();
  });

  it('is null for anything but whole numbers of at least 0', () => {
    for (const bad of [0.5, -1, Number.NaN, Number.POSITIVE_INFINITY])
      expect(wholeNumbers(new Float32Array([0, 1, 2, bad, 2]))).toBeNull();
  });

  it('gives 0 for the range and the share of an image of zeros', () => {
    expect(wholeNumbers(new Float32Array(5))).toEqual({ count: 0, min: 0, max: 0, sameAsNext: 0 });
  });
});

describe('looksLikeLabels', () => {
  // Twelve labels in runs of six voxels along x (with 0 between), as an atlas's patches.
  const atlas = Float32Array.from({ length: 6000 }, (_, i) => Math.floor(i / 6) % 13);
  // A scan stored as whole numbers: each voxel differs from the one before it.
  const scan = Float32Array.from({ length: 6000 }, (_, i) => 1 + (i % 997));

  it('takes patches of enough labels for labels', () => {
    const w = wholeNumbers(atlas)!;
    expect(w.count).toBe(12);
    expect(w.sameAsNext).toBeGreaterThan(MIN_SAME_AS_NEXT);
    expect(looksLikeLabels(w, 10)).toBe(true);
    expect(looksLikeLabels(w, 13)).toBe(false);
  });

  it('does not take an image whose whole numbers vary from voxel to voxel for labels', () => {
    const w = wholeNumbers(scan)!;
    expect(w.count).toBe(997);
    expect(w.sameAsNext).toBe(0);
    expect(looksLikeLabels(w, 2)).toBe(false);
  });
});
