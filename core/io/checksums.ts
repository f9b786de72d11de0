/**
 * The checksums that close zlib and gzip streams: Adler-32 (RFC 1950 §8.2) and CRC-32 (RFC 1952 §8, the
 * ISO 3309 / ITU-T V.42 polynomial, reflected: 0xEDB88320). fflate's streaming inflaters do not check them, so the
 * readers do, over the inflated bytes as they come. Both are fed in pieces: pass the previous value back in.
 */
import { formatCount } from '../errors';

/** Adler-32's modulus: the largest prime below 2^16. */
const ADLER_MOD = 65521;

/**
 * Most bytes summed before `b` must be reduced: 255·n·(n+1)/2 + (n+1)·(MOD−1) stays below 2^32 for n ≤ 5552
 * (zlib's NMAX), so the sums stay exact small integers and the modulo runs once per block, not per byte.
 */
const ADLER_BLOCK = 5552;

/** Adler-32 of `bytes`, continuing from `adler` (1, the value of no bytes, to start). Unsigned. */
export function adler32(bytes: Uint8Array, adler = 1): number {
  let a = adler & 0xffff;
  let b = adler >>> 16;
  const n = bytes.length;
  for (let i = 0; i < n; ) {
    const end = Math.min(n, i + ADLER_BLOCK);
    // Eight bytes a step, in closed form: a gains their sum; b gains 8·a plus each byte times the steps left.
    for (const end8 = end - ((end - i) & 7); i < end8; i += 8) {
      const x0 = bytes[i];
      const x1 = bytes[i + 1];
      const x2 = bytes[i + 2];
      const x3 = bytes[i + 3];
      const x4 = bytes[i + 4];
      const x5 = bytes[i + 5];
      const x6 = bytes[i + 6];
      const x7 = bytes[i + 7];
      b += 8 * (a + x0) + 7 * x1 + 6 * x2 + 5 * x3 + 4 * x4 + 3 * x5 + 2 * x6 + x7;
      a += x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7;
    }
    for (; i < end; i++) {
      a += bytes[i];
      b += a;
    }
    a %= ADLER_MOD;
    b %= ADLER_MOD;
  }
  return ((b << 16) | a) >>> 0;
}

/**
 * CRC-32 lookup tables for slicing by eight (Intel's "slicing-by-N"): row 0 is the byte table of RFC 1952 §8; row k
 * carries a byte's remainder through k more zero bytes, so eight input bytes take one step instead of eight (about
 * four times the speed of the byte table here, which keeps the check well below the cost of inflating).
 */
const CRC_TABLES: readonly Int32Array[] = (() => {
  const rows = Array.from({ length: 8 }, () => new Int32Array(256));
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    rows[0][n] = c;
  }
  for (let n = 0; n < 256; n++) {
    for (let k = 1; k < 8; k++) rows[k][n] = rows[0][rows[k - 1][n] & 0xff] ^ (rows[k - 1][n] >>> 8);
  }
  return rows;
})();

