/**
 * NIfTI-1 and NIfTI-2 header reading. Written here rather than taken from nifti-reader-js because that library
 * picks the qform over the sform whenever qform_code > sform_code and ignores the qform of NIfTI-2 files, while
 * this project follows the NIfTI standard's rule: sform when sform_code > 0, else qform, else pixdim scaling.
 */
import { type Mat4, mat4 } from '../../affine';
import { AtlasError, formatCount } from '../../errors';

export type NiftiDatatype =
  | 'uint8'
  | 'int8'
  | 'int16'
  | 'uint16'
  | 'int32'
  | 'uint32'
  | 'int64'
  | 'uint64'
  | 'float32'
  | 'float64';

const DATATYPES: Record<number, { name: NiftiDatatype; bytes: number }> = {
  2: { name: 'uint8', bytes: 1 },
  4: { name: 'int16', bytes: 2 },
  8: { name: 'int32', bytes: 4 },
  16: { name: 'float32', bytes: 4 },
  64: { name: 'float64', bytes: 8 },
  256: { name: 'int8', bytes: 1 },
  512: { name: 'uint16', bytes: 2 },
  768: { name: 'uint32', bytes: 4 },
  1024: { name: 'int64', bytes: 8 },
  1280: { name: 'uint64', bytes: 8 },
};

const UNSUPPORTED_DATATYPES: Record<number, string> = {
  1: 'binary (1 bit)',
  32: 'complex64',
  128: 'RGB24',
  1536: 'float128',
  1792: 'complex128',
  2048: 'complex256',
  2304: 'RGBA32',
};

/** Where the affine came from: the header's sform or qform, pixdim scaling, or a catalog correction. */
export type TransformSource = 'sform' | 'qform' | 'pixdim' | 'catalog';

export interface NiftiHeader {
  version: 1 | 2;
  littleEndian: boolean;
  headerBytes: number;
  /** dim[1..7] that are in use (length dim[0]). */
  dims: number[];
  /** pixdim[1..] matching dims. */
  pixdim: number[];
  qfac: number;
  datatypeCode: number;
  datatype: NiftiDatatype;
  bytesPerVoxel: number;
  voxOffset: number;
  /** Effective scaling: slope 0 or non-finite means "no scaling" (1, 0). */
  sclSlope: number;
  sclInter: number;
  intentCode: number;
  intentName: string;
  description: string;
  auxFile: string;
  qformCode: number;
  sformCode: number;
  xyztUnits: number;
  calMin: number;
  calMax: number;
  /** Voxel -> world, chosen by the rule above. */
  affine: Mat4;
  affineSource: TransformSource;
  /** Both transforms when present, for `inspect`. */
  sform: Mat4 | null;
  qform: Mat4 | null;
  magic: string;
}

export const TRANSFORM_CODE_NAMES: Record<number, string> = {
  0: 'unknown',
  1: 'scanner',
  2: 'aligned',
  3: 'Talairach',
  4: 'MNI152',
  5: 'template',
};

function readString(bytes: Uint8Array, offset: number, length: number): string {
  let end = offset;
  while (end < offset + length && bytes[end] !== 0) end++;
  let s = '';
  for (let i = offset; i < end; i++) s += String.fromCharCode(bytes[i]);
  return s.trim();
}

/** True when the bytes start with a NIfTI-1 or NIfTI-2 header (either byte order). */
export function looksLikeNifti(bytes: Uint8Array): boolean {
  if (bytes.length < 4) return false;
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const le = dv.getInt32(0, true);
  const be = dv.getInt32(0, false);
  return le === 348 || be === 348 || le === 540 || be === 540;
}

/** Bytes needed to read any header (NIfTI-2 plus the 4-byte extension flag). */
export const HEADER_PROBE_BYTES = 544;

export function parseNiftiHeader(bytes: Uint8Array, fileName?: string): NiftiHeader {
  if (bytes.length < 4) {
    throw new AtlasError(
      'truncated',
      `the file is only ${bytes.length} bytes long; a NIfTI header needs 348`,
      fileName,
    );
  }
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let littleEndian = true;
  let size = dv.getInt32(0, true);
  if (size !== 348 && size !== 540) {
    const swapped = dv.getInt32(0, false);
    if (swapped === 348 || swapped === 540) {
      littleEndian = false;
      size = swapped;
    } else {
      throw new AtlasError('corrupt', 'not a NIfTI file: it does not start with a NIfTI-1 or NIfTI-2 header', fileName);
    }
  }
  if (bytes.length < size) {
    throw new AtlasError(
      'truncated',
      `the file ends at byte ${formatCount(bytes.length)}, inside its ${size}-byte NIfTI header`,
      fileName,
    );
  }
  return interpret(
    size === 348 ? readV1(bytes, dv, littleEndian) : readV2(bytes, dv, littleEndian),
    littleEndian,
    fileName,
  );
}

