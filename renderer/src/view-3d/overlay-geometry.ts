/**
 * What the 3D view needs from a statistical map, computed off the UI thread (three/overlay.worker.ts):
 * - surface projection: for each vertex of the template's surface (or of an atlas's regions), the most extreme
 *   positive and negative values met along the inward normal over the first few mm (as surface-projection tools
 *   sample a cortical ribbon), so thresholds are applied in the shader without recomputing anything;
 * - blobs: the isosurface of the thresholded map (one-pass surface nets on a binary label grid, cropped to the
 *   suprathreshold voxels), each vertex carrying the peak value beneath it for its colour.
 * Pure: no DOM, no three.js; unit-tested in Node.
 */
import type { Vec3 } from '../../../core/api';
import { type Mat4, det3, invertAffine } from '../../../core/affine';
import type { LabelVolume } from '../../../core/atlas/label-volume';
import { cropAffine, voxelBox } from '../../../core/mesh/crop-box';
import { buildRegionMeshes } from '../../../core/mesh/pipeline';
import { NORMAL_SCALE } from '../../../core/mesh/types';

export interface ValueGrid {
  dims: Vec3;
  affine: Mat4;
  values: Float32Array;
}

/**
 * Depths (mm) sampled along the template surface's inward normal: the surface itself (a brain mask's, outside the
 * grey matter) and a few mm into the grey matter.
 */
export const PROJECTION_DEPTHS_MM = [0, 1, 2, 3, 4, 5, 6];

/**
 * Depths (mm) sampled beneath an atlas region's surface (RegionMaps.tsx): the surface itself and the first 3 mm
 * inside, as a cortical ribbon (a cortical region's surface is the grey matter's own).
 */
export const REGION_DEPTHS_MM = [0, 1, 2, 3];

/** Trilinear value at a world point; NaN outside the grid or next to a missing value. */
export function sampleTrilinear(g: ValueGrid, inv: Mat4, x: number, y: number, z: number): number {
  const fi = inv[0] * x + inv[1] * y + inv[2] * z + inv[3];
  const fj = inv[4] * x + inv[5] * y + inv[6] * z + inv[7];
  const fk = inv[8] * x + inv[9] * y + inv[10] * z + inv[11];
  const [nx, ny, nz] = g.dims;
  if (!(fi >= 0 && fj >= 0 && fk >= 0 && fi <= nx - 1 && fj <= ny - 1 && fk <= nz - 1)) return NaN;
  const i0 = Math.min(Math.floor(fi), nx - 2 < 0 ? 0 : nx - 2);
  const j0 = Math.min(Math.floor(fj), ny - 2 < 0 ? 0 : ny - 2);
  const k0 = Math.min(Math.floor(fk), nz - 2 < 0 ? 0 : nz - 2);
  const ti = fi - i0,
    tj = fj - j0,
    tk = fk - k0;
  const v = g.values;
  const sx = 1,
    sy = nx,
    sz = nx * ny;
  const o = i0 + nx * (j0 + ny * k0);
  const at = (d: number, w: number) => (w === 0 ? 0 : w * v[o + d]);
  return (
    at(0, (1 - ti) * (1 - tj) * (1 - tk)) +
    at(sx, ti * (1 - tj) * (1 - tk)) +
    at(sy, (1 - ti) * tj * (1 - tk)) +
    at(sx + sy, ti * tj * (1 - tk)) +
    at(sz, (1 - ti) * (1 - tj) * tk) +
    at(sx + sz, ti * (1 - tj) * tk) +
    at(sy + sz, (1 - ti) * tj * tk) +
    at(sx + sy + sz, ti * tj * tk)
  );
}

/**
 * Per vertex: the largest positive value (else 0) and the most negative value (else 0) found at
 * PROJECTION_DEPTHS_MM along the inward normal (normals point out of the surface; unit, or packed into 16 bits as a
 * mesh set is sent: core/mesh/codec.ts). NaN samples are skipped.
 */
