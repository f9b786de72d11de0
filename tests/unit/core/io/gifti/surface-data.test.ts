import { describe, expect, it } from 'vitest';
import { type GiftiArray, type GiftiFile, readGifti } from '../../../../../core/io/gifti/gifti';
import { giftiLabelValues, giftiSurface, giftiValues } from '../../../../../core/io/gifti/surface-data';
import { giftiBytes, TETRA_POSITIONS, TETRA_TRIANGLES, tetraDoc, expectFileError } from './build';

const FILE = 'lh.tetra.gii';

const expectError = (fn: () => unknown, code: string, pattern: RegExp) => expectFileError(FILE, fn, code, pattern);

const tetra = (): GiftiFile => readGifti(giftiBytes(tetraDoc('GZipBase64Binary')), FILE);

function arr(intent: string, data: GiftiArray['data'], dims = [data.length]): GiftiArray {
  const dataType =
    data instanceof Float32Array
      ? 'NIFTI_TYPE_FLOAT32'
      : data instanceof Int32Array
        ? 'NIFTI_TYPE_INT32'
        : 'NIFTI_TYPE_UINT8';
  return { intent, dataType, dims, data, meta: {} };
}

function withArrays(...arrays: GiftiArray[]): GiftiFile {
  return { meta: {}, labels: [], arrays };
}

describe('giftiSurface', () => {
  it('gives positions, Uint32 triangles and the vertex count', () => {
    const file = tetra();
    const mesh = giftiSurface(file, FILE);
    expect(mesh.vertexCount).toBe(4);
    expect(mesh.positions).toBe(file.arrays[0].data);
    expect(Array.from(mesh.positions.subarray(9, 12))).toEqual([0.5, -2.25, 10.125]);
    expect(mesh.triangles).toBeInstanceOf(Uint32Array);
    expect(Array.from(mesh.triangles)).toEqual(TETRA_TRIANGLES);
  });

  it('finds the arrays by intent whatever their order', () => {
    const f = tetra();
    const mesh = giftiSurface(
      withArrays(arr('NIFTI_INTENT_SHAPE', new Float32Array(4)), f.arrays[1], f.arrays[0]),
      FILE,
    );
    expect(Array.from(mesh.positions)).toEqual(TETRA_POSITIONS);
    expect(mesh.triangles.length).toBe(12);
  });

  it('refuses a file that is not a surface', () => {
    expectError(
      () => giftiSurface(withArrays(arr('NIFTI_INTENT_SHAPE', new Float32Array(4))), FILE),
      'invalid-argument',
      /not a surface: it has no NIFTI_INTENT_POINTSET array \(it holds 1 array: NIFTI_INTENT_SHAPE\)/,
    );
    expectError(
      () => giftiSurface(withArrays(tetra().arrays[0]), FILE),
      'invalid-argument',
      /no NIFTI_INTENT_TRIANGLE array/,
    );
  });

  it('refuses bad shapes, types, coordinates and indices', () => {
    const f = tetra();
    const [p, t] = f.arrays;
    expectError(
      () => giftiSurface(withArrays(arr('NIFTI_INTENT_POINTSET', new Float32Array(8), [4, 2]), t), FILE),
      'corrupt',
      /POINTSET array is 4×2; a surface needs N×3/,
    );
    expectError(
      () => giftiSurface(withArrays(arr('NIFTI_INTENT_POINTSET', new Int32Array(12), [4, 3]), t), FILE),
      'unsupported',
      /NIFTI_TYPE_INT32; vertex coordinates must be NIFTI_TYPE_FLOAT32/,
    );
    expectError(
      () => giftiSurface(withArrays(p, arr('NIFTI_INTENT_TRIANGLE', new Int32Array(0), [0, 3])), FILE),
      'corrupt',
      /TRIANGLE array is 0×3; a surface needs M×3 vertex indices with M > 0/,
    );
    expectError(
      () => giftiSurface(withArrays(p, arr('NIFTI_INTENT_TRIANGLE', new Float32Array(TETRA_TRIANGLES), [4, 3])), FILE),
      'unsupported',
      /triangle indices must be integers/,
    );
    const high = Int32Array.from(TETRA_TRIANGLES);
    high[10] = 4;
    expectError(
      () => giftiSurface(withArrays(p, arr('NIFTI_INTENT_TRIANGLE', high, [4, 3])), FILE),
      'corrupt',
      /triangle 3 uses vertex 4, but the surface has 4 vertices \(0–3\)/,
    );
    const negative = Int32Array.from(TETRA_TRIANGLES);
    negative[0] = -1;
    expectError(
      () => giftiSurface(withArrays(p, arr('NIFTI_INTENT_TRIANGLE', negative, [4, 3])), FILE),
      'corrupt',
      /triangle 0 uses vertex -1/,
    );
    const nan = Float32Array.from(TETRA_POSITIONS);
    nan[7] = Number.NaN;
    expectError(
      () => giftiSurface(withArrays(arr('NIFTI_INTENT_POINTSET', nan, [4, 3]), t), FILE),
      'corrupt',
      /vertex 2 has a coordinate that is not a finite number \(NaN\)/,
    );
  });

  it('checks triangles read from a file too', () => {
    const doc = tetraDoc('ASCII');
    doc.arrays[1].values = [0, 1, 2, 0, 1, 3, 0, 2, 3, 1, 2, 7];
    expectError(() => giftiSurface(readGifti(giftiBytes(doc), FILE), FILE), 'corrupt', /uses vertex 7/);
  });
});