/** Whether this machine stores numbers little-endian, so four bytes read as one Int32 are in CRC-32's order. */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** CRC-32 of `bytes`, continuing from `crc` (0, the value of no bytes, to start). Unsigned. */
export function crc32(bytes: Uint8Array, crc = 0): number {
  const [t0, t1, t2, t3, t4, t5, t6, t7] = CRC_TABLES;
  let c = ~crc;
  const n = bytes.length;
  let i = 0;
  if (LITTLE_ENDIAN && n >= 16) {
    // Byte by byte up to a 4-byte boundary, then eight bytes a step read as two aligned words.
    for (const lead = (4 - (bytes.byteOffset & 3)) & 3; i < lead; i++) {
      c = t0[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
    }
    const words = new Int32Array(bytes.buffer, bytes.byteOffset + i, ((n - i) >> 3) * 2);
    for (let k = 0; k < words.length; k += 2) {
      c ^= words[k];
      const d = words[k + 1];
      c =
        t7[c & 0xff] ^
        t6[(c >>> 8) & 0xff] ^
        t5[(c >>> 16) & 0xff] ^
        t4[c >>> 24] ^
        t3[d & 0xff] ^
        t2[(d >>> 8) & 0xff] ^
        t1[(d >>> 16) & 0xff] ^
        t0[d >>> 24];
    }
    i += words.length * 4;
  }
  for (; i < n; i++) c = t0[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

/**
 * Zero runs at least this long (1 KiB) are stepped over rather than read: a 1 mm atlas has about 150 of them (the
 * space around the brain, slice after slice), and they hold about 60% of its bytes.
 */
const ZERO_RUN_WORDS = 256;

/**
 * crc32 of `bytes`, continuing from `crc`, with long runs of zero bytes stepped over in O(log n)
 * rather than read: n zeros multiply the CRC register by x^(8n) modulo the polynomial (as zlib's crc32_combine).
 * Keeps the check at a fraction of the inflate time on atlases, which are mostly background.
 */
export function crc32SkippingZeros(bytes: Uint8Array, crc: number): number {
  const lead = (4 - (bytes.byteOffset & 3)) & 3;
  const count = bytes.length < lead ? 0 : (bytes.length - lead) >> 2;
  if (count < 2 * ZERO_RUN_WORDS) return crc32(bytes, crc);
  const words = new Int32Array(bytes.buffer, bytes.byteOffset + lead, count);
  let done = 0; // words before this one are in `crc`, as are the bytes before `from`
  let from = 0;
  // Probing every ZERO_RUN_WORDS-th word finds every run at least that long; only zeros are read word by word.
  for (let w = ZERO_RUN_WORDS - 1; w < count; w += ZERO_RUN_WORDS) {
    if (words[w] !== 0) continue;
    let a = w;
    while (a > done && words[a - 1] === 0) a--;
    let b = w + 1;
    while (b < count && words[b] === 0) b++;
    if (b - a >= ZERO_RUN_WORDS) {
      crc = crc32Zeros(crc32(bytes.subarray(from, lead + 4 * a), crc), 4 * (b - a));
      from = lead + 4 * b;
      done = b;
    }
    w = b;
  }
  return crc32(bytes.subarray(from), crc);
}

/** CRC-32's polynomial, reflected: bit 31 is x^0. */
const POLY = 0xedb88320;

/** a·b modulo the polynomial, both reflected; a must not be 0 (zlib's multmodp). */
function multModP(a: number, b: number): number {
  let p = 0;
  for (let m = 0x80000000; ; m >>>= 1) {
    if (a & m) {
      p ^= b;
      if ((a & (m - 1)) === 0) break;
    }
    b = b & 1 ? (b >>> 1) ^ POLY : b >>> 1;
  }
  return p >>> 0;
}

/** x^(2^k) modulo the polynomial for k = 0..31 (x's order divides 2^32 - 1, so k cycles with period 32). */
const X2N: readonly number[] = (() => {
  const t = [0x40000000];
  for (let k = 1; k < 32; k++) t.push(multModP(t[k - 1], t[k - 1]));
  return t;
})();

/** The CRC-32 after `n` more zero bytes. */
function crc32Zeros(crc: number, n: number): number {
  let xn = 0x80000000; // x^(8n), built from the bits of n
  for (let k = 3; n > 0; n >>>= 1, k++) if (n & 1) xn = multModP(X2N[k & 31], xn);
  return ~multModP(xn, ~crc >>> 0) >>> 0;
}

export const hex32 = (n: number) => `0x${n.toString(16).padStart(8, '0')}`;
const u32le = (b: Uint8Array, at: number) => (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 0;

/** What is wrong with a gzip member whose 8-byte trailer (CRC-32, then the length mod 2^32) ends at `end`. */
export function gzipTrailerProblem(gz: Uint8Array, end: number, crc: number, length: number): string | undefined {
  const storedCrc = u32le(gz, end - 8);
  const storedLength = u32le(gz, end - 4);
  const badCrc = storedCrc !== crc;
  const badLength = storedLength !== length % 2 ** 32;
  const crcs = `stored ${hex32(storedCrc)}, computed ${hex32(crc)}`;
  const lengths = `the trailer says ${formatCount(storedLength)} bytes, it inflates to ${formatCount(length)}`;
  if (badCrc && badLength) {
    return `neither its CRC-32 checksum nor its length matches, so its end is damaged or cut short (${crcs}; ${lengths})`;
  }
  if (badCrc) return `its CRC-32 checksum does not match (${crcs})`;
  if (badLength) return `its length does not match (${lengths})`;
  return undefined;
}
