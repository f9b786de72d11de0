import { describe, expect, it } from 'vitest';
import { invertAffine, mat4 } from '../../../../core/affine';
import { thresholdedMaxProbability } from '../../../../core/atlas/probability-grid';
import type { ProbabilitySet } from '../../../../core/atlas/probability';
import { decodeLabelGrid, encodeLabelGrid } from '../../../../core/mesh/codec';

// Four voxels in a row; maps stored as percent (scale 1/100) like Wang 2015's.
const affine = mat4([2, 0, 0, -3, 0, 2, 0, 0, 0, 0, 2, 0, 0, 0, 0, 1]);
const set: ProbabilitySet = {
  dims: [4, 1, 1],
  affine,
  inverse: invertAffine(affine),
  maps: [
    { value: 7, name: 'B', data: new Uint8Array([0, 40, 30, 10]), scale: 0.01 },
    { value: 3, name: 'A', data: new Uint8Array([20, 40, 60, 0]), scale: 0.01 },
  ],
};

describe('thresholdedMaxProbability', () => {
  it('gives each voxel the most probable region at or above the threshold, 0 where none reaches it', () => {
    const grid = thresholdedMaxProbability(set, 20);
    // voxel 0: A 20 % (= threshold); voxel 1: a tie at 40 % goes to the lower value; voxel 3: B 10 % < 20 %.
    expect(Array.from(grid.labels)).toEqual([3, 3, 3, 0]);
    expect(Array.from(thresholdedMaxProbability(set, 35).labels)).toEqual([0, 3, 3, 0]);
    expect(Array.from(thresholdedMaxProbability(set, 5).labels)).toEqual([3, 3, 3, 7]);
    expect(Array.from(thresholdedMaxProbability(set, 100).labels)).toEqual([0, 0, 0, 0]);
  });

  it('keeps the grid and affine of the maps, and survives the label-grid codec', () => {
    const grid = decodeLabelGrid(encodeLabelGrid(thresholdedMaxProbability(set, 20)));
    expect(grid.dims).toEqual([4, 1, 1]);
    expect(grid.affine.slice(0, 4)).toEqual([2, 0, 0, -3]);
    expect(Array.from(grid.labels)).toEqual([3, 3, 3, 0]);
  });
});
