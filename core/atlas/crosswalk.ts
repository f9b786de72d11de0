/**
 * How a region of one atlas overlaps the regions of other atlases ("BA 44: 61% AAL3 Frontal_Inf_Oper_L,
 * 22% Frontal_Inf_Tri_L"). Computed on the source region's own grid: every voxel of the region is looked up, by
 * its centre's world coordinate, in each other atlas (nearest voxel, the same rule as point queries).
 */
import type { BoundingBox } from '../api';
import { roundHalfEven } from '../affine';
import type { LabelVolume } from './label-volume';

export interface OverlapShare {
  value: number;
  name: string | null;
  /** Share of the source region's voxels, 0..100. */
  percent: number;
}

export interface AtlasOverlap {
  atlasId: string;
  /** Regions of that atlas, largest share first (background/outside is left out; see `unlabelledPercent`). */
  shares: OverlapShare[];
  /** Share of the source region lying in that atlas's background or outside its grid. */
  unlabelledPercent: number;
}

export interface OverlapTarget {
  atlasId: string;
  volume: LabelVolume;
  names: Map<number, string>;
}

/** Voxel-index box of a world-space box in a grid (any orientation), clamped to the grid. */
function ijkBox(vol: LabelVolume, box: BoundingBox): [number, number, number, number, number, number] {
  const m = vol.inverse;
  const lo = [Infinity, Infinity, Infinity];
  const hi = [-Infinity, -Infinity, -Infinity];
  for (let c = 0; c < 8; c++) {
    const x = c & 1 ? box.max[0] : box.min[0];
    const y = c & 2 ? box.max[1] : box.min[1];
    const z = c & 4 ? box.max[2] : box.min[2];
    for (let a = 0; a < 3; a++) {
      const v = m[a * 4] * x + m[a * 4 + 1] * y + m[a * 4 + 2] * z + m[a * 4 + 3];
      lo[a] = Math.min(lo[a], Math.floor(v + 1e-6));
      hi[a] = Math.max(hi[a], Math.ceil(v - 1e-6));
    }
  }
  return [
    Math.max(0, lo[0]),
    Math.min(vol.dims[0] - 1, hi[0]),
    Math.max(0, lo[1]),
    Math.min(vol.dims[1] - 1, hi[1]),
    Math.max(0, lo[2]),
    Math.min(vol.dims[2] - 1, hi[2]),
  ];
}

/**
 * `voxels` is the region's voxel count (from its region record), so the voxel centres can be gathered into
 * arrays of the right size in one scan of its bounding box.
 */
export function regionOverlaps(
  source: LabelVolume,
  value: number,
  bbox: BoundingBox,
  voxels: number,
  targets: OverlapTarget[],
): AtlasOverlap[] {
  const [i0, i1, j0, j1, k0, k1] = ijkBox(source, bbox);
  const [nx, ny] = source.dims;
  const m = source.affine;
  // Voxel centres of the region, in world mm.
  const xs = new Float64Array(voxels),
    ys = new Float64Array(voxels),
    zs = new Float64Array(voxels);
  let total = 0;
  for (let k = k0; k <= k1; k++) {
    for (let j = j0; j <= j1; j++) {
      const row = nx * (j + ny * k);
      for (let i = i0; i <= i1; i++) {
        if (source.labels[row + i] !== value || total === voxels) continue;
        xs[total] = m[0] * i + m[1] * j + m[2] * k + m[3];
        ys[total] = m[4] * i + m[5] * j + m[6] * k + m[7];
        zs[total] = m[8] * i + m[9] * j + m[10] * k + m[11];
        total++;
      }
    }
  }
  return targets.map((t) => {
    const counts = new Map<number, number>();
    const inv = t.volume.inverse;
    const [tx, ty, tz] = t.volume.dims;
    let unlabelled = 0;
    for (let p = 0; p < total; p++) {
      const x = xs[p],
        y = ys[p],
        z = zs[p];
      const i = roundHalfEven(inv[0] * x + inv[1] * y + inv[2] * z + inv[3]);
      const j = roundHalfEven(inv[4] * x + inv[5] * y + inv[6] * z + inv[7]);
      const k = roundHalfEven(inv[8] * x + inv[9] * y + inv[10] * z + inv[11]);
      const label =
        i < 0 || j < 0 || k < 0 || i >= tx || j >= ty || k >= tz ? 0 : t.volume.labels[i + tx * (j + ty * k)];
      if (label === 0) unlabelled++;
      else counts.set(label, (counts.get(label) ?? 0) + 1);
    }
    const pct = (n: number) => (total ? Math.round((1000 * n) / total) / 10 : 0);
    const shares = [...counts]
      .map(([v, n]) => ({ value: v, name: t.names.get(v) ?? null, percent: pct(n), n }))
      .sort((a, b) => b.n - a.n || a.value - b.value)
      .map(({ value: v, name, percent }) => ({ value: v, name, percent }));
    return { atlasId: t.atlasId, shares, unlabelledPercent: pct(unlabelled) };
  });
}
