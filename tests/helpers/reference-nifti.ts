/**
 * An independent path to a NIfTI volume for real-data tests: nifti-reader-js decoding and a generic matrix inverse,
 * rather than the engine's own code (core/io/nifti, core/affine.ts).
 */
import { readFileSync } from 'node:fs';
import * as nifti from 'nifti-reader-js';

/** Gauss-Jordan inverse of a 4x4 (row arrays), independent of core/affine.ts. */
export function inverse4(m: number[][]): number[][] {
  const a = m.map((row, i) => [...row, ...[0, 1, 2, 3].map((j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < 4; c++) {
    let p = c;
    for (let r = c + 1; r < 4; r++) if (Math.abs(a[r][c]) > Math.abs(a[p][c])) p = r;
    [a[c], a[p]] = [a[p], a[c]];
    const d = a[c][c];
    for (let j = 0; j < 8; j++) a[c][j] /= d;
    for (let r = 0; r < 4; r++) {
      if (r === c) continue;
      const f = a[r][c];
      for (let j = 0; j < 8; j++) a[r][j] -= f * a[c][j];
    }
  }
  return a.map((row) => row.slice(4));
}

export interface Reference {
  dims: number[];
  affine: number[][];
  values: Float64Array;
}

/** The volume's values with the header's scaling; rounded to whole numbers (labels) unless `round` is false. */
export function reference(path: string, round = true): Reference {
  let buf = readFileSync(path).buffer as ArrayBuffer;
  buf = buf.slice(0);
  if (nifti.isCompressed(buf)) buf = nifti.decompress(buf) as ArrayBuffer;
  const h = nifti.readHeader(buf);
  const img = nifti.readImage(h, buf);
  const n = h.dims[1] * h.dims[2] * h.dims[3];
  const ctor: Record<number, new (b: ArrayBuffer, o: number, l: number) => ArrayLike<number>> = {
    2: Uint8Array,
    4: Int16Array,
    8: Int32Array,
    16: Float32Array,
    64: Float64Array,
    512: Uint16Array,
  };
  const raw = new ctor[h.datatypeCode](img, 0, n);
  const slope = h.scl_slope && Number.isFinite(h.scl_slope) ? h.scl_slope : 1;
  const inter = h.scl_slope && Number.isFinite(h.scl_inter) ? h.scl_inter : 0;
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = round ? Math.round(raw[i] * slope + inter) : raw[i] * slope + inter;
  return { dims: [h.dims[1], h.dims[2], h.dims[3]], affine: h.affine, values };
}
