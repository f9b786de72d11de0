import { describe, expect, it } from 'vitest';
import { Gunzip, gzipSync } from 'fflate';
import { applyAffine, orientationCodes } from '../../../../../core/affine';
import { AtlasError } from '../../../../../core/errors';
import { concatBytes } from '../../../../../core/io/bytes';
import { decodeNifti } from '../../../../../core/io/nifti/decode';
import { parseNiftiHeader } from '../../../../../core/io/nifti/header';
import { type Dtype, writeNifti } from '../../../../helpers/nifti-writer';

const LAS_2MM = [-2, 0, 0, 90, 0, 2, 0, -126, 0, 0, 2, -72];

function expectError(fn: () => unknown, code: string, pattern: RegExp): void {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AtlasError);
    expect((e as AtlasError).code).toBe(code);
    expect((e as AtlasError).message).toMatch(pattern);
    return;
  }
  throw new Error('expected an error');
}

describe('decodeNifti', () => {
  const values = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
  for (const dtype of [
    'uint8',
    'int8',
    'int16',
    'uint16',
    'int32',
    'uint32',
    'float32',
    'float64',
    'int64',
  ] as Dtype[]) {
    for (const version of [1, 2] as const) {
      it(`reads ${dtype} NIfTI-${version}, both byte orders, plain and gzipped`, () => {
        for (const bigEndian of [false, true]) {
          for (const gzip of [false, true]) {
            const bytes = writeNifti({
              dims: [3, 2, 2],
              data: values,
              dtype,
              version,
              bigEndian,
              gzip,
              affine: LAS_2MM,
            });
            const img = decodeNifti(bytes, { fileName: 't.nii' });
            expect(img.header.version).toBe(version);
            expect(img.header.datatype).toBe(dtype);
            expect(img.dims).toEqual([3, 2, 2]);
            expect(Array.from(img.data)).toEqual(values);
          }
        }
      });
    }
  }

  it('uses the sform when sform_code > 0, even when the qform code is higher', () => {
    const bytes = writeNifti({
      dims: [2, 2, 2],
      data: new Array(8).fill(0),
      affine: LAS_2MM,
      sformCode: 2,
      qformCode: 4,
      quatern: [0, 0, 0, 10, 20, 30],
      pixdim: [3, 3, 3],
    });
    const h = parseNiftiHeader(bytes);
    expect(h.affineSource).toBe('sform');
    expect(applyAffine(h.affine, 0, 0, 0)).toEqual([90, -126, -72]);
    expect(applyAffine(h.affine, 1, 1, 1)).toEqual([88, -124, -70]);
  });

  it('falls back to the qform (with qfac) when sform_code is 0', () => {
    // Quaternion for a 180° rotation about y: b = 0, c = 1, d = 0 -> x and z flipped; qfac -1 flips k again.
    const bytes = writeNifti({
      dims: [2, 2, 2],
      data: new Array(8).fill(0),
      sformCode: 0,
      qformCode: 1,
      quatern: [0, 1, 0, 5, 6, 7],
      pixdim: [2, 3, 4],
      qfac: -1,
    });
    const h = parseNiftiHeader(bytes);
    expect(h.affineSource).toBe('qform');
    const [x, y, z] = applyAffine(h.affine, 1, 1, 1);
    expect(x).toBeCloseTo(5 - 2);
    expect(y).toBeCloseTo(6 + 3);
    expect(z).toBeCloseTo(7 + 4); // -(-4): rotation flips z, qfac flips it back
    expect(orientationCodes(h.affine)).toBe('LAS');
  });

  it('uses pixdim scaling when neither transform is set', () => {
    const bytes = writeNifti({
      dims: [2, 2, 2],
      data: new Array(8).fill(0),
      sformCode: 0,
      qformCode: 0,
      pixdim: [2, 2, 3],
    });
    const h = parseNiftiHeader(bytes);
    expect(h.affineSource).toBe('pixdim');
    expect(applyAffine(h.affine, 1, 1, 1)).toEqual([2, 2, 3]);
  });

  it('reads the NIfTI-2 sform in double precision', () => {
    const aff = [-0.7, 0, 0, 90.123456789, 0, 0.7, 0, -126, 0, 0, 0.7, -72];
    const h = parseNiftiHeader(writeNifti({ dims: [2, 2, 2], data: new Array(8).fill(0), version: 2, affine: aff }));
    expect(h.affine[3]).toBe(90.123456789);
  });

  it('reads only the chosen frame of a 4D file', () => {
    const data = Array.from({ length: 2 * 2 * 2 * 3 }, (_, i) => i);
    const img = decodeNifti(writeNifti({ dims: [2, 2, 2, 3], data, dtype: 'int16' }), { frame: 2 });
    expect(img.totalFrames).toBe(3);
    expect(img.frames).toBe(1);
    expect(Array.from(img.data)).toEqual(data.slice(16, 24));
    expectError(
      () => decodeNifti(writeNifti({ dims: [2, 2, 2, 3], data, dtype: 'int16' }), { frame: 3 }),
      'invalid-argument',
      /frame 3 does not exist.*3 frames/,
    );
  });

  it('says which frames a file has when the one asked for is not there', () => {
    const message = (dims: number[], frame: number) => {
      const n = dims.reduce((a, b) => a * b, 1);
      try {
        decodeNifti(writeNifti({ dims, data: new Array(n).fill(0), dtype: 'int16' }), { frame, fileName: 'z.nii' });
      } catch (e) {
        return (e as AtlasError).message;
      }
      return 'no error';
    };
    expect(message([2, 2, 2], 1)).toBe('z.nii: frame 1 does not exist; the file has 1 frame (frame 0 only)');
    expect(message([2, 2, 2, 3], 3)).toBe('z.nii: frame 3 does not exist; the file has 3 frames (0–2)');
  });

  it('refuses a truncated gzip stream with the byte where it ends', () => {
    const gz = writeNifti({ dims: [20, 20, 20], data: Array.from({ length: 8000 }, (_, i) => i % 251), gzip: true });
    const cut = gz.subarray(0, Math.floor(gz.length * 0.6));
    expectError(
      () => decodeNifti(cut, { fileName: 'AAL3v1.nii.gz' }),
      'truncated',
      /^AAL3v1\.nii\.gz: gzip stream ends early at byte [\d ]+/,
    );
  });

  it('reads a plain file named .nii.gz, with a warning', () => {
    const img = decodeNifti(writeNifti({ dims: [2, 1, 1], data: [3, 4] }), { fileName: 'x.nii.gz' });
    expect(Array.from(img.data)).toEqual([3, 4]);
    expect(img.warnings.join()).toMatch(/not compressed/);
  });

  it('refuses random bytes, gzipped random bytes and empty files', () => {
    const junk = new Uint8Array(1000).map((_, i) => (i * 7919) % 256);
    expectError(() => decodeNifti(junk, { fileName: 'r.nii' }), 'corrupt', /not a NIfTI file/);
    expectError(() => decodeNifti(gzipSync(junk), { fileName: 'r.nii.gz' }), 'corrupt', /not a NIfTI file/);
    expectError(() => decodeNifti(new Uint8Array(0), { fileName: 'e.nii' }), 'truncated', /empty/);
    expectError(
      () => decodeNifti(new Uint8Array([0x1f, 0x8b, 8, 0, 1, 2, 3]), { fileName: 'g.nii.gz' }),
      'truncated',
      /gzip stream ends early/,
    );
  });

  it('refuses a header whose dimensions exceed the data', () => {
    const full = writeNifti({ dims: [10, 10, 10], data: new Array(1000).fill(1), dtype: 'float32' });
    expectError(() => decodeNifti(full.subarray(0, 352 + 2000)), 'truncated', /10×10×10 float32 .* holds only 2 000/);
    expectError(
      () => decodeNifti(gzipSync(full.subarray(0, 352 + 2000)), { fileName: 'f.nii.gz' }),
      'truncated',
      /decompressed file holds only 2 000/,
    );
  });

  it('refuses dimensions over the memory ceiling before allocating', () => {
    const bytes = writeNifti({ dims: [2, 2, 2], data: new Array(8).fill(0), dtype: 'float32' });
    new DataView(bytes.buffer).setInt16(42, 30000, true); // dim[1] = 30000
    new DataView(bytes.buffer).setInt16(44, 30000, true);
    new DataView(bytes.buffer).setInt16(46, 30000, true);
    expectError(
      () => decodeNifti(gzipSync(bytes), { fileName: 'big.nii.gz' }),
      'too-large',
      /30000×30000×30000 float32 .* over the 2\.0 GiB memory limit/,
    );
  });

  it('refuses an empty volume and unsupported datatypes', () => {
    const bytes = writeNifti({ dims: [2, 2, 2], data: new Array(8).fill(0) });
    const dv = new DataView(bytes.buffer);
    dv.setInt16(44, 0, true);
    expectError(() => decodeNifti(bytes), 'invalid-argument', /empty \(dimensions 2×0×2\)/);
    const rgb = writeNifti({ dims: [2, 2, 2], data: new Array(8).fill(0) });
    new DataView(rgb.buffer).setInt16(70, 128, true);
    expectError(() => decodeNifti(rgb, { fileName: 'c.nii' }), 'unsupported', /RGB24/);
  });

  it('refuses a header cut short', () => {
    const bytes = writeNifti({ dims: [2, 2, 2], data: new Array(8).fill(0) });
    expectError(
      () => decodeNifti(bytes.subarray(0, 200), { fileName: 'h.nii' }),
      'truncated',
      /inside its 348-byte NIfTI header/,
    );
  });

  it('inflates only what the header needs: a damaged size trailer or a longer stream allocates no more', () => {
    const data = Array.from({ length: 24 }, (_, i) => i % 5);
    const gz = writeNifti({ dims: [2, 3, 4], data, gzip: true });
    // ISIZE (the last 4 bytes) claims 4 GiB: fflate's gunzipSync would allocate that much. Here the image is
    // inflated into what the header says, then the trailer is found not to match.
    gz.set([0xff, 0xff, 0xff, 0xff], gz.length - 4);
    expectError(() => decodeNifti(gz, { fileName: 'x.nii.gz' }), 'corrupt', /says 4 294 967 295 bytes/);
    // A stream 4 MiB longer than the header says: the first 376 bytes are the image; the trailer, more than
    // checkedTail (1 MiB) past them, goes unread and unchecked (as a bomb stops there).
    const raw = writeNifti({ dims: [2, 3, 4], data });
    const long = new Uint8Array(raw.length + 4 * 1024 * 1024);
    long.set(raw);
    const longGz = gzipSync(long);
    longGz[longGz.length - 8] ^= 0x01;
    expect(decodeNifti(longGz, { fileName: 'y.nii.gz' }).data.buffer.byteLength).toBe(376);
    // A few bytes longer, as a damaged stream often inflates: read to the end, and its trailer checked.
    const near = gzipSync(new Uint8Array([...raw, 1, 2, 3]));
    expect(decodeNifti(near, { fileName: 'y.nii.gz' }).data.buffer.byteLength).toBe(376);
    near[near.length - 8] ^= 0x01;
    expectError(() => decodeNifti(near, { fileName: 'y.nii.gz' }), 'corrupt', /CRC-32 checksum does not match/);
  });

  it('tells a given inflater how much it needs, and reads the image itself when it refuses more (RangeError)', () => {
    const gz = writeNifti({ dims: [2, 3, 4], data: Array(24).fill(1), gzip: true });
    const asked: (number | undefined)[] = [];
    const refusing = (_gz: Uint8Array, maxOutput?: number) => {
      asked.push(maxOutput);
      throw new RangeError('Cannot create a Buffer larger than the limit');
    };
    expect(Array.from(decodeNifti(gz, { inflate: refusing }).data)).toEqual(Array(24).fill(1));
    expect(asked.at(-1)).toBe(376); // after the header probe (544 bytes, more than this small file holds)
    // Any other failure is damaged data, reported as such.
    const failing = () => {
      throw new Error('incorrect data check');
    };
    expectError(
      () => decodeNifti(gz, { fileName: 'z.nii.gz', inflate: failing }),
      'corrupt',
      /^z\.nii\.gz: gzip data is corrupt/,
    );
  });
});