describe('giftiValues', () => {
  const file = () => {
    const f = tetra();
    return withArrays(
      f.arrays[0],
      arr('NIFTI_INTENT_SHAPE', new Float32Array([1.5, -2.5, 0, 4])),
      f.arrays[1],
      arr('NIFTI_INTENT_NONE', new Int32Array([7, -8, 9, 10]), [4, 1]),
      arr('NIFTI_INTENT_LABEL', new Uint8Array([0, 1, 255, 3])),
      arr('NIFTI_INTENT_TIME_SERIES', new Float32Array(8), [4, 2]),
    );
  };

  it('picks the index-th map, skipping POINTSET and TRIANGLE, as a float32 copy', () => {
    const f = file();
    const first = giftiValues(f, FILE);
    expect(Array.from(first)).toEqual([1.5, -2.5, 0, 4]);
    expect(first).not.toBe(f.arrays[1].data);
    first[0] = 99;
    expect(f.arrays[1].data[0]).toBe(1.5);
    expect(giftiValues(f, FILE, 1)).toBeInstanceOf(Float32Array);
    expect(Array.from(giftiValues(f, FILE, 1))).toEqual([7, -8, 9, 10]);
    expect(Array.from(giftiValues(f, FILE, 2))).toEqual([0, 1, 255, 3]);
  });

  it('refuses missing maps, bad indices and maps with several values per vertex', () => {
    expectError(
      () => giftiValues(file(), FILE, 4),
      'invalid-argument',
      /map 4 does not exist; the file has 4 maps \(0–3\)/,
    );
    expectError(() => giftiValues(file(), FILE, -1), 'invalid-argument', /map -1 does not exist/);
    expectError(() => giftiValues(file(), FILE, 3), 'unsupported', /map 3 \(NIFTI_INTENT_TIME_SERIES\) is 4×2/);
    expectError(() => giftiValues(tetra(), FILE), 'invalid-argument', /holds no per-vertex values \(it holds 2 arrays/);
  });
});

describe('giftiLabelValues', () => {
  const labels = [
    { key: 0, name: 'Medial_Wall', rgba: [0, 0, 0, 1] as [number, number, number, number] },
    { key: 3, name: 'Net3', rgba: [0.1, 0.2, 0.3, 1] as [number, number, number, number] },
  ];

  it('gives int32 keys and the label table, whatever the stored integer type', () => {
    for (const data of [new Int32Array([0, 3, 3, 0]), new Uint8Array([0, 3, 3, 0]), new Float32Array([0, 3, 3, 0])]) {
      const f: GiftiFile = {
        meta: {},
        labels,
        arrays: [arr('NIFTI_INTENT_SHAPE', new Float32Array(4)), arr('NIFTI_INTENT_LABEL', data)],
      };
      const { keys, labels: table } = giftiLabelValues(f, FILE);
      expect(keys).toBeInstanceOf(Int32Array);
      expect(Array.from(keys)).toEqual([0, 3, 3, 0]);
      expect(table.map((l) => l.name)).toEqual(['Medial_Wall', 'Net3']);
      expect(table[1].rgba).toEqual([0.1, 0.2, 0.3, 1]);
    }
  });

  it('reads keys and labels from a file', () => {
    const bytes = giftiBytes({
      labels:
        '<Label Key="0" Red="1" Green="1" Blue="1" Alpha="0"><![CDATA[Unknown]]></Label>\n' +
        '<Label Key="2" Red="0.5"><![CDATA[V1]]></Label>',
      arrays: [{ intent: 'NIFTI_INTENT_LABEL', dataType: 'NIFTI_TYPE_INT32', dims: [5], values: [2, 2, 0, 2, 0] }],
    });
    const { keys, labels: table } = giftiLabelValues(readGifti(bytes, FILE), FILE);
    expect(Array.from(keys)).toEqual([2, 2, 0, 2, 0]);
    expect(table).toEqual([
      { key: 0, name: 'Unknown', rgba: [1, 1, 1, 0] },
      { key: 2, name: 'V1', rgba: [0.5, 0, 0, 1] },
    ]);
  });

  it('refuses files without a label array and non-integer keys', () => {
    expectError(() => giftiLabelValues(tetra(), FILE), 'invalid-labels', /has no NIFTI_INTENT_LABEL array/);
    expectError(
      () => giftiLabelValues(withArrays(arr('NIFTI_INTENT_LABEL', new Float32Array([0, 1.5]))), FILE),
      'invalid-labels',
      /holds 1\.5 at vertex 1; label keys must be whole numbers/,
    );
    expectError(
      () => giftiLabelValues(withArrays(arr('NIFTI_INTENT_LABEL', new Int32Array(4), [2, 2])), FILE),
      'invalid-labels',
      /is 2×2; labels need one key per vertex/,
    );
  });
});
