/**
 * One frame of a 4D .nii.gz without inflating the whole file into memory. decodeNifti's `frame` option keeps only
 * one frame, but for a gzip file it first inflates everything (a 4D file with hundreds of volumes can be gigabytes).
 * Here the decompressed stream is consumed in chunks (FrameCollector): the header, then bytes are skipped up to the
 * frame, the frame is copied into its own buffer, and the rest is either counted (to find a truncated file) or not
 * read at all. decodeNiftiFrame drives it with fflate; main/services/frame-reader.ts with Node's zlib stream.
 * A read that stops before the end of the stream (one frame, not the last, without verifyLength) cannot check the
 * gzip trailer (CRC-32 and length) that closes it; a read that reaches the end does (fflate here through
 * gunzipChecked, Node's zlib by itself), so the collector lets a stream that reaches the end the header gives run
 * on to its own end (up to checkedTail bytes more: a damaged stream often inflates a little longer).
 */
import { AtlasError, formatCount } from '../../errors';
import {
  checkedTail,
  type DecodeOptions,
  DEFAULT_MAX_BYTES,
  type NiftiImage,
  decodeNifti,
  gunzipChecked,
  isGzip,
  toTypedArray,
} from './decode';
import { HEADER_PROBE_BYTES, type NiftiHeader, framesText, parseNiftiHeader } from './header';

export interface FrameDecodeOptions extends DecodeOptions {
  frame: number;
  /** Inflate to the end of a gzip file to check that no frame is missing (costs time, not memory). */
  verifyLength?: boolean;
}

/** Consumes a decompressed NIfTI stream chunk by chunk and keeps only one frame. */
export class FrameCollector {
  private readonly probe = new Uint8Array(HEADER_PROBE_BYTES);
  private probed = 0;
  /** Decompressed bytes seen so far. */
  pos = 0;
  header: NiftiHeader | null = null;
  /** True when the header says the file has one frame (or is not a plain NIfTI image): decode it whole instead. */
  single = false;
  private frameStart = 0;
  private frameEnd = 0;
  private needed = 0;
  private frameBuf: Uint8Array | null = null;

  constructor(private readonly opts: FrameDecodeOptions) {}

  /**
   * Feeds the next decompressed bytes; true when no more are needed. Throws AtlasError for a bad header. Once at the
   * end the header gives, not true until checkedTail bytes past it: what follows is the gzip trailer, or the tail of
   * a damaged stream, worth reading to check the trailer.
   */
  push(chunk: Uint8Array): boolean {
    if (this.header === null) {
      const take = Math.min(chunk.length, HEADER_PROBE_BYTES - this.probed);
      this.probe.set(chunk.subarray(0, take), this.probed);
      this.probed += take;
      if (this.probed < HEADER_PROBE_BYTES) {
        this.pos += chunk.length;
        return false;
      }
      this.header = parseNiftiHeader(this.probe, this.opts.fileName);
      const plan = planFrame(this.header, this.opts, this.opts.maxBytes ?? DEFAULT_MAX_BYTES);
      if (plan === null) {
        this.single = true;
        return true;
      }
      ({ frameStart: this.frameStart, frameEnd: this.frameEnd, needed: this.needed } = plan);
      this.frameBuf = new Uint8Array(this.frameEnd - this.frameStart);
      // Earlier chunks (bytes [0, pos)) were all short enough to sit in the probe: the frame may start among them.
      if (this.pos > this.frameStart) {
        const to = Math.min(this.pos, this.frameEnd);
        this.frameBuf.set(this.probe.subarray(this.frameStart, to), 0);
      }
    }
    const a = this.pos,
      b = this.pos + chunk.length;
    this.pos = b;
    if (this.frameBuf && b > this.frameStart && a < this.frameEnd) {
      const from = Math.max(a, this.frameStart),
        to = Math.min(b, this.frameEnd);
      this.frameBuf.set(chunk.subarray(from - a, to - a), from - this.frameStart);
    }
    if (this.pos < (this.opts.verifyLength ? this.needed : this.frameEnd)) return false;
    return this.pos < this.needed || this.pos > this.needed + checkedTail(this.needed);
  }