function checkDims(rawDims: number[], fileName?: string): number[] {
  const n = rawDims[0];
  if (!Number.isInteger(n) || n < 1 || n > 7) {
    throw new AtlasError('corrupt', `header dim[0] is ${n}; it must be between 1 and 7`, fileName);
  }
  const dims = rawDims.slice(1, 1 + n);
  for (let i = 0; i < dims.length; i++) {
    if (!Number.isSafeInteger(dims[i]) || dims[i] < 0) {
      throw new AtlasError('corrupt', `header dim[${i + 1}] is ${dims[i]}; dimensions must be whole numbers`, fileName);
    }
  }
  while (dims.length < 3) dims.push(1);
  return dims;
}

function datatypeOf(code: number, fileName?: string): { name: NiftiDatatype; bytes: number } {
  const dt = DATATYPES[code];
  if (dt) return dt;
  const known = UNSUPPORTED_DATATYPES[code];
  throw new AtlasError(
    'unsupported',
    known
      ? `datatype ${known} (code ${code}) is not supported; convert it to an integer or float image`
      : `unknown datatype code ${code} in the header`,
    fileName,
  );
}

function effectiveScaling(slope: number, inter: number): [number, number] {
  if (!Number.isFinite(slope) || slope === 0) return [1, 0];
  return [slope, Number.isFinite(inter) ? inter : 0];
}

/** The qform affine from quaternion parameters (NIfTI-1 standard, method 2). */
export function qformAffine(
  b: number,
  c: number,
  d: number,
  qx: number,
  qy: number,
  qz: number,
  dx: number,
  dy: number,
  dz: number,
  qfac: number,
): Mat4 {
  let a = 1 - (b * b + c * c + d * d);
  if (a < 1e-7) {
    // Quaternion not normalised: normalise b, c, d and take a = 0 (as nifti1_io does).
    const s = 1 / Math.sqrt(b * b + c * c + d * d);
    b *= s;
    c *= s;
    d *= s;
    a = 0;
  } else {
    a = Math.sqrt(a);
  }
  const sx = dx > 0 ? dx : 1,
    sy = dy > 0 ? dy : 1;
  let sz = dz > 0 ? dz : 1;
  if (qfac < 0) sz = -sz;
  return mat4([
    (a * a + b * b - c * c - d * d) * sx,
    2 * (b * c - a * d) * sy,
    2 * (b * d + a * c) * sz,
    qx,
    2 * (b * c + a * d) * sx,
    (a * a + c * c - b * b - d * d) * sy,
    2 * (c * d - a * b) * sz,
    qy,
    2 * (b * d - a * c) * sx,
    2 * (c * d + a * b) * sy,
    (a * a + d * d - c * c - b * b) * sz,
    qz,
    0,
    0,
    0,
    1,
  ]);
}

function chooseAffine(
  sformCode: number,
  sform: Mat4 | null,
  qformCode: number,
  qform: Mat4 | null,
  pixdim: number[],
): { affine: Mat4; source: TransformSource } {
  if (sformCode > 0 && sform && isUsable(sform)) return { affine: sform, source: 'sform' };
  if (qformCode > 0 && qform && isUsable(qform)) return { affine: qform, source: 'qform' };
  const [dx, dy, dz] = pixdim.map((p) => (Number.isFinite(p) && p > 0 ? p : 1));
  return { affine: mat4([dx, 0, 0, 0, 0, dy, 0, 0, 0, 0, dz, 0, 0, 0, 0, 1]), source: 'pixdim' };
}

function isUsable(m: Mat4): boolean {
  for (let i = 0; i < 12; i++) if (!Number.isFinite(m[i])) return false;
  const d =
    m[0] * (m[5] * m[10] - m[6] * m[9]) - m[1] * (m[4] * m[10] - m[6] * m[8]) + m[2] * (m[4] * m[9] - m[5] * m[8]);
  return Math.abs(d) > 1e-12;
}

/** The fields both header versions store, read as they are; interpret() gives them their meaning. */
interface RawHeader {
  version: 1 | 2;
  headerBytes: 348 | 540;
  rawDims: number[];
  pixdimAll: number[];
  datatypeCode: number;
  /** From the header; NaN where it cannot be represented. */
  voxOffset: number;
  slope: number;
  inter: number;
  qformCode: number;
  sformCode: number;
  /** quatern_b, c, d, qoffset_x, y, z */
  quatern: number[];
  /** srow_x, srow_y, srow_z (12 numbers) */
  srow: number[];
  intentCode: number;
  intentName: string;
  description: string;
  auxFile: string;
  xyztUnits: number;
  calMax: number;
  calMin: number;
  magic: string;
}

