/** Voxel count, volume, centre of mass and bounding box of every label, in one pass over the grid. */
import type { BoundingBox } from '../api';
import { applyAffine } from '../affine';
import type { LabelVolume } from './label-volume';
import type { Vec3 } from '../types';

export interface LabelStats {
  value: number;
  voxels: number;
  volumeMm3: number;
  /** Centre of mass in world mm. */
  centroid: Vec3;
  /** Over voxel centres, in world mm. */
  bbox: BoundingBox;
  /** Voxel-index bounding box (inclusive). */
  ijkMin: Vec3;
  ijkMax: Vec3;
  /** Voxels whose centre lies at x < 0 (left hemisphere in MNI space). */
  leftVoxels: number;
  /** Voxels whose centre lies at x > 0. */
  rightVoxels: number;
}

/** Statistics of every non-zero label present, sorted by value. */
export function computeLabelStats(vol: LabelVolume): LabelStats[] {
  if (vol.maxLabel > DENSE_LIMIT) return computeSparse(vol);
  const [nx, ny, nz] = vol.dims;
  const labels = vol.labels;
  const size = vol.maxLabel + 1;
  const count = new Float64Array(size);
  const sumI = new Float64Array(size);
  const sumJ = new Float64Array(size);
  const sumK = new Float64Array(size);
  const minI = new Int32Array(size).fill(nx),
    maxI = new Int32Array(size).fill(-1);
  const minJ = new Int32Array(size).fill(ny),
    maxJ = new Int32Array(size).fill(-1);
  const minK = new Int32Array(size).fill(nz),
    maxK = new Int32Array(size).fill(-1);
  const left = new Float64Array(size);
  const right = new Float64Array(size);
  const m = vol.affine;

  // Runs of equal labels along x are handled at once (label volumes are mostly long runs), which makes this pass
  // several times faster than visiting voxel by voxel.
  let idx = 0;
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++, idx += nx) {
      // World x of voxel (i, j, k) = m0 * i + xRow: linear in i.
      const xRow = m[1] * j + m[2] * k + m[3];
      let i = 0;
      while (i < nx) {
        const v = labels[idx + i];
        if (v === 0) {
          i++;
          continue;
        }
        let e = i + 1;
        while (e < nx && labels[idx + e] === v) e++;
        const len = e - i;
        count[v] += len;
        sumI[v] += ((i + e - 1) * len) / 2;
        sumJ[v] += j * len;
        sumK[v] += k * len;
        if (i < minI[v]) minI[v] = i;
        if (e - 1 > maxI[v]) maxI[v] = e - 1;
        if (j < minJ[v]) minJ[v] = j;
        if (j > maxJ[v]) maxJ[v] = j;
        if (k < minK[v]) minK[v] = k;
        if (k > maxK[v]) maxK[v] = k;
        left[v] += countBelowZero(i, e - 1, m[0], xRow);
        right[v] += countBelowZero(i, e - 1, -m[0], -xRow);
        i = e;
      }
    }
  }

  const out: LabelStats[] = [];
  for (let v = 1; v < size; v++) {
    const c = count[v];
    if (c === 0) continue;
    const centroid = applyAffine(m, sumI[v] / c, sumJ[v] / c, sumK[v] / c);
    const ijkMin: Vec3 = [minI[v], minJ[v], minK[v]];
    const ijkMax: Vec3 = [maxI[v], maxJ[v], maxK[v]];
    out.push({
      value: v,
      voxels: c,
      volumeMm3: c * vol.voxelVolume,
      centroid,
      bbox: worldBox(m, ijkMin, ijkMax),
      ijkMin,
      ijkMax,
      leftVoxels: left[v],
      rightVoxels: right[v],
    });
  }
  return out;
}

/** How many integers t in [lo, hi] have a * t + b < 0. */
export function countBelowZero(lo: number, hi: number, a: number, b: number): number {
  const len = hi - lo + 1;
  if (a === 0) return b < 0 ? len : 0;
  const root = -b / a; // a * t + b = 0
  if (a > 0) {
    // t < root
    const last = Math.ceil(root) - 1;
    return Math.max(0, Math.min(hi, last) - lo + 1);
  }
  // a < 0: t > root
  const first = Math.floor(root) + 1;
  return Math.max(0, hi - Math.max(lo, first) + 1);
}

/** Above this label value, per-value arrays would waste memory: renumber densely first. */
const DENSE_LIMIT = 1 << 22;

function computeSparse(vol: LabelVolume): LabelStats[] {
  const dense = new Map<number, number>();
  const values: number[] = [0];
  const labels = new Uint32Array(vol.labels.length);
  for (let i = 0; i < labels.length; i++) {
    const v = vol.labels[i];
    if (v === 0) continue;
    let d = dense.get(v);
    if (d === undefined) {
      d = values.length;
      dense.set(v, d);
      values.push(v);
    }
    labels[i] = d;
  }
  const stats = computeLabelStats({ ...vol, labels, maxLabel: values.length - 1 });
  for (const s of stats) s.value = values[s.value];
  return stats.sort((a, b) => a.value - b.value);
}

function worldBox(m: Float64Array, lo: Vec3, hi: Vec3): BoundingBox {
  const min: Vec3 = [Infinity, Infinity, Infinity];
  const max: Vec3 = [-Infinity, -Infinity, -Infinity];
  for (let c = 0; c < 8; c++) {
    const p = applyAffine(m, c & 1 ? hi[0] : lo[0], c & 2 ? hi[1] : lo[1], c & 4 ? hi[2] : lo[2]);
    for (let a = 0; a < 3; a++) {
      if (p[a] < min[a]) min[a] = p[a];
      if (p[a] > max[a]) max[a] = p[a];
    }
  }
  return { min, max };
}
