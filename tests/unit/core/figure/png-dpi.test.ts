/**
 * PNG resolution: the CRC-32 against its standard check value and Node's zlib, and setPngDpi/readPngInfo on small
 * PNGs built here (IDAT compressed with fflate, chunks written by the test's own writer with zlib's CRC), read back
 * by parsing the bytes in the test rather than with the code under test.
 */
import { unzlibSync, zlibSync } from 'fflate';
import { crc32 as zlibCrc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { AtlasError } from '../../../../core/errors';
import { crc32 } from '../../../../core/figure/crc32';
import { readPngInfo, setPngDpi } from '../../../../core/figure/png-dpi';

const ascii = (s: string) => new TextEncoder().encode(s);
const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];

/** One chunk: length, type, data, CRC (computed by Node's zlib, not by the code under test). */
function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(ascii(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, zlibCrc32(out.subarray(4, 8 + data.length)));
  return out;
}

function concat(parts: (Uint8Array | number[])[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function ihdr(width: number, height: number): Uint8Array {
  const data = new Uint8Array(13);
  const view = new DataView(data.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  data.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, deflate, no filter method variants, not interlaced
  return chunk('IHDR', data);
}

function phys(ppmX: number, ppmY: number, unit: number): Uint8Array {
  const data = new Uint8Array(9);
  const view = new DataView(data.buffer);
  view.setUint32(0, ppmX);
  view.setUint32(4, ppmY);
  data[8] = unit;
  return chunk('pHYs', data);
}

const PIXEL = [0, 200, 100, 50, 255]; // filter byte 0, then one RGBA pixel
const idat = () => chunk('IDAT', zlibSync(new Uint8Array(PIXEL)));
const iend = () => chunk('IEND', new Uint8Array(0));

/** A valid 1×1 RGBA PNG, with extra chunks placed between IHDR and IDAT. */
const onePixelPng = (...extra: Uint8Array[]) => concat([SIGNATURE, ihdr(1, 1), ...extra, idat(), iend()]);

interface ParsedChunk {
  type: string;
  data: Uint8Array;
  crc: number;
}

/** The test's own chunk reader. */
function parseChunks(png: Uint8Array): ParsedChunk[] {
  expect([...png.subarray(0, 8)]).toEqual(SIGNATURE);
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const chunks: ParsedChunk[] = [];
  for (let at = 8; at < png.length; ) {
    const length = view.getUint32(at);
    chunks.push({
      type: new TextDecoder().decode(png.subarray(at + 4, at + 8)),
      data: png.subarray(at + 8, at + 8 + length),
      crc: view.getUint32(at + 8 + length),
    });
    at += 12 + length;
  }
  return chunks;
}

function expectAtlasError(fn: () => unknown, code: string): void {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AtlasError);
    expect((e as AtlasError).code).toBe(code);
    return;
  }
  throw new Error('expected an AtlasError');
}

describe('crc32', () => {
  it('gives the standard check value for "123456789"', () => {
    expect(crc32(ascii('123456789'))).toBe(0xcbf43926);
  });

  it('is 0 for no bytes and matches the CRC every PNG IEND chunk carries', () => {
    expect(crc32(new Uint8Array(0))).toBe(0);
    expect(crc32(ascii('IEND'))).toBe(0xae426082);
  });

  it('agrees with Node zlib on assorted bytes', () => {
    const bytes = new Uint8Array(1000).map((_, i) => (i * 7919 + 13) & 0xff);
    for (const n of [1, 2, 255, 256, 999, 1000])
      expect(crc32(bytes.subarray(0, n))).toBe(zlibCrc32(bytes.subarray(0, n)));
  });
});

describe('setPngDpi', () => {
  it('adds a pHYs chunk right after IHDR with 11811 pixels per metre for 300 dpi', () => {
    const png = onePixelPng();
    const out = setPngDpi(png, 300);
    const chunks = parseChunks(out);
    expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'pHYs', 'IDAT', 'IEND']);
    const p = chunks[1];
    const view = new DataView(p.data.buffer, p.data.byteOffset, p.data.byteLength);
    expect(p.data.length).toBe(9);
    expect(view.getUint32(0)).toBe(11811);
    expect(view.getUint32(4)).toBe(11811);
    expect(p.data[8]).toBe(1);
    // CRC-32 of 'pHYs' + 00002E23 00002E23 01, computed with Python's zlib.crc32.
    expect(p.crc).toBe(0x78a53f76);
    expect(p.crc).toBe(zlibCrc32(concat([ascii('pHYs'), p.data])));
  });

  it('keeps every other chunk byte for byte, and the image still decodes to the same pixel', () => {
    const png = onePixelPng();
    const before = parseChunks(png);
    const after = parseChunks(setPngDpi(png, 96)).filter((c) => c.type !== 'pHYs');
    expect(after).toEqual(before);
    const pixels = unzlibSync(after.find((c) => c.type === 'IDAT')!.data);
    expect([...pixels]).toEqual(PIXEL);
    expect(setPngDpi(png, 150).length).toBe(png.length + 21);
  });

  it('replaces an existing pHYs instead of adding a second one', () => {
    const png = onePixelPng(chunk('tEXt', ascii('Software\0test')), phys(2835, 2835, 1));
    const chunks = parseChunks(setPngDpi(png, 600));
    expect(chunks.filter((c) => c.type === 'pHYs')).toHaveLength(1);
    expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'pHYs', 'tEXt', 'IDAT', 'IEND']);
    expect(new DataView(chunks[1].data.buffer, chunks[1].data.byteOffset).getUint32(0)).toBe(Math.round(600 / 0.0254));
  });

  it('does not modify its input', () => {
    const png = onePixelPng();
    const copy = png.slice();
    setPngDpi(png, 300);
    expect(png).toEqual(copy);
  });

  it('rejects bytes that are not a PNG', () => {
    expectAtlasError(() => setPngDpi(ascii('GIF89a not a png at all'), 300), 'invalid-argument');
    expectAtlasError(() => setPngDpi(new Uint8Array(0), 300), 'invalid-argument');
    const jpegStart = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70]);
    expectAtlasError(() => setPngDpi(jpegStart, 300), 'invalid-argument');
  });

  it('rejects resolutions that are not a finite number from 1 to 100000', () => {
    const png = onePixelPng();
    for (const dpi of [0, 0.5, -300, 100001, Number.NaN, Number.POSITIVE_INFINITY]) {
      expectAtlasError(() => setPngDpi(png, dpi), 'invalid-argument');
    }
    // Both ends are accepted; pHYs stores whole pixels per metre, so 1 dpi comes back as 39 ppm = 0.99 dpi.
    expect(readPngInfo(setPngDpi(png, 1)).dpi).toBe(0.99);
    expect(readPngInfo(setPngDpi(png, 100000)).dpi).toBe(100000);
  });

  it('reports a PNG cut short inside a chunk', () => {
    const png = onePixelPng();
    expectAtlasError(() => setPngDpi(png.subarray(0, png.length - 20), 300), 'truncated');
  });
});

