/**
 * The template image the slice views draw (api.getTemplateImage), at the resolution the 3D template uses, kept
 * outside the store like the layers' data; the slice store holds its key and status. Also the template grid's
 * voxel arithmetic: voxel indices of a point, snapping to voxel centres, the voxel step.
 */
import type { Vec3 } from '../../../core/api';
import { invertAffine, mat4, type Mat4, voxelSize } from '../../../core/affine';
import { decodeTemplateImage } from '../../../core/mesh/codec';
import type { TemplateImage } from '../../../core/atlas/template-image';
import { api } from '../api';
import { type Box, gridBox } from './geometry';

export interface SliceTemplate {
  key: string;
  image: TemplateImage;
  inverse: Mat4;
  box: Box;
  /** Smallest voxel edge in mm: one arrow-key step. */
  voxelMm: number;
}

let current: SliceTemplate | null = null;

export const sliceTemplate = {
  get: (key: string | null): SliceTemplate | null => (key && current?.key === key ? current : null),
};

export async function loadSliceTemplate(id: string, res: number): Promise<SliceTemplate> {
  const key = `${id}@${res}`;
  if (current?.key === key) return current;
  const image = decodeTemplateImage(await api.getTemplateImage({ id, res }));
  const m = mat4(image.affine);
  current = {
    key,
    image,
    inverse: invertAffine(m),
    box: gridBox(image.dims, image.affine),
    voxelMm: Math.min(...voxelSize(m)),
  };
  return current;
}

/** The voxel (i, j, k) nearest a world point on a grid, or null outside it. */
export function voxelOf(grid: { dims: Vec3; inverse: Mat4 }, p: Vec3): Vec3 | null {
  const m = grid.inverse;
  const out: Vec3 = [0, 0, 0];
  for (let a = 0; a < 3; a++) {
    const v = Math.round(m[a * 4] * p[0] + m[a * 4 + 1] * p[1] + m[a * 4 + 2] * p[2] + m[a * 4 + 3]);
    if (v < 0 || v >= grid.dims[a]) return null;
    out[a] = v;
  }
  return out;
}

/** The centre of the grid voxel nearest `p` (off the grid: `p` unchanged), with axis `keep` left as it was. */
export function snapToVoxel(t: SliceTemplate, p: Vec3, keep: 0 | 1 | 2): Vec3 {
  const m = t.inverse;
  const ijk = [0, 1, 2].map((a) =>
    Math.round(m[a * 4] * p[0] + m[a * 4 + 1] * p[1] + m[a * 4 + 2] * p[2] + m[a * 4 + 3]),
  );
  const A = t.image.affine;
  const out = [0, 1, 2].map(
    (a) => A[a * 4] * ijk[0] + A[a * 4 + 1] * ijk[1] + A[a * 4 + 2] * ijk[2] + A[a * 4 + 3],
  ) as Vec3;
  out[keep] = p[keep];
  return out.map((v) => Math.round(v * 1000) / 1000) as Vec3;
}
