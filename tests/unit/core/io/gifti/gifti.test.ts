import { gzipSync, zlibSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { looksLikeGifti, readGifti } from '../../../../../core/io/gifti/gifti';
import { giftiSurface } from '../../../../../core/io/gifti/surface-data';
import {
  type ArraySpec,
  b64,
  type Encoding,
  giftiBytes,
  giftiXml,
  rawBytes,
  TETRA_POSITIONS,
  TETRA_TRIANGLES,
  tetraDoc,
  expectFileError,
} from './build';

const FILE = 'lh.test.surf.gii';

const expectError = (fn: () => unknown, code: string, pattern: RegExp) => expectFileError(FILE, fn, code, pattern);

const read = (bytes: Uint8Array | string, maxBytes?: number) =>
  readGifti(typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes, FILE, maxBytes);

function shape(values: number[], extra: Partial<ArraySpec> = {}): ArraySpec {
  return { intent: 'NIFTI_INTENT_SHAPE', dataType: 'NIFTI_TYPE_FLOAT32', dims: [values.length], values, ...extra };
}

function expectTetra(bytes: Uint8Array): void {
  const g = readGifti(bytes, FILE);
  expect(g.arrays).toHaveLength(2);
  const [p, t] = g.arrays;
  expect(p.intent).toBe('NIFTI_INTENT_POINTSET');
  expect(p.dataType).toBe('NIFTI_TYPE_FLOAT32');
  expect(p.dims).toEqual([4, 3]);
  expect(p.data).toBeInstanceOf(Float32Array);
  expect(Array.from(p.data)).toEqual(TETRA_POSITIONS);
  expect(Array.from(p.data.subarray(9, 12))).toEqual([0.5, -2.25, 10.125]);
  expect(t.intent).toBe('NIFTI_INTENT_TRIANGLE');
  expect(t.data).toBeInstanceOf(Int32Array);
  expect(Array.from(t.data)).toEqual(TETRA_TRIANGLES);
  const mesh = giftiSurface(g, FILE);
  expect(mesh.vertexCount).toBe(4);
  expect(Array.from(mesh.triangles.subarray(9, 12))).toEqual([1, 2, 3]);
}

describe('readGifti: encodings, byte orders, indexing orders', () => {
  const encodings: Encoding[] = ['ASCII', 'Base64Binary', 'GZipBase64Binary', 'GZipBase64Binary-gzip'];
  for (const encoding of encodings) {
    it(`reads a tetrahedron stored as ${encoding}`, () => {
      expectTetra(giftiBytes(tetraDoc(encoding)));
      // The encoding the file used, for those who describe it (brain-atlas inspect).
      const stored = encoding === 'GZipBase64Binary-gzip' ? 'GZipBase64Binary' : encoding;
      expect(readGifti(giftiBytes(tetraDoc(encoding)), FILE).arrays.map((a) => a.encoding)).toEqual([stored, stored]);
    });
    if (encoding !== 'ASCII') {
      it(`reads a big-endian tetrahedron stored as ${encoding}`, () => {
        const bytes = giftiBytes(tetraDoc(encoding, { bigEndian: true }));
        expect(new TextDecoder().decode(bytes)).toContain('Endian="BigEndian"');
        expectTetra(bytes);
      });
    }
    it(`transposes a column-major tetrahedron stored as ${encoding}`, () => {
      const bytes = giftiBytes(tetraDoc(encoding, { columnMajor: true, bigEndian: encoding !== 'ASCII' }));
      expect(new TextDecoder().decode(bytes)).toContain('ArrayIndexingOrder="ColumnMajorOrder"');
      expectTetra(bytes);
    });
  }

  it('really stores column-major data transposed (the first column first)', () => {
    const xml = giftiXml(tetraDoc('ASCII', { columnMajor: true }));
    expect(xml).toContain('<Data>0 1 0 0.5 0 0 1 -2.25 0 0 0 10.125</Data>');
  });

  it('reads a whole-file gzip (.gii.gz) and a gzip-named plain file alike', () => {
    const plain = giftiBytes(tetraDoc('GZipBase64Binary'));
    expectTetra(gzipSync(plain));
    expectTetra(plain);
  });

  it('reads UINT8 and negative INT32 values in every encoding, and 3-D row-major arrays', () => {
    for (const encoding of ['ASCII', 'Base64Binary', 'GZipBase64Binary'] as Encoding[]) {
      const g = read(
        giftiXml({
          arrays: [
            {
              intent: 'NIFTI_INTENT_NONE',
              dataType: 'NIFTI_TYPE_UINT8',
              dims: [5],
              values: [0, 1, 127, 128, 255],
              encoding,
            },
            {
              intent: 'NIFTI_INTENT_LABEL',
              dataType: 'NIFTI_TYPE_INT32',
              dims: [3, 1],
              values: [-7, 0, 2 ** 31 - 1],
              encoding,
            },
            shape([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], { dims: [2, 3, 2], encoding }),
          ],
        }),
      );
      expect(g.arrays[0].data).toBeInstanceOf(Uint8Array);
      expect(Array.from(g.arrays[0].data)).toEqual([0, 1, 127, 128, 255]);
      expect(g.arrays[1].dims).toEqual([3, 1]);
      expect(Array.from(g.arrays[1].data)).toEqual([-7, 0, 2 ** 31 - 1]);
      expect(g.arrays[2].dims).toEqual([2, 3, 2]);
      expect(Array.from(g.arrays[2].data)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    }
  });

  it('reorders a 3-D column-major array into row-major', () => {
    // Element (i, j, k) of a 2×3×2 array is 100i + 10j + k; column-major stores i fastest.
    const dims = [2, 3, 2];
    const rowMajor: number[] = [];
    for (let i = 0; i < 2; i++)
      for (let j = 0; j < 3; j++) for (let k = 0; k < 2; k++) rowMajor.push(100 * i + 10 * j + k);
    const colMajor: number[] = [];
    for (let k = 0; k < 2; k++)
      for (let j = 0; j < 3; j++) for (let i = 0; i < 2; i++) colMajor.push(100 * i + 10 * j + k);
    const g = read(
      giftiXml({
        arrays: [
          {
            ...shape(colMajor, { dims, encoding: 'ASCII' }),
            attrs: { ArrayIndexingOrder: 'ColumnMajorOrder' },
          },
        ],
      }),
    );
    expect(Array.from(g.arrays[0].data)).toEqual(rowMajor);
  });

  it('reads ASCII floats with exponents, nan and inf', () => {
    const g = read(
      giftiXml({ arrays: [shape([], { dims: [5], encoding: 'ASCII', dataText: '\n 1e-3  -2.5E2\tnan inf -inf \n' })] }),
    );
    const d = Array.from(g.arrays[0].data);
    expect(d[0]).toBeCloseTo(0.001, 9);
    expect(d.slice(1)).toEqual([-250, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]);
  });

  it('accepts base64 with line breaks and without padding', () => {
    const raw = rawBytes([1.5, -2, 3.25, 4, 5], 'NIFTI_TYPE_FLOAT32');
    const text = b64(raw).replace(/=+$/, '');
    const wrapped = text.replace(/(.{8})/g, '$1\n      ');
    const g = read(giftiXml({ arrays: [shape([], { dims: [5], encoding: 'Base64Binary', dataText: wrapped })] }));
    expect(Array.from(g.arrays[0].data)).toEqual([1.5, -2, 3.25, 4, 5]);
  });

  it('trusts the arrays when NumberOfDataArrays is absent, and defaults a missing Intent, Endian and order', () => {
    const g = read(
      giftiXml({
        declared: null,
        arrays: [
          shape([9, 8], { attrs: { Intent: null, Endian: null, ArrayIndexingOrder: null, Dimensionality: null } }),
        ],
      }),
    );
    expect(g.arrays[0].intent).toBe('NIFTI_INTENT_NONE');
    expect(g.arrays[0].dims).toEqual([2]);
    expect(Array.from(g.arrays[0].data)).toEqual([9, 8]);
  });
});

describe('readGifti: metadata and label table', () => {
  it('reads file and array metadata (CDATA, entities, plain text)', () => {
    const xml = giftiXml({
      meta: { UserName: 'root', Date: 'Sun Nov 18 23:12:11 2018' },
      arrays: [shape([1], { meta: { Name: 'lh.sulc', Note: 'a < b & c' } })],
    }).replace('<MetaData/>', '<MetaData/>');
    const g = read(xml.replace('</MetaData>', '<MD><Name>Plain</Name><Value> x &amp; y </Value></MD></MetaData>'));
    expect(g.meta).toEqual({ UserName: 'root', Date: 'Sun Nov 18 23:12:11 2018', Plain: 'x & y' });
    expect(g.arrays[0].meta).toEqual({ Name: 'lh.sulc', Note: 'a < b & c' });
  });

  it('reads labels: keys, CDATA names, colours, default colour attributes', () => {
    const labels = [
      '    <Label Key="0" Red="0.00392157" Green="0.00392157" Blue="0.00392157" Alpha="1"><![CDATA[???]]></Label>',
      '    <Label Key="1" Red="0.470588" Green="0.0705882" Blue="0.52549" Alpha="1"><![CDATA[7Networks_1]]></Label>',
      '    <Label Key="7" Green="0.5"><![CDATA[Default & <colour>]]></Label>',
      '    <Label Index="-3" Red="1" Green="0" Blue="0" Alpha="0.25">  Old style  </Label>',
    ].join('\n');
    const g = read(giftiXml({ labels, arrays: [] }));
    expect(g.arrays).toEqual([]);
    expect(g.labels).toEqual([
      { key: 0, name: '???', rgba: [0.00392157, 0.00392157, 0.00392157, 1] },
      { key: 1, name: '7Networks_1', rgba: [0.470588, 0.0705882, 0.52549, 1] },
      { key: 7, name: 'Default & <colour>', rgba: [0, 0.5, 0, 1] },
      { key: -3, name: 'Old style', rgba: [1, 0, 0, 0.25] },
    ]);
  });

  it('gives an empty label table for <LabelTable/> and for none at all', () => {
    expect(read(giftiXml({ arrays: [shape([1])] })).labels).toEqual([]);
    expect(read(giftiXml({ arrays: [shape([1])] }).replace('  <LabelTable/>\n', '')).labels).toEqual([]);
  });
});

describe('readGifti: errors name the file and say what is wrong', () => {
  it('refuses what is not GIFTI XML', () => {
    expectError(() => read('hello world'), 'corrupt', /not GIFTI XML/);
    expectError(() => read(new Uint8Array([0x5c, 1, 0, 0, 3, 0, 0, 0])), 'corrupt', /not GIFTI XML/);
    expectError(
      () => read('<?xml version="1.0"?>\n<atlas><data/></atlas>'),
      'corrupt',
      /root element is <atlas>, not <GIFTI>/,
    );
    expectError(() => read('<?xml version="1.0"?>'), 'corrupt', /no element/);
    expectError(() => read(new Uint8Array(0)), 'truncated', /empty/);
  });

  it('refuses a file cut off before </GIFTI>', () => {
    const xml = giftiXml(tetraDoc('GZipBase64Binary'));
    expectError(() => read(xml.slice(0, Math.floor(xml.length * 0.6))), 'truncated', /before its closing <\/GIFTI>/);
  });

  it('refuses a declared NumberOfDataArrays that differs from the arrays', () => {
    expectError(
      () => read(giftiXml({ ...tetraDoc('ASCII'), declared: 3 })),
      'corrupt',
      /NumberOfDataArrays="3" but the file holds 2 <DataArray> elements/,
    );
    expectError(
      () => read(giftiXml({ ...tetraDoc('ASCII'), declared: 'two' as unknown as number })),
      'corrupt',
      /not a count/,
    );
  });

  it('refuses truncated base64', () => {
    // One character too few leaves half a byte.
    const raw = b64(rawBytes([1, 2, 3], 'NIFTI_TYPE_FLOAT32')); // 16 characters
    expectError(
      () =>
        read(giftiXml({ arrays: [shape([], { dims: [3], encoding: 'Base64Binary', dataText: raw.slice(0, 13) })] })),
      'truncated',
      /DataArray 1 of 1 \(NIFTI_INTENT_SHAPE, line \d+\): the base64 text ends in the middle of a byte/,
    );
    // Whole groups missing: too few bytes for the dimensions.
    expectError(
      () => read(giftiXml({ arrays: [shape([], { dims: [3], encoding: 'Base64Binary', dataText: raw.slice(0, 8) })] })),
      'truncated',
      /Dim0=3 NIFTI_TYPE_FLOAT32 needs 12 bytes but the data holds 6; the data is cut short/,
    );
    // A compressed payload cut short.
    const z = b64(zlibSync(rawBytes(TETRA_POSITIONS, 'NIFTI_TYPE_FLOAT32')));
    expectError(
      () => read(giftiXml({ arrays: [shape([], { dims: [4, 3], dataText: z.slice(0, z.length - 12) })] })),
      'truncated',
      /zlib stream ends early/,
    );
  });

  it('refuses bad base64', () => {
    expectError(
      () => read(giftiXml({ arrays: [shape([], { dims: [2], encoding: 'Base64Binary', dataText: 'AAAA*AAA' })] })),
      'corrupt',
      /invalid character '\*' at character 5/,
    );
    expectError(
      () => read(giftiXml({ arrays: [shape([], { dims: [1], encoding: 'Base64Binary', dataText: 'AA==AAAA' })] })),
      'corrupt',
      /data after its '=' padding/,
    );
  });

  it('refuses data whose length does not match the dimensions', () => {
    const four = rawBytes([1, 2, 3, 4], 'NIFTI_TYPE_FLOAT32');
    expectError(
      () => read(giftiXml({ arrays: [shape([], { dims: [5], encoding: 'Base64Binary', dataText: b64(four) })] })),
      'truncated',
      /needs 20 bytes but the data holds 16/,
    );
    expectError(
      () => read(giftiXml({ arrays: [shape([], { dims: [3], encoding: 'Base64Binary', dataText: b64(four) })] })),
      'corrupt',
      /needs 12 bytes but the data holds 16; the data is damaged/,
    );
    expectError(
      () => read(giftiXml({ arrays: [shape([], { dims: [2, 2], dataText: b64(zlibSync(four.subarray(0, 12))) })] })),
      'truncated',
      /Dim0=2 × Dim1=2 NIFTI_TYPE_FLOAT32 needs 16 bytes but the decompressed data holds 12/,
    );
    expectError(
      () => read(giftiXml({ arrays: [shape([], { dims: [3], dataText: b64(gzipSync(four)) })] })),
      'corrupt',
      /needs 12 bytes but the decompressed data holds more than 12/,
    );
    expectError(
      () => read(giftiXml({ arrays: [shape([1, 2, 3], { dims: [4], encoding: 'ASCII' })] })),
      'truncated',
      /say 4 values but the ASCII data holds 3/,
    );
    expectError(
      () => read(giftiXml({ arrays: [shape([1, 2, 3], { dims: [2], encoding: 'ASCII' })] })),
      'corrupt',
      /say 2 values but the ASCII data holds 3/,
    );
  });

  it('refuses ASCII values that are not numbers of the type', () => {
    expectError(
      () => read(giftiXml({ arrays: [shape([], { dims: [2], encoding: 'ASCII', dataText: '1 x2' })] })),
      'corrupt',
      /value 2 \("x2"\) is not a number/,
    );
    const ints = (text: string, dataType: string) =>
      read(
        giftiXml({
          arrays: [
            { intent: 'NIFTI_INTENT_LABEL', dataType, dims: [2], values: [], encoding: 'ASCII', dataText: text },
          ],
        }),
      );
    expectError(
      () => ints('1 2.5', 'NIFTI_TYPE_INT32'),
      'corrupt',
      /value 2 \("2.5"\) is not a NIFTI_TYPE_INT32 value/,
    );
    expectError(
      () => ints('1 256', 'NIFTI_TYPE_UINT8'),
      'corrupt',
      /value 2 \("256"\) is not a NIFTI_TYPE_UINT8 value/,
    );
    expectError(() => ints('-1 0', 'NIFTI_TYPE_UINT8'), 'corrupt', /value 1/);
  });

  it('refuses external data files as unsupported', () => {
    const err = expectError(
      () =>
        read(
          giftiXml({
            arrays: [
              shape([], {
                dims: [3],
                dataText: '',
                attrs: { Encoding: 'ExternalFileBinary', ExternalFileName: 'lh.data.bin' },
              }),
            ],
          }),
        ),
      'unsupported',
      /external file \("lh\.data\.bin"\), which is not supported; convert it/,
    );
    expect(err.message).toContain('GZIP_BASE64_BINARY');
  });

  it('refuses data types other than FLOAT32, INT32, UINT8, naming them', () => {
    expectError(
      () => read(giftiXml({ arrays: [shape([1.5, 2], { dataType: 'NIFTI_TYPE_FLOAT64' })] })),
      'unsupported',
      /data type NIFTI_TYPE_FLOAT64 is not supported/,
    );
    expectError(
      () => read(giftiXml({ arrays: [shape([1], { dataType: 'NIFTI_TYPE_BOGUS' })] })),
      'unsupported',
      /unknown data type NIFTI_TYPE_BOGUS/,
    );
    expectError(
      () => read(giftiXml({ arrays: [shape([1], { attrs: { DataType: null } })] })),
      'corrupt',
      /DataType attribute is missing/,
    );
  });

  it('refuses unknown encodings, byte orders and indexing orders', () => {
    expectError(
      () => read(giftiXml({ arrays: [shape([1], { attrs: { Encoding: 'Base32' } })] })),
      'unsupported',
      /encoding "Base32"/,
    );
    expectError(
      () => read(giftiXml({ arrays: [shape([1], { attrs: { Encoding: null } })] })),
      'corrupt',
      /Encoding attribute is missing/,
    );
    expectError(
      () => read(giftiXml({ arrays: [shape([1], { attrs: { Endian: 'Middle' } })] })),
      'corrupt',
      /Endian="Middle"/,
    );
    expectError(
      () => read(giftiXml({ arrays: [shape([1], { attrs: { ArrayIndexingOrder: 'Zigzag' } })] })),
      'corrupt',
      /Zigzag/,
    );
  });

  it('refuses gzip of garbage, outside and inside', () => {
    const garbage = new Uint8Array(200).map((_, i) => (i * 73 + 11) & 0xff);
    const outer = new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, ...garbage]);
    expectError(() => read(outer), 'corrupt', /gzip data is corrupt/);
    expectError(
      () => read(gzipSync(giftiBytes(tetraDoc('ASCII'))).subarray(0, 100)),
      'truncated',
      /gzip stream ends early/,
    );
    expectError(() => read(new Uint8Array([0x1f, 0x8b, 8, 0])), 'truncated', /gzip stream ends early at byte 4/);
    const inner = (bytes: Uint8Array) => read(giftiXml({ arrays: [shape([], { dims: [4], dataText: b64(bytes) })] }));
    expectError(() => inner(outer), 'corrupt', /the gzip data is corrupt/);
    expectError(() => inner(new Uint8Array([0x78, 0x9c, ...garbage])), 'corrupt', /the zlib data is corrupt/);
    expectError(() => inner(garbage), 'corrupt', /neither a zlib nor a gzip stream/);
  });

  it('refuses a missing <Data> element', () => {
    const xml = giftiXml({ arrays: [shape([1, 2])] }).replace(/<Data>.*<\/Data>/, '');
    expectError(() => read(xml), 'corrupt', /<Data> element is missing/);
  });

  it('refuses missing and absurd dimensions', () => {
    expectError(
      () => read(giftiXml({ arrays: [shape([1], { attrs: { Dim0: null, Dimensionality: null } })] })),
      'corrupt',
      /Dim0 attribute is missing/,
    );
    expectError(
      () => read(giftiXml({ arrays: [shape([1], { attrs: { Dim0: null } })] })),
      'corrupt',
      /Dim0 attribute is missing/,
    );
    expectError(
      () => read(giftiXml({ arrays: [shape([1], { attrs: { Dimensionality: '2' } })] })),
      'corrupt',
      /Dimensionality="2" but the Dim1 attribute is missing/,
    );
    expectError(
      () => read(giftiXml({ arrays: [shape([1], { attrs: { Dimensionality: '9' } })] })),
      'corrupt',
      /Dimensionality="9" is absurd/,
    );
    expectError(
      () => read(giftiXml({ arrays: [shape([1], { attrs: { Dim0: '-3' } })] })),
      'corrupt',
      /Dim0="-3" is absurd/,
    );
    expectError(
      () => read(giftiXml({ arrays: [shape([1], { attrs: { Dim0: '1.5' } })] })),
      'corrupt',
      /Dim0="1.5" is absurd/,
    );
    expectError(
      () => read(giftiXml({ arrays: [shape([1], { attrs: { Dim0: '99999999999' } })] })),
      'corrupt',
      /absurd/,
    );
    expectError(
      () => read(giftiXml({ arrays: [shape([1], { dims: [100000, 100000] })] })),
      'corrupt',
      /dimensions 100000×100000 are absurd/,
    );
  });

  it('refuses more than maxBytes', () => {
    expectError(
      () => read(giftiXml({ arrays: [shape([1], { dims: [1_000_000, 3] })] }), 1024 * 1024),
      'too-large',
      /need 11 MiB, which would pass the 1\.0 MiB memory still allowed/,
    );
    // Two arrays of 600 KiB each: the second passes what the first left.
    const big = new Array(150 * 1024).fill(0);
    expectError(
      () => read(giftiXml({ arrays: [shape(big), shape(big)] }), 1024 * 1024),
      'too-large',
      /DataArray 2 of 2/,
    );
    const xml = giftiBytes({ arrays: [shape(big, { encoding: 'ASCII' })] });
    expectError(() => read(xml, 100_000), 'too-large', /the file is .* over the 0\.1 MiB memory limit/);
    expectError(() => read(gzipSync(xml), 100_000), 'too-large', /decompresses to more than the 0\.1 MiB memory limit/);
    expect(read(gzipSync(xml), 2 * 1024 * 1024).arrays[0].data.length).toBe(150 * 1024);
  });

  it('refuses bad label tables', () => {
    const one = (label: string) => read(giftiXml({ labels: label, arrays: [] }));
    expectError(() => one('<Label Red="1">x</Label>'), 'corrupt', /has no Key attribute/);
    expectError(() => one('<Label Key="1.5">x</Label>'), 'corrupt', /Key="1\.5"/);
    expectError(() => one('<Label Key="1" Red="pink">x</Label>'), 'corrupt', /Red="pink", which is not a number/);
    expectError(() => one('<Label Key="1">x</Label><Label Key="1">y</Label>'), 'corrupt', /label key 1 appears twice/);
  });
});

