/**
 * Decodes a NIfTI-1/2 image (.nii or .nii.gz bytes) into a typed array plus header and affine. Pure: the caller
 * reads the file and may pass a faster gunzip (Node's zlib) than the portable default (fflate). Both check the gzip
 * trailer (CRC-32 and length) of a stream they read to its end; fflate's own stream reader does not, so the portable
 * path checks it here (gunzipChecked).
 */
import { concatBytes, swapBytes } from '../bytes';
import { gunzipMembers } from '../gunzip-members';
import { Gunzip } from 'fflate';
import type { Vec3 } from '../../types';
import { AtlasError, formatCount } from '../../errors';
import { HEADER_PROBE_BYTES, type NiftiHeader, framesText, parseNiftiHeader } from './header';

export type NumericArray =
  | Uint8Array
  | Int8Array
  | Uint16Array
  | Int16Array
  | Uint32Array
  | Int32Array
  | Float32Array
  | Float64Array;

/**
 * A gunzip. `maxOutput` is all the caller needs (what the header says the file holds): an inflater may stop
 * there, or throw a RangeError once its output would pass it (as Node's zlib does with maxOutputLength);
 * decodeNifti then inflates the first `maxOutput` bytes itself.
 */
export type Inflate = (gz: Uint8Array, maxOutput?: number) => Uint8Array;

/** 2 GiB: more than any whole-brain atlas needs, less than what would take the machine down. */
export const DEFAULT_MAX_BYTES = 2 * 1024 ** 3;

export interface DecodeOptions {
  /** Used in every error message. */
  fileName?: string;
  /** Memory ceiling for the decompressed image; larger images are refused before anything is allocated. */
  maxBytes?: number;
  /** gunzip implementation; defaults to fflate. */
  inflate?: Inflate;
  /** For 4D files: read only this 0-based frame. */
  frame?: number;
}

export interface NiftiImage {
  header: NiftiHeader;
  /** Spatial dimensions. */
  dims: Vec3;
  /** Number of 3D frames in `data` (1 when a single frame was requested). */
  frames: number;
  /** Frames in the file. */
  totalFrames: number;
  /** Raw stored values (before scl_slope/scl_inter), frames one after another, x fastest. */
  data: NumericArray;
  warnings: string[];
}

/** Ours: nifti-reader-js's isCompressed() accepts either gzip magic byte alone and throws on an empty buffer. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * Compressed bytes per push. fflate grows its output buffer by doubling within a push, so pushing a whole 1 mm atlas
 * at once (300 KB inflating to 29 MB) allocated and copied about twice the image in ever larger fresh buffers; in
 * 64 KiB steps that saves more time than the CRC-32 check costs, and a bomb past the cap inflates at most one step
 * (about 64 MB) more rather than one 1 MiB step (about 1 GB).
 */
const INFLATE_STEP = 64 * 1024;

/**
 * The portable inflater: at most `maxOutput` bytes, streamed. Not fflate's gunzipSync, which allocates whatever
 * the gzip trailer's size field says (one damaged byte there asks for up to 4 GiB) and inflates a stream of any
 * length (a small header over a huge run of zeros). The stream is read to its end and its trailer checked
 * (gunzipChecked); bytes past `maxOutput` are dropped. A damaged stream often inflates a little longer than it
 * should, so up to checkedTail(maxOutput) bytes past the cap are still read for the check; a longer stream stops
 * there, unchecked, so that a bomb stops too.
 */
function inflateCapped(gz: Uint8Array, maxOutput: number, fileName?: string): Uint8Array {
  const out = new Uint8Array(maxOutput);
  const tail = checkedTail(maxOutput);
  let got = 0;
  let past = 0;
  gunzipChecked(gz, INFLATE_STEP, fileName, (chunk) => {
    const n = Math.min(chunk.length, maxOutput - got);
    if (n > 0) out.set(n === chunk.length ? chunk : chunk.subarray(0, n), got);
    got += n;
    past += chunk.length - n;
    return past > tail;
  });
  return got === maxOutput ? out : out.subarray(0, got);
}

/** How many bytes past what the header needs are still inflated (and dropped) to check the trailer. */
export function checkedTail(needed: number): number {
  return Math.max(needed, 1 << 20);
}

