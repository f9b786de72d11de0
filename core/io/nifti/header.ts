/**
 * NIfTI-1 and NIfTI-2 header reading. nifti-reader-js reads the header fields (readFields); the rest of this file
 * is ours: what the library lacks or misreads, the checks with their error messages, and the NIfTI standard's
 * affine rule (sform when sform_code > 0, else qform, else pixdim scaling). Each piece of ours says why.
 */
import { type Mat4, mat4 } from '../../affine';
import { NIFTI1, NIFTI2 } from 'nifti-reader-js';
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

/**
 * True when the bytes start with a NIfTI-1 or NIfTI-2 header (either byte order). Ours: the library's isNIFTI()
 * looks at the magic string only, so it cannot tell a header cut short (reported as truncated) from other data.
 */
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
  // Ours: the size and byte-order checks, so that errors name the file and the byte (the library only says
  // "This does not appear to be a NIFTI file!", or throws a RangeError on a short buffer).
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
  return interpret(readFields(bytes, dv, size === 348 ? 1 : 2, littleEndian, fileName), fileName);
}

function checkDims(rawDims: number[], fileName?: string): number[] {
  const n = rawDims[0];
  // readInt64 gives NaN for a NIfTI-2 value past 2^53: say so rather than print "NaN".
  const shown = (v: number) => (Number.isFinite(v) ? String(v) : 'out of range (past 2^53)');
  if (!Number.isInteger(n) || n < 1 || n > 7) {
    throw new AtlasError('corrupt', `header dim[0] is ${shown(n)}; it must be between 1 and 7`, fileName);
  }
  const dims = rawDims.slice(1, 1 + n);
  for (let i = 0; i < dims.length; i++) {
    if (!Number.isSafeInteger(dims[i]) || dims[i] < 0) {
      throw new AtlasError(
        'corrupt',
        `header dim[${i + 1}] is ${shown(dims[i])}; dimensions must be whole numbers 0 or more`,
        fileName,
      );
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

/**
 * Ours: the affine rule. The library's NIfTI-1 `affine` is the qform whenever qform_code > sform_code, and its
 * NIfTI-2 `affine` is always the sform; the standard (and nibabel, FSL, ANTs) take the sform whenever
 * sform_code > 0. Also ours: falling through when a transform is degenerate or not finite.
 */
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
  const scaled = mat4([dx, 0, 0, 0, 0, dy, 0, 0, 0, 0, dz, 0, 0, 0, 0, 1]);
  // Voxel sizes whose product is no volume (1e-30 mm) or past any number (1e300 mm): 1 mm, like a missing size.
  return {
    affine: isUsable(scaled) ? scaled : mat4([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]),
    source: 'pixdim',
  };
}

/** Finite, with a voxel volume that is neither ~0 nor past the largest number (invertAffine needs both). */
function isUsable(m: Mat4): boolean {
  for (let i = 0; i < 12; i++) if (!Number.isFinite(m[i])) return false;
  const d =
    m[0] * (m[5] * m[10] - m[6] * m[9]) - m[1] * (m[4] * m[10] - m[6] * m[8]) + m[2] * (m[4] * m[9] - m[5] * m[8]);
  return Number.isFinite(d) && Math.abs(d) > 1e-12;
}

/** The fields both header versions store, read as they are; interpret() gives them their meaning. */
interface RawHeader {
  version: 1 | 2;
  littleEndian: boolean;
  rawDims: number[];
  pixdimAll: number[];
  datatypeCode: number;
  /** From the header; NaN where it cannot be represented. */
  voxOffset: number;
  slope: number;
  inter: number;
  qformCode: number;
  sformCode: number;
  /** The srow_x, srow_y, srow_z rows as a matrix; null when sform_code <= 0 (then nothing uses them). */
  sform: Mat4 | null;
  /** The qform as nifti1_io computes it (pixdim > 0 enforced, qfac from pixdim[0]). */
  qform: Mat4;
  intentCode: number;
  intentName: string;
  description: string;
  auxFile: string;
  xyztUnits: number;
  calMax: number;
  calMin: number;
  magic: string;
}

/** Row-major 3x4 or 4x4 rows (the library's number[][]) as a Mat4. */
function fromRows(rows: number[][]): Mat4 {
  return mat4([...rows[0].slice(0, 4), ...rows[1].slice(0, 4), ...rows[2].slice(0, 4), 0, 0, 0, 1]);
}

/**
 * Ours: C strings end at the first NUL. The library's getStringAt drops NULs and keeps going, so bytes after the
 * terminator leak in (the NIfTI-2 magic "n+2\0\r\n\x1a\n" comes out as "n+2\r\n\x1a\n").
 */
function readString(bytes: Uint8Array, offset: number, length: number): string {
  let end = offset;
  while (end < offset + length && bytes[end] !== 0) end++;
  let s = '';
  for (let i = offset; i < end; i++) s += String.fromCharCode(bytes[i]);
  return s.trim();
}

/**
 * Ours: NIfTI-2's int64 fields (dim[], vox_offset). The library's Utils.getInt64At sign-extends negative values
 * twice (-1 reads as -2^64), mis-reads big-endian values whose low word is >= 2^31, and rounds values above 2^53
 * without a word; here those become NaN (refused by checkDims) or stay exact.
 */
function readInt64(dv: DataView, offset: number, le: boolean): number {
  const v = dv.getBigInt64(offset, le);
  if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < -BigInt(Number.MAX_SAFE_INTEGER)) return Number.NaN;
  return Number(v);
}

/** The library's quaternion -> matrix conversion (nifti1_io's method 2); it does not depend on the instance. */
const quaternToMatrix = NIFTI1.prototype.convertNiftiQFormToNiftiSForm;

/** Reads the header fields with nifti-reader-js, plus the few it lacks or misreads (marked "ours"). */
function readFields(bytes: Uint8Array, dv: DataView, version: 1 | 2, le: boolean, fileName?: string): RawHeader {
  const size = version === 1 ? 348 : 540;
  const h = version === 1 ? new NIFTI1() : new NIFTI2();
  try {
    // Just the header: given more, the library goes on to parse the extensions and throws when they run past
    // the bytes it has (a 544-byte probe of a .nii.gz) or when a NIfTI-2 flag has no extension behind it.
    h.readHeader(bytes.slice(0, size).buffer);
  } catch (e) {
    throw new AtlasError(
      'corrupt',
      `the NIfTI header cannot be read (${e instanceof Error ? e.message : String(e)})`,
      fileName,
    );
  }
  // Ours: NIfTI-1 keeps srow only in the library's `affine`, and only when its rule picks the sform; when its qform
  // wins (qform_code > sform_code > 0) the rows are read here. NIfTI-2's `affine` is always srow.
  const libraryKeptSrow = version === 2 || !(h.qform_code > 0 && h.sform_code < h.qform_code);
  const srowV1 = () => mat4([...Array.from({ length: 12 }, (_, i) => dv.getFloat32(280 + 4 * i, le)), 0, 0, 0, 1]);
  const sform = h.sform_code > 0 ? (libraryKeptSrow ? fromRows(h.affine) : srowV1()) : null;
  // Ours (the NIfTI-2 qform): NIFTI2 computes no qform, and NIFTI1's qform `affine` skips nifti1_io's safeguards
  // (a non-unit quaternion gives NaN, pixdim[0] scales z instead of only flipping it); so both versions feed their
  // quaternion to the library's nifti1_io conversion here.
  const p = h.pixDims;
  const quatern = [h.quatern_b, h.quatern_c, h.quatern_d, h.qoffset_x, h.qoffset_y, h.qoffset_z] as const;
  const qform = fromRows(quaternToMatrix(...quatern, p[1], p[2], p[3], p[0]));
  const v2 = version === 2;
  return {
    version,
    littleEndian: h.littleEndian,
    rawDims: v2 ? Array.from({ length: 8 }, (_, i) => readInt64(dv, 16 + 8 * i, le)) : h.dims.slice(0, 8),
    pixdimAll: p.slice(0, 8),
    datatypeCode: h.datatypeCode,
    voxOffset: v2 ? readInt64(dv, 168, le) : h.vox_offset,
    slope: h.scl_slope,
    inter: h.scl_inter,
    qformCode: h.qform_code,
    sformCode: h.sform_code,
    sform,
    qform,
    intentCode: h.intent_code,
    intentName: readString(bytes, v2 ? 508 : 328, 16),
    description: readString(bytes, v2 ? 240 : 148, 80),
    auxFile: readString(bytes, v2 ? 320 : 228, 24),
    xyztUnits: h.xyzt_units,
    calMax: h.cal_max,
    calMin: h.cal_min,
    magic: v2 ? readString(bytes, 4, 8) : readString(bytes, 344, 4),
  };
}

/** Ours: the checks (dimensions, datatype, vox_offset, scaling) and the affine rule. */
function interpret(r: RawHeader, fileName?: string): NiftiHeader {
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
  const chosen = chooseAffine(r.sformCode, r.sform, r.qformCode, r.qform, pixdim);
  return {
    version: r.version,
    littleEndian: r.littleEndian,
    headerBytes: r.version === 1 ? 348 : 540,
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
    sform: r.sform,
    qform: r.qformCode > 0 ? r.qform : null,
    magic: r.magic,
  };
}

/** How many frames a file has and which they are, for messages: "1 frame (frame 0 only)", "3 frames (0–2)". */
export function framesText(total: number): string {
  return total === 1 ? '1 frame (frame 0 only)' : `${total} frames (0–${total - 1})`;
}
