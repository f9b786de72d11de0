/**
 * Resampling an image onto another grid (for display: a user's map on the template's grid). Pure and
 * allocation-free per voxel: the target-voxel -> source-voxel affine is combined once, each target row is a line
 * in source space, and only the part of that line inside the source grid is walked.
 *
 * Missing values: trilinear gives NaN where any of the (up to eight) source voxels with a non-zero weight is NaN,
 * and NaN outside the source grid (a voxel centre up to 1e-6 voxel outside still counts as inside, as in
 * sampleStatMap). We do not renormalise over the finite neighbours: a display that silently extends a map into
 * its masked-out voxels would show values the analysis never produced. Nearest takes the rounded (half to even)
 * source voxel, as atlas lookups do, for label volumes.
 */
import type { Vec3 } from '../types';
import { type Mat4, invertAffine, roundHalfEven } from '../affine';

export type ResampleMode = 'linear' | 'nearest';

export interface Grid {
  dims: Vec3;
  /** Voxel -> world, row-major 4x4. */
  affine: ArrayLike<number>;
}

export interface ResampleSource extends Grid {
  /** One value per voxel, x fastest. */
  values: ArrayLike<number>;
  /** World -> voxel, when the caller has it already. */
  inverse?: ArrayLike<number>;
}

export interface ResampleOptions {
  mode?: ResampleMode;
  /** Value where a target voxel falls outside the source grid (NaN by default; 0 suits labels). */
  outside?: number;
  /** Output array to fill (length = target voxels); allocated when absent. */
  out?: Float32Array;
}

const EPS = 1e-6;

/** Row-major product a * b of two 4x4 affines. */
function multiply(a: ArrayLike<number>, b: ArrayLike<number>): Float64Array {
  const r = new Float64Array(16);
  for (let i = 0; i < 4; i++)
    for (let j = 0; j < 4; j++) {
      let s = 0;
      for (let k = 0; k < 4; k++) s += a[i * 4 + k] * b[k * 4 + j];
      r[i * 4 + j] = s;
    }
  return r;
}

/** The target-voxel -> source-voxel affine: source⁻¹ · target. */
export function voxelToVoxel(source: Grid & { inverse?: ArrayLike<number> }, target: Grid): Float64Array {
  const inv = source.inverse ?? invertAffine(Float64Array.from(source.affine) as Mat4);
  return multiply(inv, target.affine);
}

/**
 * Narrows [lo, hi] (target i indices) to those where start + step * i lies in [min, max]. Returns false when none.
 */
function clip(range: Float64Array, start: number, step: number, min: number, max: number): boolean {
  if (step === 0) return start >= min && start <= max;
  let a = (min - start) / step,
    b = (max - start) / step;
  if (a > b) {
    const t = a;
    a = b;
    b = t;
  }
  range[0] = Math.max(range[0], Math.ceil(a));
  range[1] = Math.min(range[1], Math.floor(b));
  return range[0] <= range[1];
}

/** Values of `source` at the voxel centres of `target` (x fastest), as float32. */
export function resample(source: ResampleSource, target: Grid, opts: ResampleOptions = {}): Float32Array {
  const [tx, ty, tz] = target.dims;
  const n = tx * ty * tz;
  const out = opts.out ?? new Float32Array(n);
  if (out.length !== n) throw new RangeError(`the output holds ${out.length} values, the target grid needs ${n}`);
  const [nx, ny, nz] = source.dims;
  if (source.values.length < nx * ny * nz)
    throw new RangeError(`the source has ${source.values.length} values, its grid needs ${nx * ny * nz}`);
  const outside = opts.outside ?? NaN;
  const m = voxelToVoxel(source, target);
  const nearest = opts.mode === 'nearest';
  // Inside means: trilinear, the point lies within the voxel centres; nearest, it rounds to a voxel.
  // (Nearest clips loosely; the rounded index decides, as in sampleStatMap.)
  const lo = nearest ? -0.5 - EPS : -EPS;
  const hiX = nearest ? nx - 0.5 + EPS : nx - 1 + EPS,
    hiY = nearest ? ny - 0.5 + EPS : ny - 1 + EPS,
    hiZ = nearest ? nz - 0.5 + EPS : nz - 1 + EPS;
  const v = source.values;
  const sxy = nx * ny;
  if (
    Math.abs(m[1]) < 1e-12 &&
    Math.abs(m[2]) < 1e-12 &&
    Math.abs(m[4]) < 1e-12 &&
    Math.abs(m[6]) < 1e-12 &&
    Math.abs(m[8]) < 1e-12 &&
    Math.abs(m[9]) < 1e-12
  ) {
    return resampleAxisAligned(v, source.dims, target.dims, m, nearest, outside, out);
  }
  const range = new Float64Array(2);
  const mx = nx - 1,
    my = ny - 1,
    mz = nz - 1;
  let o = 0;
  for (let k = 0; k < tz; k++) {
    for (let j = 0; j < ty; j++) {
      // Source coordinates of target voxel (0, j, k); each step in i adds column 0 of m.
      const ax = m[1] * j + m[2] * k + m[3],
        ay = m[5] * j + m[6] * k + m[7],
        az = m[9] * j + m[10] * k + m[11];
      const bx = m[0],
        by = m[4],
        bz = m[8];
      range[0] = 0;
      range[1] = tx - 1;
      const any = clip(range, ax, bx, lo, hiX) && clip(range, ay, by, lo, hiY) && clip(range, az, bz, lo, hiZ);
      const i0 = any ? range[0] : tx,
        i1 = any ? range[1] : tx - 1;
      out.fill(outside, o, o + i0);
      if (nearest) {
        for (let i = i0; i <= i1; i++) {
          const si = roundHalfEven(ax + bx * i),
            sj = roundHalfEven(ay + by * i),
            sk = roundHalfEven(az + bz * i);
          out[o + i] =
            si < 0 || sj < 0 || sk < 0 || si > mx || sj > my || sk > mz ? outside : v[si + nx * sj + sxy * sk];
        }
      } else {
        for (let i = i0; i <= i1; i++) {
          let fx = ax + bx * i,
            fy = ay + by * i,
            fz = az + bz * i;
          fx = fx < 0 ? 0 : fx > mx ? mx : fx;
          fy = fy < 0 ? 0 : fy > my ? my : fy;
          fz = fz < 0 ? 0 : fz > mz ? mz : fz;
          const x0 = Math.floor(fx),
            y0 = Math.floor(fy),
            z0 = Math.floor(fz);
          const wx = fx - x0,
            wy = fy - y0,
            wz = fz - z0;
          // A neighbour with weight 0 is never read (so a NaN there cannot leak in): its step is 0 instead.
          const dx = wx === 0 ? 0 : 1,
            dy = wy === 0 ? 0 : nx,
            dz = wz === 0 ? 0 : sxy;
          const p = x0 + nx * y0 + sxy * z0;
          const c00 = v[p] + wx * (v[p + dx] - v[p]);
          const c10 = v[p + dy] + wx * (v[p + dy + dx] - v[p + dy]);
          const c01 = v[p + dz] + wx * (v[p + dz + dx] - v[p + dz]);
          const c11 = v[p + dz + dy] + wx * (v[p + dz + dy + dx] - v[p + dz + dy]);
          const c0 = c00 + wy * (c10 - c00);
          const c1 = c01 + wy * (c11 - c01);
          out[o + i] = c0 + wz * (c1 - c0);
        }
      }
      out.fill(outside, o + i1 + 1, o + tx);
      o += tx;
    }
  }
  return out;
}

