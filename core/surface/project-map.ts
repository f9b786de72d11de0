/**
 * A volume (a statistical map in MNI mm) projected onto a cortical surface, vertex by vertex: the mean of samples
 * taken at evenly spaced points from the white-matter vertex to the pial vertex (both ends included). A sample is
 * the trilinear interpolation of the 8 voxels around the point; it is missing when any of them is NaN or outside
 * the grid. A vertex whose every sample is missing is NaN.
 */
import type { StatMap } from '../maps/stat-map';

/** Samples per vertex along the white-to-pial segment, ends included. */
export const SAMPLES_PER_VERTEX = 10;

type Volume = Pick<StatMap, 'dims' | 'inverse' | 'values'>;

/** The trilinear value at a world point, or NaN when any of the 8 voxels around it is NaN or outside the grid. */
export function trilinearOrMissing(map: Volume, x: number, y: number, z: number): number {
  const m = map.inverse;
  const fi = m[0] * x + m[1] * y + m[2] * z + m[3];
  const fj = m[4] * x + m[5] * y + m[6] * z + m[7];
  const fk = m[8] * x + m[9] * y + m[10] * z + m[11];
  const [nx, ny, nz] = map.dims;
  const i0 = Math.floor(fi);
  const j0 = Math.floor(fj);
  const k0 = Math.floor(fk);
  if (i0 < 0 || j0 < 0 || k0 < 0 || i0 + 1 >= nx || j0 + 1 >= ny || k0 + 1 >= nz) return Number.NaN;
  const ti = fi - i0;
  const tj = fj - j0;
  const tk = fk - k0;
  const v = map.values;
  const sx = 1;
  const sy = nx;
  const sz = nx * ny;
  const base = i0 + nx * (j0 + ny * k0);
  const c000 = v[base];
  const c100 = v[base + sx];
  const c010 = v[base + sy];
  const c110 = v[base + sx + sy];
  const c001 = v[base + sz];
  const c101 = v[base + sx + sz];
  const c011 = v[base + sy + sz];
  const c111 = v[base + sx + sy + sz];
  // Any NaN among the eight makes the sum NaN: the sample is missing.
  const c00 = c000 * (1 - ti) + c100 * ti;
  const c10 = c010 * (1 - ti) + c110 * ti;
  const c01 = c001 * (1 - ti) + c101 * ti;
  const c11 = c011 * (1 - ti) + c111 * ti;
  const c0 = c00 * (1 - tj) + c10 * tj;
  const c1 = c01 * (1 - tj) + c11 * tj;
  return c0 * (1 - tk) + c1 * tk;
}

/**
 * One value per vertex: the mean of the samples that are not missing, NaN when all are. `white` and `pial` hold
 * x, y, z per vertex (the same vertex order, MNI mm).
 */
export function projectMapToSurface(
  map: Volume,
  white: Float32Array,
  pial: Float32Array,
  samples = SAMPLES_PER_VERTEX,
): Float32Array {
  if (white.length !== pial.length || white.length % 3 !== 0) {
    throw new RangeError('white and pial surfaces must have the same vertices (x, y, z each)');
  }
  if (!Number.isInteger(samples) || samples < 2) throw new RangeError('at least 2 samples per vertex');
  const n = white.length / 3;
  const out = new Float32Array(n);
  for (let v = 0; v < n; v++) {
    const wx = white[3 * v];
    const wy = white[3 * v + 1];
    const wz = white[3 * v + 2];
    const dx = pial[3 * v] - wx;
    const dy = pial[3 * v + 1] - wy;
    const dz = pial[3 * v + 2] - wz;
    let sum = 0;
    let count = 0;
    for (let s = 0; s < samples; s++) {
      const t = s / (samples - 1);
      const value = trilinearOrMissing(map, wx + t * dx, wy + t * dy, wz + t * dz);
      if (value === value) {
        sum += value;
        count++;
      }
    }
    out[v] = count > 0 ? sum / count : Number.NaN;
  }
  return out;
}