  /** The frame, once the stream ended (`complete`: the gzip data ended normally) or push() said done. */
  finish(): NiftiImage {
    const h = this.header as NiftiHeader;
    const enough = this.opts.verifyLength ? this.needed : this.frameEnd;
    if (this.pos < enough) {
      throw new AtlasError(
        'truncated',
        `header says ${h.dims.join('×')} ${h.datatype} (${formatCount(this.needed - h.voxOffset)} bytes of image data from byte ${formatCount(h.voxOffset)}) but the decompressed file holds only ${formatCount(Math.max(0, this.pos - h.voxOffset))}; the file is truncated or its header is wrong`,
        this.opts.fileName,
      );
    }
    const [nx, ny, nz] = h.dims;
    const totalFrames = h.dims.slice(3).reduce((x, y) => x * y, 1);
    const data = toTypedArray(this.frameBuf as Uint8Array, 0, this.frameEnd - this.frameStart, h);
    return { header: h, dims: [nx, ny, nz], frames: 1, totalFrames, data, warnings: [] };
  }

  /** The error for a gzip stream that failed after `compressedBytes` of input. */
  gzipError(e: unknown, compressedBytes: number): AtlasError {
    const msg = e instanceof Error ? e.message : String(e);
    const h = this.header;
    if (
      /unexpected (EOF|end of file)/i.test(msg) ||
      (e as { code?: unknown })?.code === 0 ||
      (e as { code?: unknown })?.code === 'Z_BUF_ERROR'
    ) {
      const what = h
        ? ` after ${formatCount(this.pos)} decompressed bytes of the ${formatCount(this.needed)} its header promises`
        : '';
      return new AtlasError(
        'truncated',
        `gzip stream ends early at byte ${formatCount(compressedBytes)}${what}; the file is truncated (an interrupted download or copy?)`,
        this.opts.fileName,
      );
    }
    return new AtlasError('corrupt', `gzip data is corrupt (${msg}); the file is damaged`, this.opts.fileName);
  }
}

/** Compressed bytes pushed per step: small enough that a stopped read wastes little. */
const STEP = 256 * 1024;

/**
 * Decodes only frame `opts.frame`. Plain .nii files and single-frame files go through decodeNifti (a view of the
 * given bytes, or one inflate); multi-frame .nii.gz files are streamed (fflate) so that memory holds one frame.
 */
export function decodeNiftiFrame(bytes: Uint8Array, opts: FrameDecodeOptions): NiftiImage {
  if (!isGzip(bytes)) return decodeNifti(bytes, opts);
  const c = new FrameCollector(opts);
  try {
    gunzipChecked(bytes, STEP, opts.fileName, (chunk) => c.push(chunk));
  } catch (e) {
    throw e instanceof AtlasError ? e : c.gzipError(e, bytes.length);
  }
  // A one-frame file (or a header too short to tell): the plain decoder says everything there is to say.
  if (c.single || c.header === null) return decodeNifti(bytes, opts);
  return c.finish();
}

/** Where the frame lies in the decompressed stream, after the checks decodeNifti makes; null for one-frame files. */
function planFrame(
  header: NiftiHeader,
  opts: FrameDecodeOptions,
  maxBytes: number,
): { frameStart: number; frameEnd: number; needed: number } | null {
  const { fileName } = opts;
  const [nx, ny, nz] = header.dims;
  const totalFrames = header.dims.slice(3).reduce((a, b) => a * b, 1);
  if (header.magic.startsWith('ni') || nx * ny * nz === 0 || totalFrames <= 1) return null;
  const frameBytes = nx * ny * nz * header.bytesPerVoxel;
  if (frameBytes > maxBytes) {
    throw new AtlasError(
      'too-large',
      `one frame of ${header.dims.join('×')} ${header.datatype} needs ${formatCount(frameBytes)} bytes, over the ${formatCount(maxBytes)}-byte memory limit`,
      fileName,
    );
  }
  if (!Number.isInteger(opts.frame) || opts.frame < 0 || opts.frame >= totalFrames) {
    throw new AtlasError(
      'invalid-argument',
      `frame ${opts.frame} does not exist; the file has ${framesText(totalFrames)}`,
      fileName,
    );
  }
  const frameStart = header.voxOffset + frameBytes * opts.frame;
  return { frameStart, frameEnd: frameStart + frameBytes, needed: header.voxOffset + frameBytes * totalFrames };
}
