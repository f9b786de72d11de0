import { gzipSync, unzlibSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { AtlasError } from '../../../../../core/errors';
import { type GiftiFile, readGifti } from '../../../../../core/io/gifti/gifti';
import { writeGifti } from '../../../../../core/io/gifti/write';
import { giftiBytes, TETRA_POSITIONS, TETRA_TRIANGLES, tetraDoc } from './build';

function sample(): GiftiFile {
  return {
    meta: { UserName: 'tester', Tricky: 'ends with ]]> and has <tags> & "quotes"', Unicode: 'é 中文' },
    labels: [
      { key: 0, name: '???', rgba: [0.00392157, 0.00392157, 0.00392157, 1] },
      { key: 1, name: '7Networks_LH_Vis_1', rgba: [0.470588, 0.0666667, 0.501961, 1] },
      { key: 2 ** 31 - 1, name: 'Max <key> & ]]>', rgba: [1, 0.5, 1e-7, 0] },
    ],
    arrays: [
      {
        intent: 'NIFTI_INTENT_POINTSET',
        dataType: 'NIFTI_TYPE_FLOAT32',
        dims: [4, 3],
        data: new Float32Array(TETRA_POSITIONS),
        meta: { AnatomicalStructurePrimary: 'CortexLeft', GeometricType: 'Anatomical' },
      },
      {
        intent: 'NIFTI_INTENT_TRIANGLE',
        dataType: 'NIFTI_TYPE_INT32',
        dims: [4, 3],
        data: new Int32Array(TETRA_TRIANGLES),
        meta: {},
      },
      {
        intent: 'NIFTI_INTENT_SHAPE',
        dataType: 'NIFTI_TYPE_FLOAT32',
        dims: [6],
        data: new Float32Array([Number.NaN, Number.POSITIVE_INFINITY, -1.5e-42, 3.4e38, -7.25, 0]),
        meta: { Name: 'sulc' },
      },
      {
        intent: 'NIFTI_INTENT_LABEL',
        dataType: 'NIFTI_TYPE_INT32',
        dims: [4, 1],
        data: new Int32Array([0, 1, -(2 ** 31), 2 ** 31 - 1]),
        meta: {},
      },
      {
        intent: 'NIFTI_INTENT_NONE',
        dataType: 'NIFTI_TYPE_UINT8',
        dims: [2, 3, 2],
        data: new Uint8Array([0, 1, 2, 3, 4, 5, 250, 251, 252, 253, 254, 255]),
        meta: {},
      },
    ],
  };
}

function bytesOf(a: ArrayBufferView): number[] {
  return Array.from(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
}

describe('writeGifti', () => {
  it('round-trips through readGifti: metadata, labels, every data type, bit-exact values', () => {
    const file = sample();
    const back = readGifti(writeGifti(file), 'out.gii');
    expect(back.meta).toEqual(file.meta);
    expect(back.labels).toEqual(file.labels);
    expect(back.arrays.map((a) => [a.intent, a.dataType, a.dims, a.meta])).toEqual(
      file.arrays.map((a) => [a.intent, a.dataType, a.dims, a.meta]),
    );
    back.arrays.forEach((a, i) => {
      expect(a.data.constructor).toBe(file.arrays[i].data.constructor);
      expect(bytesOf(a.data)).toEqual(bytesOf(file.arrays[i].data));
    });
    expect(back.arrays[2].data[2]).toBe(Math.fround(-1.5e-42));
    expect(Array.from(back.arrays[0].data.subarray(9, 12))).toEqual([0.5, -2.25, 10.125]);
  });

  it('writes GIFTI 1.0 XML with zlib-compressed, little-endian, row-major arrays', () => {
    const text = new TextDecoder().decode(writeGifti(sample()));
    expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
    expect(text).toContain('<GIFTI Version="1.0" NumberOfDataArrays="5">');
    expect(text.match(/Encoding="GZipBase64Binary"/g)).toHaveLength(5);
    expect(text.match(/Endian="LittleEndian"/g)).toHaveLength(5);
    expect(text.match(/ArrayIndexingOrder="RowMajorOrder"/g)).toHaveLength(5);
    expect(text).toContain('Dimensionality="3"');
    expect(text).toContain('<Label Key="1" Red="0.470588" Green="0.0666667" Blue="0.501961" Alpha="1">');
    expect(text.trimEnd().endsWith('</GIFTI>')).toBe(true);
    // The first payload is a zlib stream of the little-endian float32 coordinates.
    const payload = /<Data>([^<]*)<\/Data>/.exec(text)?.[1] ?? '';
    const z = new Uint8Array(Buffer.from(payload, 'base64'));
    expect(z[0]).toBe(0x78);
    const raw = unzlibSync(z);
    const dv = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    expect(dv.getFloat32(9 * 4, true)).toBe(0.5);
    expect(dv.getFloat32(11 * 4, true)).toBe(10.125);
  });

  it('writes an empty file and arrays viewed at an offset into a larger buffer', () => {
    const empty = readGifti(writeGifti({ meta: {}, labels: [], arrays: [] }), 'e.gii');
    expect(empty).toEqual({ meta: {}, labels: [], arrays: [] });
    const big = new Float32Array([9, 9, 1, 2, 3, 9]);
    const back = readGifti(
      writeGifti({
        meta: {},
        labels: [],
        arrays: [
          {
            intent: 'NIFTI_INTENT_SHAPE',
            dataType: 'NIFTI_TYPE_FLOAT32',
            dims: [3],
            data: big.subarray(2, 5),
            meta: {},
          },
        ],
      }),
      'o.gii',
    );
    expect(Array.from(back.arrays[0].data)).toEqual([1, 2, 3]);
  });

  it('writes and reads back an empty array', () => {
    const back = readGifti(
      writeGifti({
        meta: {},
        labels: [],
        arrays: [
          { intent: 'NIFTI_INTENT_SHAPE', dataType: 'NIFTI_TYPE_INT32', dims: [0], data: new Int32Array(0), meta: {} },
        ],
      }),
      'o.gii',
    );
    expect(back.arrays[0].dims).toEqual([0]);
    expect(back.arrays[0].data).toBeInstanceOf(Int32Array);
    expect(back.arrays[0].data.length).toBe(0);
  });

  it('rewrites a big-endian, column-major, gzipped input as the same values', () => {
    const input = readGifti(
      gzipSync(giftiBytes(tetraDoc('Base64Binary', { bigEndian: true, columnMajor: true }))),
      'in.gii.gz',
    );
    const back = readGifti(writeGifti(input), 'out.gii');
    expect(Array.from(back.arrays[0].data)).toEqual(TETRA_POSITIONS);
    expect(Array.from(back.arrays[1].data)).toEqual(TETRA_TRIANGLES);
    expect(back.arrays[0].meta).toEqual({ AnatomicalStructurePrimary: 'CortexLeft' });
    expect(back.meta).toEqual({ UserName: 'tester' });
  });

  it('refuses arrays it cannot write, as invalid-argument', () => {
    const bad = (patch: Partial<GiftiFile['arrays'][number]>, pattern: RegExp) => {
      const file = sample();
      file.arrays[2] = { ...file.arrays[2], ...patch };
      let err: unknown;
      try {
        writeGifti(file);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(AtlasError);
      expect((err as AtlasError).code).toBe('invalid-argument');
      expect((err as AtlasError).message).toMatch(pattern);
    };
    bad({ dims: [7] }, /array 2 \(NIFTI_INTENT_SHAPE\) has dimensions 7 \(7 values\) but holds 6 values/);
    bad({ dims: [] }, /dimensions \[\], which are not valid/);
    bad({ dims: [2, 1.5, 2] }, /not valid/);
    bad({ data: new Int32Array(6) }, /says NIFTI_TYPE_FLOAT32 but holds Int32Array data/);
    bad({ dataType: 'NIFTI_TYPE_FLOAT64' as never }, /NIFTI_TYPE_FLOAT64, which cannot be written/);
    const dup = sample();
    dup.labels.push({ key: 1, name: 'again', rgba: [0, 0, 0, 1] });
    expect(() => writeGifti(dup)).toThrow(/label key 1 is not a whole number or is used twice/);
    const nan = sample();
    nan.labels[0].rgba = [Number.NaN, 0, 0, 1];
    expect(() => writeGifti(nan)).toThrow(/needs four finite colour components/);
  });
});
