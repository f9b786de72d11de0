/** 4x4 affine matrices, row-major in a Float64Array(16): voxel (i, j, k) -> world (x, y, z) in mm. */
import type { Vec3 } from './types';

export type Mat4 = Float64Array;

export function mat4(rows: ArrayLike<number>): Mat4 {
  if (rows.length !== 16) throw new RangeError('a 4x4 matrix needs 16 numbers');
  return Float64Array.from(rows);
}

export function identity(): Mat4 {
  return mat4([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]);
}

export function applyAffine(m: Mat4, x: number, y: number, z: number): Vec3 {
  return [
    m[0] * x + m[1] * y + m[2] * z + m[3],
    m[4] * x + m[5] * y + m[6] * z + m[7],
    m[8] * x + m[9] * y + m[10] * z + m[11],
  ];
}

/** Determinant of the upper-left 3x3 block: the signed volume of one voxel in mm³. */
export function det3(m: Mat4): number {
  return m[0] * (m[5] * m[10] - m[6] * m[9]) - m[1] * (m[4] * m[10] - m[6] * m[8]) + m[2] * (m[4] * m[9] - m[5] * m[8]);
}

/** Inverse of an affine (last row 0 0 0 1). Throws on a singular matrix. */
export function invertAffine(m: Mat4): Mat4 {
  const d = det3(m);
  if (!Number.isFinite(d) || Math.abs(d) < 1e-12)
    throw new RangeError('the affine is singular (a voxel has no volume)');
  const a = m[0],
    b = m[1],
    c = m[2],
    e = m[4],
    f = m[5],
    g = m[6],
    h = m[8],
    i = m[9],
    k = m[10];
  const r00 = (f * k - g * i) / d,
    r01 = (c * i - b * k) / d,
    r02 = (b * g - c * f) / d;
  const r10 = (g * h - e * k) / d,
    r11 = (a * k - c * h) / d,
    r12 = (c * e - a * g) / d;
  const r20 = (e * i - f * h) / d,
    r21 = (b * h - a * i) / d,
    r22 = (a * f - b * e) / d;
  const tx = m[3],
    ty = m[7],
    tz = m[11];
  return mat4([
    r00,
    r01,
    r02,
    -(r00 * tx + r01 * ty + r02 * tz),
    r10,
    r11,
    r12,
    -(r10 * tx + r11 * ty + r12 * tz),
    r20,
    r21,
    r22,
    -(r20 * tx + r21 * ty + r22 * tz),
    0,
    0,
    0,
    1,
  ]);
}

/** Length of each voxel axis in mm (the column norms of the 3x3 block). */
export function voxelSize(m: Mat4): Vec3 {
  return [Math.hypot(m[0], m[4], m[8]), Math.hypot(m[1], m[5], m[9]), Math.hypot(m[2], m[6], m[10])];
}

/**
 * Axis codes of a voxel grid, as nibabel's aff2axcodes: for each voxel axis, the world direction it increases
 * towards ("RAS" = i runs left→right, j posterior→anterior, k inferior→superior; "LAS" = i runs right→left).
 */
export function orientationCodes(m: Mat4): string {
  const pos = ['R', 'A', 'S'];
  const neg = ['L', 'P', 'I'];
  let out = '';
  for (let col = 0; col < 3; col++) {
    const v = [m[col], m[4 + col], m[8 + col]].map(Math.abs);
    const axis = v.indexOf(Math.max(...v));
    const sign = m[axis * 4 + col];
    out += sign >= 0 ? pos[axis] : neg[axis];
  }
  return out;
}

/** Rounds half to even (as numpy.round / numpy.rint do), treating values within 1e-9 of .5 as ties. */
export function roundHalfEven(v: number): number {
  const f = Math.floor(v);
  const frac = v - f;
  if (Math.abs(frac - 0.5) < 1e-9) return f % 2 === 0 ? f : f + 1;
  return frac < 0.5 ? f : f + 1;
}