function readV1(bytes: Uint8Array, dv: DataView, le: boolean): RawHeader {
  const i16 = (o: number) => dv.getInt16(o, le);
  const f32 = (o: number) => dv.getFloat32(o, le);
  const f32s = (o: number, n: number) => Array.from({ length: n }, (_, i) => f32(o + 4 * i));
  return {
    version: 1,
    headerBytes: 348,
    rawDims: Array.from({ length: 8 }, (_, i) => i16(40 + 2 * i)),
    pixdimAll: f32s(76, 8),
    datatypeCode: i16(70),
    voxOffset: f32(108),
    slope: f32(112),
    inter: f32(116),
    qformCode: i16(252),
    sformCode: i16(254),
    quatern: f32s(256, 6),
    srow: f32s(280, 12),
    intentCode: i16(68),
    intentName: readString(bytes, 328, 16),
    description: readString(bytes, 148, 80),
    auxFile: readString(bytes, 228, 24),
    xyztUnits: bytes[123],
    calMax: f32(124),
    calMin: f32(128),
    magic: readString(bytes, 344, 4),
  };
}

function readV2(bytes: Uint8Array, dv: DataView, le: boolean): RawHeader {
  const i32 = (o: number) => dv.getInt32(o, le);
  const f64 = (o: number) => dv.getFloat64(o, le);
  const f64s = (o: number, n: number) => Array.from({ length: n }, (_, i) => f64(o + 8 * i));
  const i64 = (o: number) => {
    const v = dv.getBigInt64(o, le);
    if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < -BigInt(Number.MAX_SAFE_INTEGER)) return Number.NaN;
    return Number(v);
  };
  return {
    version: 2,
    headerBytes: 540,
    rawDims: Array.from({ length: 8 }, (_, i) => i64(16 + 8 * i)),
    pixdimAll: f64s(104, 8),
    datatypeCode: dv.getInt16(12, le),
    voxOffset: i64(168),
    slope: f64(176),
    inter: f64(184),
    qformCode: i32(344),
    sformCode: i32(348),
    quatern: f64s(352, 6),
    srow: f64s(400, 12),
    intentCode: i32(504),
    intentName: readString(bytes, 508, 16),
    description: readString(bytes, 240, 80),
    auxFile: readString(bytes, 320, 24),
    xyztUnits: i32(500),
    calMax: f64(192),
    calMin: f64(200),
    magic: readString(bytes, 4, 8),
  };
}

function interpret(r: RawHeader, littleEndian: boolean, fileName?: string): NiftiHeader {
  const dims = checkDims(r.rawDims, fileName);
  const dt = datatypeOf(r.datatypeCode, fileName);
  // "ni1"/"ni2": the image lives in a separate .img file; the caller refuses those.
  const isPair = r.magic.startsWith(r.version === 1 ? 'ni1' : 'ni2');
  const minOffset = r.version === 1 ? 352 : 544;
  const voxOffset = isPair
    ? 0
    : Math.max(minOffset, Number.isFinite(r.voxOffset) ? Math.floor(r.voxOffset) : minOffset);
  const [sclSlope, sclInter] = effectiveScaling(r.slope, r.inter);
  const qfac = r.pixdimAll[0] < 0 ? -1 : 1;
  const pixdim = r.pixdimAll.slice(1, 1 + dims.length);
  const [b, c, d, qx, qy, qz] = r.quatern;
  const qform = qformAffine(b, c, d, qx, qy, qz, r.pixdimAll[1], r.pixdimAll[2], r.pixdimAll[3], qfac);
  const sform = mat4([...r.srow, 0, 0, 0, 1]);
  const chosen = chooseAffine(r.sformCode, sform, r.qformCode, qform, pixdim);
  return {
    version: r.version,
    littleEndian,
    headerBytes: r.headerBytes,
    dims,
    pixdim,
    qfac,
    datatypeCode: r.datatypeCode,
    datatype: dt.name,
    bytesPerVoxel: dt.bytes,
    voxOffset,
    sclSlope,
    sclInter,
    intentCode: r.intentCode,
    intentName: r.intentName,
    description: r.description,
    auxFile: r.auxFile,
    qformCode: r.qformCode,
    sformCode: r.sformCode,
    xyztUnits: r.xyztUnits,
    calMax: r.calMax,
    calMin: r.calMin,
    affine: chosen.affine,
    affineSource: chosen.source,
    sform: r.sformCode > 0 ? sform : null,
    qform: r.qformCode > 0 ? qform : null,
    magic: r.magic,
  };
}
