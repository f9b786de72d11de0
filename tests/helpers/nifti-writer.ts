/** Writes small NIfTI-1/2 files in memory for tests: every answer about them is known exactly. */
import { gzipSync } from 'fflate';

export type Dtype = 'uint8' | 'int8' | 'int16' | 'uint16' | 'int32' | 'uint32' | 'float32' | 'float64' | 'int64';

const CODES: Record<Dtype, [number, number]> = {
  uint8: [2, 1],
  int8: [256, 1],
  int16: [4, 2],
  uint16: [512, 2],
  int32: [8, 4],
  uint32: [768, 4],
  float32: [16, 4],
  float64: [64, 8],
  int64: [1024, 8],
};

export interface WriteOptions {
  dims: number[]; // [nx, ny, nz] or [nx, ny, nz, nt]
  data: ArrayLike<number>;
  dtype?: Dtype;
  /** Row-major 3x4 (or 4x4) voxel->world; written as the sform (and, when qform is also set, as that). */
  affine?: number[];
  sformCode?: number;
  qformCode?: number;
  /** Quaternion b, c, d and offsets x, y, z; pixdim from `pixdim`. */
  quatern?: [number, number, number, number, number, number];
  qfac?: 1 | -1;
  pixdim?: [number, number, number];
  slope?: number;
  inter?: number;
  version?: 1 | 2;
  bigEndian?: boolean;
  gzip?: boolean;
  description?: string;
  /** NIfTI intent_code (3 t-test, 5 z-score); 0 when absent. */
  intentCode?: number;
}

export function writeNifti(o: WriteOptions): Uint8Array {
  const version = o.version ?? 1;
  const dtype = o.dtype ?? 'uint8';
  const [code, bpv] = CODES[dtype];
  const le = !o.bigEndian;
  const voxOffset = version === 1 ? 352 : 544;
  const n = o.dims.reduce((a, b) => a * b, 1);
  const buf = new ArrayBuffer(voxOffset + n * bpv);
  const dv = new DataView(buf);
  const u8 = new Uint8Array(buf);
  const affine = o.affine ?? [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0];
  const pix = o.pixdim ?? [
    Math.hypot(affine[0], affine[4], affine[8]),
    Math.hypot(affine[1], affine[5], affine[9]),
    Math.hypot(affine[2], affine[6], affine[10]),
  ];
  const q = o.quatern ?? [0, 0, 0, affine[3], affine[7], affine[11]];
  const dims = [o.dims.length, ...o.dims];
  while (dims.length < 8) dims.push(1);
  if (version === 1) {
    dv.setInt32(0, 348, le);
    dims.forEach((d, i) => dv.setInt16(40 + 2 * i, d, le));
    dv.setInt16(68, o.intentCode ?? 0, le);
    dv.setInt16(70, code, le);
    dv.setInt16(72, bpv * 8, le);
    [o.qfac ?? 1, ...pix, 1, 1, 1, 1].forEach((p, i) => dv.setFloat32(76 + 4 * i, p, le));
    dv.setFloat32(108, voxOffset, le);
    dv.setFloat32(112, o.slope ?? 1, le);
    dv.setFloat32(116, o.inter ?? 0, le);
    writeAscii(u8, 148, o.description ?? 'test');
    dv.setInt16(252, o.qformCode ?? 0, le);
    dv.setInt16(254, o.sformCode ?? 2, le);
    q.forEach((v, i) => dv.setFloat32(256 + 4 * i, v, le));
    affine.slice(0, 12).forEach((v, i) => dv.setFloat32(280 + 4 * i, v, le));
    writeAscii(u8, 344, 'n+1');
  } else {
    dv.setInt32(0, 540, le);
    writeAscii(u8, 4, 'n+2');
    u8.set([0x0d, 0x0a, 0x1a, 0x0a], 8);
    dv.setInt16(12, code, le);
    dv.setInt16(14, bpv * 8, le);
    dims.forEach((d, i) => dv.setBigInt64(16 + 8 * i, BigInt(d), le));
    [o.qfac ?? 1, ...pix, 1, 1, 1, 1].forEach((p, i) => dv.setFloat64(104 + 8 * i, p, le));
    dv.setBigInt64(168, BigInt(voxOffset), le);
    dv.setFloat64(176, o.slope ?? 1, le);
    dv.setFloat64(184, o.inter ?? 0, le);
    writeAscii(u8, 240, o.description ?? 'test');
    dv.setInt32(344, o.qformCode ?? 0, le);
    dv.setInt32(348, o.sformCode ?? 2, le);
    dv.setInt32(504, o.intentCode ?? 0, le);
    q.forEach((v, i) => dv.setFloat64(352 + 8 * i, v, le));
    affine.slice(0, 12).forEach((v, i) => dv.setFloat64(400 + 8 * i, v, le));
  }
  for (let i = 0; i < n; i++) {
    const off = voxOffset + i * bpv;
    const v = o.data[i];
    switch (dtype) {
      case 'uint8':
        dv.setUint8(off, v);
        break;
      case 'int8':
        dv.setInt8(off, v);
        break;
      case 'int16':
        dv.setInt16(off, v, le);
        break;
      case 'uint16':
        dv.setUint16(off, v, le);
        break;
      case 'int32':
        dv.setInt32(off, v, le);
        break;
      case 'uint32':
        dv.setUint32(off, v, le);
        break;
      case 'float32':
        dv.setFloat32(off, v, le);
        break;
      case 'float64':
        dv.setFloat64(off, v, le);
        break;
      case 'int64':
        dv.setBigInt64(off, BigInt(v), le);
        break;
    }
  }
  return o.gzip ? gzipSync(u8) : u8;
}

function writeAscii(u8: Uint8Array, offset: number, s: string): void {
  for (let i = 0; i < s.length; i++) u8[offset + i] = s.charCodeAt(i);
}

/** A label grid with a ball of `value` of radius r (in voxels) around voxel centre c. */
export function ball(
  dims: [number, number, number],
  c: [number, number, number],
  r: number,
  value: number,
  into?: number[],
): number[] {
  const [nx, ny, nz] = dims;
  const out = into ?? new Array(nx * ny * nz).fill(0);
  for (let k = 0; k < nz; k++)
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++)
        if ((i - c[0]) ** 2 + (j - c[1]) ** 2 + (k - c[2]) ** 2 <= r * r) out[i + nx * (j + ny * k)] = value;
  return out;
}