/**
 * Inflates just enough of a gzip stream to read the header, so size checks happen before the big allocation. It
 * stops early, so it cannot check the trailer's CRC-32; the full inflate that follows does (inflateAll).
 */
function inflateHead(gz: Uint8Array, fileName?: string): Uint8Array {
  const parts: Uint8Array[] = [];
  let got = 0;
  const stream = new Gunzip((chunk) => {
    parts.push(chunk);
    got += chunk.length;
  });
  // Small steps: a run of zeros inflates about 1000-fold, and the header needs only the first 544 bytes.
  const step = 64;
  try {
    for (let off = 0; off < gz.length && got < HEADER_PROBE_BYTES; off += step) {
      stream.push(gz.subarray(off, Math.min(gz.length, off + step)), off + step >= gz.length);
    }
  } catch (e) {
    throw gzipError(e, gz.length, fileName);
  }
  return concatBytes(parts);
}

/**
 * Inflates the gzip stream `gz` with fflate, each member's trailer checked (gunzip-members.ts): a mismatch is a
 * 'corrupt' AtlasError. onData returns true to stop (then nothing is checked). Inflate errors are thrown as fflate's.
 */
export function gunzipChecked(
  gz: Uint8Array,
  step: number,
  fileName: string | undefined,
  onData: (chunk: Uint8Array) => boolean,
): void {
  // The stream reader takes a cut-off gzip header for an empty stream; a gzip member needs 18 bytes.
  if (gz.length < 18) throw new Error('unexpected EOF');
  const damage = gunzipMembers(gz, step, onData);
  if (damage) {
    const which = damage.member === null ? '' : ` (gzip member ${damage.member})`;
    throw new AtlasError(
      'corrupt',
      `gzip data is damaged${which}: ${damage.problem}; a bad download, copy or disk?`,
      fileName,
    );
  }
}

function gzipError(e: unknown, compressedBytes: number, fileName?: string): AtlasError {
  if (e instanceof AtlasError) return e; // a trailer that does not match (gunzipChecked)
  const msg = e instanceof Error ? e.message : String(e);
  // A gzip member needs at least 18 bytes (header + trailer); fewer means the file was cut short.
  if (/unexpected (EOF|end of file)/i.test(msg) || (e as { code?: unknown })?.code === 0 || compressedBytes < 18) {
    return new AtlasError(
      'truncated',
      `gzip stream ends early at byte ${formatCount(compressedBytes)}; the file is truncated (an interrupted download or copy?)`,
      fileName,
    );
  }
  return new AtlasError('corrupt', `gzip data is corrupt (${msg}); the file is damaged`, fileName);
}

export function decodeNifti(bytes: Uint8Array, opts: DecodeOptions = {}): NiftiImage {
  const { fileName } = opts;
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const warnings: string[] = [];
  const gz = isGzip(bytes);
  if (!gz && fileName && /\.gz$/i.test(fileName)) {
    warnings.push(`${fileName} is named .gz but is not compressed; read as a plain .nii`);
  }
  if (bytes.length === 0) throw new AtlasError('truncated', 'the file is empty', fileName);

  let head = gz ? inflateHead(bytes, fileName) : bytes;
  if (gz && head.length < HEADER_PROBE_BYTES) head = inflateAll(bytes, opts, HEADER_PROBE_BYTES); // short or cut-off stream
  const header = parseNiftiHeader(head, fileName);
  if (header.magic.startsWith('ni')) {
    throw new AtlasError(
      'unsupported',
      'this is the header of a .hdr/.img pair; open the NIfTI-1 single file (.nii) instead, or convert the pair',
      fileName,
    );
  }
  const [nx, ny, nz] = header.dims;
  const totalFrames = header.dims.slice(3).reduce((a, b) => a * b, 1);
  const voxels3d = nx * ny * nz;
  if (voxels3d === 0 || totalFrames === 0) {
    throw new AtlasError('invalid-argument', `the image is empty (dimensions ${header.dims.join('×')})`, fileName);
  }
  const frameBytes = voxels3d * header.bytesPerVoxel;
  const needed = header.voxOffset + frameBytes * totalFrames;
  const keptBytes = opts.frame === undefined ? frameBytes * totalFrames : frameBytes;
  if (needed > maxBytes && (gz || keptBytes > maxBytes)) {
    throw new AtlasError(
      'too-large',
      `header says ${header.dims.join('×')} ${header.datatype} (${formatMiB(needed)}), over the ${formatMiB(maxBytes)} memory limit`,
      fileName,
    );
  }

  const raw = gz ? inflateAll(bytes, opts, needed) : bytes;
  if (raw.length < needed) {
    const have = Math.max(0, raw.length - header.voxOffset);
    throw new AtlasError(
      'truncated',
      `header says ${header.dims.join('×')} ${header.datatype} (${formatCount(needed - header.voxOffset)} bytes of image data from byte ${formatCount(header.voxOffset)}) but the ${gz ? 'decompressed ' : ''}file holds only ${formatCount(have)}; the file is truncated or its header is wrong`,
      fileName,
    );
  }

  let frames = totalFrames;
  let start = header.voxOffset;
  let length = frameBytes * totalFrames;
  if (opts.frame !== undefined) {
    if (!Number.isInteger(opts.frame) || opts.frame < 0 || opts.frame >= totalFrames) {
      throw new AtlasError(
        'invalid-argument',
        `frame ${opts.frame} does not exist; the file has ${framesText(totalFrames)}`,
        fileName,
      );
    }
    frames = 1;
    start += frameBytes * opts.frame;
    length = frameBytes;
  }
  const data = toTypedArray(raw, start, length, header);
  return { header, dims: [nx, ny, nz], frames, totalFrames, data, warnings };
}

