/**
 * Where the cursor goes when a region is chosen from a list: inside the region, at the voxel nearest its centroid,
 * even when the centroid itself lies outside (a U-shaped region), on a flipped (LAS) grid.
 */
import { describe, expect, it } from 'vitest';
import type { Vec3 } from '../../../../../core/api';
import type { LabelsLayerData, LayerRegion } from '../../../../../renderer/src/model/layer-data';
import { pickGrid } from '../../../../../renderer/src/model/load';
import { regionPoint } from '../../../../../renderer/src/model/region-point';

/** LAS 2 mm: x = -2 i + 20, y = 2 j - 10, z = 2 k. */
const AFFINE = [-2, 0, 0, 20, 0, 2, 0, -10, 0, 0, 2, 0, 0, 0, 0, 1];
const DIMS: Vec3 = [12, 10, 6];

function layer(labels: Uint8Array): LabelsLayerData {
  return { kind: 'labels', grid: pickGrid({ dims: DIMS, affine: AFFINE, labels }) } as unknown as LabelsLayerData;
}
const world = (i: number, j: number, k: number): Vec3 => [-2 * i + 20, 2 * j - 10, 2 * k];

function region(value: number, voxels: Vec3[]): LayerRegion {
  const pts = voxels.map(([i, j, k]) => world(i, j, k));
  const centroid = [0, 1, 2].map((a) => pts.reduce((s, p) => s + p[a], 0) / pts.length) as Vec3;
  const min = [0, 1, 2].map((a) => Math.min(...pts.map((p) => p[a]))) as Vec3;
  const max = [0, 1, 2].map((a) => Math.max(...pts.map((p) => p[a]))) as Vec3;
  return { key: `t:${value}`, value, centroid, bbox: { min, max } } as LayerRegion;
}

describe('regionPoint', () => {
  it('returns a voxel of the region nearest its centroid when the centroid lies outside it', () => {
    const labels = new Uint8Array(DIMS[0] * DIMS[1] * DIMS[2]);
    const at = (i: number, j: number, k: number) => (k * DIMS[1] + j) * DIMS[0] + i;
    // A U in the plane k = 2: two arms i = 2 and i = 8 for j = 2..7, joined along j = 2.
    const voxels: Vec3[] = [];
    for (let j = 2; j <= 7; j++) voxels.push([2, j, 2], [8, j, 2]);
    for (let i = 3; i <= 7; i++) voxels.push([i, 2, 2]);
    for (const [i, j, k] of voxels) labels[at(i, j, k)] = 5;
    labels[at(5, 5, 2)] = 9; // another region where the centroid falls
    const r = region(5, voxels);
    const c = r.centroid;
    // The centroid (voxel 5, 3.76, 2) is not in the region.
    expect(labels[at(5, Math.round((c[1] + 10) / 2), 2)]).not.toBe(5);
    const p = regionPoint(layer(labels), r);
    // Nearest region voxel to the centroid: the base of the U at (5, 2, 2).
    expect(p).toEqual(world(5, 2, 2));
  });

  it('gives the only voxel of a one-voxel region, and the centroid for a coordinate atlas', () => {
    const labels = new Uint8Array(DIMS[0] * DIMS[1] * DIMS[2]);
    labels[(4 * DIMS[1] + 9) * DIMS[0] + 11] = 3; // the grid's far corner
    expect(regionPoint(layer(labels), region(3, [[11, 9, 4]]))).toEqual(world(11, 9, 4));
    const roi = { centroid: [-44, 14, 8] } as LayerRegion;
    expect(regionPoint({ kind: 'coordinates' } as unknown as LabelsLayerData, roi)).toEqual([-44, 14, 8]);
  });
});