describe('readPngInfo', () => {
  it('reads width and height from IHDR and no dpi without pHYs', () => {
    const png = concat([SIGNATURE, ihdr(640, 480), idat(), iend()]);
    expect(readPngInfo(png)).toEqual({ width: 640, height: 480, dpi: null });
  });

  it('reads back the dpi that setPngDpi wrote', () => {
    expect(readPngInfo(setPngDpi(onePixelPng(), 300))).toEqual({ width: 1, height: 1, dpi: 300 });
    expect(readPngInfo(setPngDpi(onePixelPng(), 600)).dpi).toBe(600);
    // 72 dpi is stored as round(72 / 0.0254) = 2835 ppm, which reads back as 72.01.
    expect(readPngInfo(setPngDpi(onePixelPng(), 72)).dpi).toBe(72.01);
  });

  it('rounds to 2 decimals from pixels per metre (2835 ppm = 72.009 dpi)', () => {
    expect(readPngInfo(onePixelPng(phys(2835, 2835, 1))).dpi).toBe(72.01);
  });

  it('gives no dpi when pHYs only states an aspect ratio (unit 0)', () => {
    expect(readPngInfo(onePixelPng(phys(1, 1, 0))).dpi).toBeNull();
  });

  it('rejects bytes that are not a PNG', () => {
    expectAtlasError(() => readPngInfo(ascii('<svg xmlns="http://www.w3.org/2000/svg"/>')), 'invalid-argument');
  });
});
