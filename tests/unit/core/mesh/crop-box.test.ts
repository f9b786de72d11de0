import { describe, expect, it } from 'vitest';
import { applyAffine } from '../../../../core/affine';
import { cropAffine, voxelBox } from '../../../../core/mesh/crop-box';

describe('voxelBox and cropAffine', () => {
  it('finds the box and count of the picked voxels, null when none', () => {
    const dims: [number, number, number] = [6, 5, 4];
    const picked = new Set([2 + 6 * (1 + 5 * 1), 4 + 6 * (3 + 5 * 2), 3 + 6 * (2 + 5 * 1)]);
    expect(voxelBox(dims, (i) => picked.has(i))).toEqual({ lo: [2, 1, 1], hi: [4, 3, 2], count: 3 });
    expect(voxelBox(dims, () => false)).toBeNull();
  });

  it('puts a crop voxel where the grid voxel it copies is', () => {
    const m = Float64Array.from([-2, 0, 0, 90, 0, 2, 0, -126, 0, 0, 2, -72, 0, 0, 0, 1]);
    const crop = cropAffine(m, [3, 5, 7]);
    expect(applyAffine(crop, 1, 2, 3)).toEqual(applyAffine(m, 4, 7, 10));
  });
});
