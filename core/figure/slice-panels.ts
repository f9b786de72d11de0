/**
 * Slice panels in figures (the "3D with the three slices" and "lightbox" layouts): which world axis a plane cuts,
 * the panel's label ("z = 12"), the slice positions of a lightbox spread evenly over the brain, and the brain's
 * extent in a label volume (the box a slice panel frames). Pure: the renderer draws the panels with the slice
 * views' own code.
 */
import type { Vec3 } from '../types';
import { AtlasError } from '../errors';

export type SlicePlane = 'axial' | 'coronal' | 'sagittal';
export const SLICE_PLANES: readonly SlicePlane[] = ['axial', 'coronal', 'sagittal'];

/** The world axis along each plane's normal (0 x, 1 y, 2 z), as the slice views define it. */
export const SLICE_NORMAL: Record<SlicePlane, 0 | 1 | 2> = { axial: 2, coronal: 1, sagittal: 0 };

/** Fewest and most slices a lightbox may hold. */
export const MIN_LIGHTBOX_SLICES = 2;
export const MAX_LIGHTBOX_SLICES = 48;

export interface WorldBox {
  min: Vec3;
  max: Vec3;
}

/** A millimetre coordinate written short: whole numbers as they are, else one decimal; never '-0'. */
export function formatMm(v: number): string {
  const r = Math.round(v * 10) / 10 + 0;
  return Number.isInteger(r) ? String(r) : r.toFixed(1);
}

/** The label of a slice: the normal's axis and its coordinate, e.g. 'z = 12'. */
export function sliceLabel(plane: SlicePlane, mm: number): string {
  return `${'xyz'[SLICE_NORMAL[plane]]} = ${formatMm(mm)}`;
}

/**
 * `count` slice positions spread evenly over lo..hi (each at the middle of its equal share, so none sits on the
 * brain's very edge), rounded to multiples of `step` mm; ascending and distinct (positions that round together are
 * spread out by a step).
 */
export function lightboxPositions(lo: number, hi: number, count: number, step = 1): number[] {
  if (!Number.isInteger(count) || count < MIN_LIGHTBOX_SLICES || count > MAX_LIGHTBOX_SLICES)
    throw new AtlasError(
      'invalid-argument',
      `a lightbox holds ${MIN_LIGHTBOX_SLICES} to ${MAX_LIGHTBOX_SLICES} slices, not ${count}`,
    );
  if (!(Number.isFinite(lo) && Number.isFinite(hi) && hi > lo) || !(step > 0))
    throw new AtlasError('invalid-argument', `a lightbox needs a range lo < hi and a step > 0, not ${lo}..${hi}`);
  const share = (hi - lo) / count;
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    let v = Math.round((lo + (i + 0.5) * share) / step) * step;
    if (out.length > 0 && v <= out[out.length - 1]) v = out[out.length - 1] + step;
    out.push(Math.round(v * 1000) / 1000 + 0);
  }
  return out;
}

/**
 * The world box (voxel corners) of the non-zero voxels of a label volume (x fastest, affine row-major 4 × 4 voxel
 * → mm), or null when every voxel is 0.
 */
export function labelExtent(labels: ArrayLike<number>, dims: Vec3, affine: ArrayLike<number>): WorldBox | null {
  const [nx, ny, nz] = dims;
  const lo = [nx, ny, nz];
  const hi = [-1, -1, -1];
  for (let k = 0, i = 0; k < nz; k++)
    for (let j = 0; j < ny; j++)
      for (let x = 0; x < nx; x++, i++) {
        if (labels[i] === 0) continue;
        if (x < lo[0]) lo[0] = x;
        if (x > hi[0]) hi[0] = x;
        if (j < lo[1]) lo[1] = j;
        if (j > hi[1]) hi[1] = j;
        if (k < lo[2]) lo[2] = k;
        if (k > hi[2]) hi[2] = k;
      }
  if (hi[0] < 0) return null;
  const min: Vec3 = [Infinity, Infinity, Infinity];
  const max: Vec3 = [-Infinity, -Infinity, -Infinity];
  for (const i of [lo[0] - 0.5, hi[0] + 0.5])
    for (const j of [lo[1] - 0.5, hi[1] + 0.5])
      for (const k of [lo[2] - 0.5, hi[2] + 0.5])
        for (let a = 0; a < 3; a++) {
          const w = affine[a * 4] * i + affine[a * 4 + 1] * j + affine[a * 4 + 2] * k + affine[a * 4 + 3];
          if (w < min[a]) min[a] = w;
          if (w > max[a]) max[a] = w;
        }
  return { min, max };
}

/** The smallest box holding every box given, grown by `margin` mm on each side; null for none. */
export function unionBox(boxes: readonly WorldBox[], margin = 0): WorldBox | null {
  if (boxes.length === 0) return null;
  const min: Vec3 = [Infinity, Infinity, Infinity];
  const max: Vec3 = [-Infinity, -Infinity, -Infinity];
  for (const b of boxes)
    for (let a = 0; a < 3; a++) {
      min[a] = Math.min(min[a], b.min[a] - margin);
      max[a] = Math.max(max[a], b.max[a] + margin);
    }
  return { min, max };
}
