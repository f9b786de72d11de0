import { describe, expect, it } from 'vitest';
import { adler32, crc32 } from '../../../../core/io/checksums';

const text = (s: string) => new TextEncoder().encode(s);

/** RFC 1950 §8.2 as written: both sums modulo 65521 after every byte. */
function adlerByTheBook(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (const byte of bytes) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return (b * 65536 + a) >>> 0;
}

/** RFC 1952 §8 bit by bit, no table: the reflected polynomial 0xEDB88320, preset and final inversion. */
function crcByTheBook(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

/** Deterministic bytes (a 32-bit LCG's high byte). */
function noise(n: number, seed = 1): Uint8Array {
  const out = new Uint8Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s >>> 24;
  }
  return out;
}

describe('adler32', () => {
  it('gives the known values', () => {
    expect(adler32(new Uint8Array(0))).toBe(1);
    expect(adler32(text('Wikipedia'))).toBe(0x11e60398);
    expect(adler32(text('a'))).toBe(0x00620062);
    expect(adler32(text('abc'))).toBe(0x024d0127);
  });

  it('matches the RFC definition across its 5552-byte blocks, at the largest sums, and fed in pieces', () => {
    const ff = new Uint8Array(100_000).fill(0xff);
    for (const bytes of [noise(5551), noise(5552), noise(5553), noise(70_001, 7), ff]) {
      const whole = adler32(bytes);
      expect(whole).toBe(adlerByTheBook(bytes));
      for (const cut of [0, 1, 5552, bytes.length >> 1, bytes.length]) {
        expect(adler32(bytes.subarray(cut), adler32(bytes.subarray(0, cut)))).toBe(whole);
      }
    }
  });
});

describe('crc32', () => {
  it('gives the known values', () => {
    expect(crc32(new Uint8Array(0))).toBe(0);
    expect(crc32(text('123456789'))).toBe(0xcbf43926);
    expect(crc32(text('a'))).toBe(0xe8b7be43);
    expect(crc32(text('The quick brown fox jumps over the lazy dog'))).toBe(0x414fa339);
  });

  it('matches the bitwise definition at every length mod 8, and fed in pieces', () => {
    const bytes = noise(4099, 3);
    for (let n = 0; n <= 17; n++) expect(crc32(bytes.subarray(0, n))).toBe(crcByTheBook(bytes.subarray(0, n)));
    const whole = crc32(bytes);
    expect(whole).toBe(crcByTheBook(bytes));
    for (const cut of [0, 1, 3, 8, 2049, bytes.length]) {
      expect(crc32(bytes.subarray(cut), crc32(bytes.subarray(0, cut)))).toBe(whole);
    }
    const ff = new Uint8Array(1000).fill(0xff);
    expect(crc32(ff)).toBe(crcByTheBook(ff));
    // Views that start at every offset mod 4 of their buffer (the word-wise path aligns itself first).
    for (let start = 0; start < 8; start++) {
      const view = bytes.subarray(start, start + 1001);
      expect(crc32(view)).toBe(crcByTheBook(view));
    }
  });
});
