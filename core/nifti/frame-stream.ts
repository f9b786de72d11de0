/**
 * One frame of a 4D .nii.gz without inflating the whole file into memory. decodeNifti's `frame` option keeps only
 * one frame, but for a gzip file it first inflates everything (a 4D file with hundreds of volumes can be gigabytes).
 * Here the gzip stream is inflated in steps: the header, then bytes are skipped up to the frame, the frame is
 * copied into its own buffer, and the rest is either skipped (counted, to find a truncated file) or not read.
 */
import { Gunzip } from 'fflate';
import { AtlasError, formatCount } from '../errors';
import { type DecodeOptions, DEFAULT_MAX_BYTES, type NiftiImage, decodeNifti, isGzip, toTypedArray } from './decode';
import { HEADER_PROBE_BYTES, type NiftiHeader, parseNiftiHeader } from './header';

export interface FrameDecodeOptions extends DecodeOptions {
  frame: number;
  /** Inflate to the end of a gzip file to check that no frame is missing (costs time, not memory). */
  verifyLength?: boolean;
}

/** Compressed bytes pushed per step: small enough that a stopped read wastes little. */
const STEP = 256 * 1024;

class Stop extends Error {}

/**
 * Decodes only frame `opts.frame`. Plain .nii files and single-frame files go through decodeNifti (a view of the
 * given bytes, or one inflate); multi-frame .nii.gz files are streamed so that memory holds one frame.
 */
export function decodeNiftiFrame(bytes: Uint8Array, opts: FrameDecodeOptions): NiftiImage {
  if (!isGzip(bytes)) return decodeNifti(bytes, opts);
  const { fileName } = opts;
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;

  let header: NiftiHeader | null = null;
  const probe = new Uint8Array(HEADER_PROBE_BYTES);
  let probed = 0;
  let pos = 0; // decompressed bytes seen so far
  let frameStart = 0, frameEnd = 0, needed = 0;
  let frameBuf: Uint8Array | null = null;
  let single = false;

  const onData = (chunk: Uint8Array) => {
    if (header === null) {
      const take = Math.min(chunk.length, HEADER_PROBE_BYTES - probed);
      probe.set(chunk.subarray(0, take), probed);
      probed += take;
      if (probed < HEADER_PROBE_BYTES) {
        pos += chunk.length;
        return;
      }
      header = parseNiftiHeader(probe, fileName);
      const plan = planFrame(header, opts, maxBytes);
      if (plan === null) {
        single = true;
        throw new Stop();
      }
      ({ frameStart, frameEnd, needed } = plan);
      frameBuf = new Uint8Array(frameEnd - frameStart);
    }
    const a = pos, b = pos + chunk.length;
    pos = b;
    if (frameBuf && b > frameStart && a < frameEnd) {
      const from = Math.max(a, frameStart), to = Math.min(b, frameEnd);
      frameBuf.set(chunk.subarray(from - a, to - a), from - frameStart);
    }
    if (pos >= frameEnd && !opts.verifyLength) throw new Stop();
  };

  const stream = new Gunzip((chunk) => onData(chunk));
  let stopped = false;
  try {
    for (let o = 0; o < bytes.length; o += STEP) {
      const end = Math.min(bytes.length, o + STEP);
      stream.push(bytes.subarray(o, end), end >= bytes.length);
    }
  } catch (e) {
    if (!(e instanceof Stop)) {
      if (e instanceof AtlasError) throw e;
      throw gzipStreamError(e, bytes.length, pos, header, fileName);
    }
    stopped = true;
  }
  // A one-frame file (or a header too short to tell): the plain decoder says everything there is to say.
  if (single || header === null) return decodeNifti(bytes, opts);
  const h = header as NiftiHeader;
  if (!stopped && pos < needed) {
    throw new AtlasError(
      'truncated',
      `header says ${h.dims.join('×')} ${h.datatype} (${formatCount(needed - h.voxOffset)} bytes of image data from byte ${formatCount(h.voxOffset)}) but the decompressed file holds only ${formatCount(Math.max(0, pos - h.voxOffset))}; the file is truncated or its header is wrong`,
      fileName,
    );
  }
  const [nx, ny, nz] = h.dims;
  const totalFrames = h.dims.slice(3).reduce((x, y) => x * y, 1);
  const data = toTypedArray(frameBuf as unknown as Uint8Array, 0, frameEnd - frameStart, h);
  const warnings: string[] = [];
  return { header: h, dims: [nx, ny, nz], frames: 1, totalFrames, data, warnings };
}

/** Where the frame lies in the decompressed stream, after the checks decodeNifti makes; null for one-frame files. */
function planFrame(header: NiftiHeader, opts: FrameDecodeOptions, maxBytes: number): { frameStart: number; frameEnd: number; needed: number } | null {
  const { fileName } = opts;
  const [nx, ny, nz] = header.dims;
  const totalFrames = header.dims.slice(3).reduce((a, b) => a * b, 1);
  if (header.magic.startsWith('ni') || nx * ny * nz === 0 || totalFrames <= 1) return null;
  const frameBytes = nx * ny * nz * header.bytesPerVoxel;
  if (frameBytes > maxBytes) {
    throw new AtlasError('too-large', `one frame of ${header.dims.join('×')} ${header.datatype} needs ${formatCount(frameBytes)} bytes, over the ${formatCount(maxBytes)}-byte memory limit`, fileName);
  }
  if (!Number.isInteger(opts.frame) || opts.frame < 0 || opts.frame >= totalFrames) {
    throw new AtlasError('invalid-argument', `frame ${opts.frame} does not exist; the file has ${totalFrames} frames (0–${totalFrames - 1})`, fileName);
  }
  const frameStart = header.voxOffset + frameBytes * opts.frame;
  return { frameStart, frameEnd: frameStart + frameBytes, needed: header.voxOffset + frameBytes * totalFrames };
}

function gzipStreamError(e: unknown, compressedBytes: number, inflated: number, header: NiftiHeader | null, fileName?: string): AtlasError {
  const msg = e instanceof Error ? e.message : String(e);
  if (/unexpected (EOF|end of file)/i.test(msg) || (e as { code?: unknown })?.code === 0) {
    const what = header ? ` after ${formatCount(inflated)} decompressed bytes of the ${formatCount(header.voxOffset + header.dims.reduce((a, b) => a * b, 1) * header.bytesPerVoxel)} its header promises` : '';
    return new AtlasError('truncated', `gzip stream ends early at byte ${formatCount(compressedBytes)}${what}; the file is truncated (an interrupted download or copy?)`, fileName);
  }
  return new AtlasError('corrupt', `gzip data is corrupt (${msg}); the file is damaged`, fileName);
}
