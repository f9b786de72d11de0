/**
 * Slice panels: labels name the normal's axis and its coordinate; a lightbox's positions are evenly spread inside
 * the range, on the voxel step, ascending and distinct; a label volume's extent is the box of its non-zero voxels
 * (voxel corners) under any affine, including a flipped one; boxes join with a margin.
 */
import { describe, expect, it } from 'vitest';
import { AtlasError } from '../../../../core/errors';
import { formatMm, labelExtent, lightboxPositions, sliceLabel, unionBox } from '../../../../core/figure/slice-panels';

describe('slice panels', () => {
  it('labels a slice by its normal axis and coordinate', () => {
    expect(sliceLabel('axial', 12)).toBe('z = 12');
    expect(sliceLabel('coronal', -18)).toBe('y = -18');
    expect(sliceLabel('sagittal', -0.04)).toBe('x = 0');
    expect(sliceLabel('sagittal', 3.25)).toBe('x = 3.3');
    expect(formatMm(-0)).toBe('0');
  });

  it('spreads lightbox slices evenly over the range, on the step, ascending and distinct', () => {
    // 4 slices over -40..40: middles of 20 mm shares
    expect(lightboxPositions(-40, 40, 4)).toEqual([-30, -10, 10, 30]);
    // on a 2 mm grid every position is even
    const even = lightboxPositions(-57, 81, 12, 2);
    expect(even).toHaveLength(12);
    for (const v of even) expect(Math.abs(v % 2)).toBe(0);
    for (let i = 1; i < even.length; i++) {
      expect(even[i]).toBeGreaterThan(even[i - 1]);
      // evenly spread: steps differ by at most one grid step from the ideal 11.5 mm
      expect(Math.abs(even[i] - even[i - 1] - 11.5)).toBeLessThanOrEqual(2);
    }
    expect(even[0]).toBeGreaterThan(-57);
    expect(even.at(-1)).toBeLessThan(81);
    // more slices than millimetres: still distinct, one step apart
    expect(lightboxPositions(0, 3, 6)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('refuses counts outside 2..48 and empty ranges', () => {
    expect(() => lightboxPositions(0, 10, 1)).toThrow(AtlasError);
    expect(() => lightboxPositions(0, 10, 49)).toThrow(/2 to 48 slices, not 49/);
    expect(() => lightboxPositions(0, 10, 2.5)).toThrow(AtlasError);
    expect(() => lightboxPositions(10, 10, 4)).toThrow(AtlasError);
    expect(() => lightboxPositions(0, Number.NaN, 4)).toThrow(AtlasError);
  });

  it("finds the box of a label volume's non-zero voxels under its affine", () => {
    const dims: [number, number, number] = [10, 8, 6];
    const labels = new Uint8Array(10 * 8 * 6);
    const set = (i: number, j: number, k: number) => void (labels[i + 10 * (j + 8 * k)] = 3);
    set(2, 1, 1);
    set(6, 5, 4);
    expect(labelExtent(labels, dims, [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1])).toEqual({
      min: [1.5, 0.5, 0.5],
      max: [6.5, 5.5, 4.5],
    });
    // 2 mm voxels, x flipped (LAS), shifted origin
    const las = [-2, 0, 0, 90, 0, 2, 0, -126, 0, 0, 2, -72, 0, 0, 0, 1];
    expect(labelExtent(labels, dims, las)).toEqual({ min: [77, -125, -71], max: [87, -115, -63] });
    expect(labelExtent(new Uint8Array(10 * 8 * 6), dims, las)).toBeNull();
  });

  it('joins boxes and grows them by a margin', () => {
    const a = { min: [0, 0, 0] as [number, number, number], max: [1, 2, 3] as [number, number, number] };
    const b = { min: [-5, 1, 1] as [number, number, number], max: [0, 4, 2] as [number, number, number] };
    expect(unionBox([a, b], 2)).toEqual({ min: [-7, -2, -2], max: [3, 6, 5] });
    expect(unionBox([])).toBeNull();
  });
});
