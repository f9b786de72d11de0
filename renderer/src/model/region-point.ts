/**
 * Where to put the cursor to show a region: the voxel of the region nearest its centroid (a curved region's
 * centroid can lie outside it, e.g. the cingulate's), in world mm; a coordinate atlas's ROI is its centre.
 */
import type { Vec3 } from '../../../core/api';
import type { LayerData, LayerRegion } from './layer-data';

export function regionPoint(data: LayerData, region: LayerRegion): Vec3 {
  if (data.kind !== 'labels') return region.centroid;
  const { dims, inverse, affine, labels } = data.grid;
  const [nx, ny, nz] = dims;
  const m = inverse;
  const toVoxel = (p: Vec3): Vec3 =>
    [0, 1, 2].map((a) => m[a * 4] * p[0] + m[a * 4 + 1] * p[1] + m[a * 4 + 2] * p[2] + m[a * 4 + 3]) as Vec3;
  // The region's box in voxel indices (its corners may map in any axis order or direction).
  const lo: Vec3 = [Infinity, Infinity, Infinity];
  const hi: Vec3 = [-Infinity, -Infinity, -Infinity];
  const { min, max } = region.bbox;
  for (const x of [min[0], max[0]])
    for (const y of [min[1], max[1]])
      for (const z of [min[2], max[2]]) {
        const v = toVoxel([x, y, z]);
        for (let a = 0; a < 3; a++) {
          lo[a] = Math.min(lo[a], Math.floor(v[a] + 0.5));
          hi[a] = Math.max(hi[a], Math.round(v[a]));
        }
      }
  const c = toVoxel(region.centroid);
  let best = Infinity;
  let at: Vec3 | null = null;
  for (let k = Math.max(0, lo[2]); k <= Math.min(nz - 1, hi[2]); k++) {
    for (let j = Math.max(0, lo[1]); j <= Math.min(ny - 1, hi[1]); j++) {
      const row = (k * ny + j) * nx;
      for (let i = Math.max(0, lo[0]); i <= Math.min(nx - 1, hi[0]); i++) {
        if (labels[row + i] !== region.value) continue;
        const d = (i - c[0]) ** 2 + (j - c[1]) ** 2 + (k - c[2]) ** 2;
        if (d < best) {
          best = d;
          at = [i, j, k];
        }
      }
    }
  }
  if (!at) return region.centroid;
  const a = affine;
  return [0, 1, 2].map((r) => a[r * 4] * at[0] + a[r * 4 + 1] * at[1] + a[r * 4 + 2] * at[2] + a[r * 4 + 3]) as Vec3;
}