export function projectAlongNormals(
  g: ValueGrid,
  positions: Float32Array,
  normals: Float32Array | Int16Array,
  depths: readonly number[] = PROJECTION_DEPTHS_MM,
): { pos: Float32Array; neg: Float32Array } {
  const n = positions.length / 3;
  const pos = new Float32Array(n);
  const neg = new Float32Array(n);
  const inv = invertAffine(g.affine);
  const unit = normals instanceof Int16Array ? 1 / NORMAL_SCALE : 1;
  for (let v = 0; v < n; v++) {
    const o = v * 3;
    let hi = 0,
      lo = 0;
    for (const mm of depths) {
      const d = mm * unit;
      const s = sampleTrilinear(
        g,
        inv,
        positions[o] - normals[o] * d,
        positions[o + 1] - normals[o + 1] * d,
        positions[o + 2] - normals[o + 2] * d,
      );
      if (s > hi) hi = s;
      else if (s < lo) lo = s;
    }
    pos[v] = hi;
    neg[v] = lo;
  }
  return { pos, neg };
}

export interface BlobRequest {
  /** Absolute thresholds; a sign is meshed when shown. Voxels pass at v >= posThreshold or v <= −negThreshold. */
  posThreshold: number;
  negThreshold: number;
  showPos: boolean;
  showNeg: boolean;
}

export interface BlobMesh {
  positions: Float32Array;
  normals: Float32Array;
  indices: Uint32Array;
  /** Per vertex, as projectAlongNormals: the peak positive / negative value beneath it. */
  pos: Float32Array;
  neg: Float32Array;
  /** Suprathreshold voxels meshed. */
  voxels: number;
}

/**
 * The binary label grid of the suprathreshold voxels (1 positive, 2 negative), cropped to their bounding box with
 * one voxel of background around it (so every surface closes), with the affine of the crop; null when none pass.
 */
export function blobLabels(g: ValueGrid, r: BlobRequest): { volume: LabelVolume; voxels: number } | null {
  const [nx, ny] = g.dims;
  const v = g.values;
  const pass = (x: number) =>
    r.showPos && x >= r.posThreshold && x > 0 ? 1 : r.showNeg && x <= -r.negThreshold && x < 0 ? 2 : 0;
  const box = voxelBox(g.dims, (i) => pass(v[i]) !== 0);
  if (!box) return null;
  const { lo, hi, count } = box;
  const start = lo.map((x) => x - 1);
  const dims: Vec3 = [hi[0] - lo[0] + 3, hi[1] - lo[1] + 3, hi[2] - lo[2] + 3];
  const labels = new Uint8Array(dims[0] * dims[1] * dims[2]);
  for (let k = lo[2]; k <= hi[2]; k++) {
    for (let j = lo[1]; j <= hi[1]; j++) {
      const src = nx * (j + ny * k);
      const dst = dims[0] * (j - start[1] + dims[1] * (k - start[2])) - start[0];
      for (let i = lo[0]; i <= hi[0]; i++) labels[dst + i] = pass(v[src + i]);
    }
  }
  const m = g.affine;
  const affine = cropAffine(m, start);
  const voxelVolume = Math.abs(det3(m));
  return { volume: { dims, affine, inverse: invertAffine(affine), labels, maxLabel: 2, voxelVolume }, voxels: count };
}

/** The blobs of a thresholded map as one mesh in MNI mm, coloured by the values beneath each vertex. */
export function blobMesh(g: ValueGrid, r: BlobRequest): BlobMesh {
  const labelled = blobLabels(g, r);
  if (!labelled) {
    return {
      positions: new Float32Array(0),
      normals: new Float32Array(0),
      indices: new Uint32Array(0),
      pos: new Float32Array(0),
      neg: new Float32Array(0),
      voxels: 0,
    };
  }
  // Light smoothing: blobs keep their voxel shape's extent (the threshold boundary) without staircase facets.
  const set = buildRegionMeshes(labelled.volume, { smoothIterations: 3, lambda: 0.5, mu: -0.53 });
  const { pos, neg } = projectAlongNormals(g, set.positions, set.normals, [0.5, 1.5, 2.5, 3.5]);
  // A vertex of a positive blob shows only its positive value (and the reverse), even where blobs of both
  // signs lie close together.
  for (const range of set.regions) {
    const other = range.value === 1 ? neg : pos;
    other.fill(0, range.vertexStart, range.vertexStart + range.vertexCount);
  }
  return { positions: set.positions, normals: set.normals, indices: set.indices, pos, neg, voxels: labelled.voxels };
}
