/**
 * GIFTI's compressed data: a whole .gii.gz file, and GZipBase64Binary arrays (a zlib stream, or gzip from some
 * writers). Inflated in small steps and stopped at the size expected, so a compression bomb stops early. fflate's
 * streaming inflaters skip the checksums that close each stream (zlib's Adler-32, gzip's CRC-32 and length), so a
 * flipped bit that still inflates would load as different numbers; these readers check them over the inflated bytes.
 */
import { Gunzip, Unzlib } from 'fflate';
import { AtlasError, formatCount } from '../../errors';
import { concatBytes } from '../bytes';
import { adler32, crc32, gzipTrailerProblem, hex32 } from '../checksums';

/** How a reader says what is wrong with an array (the message then names the array and the file). */
export type Fail = (code: 'corrupt' | 'truncated' | 'unsupported' | 'too-large', msg: string) => never;

/** Thrown from a stream's callback to stop inflating once there is enough. */
class Enough extends Error {}

/** Small steps so that a compressed bomb cannot inflate far past the limit before the callback stops it. */
const INFLATE_STEP = 64 * 1024;

/** Pushes all of `src`; false when a callback stopped the stream early with Enough. */
function pushAll(stream: Gunzip | Unzlib, src: Uint8Array): boolean {
  try {
    for (let off = 0; off < src.length; off += INFLATE_STEP) {
      stream.push(src.subarray(off, Math.min(src.length, off + INFLATE_STEP)), off + INFLATE_STEP >= src.length);
    }
  } catch (e) {
    if (!(e instanceof Enough)) throw e;
    return false;
  }
  return true;
}

/** Thrown from onmember when a gzip member's trailer does not match, to stop at the first damaged member. */
class Damaged extends Error {}

