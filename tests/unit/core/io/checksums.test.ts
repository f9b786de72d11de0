import { describe, expect, it } from 'vitest';
import { adler32, crc32, crc32SkippingZeros } from '../../../../core/io/checksums';

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

describe('crc32SkippingZeros', () => {
  it('equals crc32 over long and short zero runs, at every alignment, fed whole or in pieces', () => {
    let seed = 12345;
    const rand = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 2 ** 32;
    };
    const buf = new Uint8Array(200_003);
    // Runs of zeros from 1 byte to 40 KB between runs of noise, as an atlas's background between its rows.
    for (let i = 0; i < buf.length; ) {
      const zeros = Math.floor(rand() ** 3 * 40_000);
      i += zeros;
      const noise = 1 + Math.floor(rand() * 3000);
      for (let k = 0; k < noise && i < buf.length; k++, i++) buf[i] = 1 + Math.floor(rand() * 255);
    }
    for (const start of [0, 1, 2, 3]) {
      for (const end of [buf.length, buf.length - 1, 5000, 2047, 100]) {
        const part = buf.subarray(start, end);
        expect(crc32SkippingZeros(part, 0), `${start}-${end}`).toBe(crc32(part));
        expect(crc32SkippingZeros(part, 0xdeadbeef), `${start}-${end} continued`).toBe(crc32(part, 0xdeadbeef));
      }
    }
    let crc = 0;
    for (let at = 0; at < buf.length; at += 65_537) crc = crc32SkippingZeros(buf.subarray(at, at + 65_537), crc);
    expect(crc).toBe(crc32(buf));
    for (const n of [0, 4096, 1 << 20, (1 << 20) + 3]) {
      expect(crc32SkippingZeros(new Uint8Array(n), 7), `${n} zeros`).toBe(crc32(new Uint8Array(n), 7));
    }
  });
});