/** The first `maxOutput` bytes of the stream (fewer when it is shorter). */
function inflateAll(gz: Uint8Array, opts: DecodeOptions, maxOutput: number): Uint8Array {
  if (!opts.inflate) {
    try {
      return inflateCapped(gz, maxOutput, opts.fileName);
    } catch (e) {
      throw gzipError(e, gz.length, opts.fileName);
    }
  }
  try {
    return opts.inflate(gz, maxOutput);
  } catch (e) {
    // A RangeError: the stream holds more than the header says (Node's zlib refuses output past maxOutputLength);
    // the image is its first maxOutput bytes (its trailer, past them, goes unchecked). Anything else is damaged data.
    if (!(e instanceof RangeError)) throw gzipError(e, gz.length, opts.fileName);
    try {
      return inflateCapped(gz, maxOutput, opts.fileName);
    } catch (e2) {
      throw gzipError(e2, gz.length, opts.fileName);
    }
  }
}

function formatMiB(n: number): string {
  return n >= 1024 ** 3 ? `${(n / 1024 ** 3).toFixed(1)} GiB` : `${(n / 1024 ** 2).toFixed(1)} MiB`;
}

/** The stored values of `length` bytes from `start` as the header's datatype, byte-swapped when needed (a view when possible). */
export function toTypedArray(raw: Uint8Array, start: number, length: number, header: NiftiHeader): NumericArray {
  const bpv = header.bytesPerVoxel;
  const count = length / bpv;
  const nativeLE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
  const needsSwap = bpv > 1 && header.littleEndian !== nativeLE;
  let buf: ArrayBuffer;
  let offset: number;
  if (needsSwap || (raw.byteOffset + start) % bpv !== 0) {
    const copy = raw.slice(start, start + length);
    if (needsSwap) swapBytes(copy, bpv);
    buf = copy.buffer;
    offset = 0;
  } else {
    buf = raw.buffer as ArrayBuffer;
    offset = raw.byteOffset + start;
  }
  switch (header.datatype) {
    case 'uint8':
      return new Uint8Array(buf, offset, count);
    case 'int8':
      return new Int8Array(buf, offset, count);
    case 'int16':
      return new Int16Array(buf, offset, count);
    case 'uint16':
      return new Uint16Array(buf, offset, count);
    case 'int32':
      return new Int32Array(buf, offset, count);
    case 'uint32':
      return new Uint32Array(buf, offset, count);
    case 'float32':
      return new Float32Array(buf, offset, count);
    case 'float64':
      return new Float64Array(buf, offset, count);
    case 'int64': {
      const src = new BigInt64Array(buf, offset, count);
      const out = new Float64Array(count);
      for (let i = 0; i < count; i++) out[i] = Number(src[i]);
      return out;
    }
    case 'uint64': {
      const src = new BigUint64Array(buf, offset, count);
      const out = new Float64Array(count);
      for (let i = 0; i < count; i++) out[i] = Number(src[i]);
      return out;
    }
  }
}