const u32be = (b: Uint8Array, at: number) => ((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0;

/**
 * Inflates all of `src` (zlib, or gzip of one or more members) through `onData`, checking each stream's trailer
 * against the bytes as they come. Returns what is wrong with the checksums, or undefined when they match or when
 * onData stopped the stream early with Enough (then there is nothing whole to check). Inflate errors propagate.
 * The trailer of the last (or only) member is the last 8 (gzip) or 4 (zlib) bytes of `src`, as fflate frames it;
 * a member followed by another ends 8 bytes before the next one's header.
 */
function inflateChecked(src: Uint8Array, gzip: boolean, onData: (chunk: Uint8Array) => void): string | undefined {
  let sum = gzip ? 0 : 1;
  let length = 0;
  const take = (chunk: Uint8Array) => {
    onData(chunk);
    sum = gzip ? crc32(chunk, sum) : adler32(chunk, sum);
    length += chunk.length;
  };
  if (!gzip) {
    if (!pushAll(new Unzlib(take), src)) return undefined;
    const stored = u32be(src, src.length - 4);
    return stored === sum
      ? undefined
      : `its Adler-32 checksum does not match (stored ${hex32(stored)}, computed ${hex32(sum)})`;
  }
  const stream = new Gunzip(take);
  let member = 1;
  let problem: string | undefined;
  const check = (end: number) => {
    const p = gzipTrailerProblem(src, end, sum, length);
    if (p) problem = member > 1 || end < src.length ? `${p} (gzip member ${member})` : p;
  };
  stream.onmember = (offset) => {
    // Every byte of the member before has gone through take() by now; its trailer ends where this member starts.
    check(offset);
    if (problem) throw new Damaged();
    member++;
    sum = 0;
    length = 0;
  };
  try {
    if (!pushAll(stream, src)) return undefined;
  } catch (e) {
    if (!(e instanceof Damaged)) throw e;
    return problem;
  }
  check(src.length);
  return problem;
}

function isZlibHeader(b: Uint8Array): boolean {
  return b.length >= 2 && (b[0] & 0x0f) === 8 && b[0] >> 4 <= 7 && ((b[0] << 8) | b[1]) % 31 === 0;
}

function inflateMessage(e: unknown): { truncated: boolean; msg: string } {
  const msg = e instanceof Error ? e.message : String(e);
  return { truncated: (e as { code?: unknown })?.code === 0 || /unexpected EOF/i.test(msg), msg };
}

/**
 * Inflates a GZipBase64Binary payload (a zlib stream per the GIFTI spec; some writers produce gzip) into exactly
 * `want` bytes; returns fewer when the stream is shorter, one more when it is longer.
 */
export function inflateExact(src: Uint8Array, want: number, fail: Fail): Uint8Array {
  const gzip = src.length >= 2 && src[0] === 0x1f && src[1] === 0x8b;
  if (!gzip && !isZlibHeader(src)) {
    if (src.length < 2) fail('truncated', 'the compressed data is empty or cut short');
    fail('corrupt', 'the GZipBase64Binary data is neither a zlib nor a gzip stream; the data is damaged');
  }
  if (src.length < (gzip ? 18 : 6)) {
    fail('truncated', `the compressed data ends early (${src.length} bytes); the data is cut short`);
  }
  const out = new Uint8Array(want);
  let got = 0;
  let more = false;
  const onData = (chunk: Uint8Array) => {
    const n = Math.min(chunk.length, want - got);
    out.set(n === chunk.length ? chunk : chunk.subarray(0, n), got);
    got += n;
    if (n < chunk.length) {
      more = true;
      throw new Enough();
    }
  };
  let damage: string | undefined;
  try {
    damage = inflateChecked(src, gzip, onData);
  } catch (e) {
    const { truncated, msg } = inflateMessage(e);
    if (truncated) {
      fail(
        'truncated',
        `the ${gzip ? 'gzip' : 'zlib'} stream ends early after ${formatCount(src.length)} compressed bytes; ` +
          'the data is cut short',
      );
    }
    fail('corrupt', `the ${gzip ? 'gzip' : 'zlib'} data is corrupt (${msg}); the data is damaged`);
  }
  if (damage) fail('corrupt', `the ${gzip ? 'gzip' : 'zlib'} data is damaged: ${damage}`);
  if (more) {
    const longer = new Uint8Array(want + 1);
    longer.set(out);
    return longer;
  }
  return got === want ? out : out.subarray(0, got);
}

/** Gunzips a whole .gii.gz, refusing more than maxBytes of output. */
export function gunzipWhole(gz: Uint8Array, fileName: string, maxBytes: number): Uint8Array {
  if (gz.length < 18) {
    throw new AtlasError(
      'truncated',
      `gzip stream ends early at byte ${formatCount(gz.length)}; the file is truncated`,
      fileName,
    );
  }
  const parts: Uint8Array[] = [];
  let got = 0;
  let tooLarge = false;
  let damage: string | undefined;
  try {
    damage = inflateChecked(gz, true, (chunk) => {
      got += chunk.length;
      if (got > maxBytes) {
        tooLarge = true;
        throw new Enough();
      }
      parts.push(chunk);
    });
  } catch (e) {
    const { truncated, msg } = inflateMessage(e);
    if (truncated) {
      throw new AtlasError(
        'truncated',
        `gzip stream ends early at byte ${formatCount(gz.length)}; ` +
          'the file is truncated (an interrupted download or copy?)',
        fileName,
      );
    }
    throw new AtlasError('corrupt', `gzip data is corrupt (${msg}); the file is damaged`, fileName);
  }
  if (tooLarge) {
    throw new AtlasError(
      'too-large',
      `the file decompresses to more than the ${formatMiB(maxBytes)} memory limit`,
      fileName,
    );
  }
  if (damage) {
    throw new AtlasError('corrupt', `gzip data is damaged: ${damage} (a bad download, copy or disk?)`, fileName);
  }
  return concatBytes(parts);
}

/** Bytes as MiB with one decimal, for messages. */
export function formatMiB(bytes: number): string {
  const mib = bytes / 1024 ** 2;
  return `${mib >= 10 ? Math.round(mib) : mib.toFixed(1)} MiB`;
}
