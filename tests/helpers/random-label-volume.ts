/** Label volumes of random box-shaped blobs, for mesh tests (deterministic for a seed). */
import { det3, invertAffine, mat4 } from '../../core/affine';
import type { LabelVolume } from '../../core/atlas/label-volume';

const IDENTITY = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];

export function randomVolume(
  dims: [number, number, number],
  labels: number,
  seed: number,
  fill = 0.6,
  affineRows: number[] = IDENTITY,
): LabelVolume {
  let s = seed;
  const rand = () => (s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const [nx, ny, nz] = dims;
  const data = new Uint16Array(nx * ny * nz);
  // Blobs rather than noise: a few random boxes per label, so regions have insides, touch and leave gaps.
  for (let b = 0; b < labels * 3; b++) {
    const lab = 1 + (b % labels);
    const x0 = Math.floor(rand() * nx),
      y0 = Math.floor(rand() * ny),
      z0 = Math.floor(rand() * nz);
    const w = 1 + Math.floor(rand() * nx * fill),
      h = 1 + Math.floor(rand() * ny * fill),
      d = 1 + Math.floor(rand() * nz * fill);
    for (let k = z0; k < Math.min(nz, z0 + d); k++)
      for (let j = y0; j < Math.min(ny, y0 + h); j++)
        for (let i = x0; i < Math.min(nx, x0 + w); i++) data[i + nx * (j + ny * k)] = lab;
  }
  let max = 0;
  for (const v of data) max = Math.max(max, v);
  const affine = mat4(affineRows);
  return {
    dims,
    affine,
    inverse: invertAffine(affine),
    labels: data,
    maxLabel: max,
    voxelVolume: Math.abs(det3(affine)),
  };
}

/** Each voxel copied into a 2×2×2 block, as a "1 mm" file made from a 2 mm atlas is. */
export function doubled(vol: LabelVolume): LabelVolume {
  const [nx, ny, nz] = vol.dims;
  const labels = new Uint16Array(8 * nx * ny * nz);
  for (let k = 0; k < 2 * nz; k++)
    for (let j = 0; j < 2 * ny; j++)
      for (let i = 0; i < 2 * nx; i++)
        labels[i + 2 * nx * (j + 2 * ny * k)] = vol.labels[(i >> 1) + nx * ((j >> 1) + ny * (k >> 1))];
  const affine = Float64Array.from(vol.affine);
  for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) affine[4 * r + c] /= 2;
  const dims: [number, number, number] = [2 * nx, 2 * ny, 2 * nz];
  return { ...vol, dims, labels, affine, inverse: invertAffine(affine), voxelVolume: vol.voxelVolume / 8 };
}