/**
 * Where one target axis falls on the matching source axis (x_source = offset + scale * x_target): per target index
 * the lower source index, the weight of the upper one and its step (0 when that weight is 0), for trilinear; the
 * rounded index for nearest; -1 outside.
 */
function axisTable(n: number, offset: number, scale: number, size: number, nearest: boolean, stride: number) {
  const index = new Int32Array(n).fill(-1);
  const weight = new Float64Array(n);
  const step = new Int32Array(n);
  const max = size - 1;
  for (let t = 0; t < n; t++) {
    const f = offset + scale * t;
    if (nearest) {
      const r = roundHalfEven(f);
      if (r >= 0 && r <= max) index[t] = r * stride;
      continue;
    }
    if (f < -EPS || f > max + EPS) continue;
    const c = f < 0 ? 0 : f > max ? max : f;
    const lo = Math.floor(c);
    const w = c - lo;
    index[t] = lo * stride;
    weight[t] = w;
    step[t] = w === 0 ? 0 : stride;
  }
  return { index, weight, step };
}

/**
 * The common case: each target axis runs along one source axis (same orientation or flipped, any scale and shift;
 * MNI grids, LAS vs RAS). Every axis is tabulated once, so the inner loop is eight reads and seven lerps.
 */
function resampleAxisAligned(
  v: ArrayLike<number>,
  src: Vec3,
  dims: Vec3,
  m: Float64Array,
  nearest: boolean,
  outside: number,
  out: Float32Array,
): Float32Array {
  const [nx, ny, nz] = src;
  const [tx, ty, tz] = dims;
  const X = axisTable(tx, m[3], m[0], nx, nearest, 1);
  const Y = axisTable(ty, m[7], m[5], ny, nearest, nx);
  const Z = axisTable(tz, m[11], m[10], nz, nearest, nx * ny);
  // The inside part of an axis is one run (the map is linear): find it once for x.
  let i0 = 0,
    i1 = tx - 1;
  while (i0 < tx && X.index[i0] < 0) i0++;
  while (i1 >= i0 && X.index[i1] < 0) i1--;
  const xi = X.index,
    xw = X.weight,
    xs = X.step;
  let o = 0;
  for (let k = 0; k < tz; k++) {
    const zb = Z.index[k],
      wz = Z.weight[k],
      dz = Z.step[k];
    for (let j = 0; j < ty; j++, o += tx) {
      const yb = Y.index[j],
        wy = Y.weight[j],
        dy = Y.step[j];
      if (zb < 0 || yb < 0 || i0 > i1) {
        out.fill(outside, o, o + tx);
        continue;
      }
      out.fill(outside, o, o + i0);
      out.fill(outside, o + i1 + 1, o + tx);
      const b00 = zb + yb,
        b10 = b00 + dy,
        b01 = b00 + dz,
        b11 = b01 + dy;
      if (nearest) {
        for (let i = i0; i <= i1; i++) out[o + i] = v[b00 + xi[i]];
        continue;
      }
      for (let i = i0; i <= i1; i++) {
        const x = xi[i],
          dx = xs[i],
          wx = xw[i];
        const a = v[b00 + x],
          b = v[b10 + x],
          c = v[b01 + x],
          d = v[b11 + x];
        const c00 = a + wx * (v[b00 + x + dx] - a);
        const c10 = b + wx * (v[b10 + x + dx] - b);
        const c01 = c + wx * (v[b01 + x + dx] - c);
        const c11 = d + wx * (v[b11 + x + dx] - d);
        const c0 = c00 + wy * (c10 - c00);
        const c1 = c01 + wy * (c11 - c01);
        out[o + i] = c0 + wz * (c1 - c0);
      }
    }
  }
  return out;
}