/** A small int16 volume whose voxels are not all alike, as raw .nii bytes (352-byte header, then 2 bytes a voxel). */
function volume(): Uint8Array {
  const data = Array.from({ length: 12 * 10 * 8 }, (_, i) => ((i * 7919) % 401) - 200);
  return writeNifti({ dims: [12, 10, 8], data, dtype: 'int16', affine: LAS_2MM });
}

/** What fflate's stream reader alone makes of a gzip file: no trailer check, as the reader had before. */
function gunzipUnchecked(gz: Uint8Array): Uint8Array | undefined {
  const parts: Uint8Array[] = [];
  const stream = new Gunzip((chunk) => parts.push(chunk));
  try {
    stream.push(gz, true);
  } catch {
    return undefined;
  }
  return concatBytes(parts);
}

const bytesOf = (img: { data: ArrayBufferView }) =>
  Array.from(new Uint8Array(img.data.buffer, img.data.byteOffset, img.data.byteLength));

describe('decodeNifti checks the gzip trailer (fflate skips it)', () => {
  const raw = volume();
  const gz = gzipSync(raw);
  const damaged = (edit: (b: Uint8Array) => Uint8Array) => edit(gz.slice());

  it('decodes an intact file bit for bit as the plain file, and refuses a CRC-32 or length that does not match', () => {
    expect(bytesOf(decodeNifti(gz, { fileName: 'a.nii.gz' }))).toEqual(bytesOf(decodeNifti(raw)));
    const crc = damaged((b) => {
      b[b.length - 8] ^= 0x01;
      return b;
    });
    expectError(
      () => decodeNifti(crc, { fileName: 'AAL3v1.nii.gz' }),
      'corrupt',
      /^AAL3v1\.nii\.gz: gzip data is damaged: its CRC-32 checksum does not match \(stored 0x[0-9a-f]{8}, computed 0x[0-9a-f]{8}\); a bad download, copy or disk\?$/,
    );
    const length = damaged((b) => {
      b[b.length - 4] ^= 0x01;
      return b;
    });
    expectError(
      () => decodeNifti(length, { fileName: 'a.nii.gz' }),
      'corrupt',
      /its length does not match \(the trailer says 2 273 bytes, it inflates to 2 272\)/,
    );
  });

  it('refuses a trailer cut short', () => {
    for (const cut of [1, 4, 8]) {
      expect(gunzipUnchecked(gz.subarray(0, gz.length - cut))?.length, `without ${cut}`).toBe(raw.length);
      expectError(
        () => decodeNifti(gz.subarray(0, gz.length - cut), { fileName: 'a.nii.gz' }),
        'corrupt',
        /neither its CRC-32 checksum nor its length matches, so its end is damaged or cut short/,
      );
    }
  });

  it('refuses a flipped bit in the compressed voxels that still inflates to the same length', () => {
    // The first single-bit flip, in order, after which fflate alone inflates the same number of bytes, the same
    // header and other voxels: what used to load silently as other labels.
    let flipped: Uint8Array | undefined;
    search: for (let at = 10; at < gz.length - 8; at++) {
      for (let bit = 0; bit < 8; bit++) {
        const b = gz.slice();
        b[at] ^= 1 << bit;
        const out = gunzipUnchecked(b);
        if (out?.length !== raw.length || out.subarray(0, 352).some((v, i) => v !== raw[i])) continue;
        if (out.every((v, i) => v === raw[i])) continue;
        flipped = b;
        break search;
      }
    }
    expect(flipped).toBeDefined();
    expectError(
      () => decodeNifti(flipped as Uint8Array, { fileName: 'a.nii.gz' }),
      'corrupt',
      /gzip data is damaged: its CRC-32 checksum does not match/,
    );
  });

  it('checks each member of a multi-member gzip file', () => {
    const members = [gzipSync(raw.subarray(0, 1000)), gzipSync(raw.subarray(1000, 1500)), gzipSync(raw.subarray(1500))];
    const joined = (parts: Uint8Array[]) => {
      const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
      parts.reduce((at, p) => (out.set(p, at), at + p.length), 0);
      return out;
    };
    expect(bytesOf(decodeNifti(joined(members), { fileName: 'm.nii.gz' }))).toEqual(bytesOf(decodeNifti(raw)));
    for (const k of [0, 1, 2]) {
      const parts = members.map((m) => m.slice());
      parts[k][parts[k].length - 7] ^= 0x10; // the CRC-32's second byte
      expectError(
        () => decodeNifti(joined(parts), { fileName: 'm.nii.gz' }),
        'corrupt',
        new RegExp(
          `^m\\.nii\\.gz: gzip data is damaged \\(gzip member ${k + 1}\\): its CRC-32 checksum does not match`,
        ),
      );
    }
  });
});
