/**
 * Cropping a grid to the voxels that will be meshed, so meshing sweeps only their box: the box itself, and the
 * affine of a crop. Used for thresholded maps and probability grids, which fill a small part of the brain.
 */
import type { Vec3 } from '../types';

/** The box (inclusive voxel indices) of the voxels `inside` picks, and how many it picks; null when none. */
export function voxelBox(dims: Vec3, inside: (index: number) => boolean): { lo: Vec3; hi: Vec3; count: number } | null {
  const [nx, ny, nz] = dims;
  const lo: Vec3 = [nx, ny, nz];
  const hi: Vec3 = [-1, -1, -1];
  let count = 0;
  for (let k = 0; k < nz; k++)
    for (let j = 0; j < ny; j++) {
      const row = nx * (j + ny * k);
      for (let i = 0; i < nx; i++) {
        if (!inside(row + i)) continue;
        count++;
        if (i < lo[0]) lo[0] = i;
        if (i > hi[0]) hi[0] = i;
        if (j < lo[1]) lo[1] = j;
        if (j > hi[1]) hi[1] = j;
        if (k < lo[2]) lo[2] = k;
        if (k > hi[2]) hi[2] = k;
      }
    }
  return count === 0 ? null : { lo, hi, count };
}

/** The affine (row-major 4×4) of a crop whose voxel (0, 0, 0) is voxel `start` of a grid with affine `m`. */
export function cropAffine(m: ArrayLike<number>, start: ArrayLike<number>): Float64Array {
  const affine = Float64Array.from(m);
  for (let a = 0; a < 3; a++)
    affine[a * 4 + 3] = m[a * 4] * start[0] + m[a * 4 + 1] * start[1] + m[a * 4 + 2] * start[2] + m[a * 4 + 3];
  return affine;
}