describe('looksLikeGifti', () => {
  const text = (t: string) => new TextEncoder().encode(t);
  it('knows GIFTI by its name or by an XML start with a <GIFTI> element, and nothing else', () => {
    const doc = giftiBytes(tetraDoc('ASCII'));
    expect(looksLikeGifti(doc, 'surface.xml')).toBe(true);
    expect(looksLikeGifti(text(`\uFEFF  \n${new TextDecoder().decode(doc)}`), 'x')).toBe(true);
    expect(looksLikeGifti(text('<GIFTI Version="1.0">'), 'x')).toBe(true);
    expect(looksLikeGifti(gzipSync(doc), 'lh.func.gii.gz')).toBe(true);
    expect(looksLikeGifti(new Uint8Array(0), 'rh.thickness.GII')).toBe(true);
    // An FSL atlas's XML, a NIfTI header, a gzip stream under another name, a name with .gii inside.
    expect(looksLikeGifti(text('<?xml version="1.0"?>\n<atlas><header/></atlas>'), 'HarvardOxford.xml')).toBe(false);
    expect(looksLikeGifti(Uint8Array.of(92, 1, 0, 0), 'map.nii')).toBe(false);
    expect(looksLikeGifti(gzipSync(doc), 'map.nii.gz')).toBe(false);
    expect(looksLikeGifti(text('x'), 'lh.gii.nii')).toBe(false);
  });
});
