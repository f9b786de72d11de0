/**
 * GIFTI's compressed data: a whole .gii.gz file, and GZipBase64Binary arrays (a zlib stream, or gzip from some
 * writers). Inflated in small steps and stopped at the size expected, so a compression bomb stops early. fflate's
 * streaming inflaters skip the checksums that close each stream (zlib's Adler-32, gzip's CRC-32 and length), so a
 * flipped bit that still inflates would load as different numbers; these readers check them over the inflated bytes.
 */
import { Unzlib } from 'fflate';
import { AtlasError, formatCount } from '../../errors';
import { concatBytes } from '../bytes';
import { adler32, hex32 } from '../checksums';
import { gunzipMembers } from '../gunzip-members';

/** How a reader says what is wrong with an array (the message then names the array and the file). */
export type Fail = (code: 'corrupt' | 'truncated' | 'unsupported' | 'too-large', msg: string) => never;

/** Small steps so that a compressed bomb cannot inflate far past the limit before the callback stops it. */
const INFLATE_STEP = 64 * 1024;

/** Thrown from the zlib stream's callback to stop inflating once there is enough. */
class Enough extends Error {}

const u32be = (b: Uint8Array, at: number) => ((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0;

/**
 * Inflates all of `src` (zlib, or gzip of one or more members: gunzip-members.ts) through `onData`, which returns
 * true to stop, checking each stream's trailer against the bytes as they come. Returns what is wrong with the
 * checksums, or undefined when they match or when onData stopped the stream early (then there is nothing whole to
 * check). Inflate errors propagate. A zlib stream's Adler-32 is its last 4 bytes, as fflate frames it.
 */
function inflateChecked(src: Uint8Array, gzip: boolean, onData: (chunk: Uint8Array) => boolean): string | undefined {
  if (gzip) {
    const damage = gunzipMembers(src, INFLATE_STEP, onData);
    if (!damage) return undefined;
    return damage.member === null ? damage.problem : `${damage.problem} (gzip member ${damage.member})`;
  }
  let sum = 1;
  const stream = new Unzlib((chunk) => {
    if (onData(chunk)) throw new Enough();
    sum = adler32(chunk, sum);
  });
  try {
    for (let off = 0; off < src.length; off += INFLATE_STEP) {
      stream.push(src.subarray(off, Math.min(src.length, off + INFLATE_STEP)), off + INFLATE_STEP >= src.length);
    }
  } catch (e) {
    if (e instanceof Enough) return undefined;
    throw e;
  }
  const stored = u32be(src, src.length - 4);
  return stored === sum
    ? undefined
    : `its Adler-32 checksum does not match (stored ${hex32(stored)}, computed ${hex32(sum)})`;
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
    more = n < chunk.length;
    return more;
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
      tooLarge = got > maxBytes;
      if (!tooLarge) parts.push(chunk);
      return tooLarge;
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
