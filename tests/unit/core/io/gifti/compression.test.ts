import { gunzipSync, gzipSync, unzlibSync, zlibSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { expectFileError } from './build';
import { AtlasError } from '../../../../../core/errors';
import { type Fail, gunzipWhole, inflateExact } from '../../../../../core/io/gifti/compression';

const FILE = 'lh.test.surf.gii.gz';

/** As the GIFTI reader's: an AtlasError whose message names the array. */
const fail: Fail = (code, msg) => {
  throw new AtlasError(code, `DataArray 1 of 1: ${msg}`, FILE);
};

const expectError = (fn: () => unknown, code: string, pattern: RegExp) => expectFileError(FILE, fn, code, pattern);

/**
 * Float32 coordinates of a bumpy sphere: compressible like a real surface, and long enough (≈ 240 kB raw) that the
 * compressed stream spans several of the reader's 64 KiB input steps and many output chunks.
 */
function surfaceBytes(n = 20_000): Uint8Array {
  const xyz = new Float32Array(n * 3);
  for (let i = 0; i < n; i++) {
    const t = (i / n) * Math.PI;
    const p = i * 2.399963;
    const r = 70 + 3 * Math.sin(7 * t) * Math.cos(5 * p);
    xyz.set([r * Math.sin(t) * Math.cos(p), r * Math.sin(t) * Math.sin(p), r * Math.cos(t)], i * 3);
  }
  return new Uint8Array(xyz.buffer);
}

const RAW = surfaceBytes();
const ZLIB = zlibSync(RAW);
const GZIP = gzipSync(RAW);

/** A copy with byte `at` (negative: from the end) XORed with `mask`. */
function flip(bytes: Uint8Array, at: number, mask = 0x01): Uint8Array {
  const copy = bytes.slice();
  copy[at < 0 ? copy.length + at : at] ^= mask;
  return copy;
}

const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((v, i) => v === b[i]);

/**
 * A single-bit flip in the deflate payload that still inflates, to the same length, but to different bytes: the
 * damage that only the trailer's checksum can catch. `unchecked` inflates without looking at the trailer (fflate's
 * one-shot functions do not check it either). Searched deterministically from the middle of the stream.
 */
function silentFlip(stream: Uint8Array, unchecked: (b: Uint8Array) => Uint8Array, header: number, trailer: number) {
  const body = stream.length - header - trailer;
  for (let k = 0; k < body; k++) {
    const at = header + ((Math.floor(body / 2) + k * 37) % body);
    for (let bit = 0; bit < 8; bit++) {
      const damaged = flip(stream, at, 1 << bit);
      let out: Uint8Array;
      try {
        out = unchecked(damaged);
      } catch {
        continue;
      }
      if (out.length === RAW.length && !same(out, RAW)) return damaged;
    }
  }
  throw new Error('no silent flip found');
}

describe('inflateExact (GZipBase64Binary payloads)', () => {
  it('decodes intact zlib and gzip streams bit for bit', () => {
    expect(same(inflateExact(ZLIB, RAW.length, fail), RAW)).toBe(true);
    expect(same(inflateExact(GZIP, RAW.length, fail), RAW)).toBe(true);
    expect(same(inflateExact(zlibSync(new Uint8Array(0)), 0, fail), new Uint8Array(0))).toBe(true);
    // Shorter and longer streams are still the caller's to report, by their length.
    expect(inflateExact(ZLIB, RAW.length + 4, fail).length).toBe(RAW.length);
    expect(inflateExact(GZIP, RAW.length - 4, fail).length).toBe(RAW.length - 3);
  });

  it('refuses a zlib stream whose Adler-32 does not match', () => {
    expectError(
      () => inflateExact(flip(ZLIB, -1), RAW.length, fail),
      'corrupt',
      /^lh\.test\.surf\.gii\.gz: DataArray 1 of 1: the zlib data is damaged: its Adler-32 checksum does not match \(stored 0x[0-9a-f]{8}, computed 0x[0-9a-f]{8}\)$/,
    );
    expectError(() => inflateExact(flip(ZLIB, -4, 0x80), RAW.length, fail), 'corrupt', /Adler-32 checksum/);
  });

  it('refuses a zlib stream whose payload has a flipped bit that still inflates', () => {
    const damaged = silentFlip(ZLIB, unzlibSync, 2, 4);
    expectError(() => inflateExact(damaged, RAW.length, fail), 'corrupt', /zlib data is damaged: its Adler-32/);
  });

  it('refuses a gzip stream whose CRC-32 or length does not match', () => {
    expectError(
      () => inflateExact(flip(GZIP, -8), RAW.length, fail),
      'corrupt',
      /DataArray 1 of 1: the gzip data is damaged: its CRC-32 checksum does not match \(stored 0x[0-9a-f]{8}, computed/,
    );
    expectError(
      () => inflateExact(flip(GZIP, -2), RAW.length, fail),
      'corrupt',
      /the gzip data is damaged: its length does not match \(the trailer says 174 464 bytes, it inflates to 240 000\)/,
    );
    const damaged = silentFlip(GZIP, gunzipSync, 10, 8);
    expectError(() => inflateExact(damaged, RAW.length, fail), 'corrupt', /the gzip data is damaged: its CRC-32/);
  });

  it('refuses a gzip stream that lost its trailer, or half of it', () => {
    for (const cut of [4, 8]) {
      expectError(
        () => inflateExact(GZIP.subarray(0, GZIP.length - cut), RAW.length, fail),
        'corrupt',
        /the gzip data is damaged: neither its CRC-32 checksum nor its length matches, so its end is damaged or cut short/,
      );
    }
  });
});

describe('gunzipWhole (.gii.gz files)', () => {
  const xml = new TextEncoder().encode(`<GIFTI>${'<DataArray/>'.repeat(30_000)}</GIFTI>`);
  const gz = gzipSync(xml);
  const whole = (bytes: Uint8Array) => gunzipWhole(bytes, FILE, 1 << 30);

  it('decodes an intact file bit for bit, one member or several', () => {
    expect(same(whole(gz), xml)).toBe(true);
    const two = new Uint8Array([...gz, ...gzipSync(RAW)]);
    const both = whole(two);
    expect(same(both.subarray(0, xml.length), xml)).toBe(true);
    expect(same(both.subarray(xml.length), RAW)).toBe(true);
  });

  it('refuses a file whose CRC-32 or length does not match, or whose trailer is cut', () => {
    expectError(
      () => whole(flip(gz, -5, 0x10)),
      'corrupt',
      /^lh\.test\.surf\.gii\.gz: gzip data is damaged: its CRC-32 checksum does not match \(stored 0x[0-9a-f]{8}, computed 0x[0-9a-f]{8}\) \(a bad download, copy or disk\?\)$/,
    );
    expectError(() => whole(flip(gz, -4)), 'corrupt', /gzip data is damaged: its length does not match/);
    expectError(() => whole(gz.subarray(0, gz.length - 8)), 'corrupt', /damaged or cut short/);
    const damaged = silentFlip(GZIP, gunzipSync, 10, 8);
    expectError(() => whole(damaged), 'corrupt', /gzip data is damaged: its CRC-32 checksum does not match/);
  });

  it('checks every member of a multi-member file', () => {
    const first = flip(gz, -8);
    expectError(
      () => whole(new Uint8Array([...first, ...gzipSync(RAW)])),
      'corrupt',
      /its CRC-32 checksum does not match \(stored 0x[0-9a-f]{8}, computed 0x[0-9a-f]{8}\) \(gzip member 1\)/,
    );
    expectError(
      () => whole(new Uint8Array([...gz, ...flip(gzipSync(RAW), -1, 0x40)])),
      'corrupt',
      /its length does not match .* \(gzip member 2\)/,
    );
  });
});
