import { describe, expect, it } from 'vitest';
import { applyAffine } from '../../../../../core/affine';
import { AtlasError } from '../../../../../core/errors';
import { parseNiftiHeader } from '../../../../../core/io/nifti/header';
import { writeNifti } from '../../../../helpers/nifti-writer';

const LAS_2MM = [-2, 0, 0, 90, 0, 2, 0, -126, 0, 0, 2, -72];
const zeros = (n: number) => new Array(n).fill(0);

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

/** Byte offsets of the fields the tests poke, per version. */
const AT = {
  1: { dim: 40, intent: 68, xyzt: 123, calMax: 124, description: 148, intentName: 328, ext: 348 },
  2: { dim: 16, intent: 504, xyzt: 500, calMax: 192, description: 240, intentName: 508, ext: 540 },
} as const;

describe('parseNiftiHeader', () => {
  for (const version of [1, 2] as const) {
    for (const bigEndian of [false, true]) {
      const le = !bigEndian;
      it(`reads the NIfTI-${version} fields, ${bigEndian ? 'big' : 'little'}-endian`, () => {
        const bytes = writeNifti({
          dims: [3, 2, 2, 4],
          data: zeros(48),
          dtype: 'int16',
          version,
          bigEndian,
          affine: LAS_2MM,
          slope: 0.5,
          inter: -3,
          description: 'AAL3 test',
        });
        const dv = new DataView(bytes.buffer);
        const at = AT[version];
        if (version === 1) {
          dv.setInt16(at.intent, 1007, le);
          dv.setFloat32(at.calMax, 170, le);
        } else {
          dv.setInt32(at.intent, 1007, le);
          dv.setFloat64(at.calMax, 170, le);
          dv.setInt32(at.xyzt, 10, le);
        }
        if (version === 1) bytes[at.xyzt] = 10;
        bytes.set(
          [...'labels'].map((c) => c.charCodeAt(0)),
          at.intentName,
        );
        const h = parseNiftiHeader(bytes, 't.nii');
        expect(h.version).toBe(version);
        expect(h.littleEndian).toBe(le);
        expect(h.headerBytes).toBe(version === 1 ? 348 : 540);
        expect(h.dims).toEqual([3, 2, 2, 4]);
        expect(h.pixdim).toEqual([2, 2, 2, 1]);
        expect(h.datatype).toBe('int16');
        expect(h.datatypeCode).toBe(4);
        expect(h.bytesPerVoxel).toBe(2);
        expect(h.voxOffset).toBe(version === 1 ? 352 : 544);
        expect([h.sclSlope, h.sclInter]).toEqual([0.5, -3]);
        expect(h.intentCode).toBe(1007);
        expect(h.intentName).toBe('labels');
        expect(h.xyztUnits).toBe(10);
        expect(h.calMax).toBe(170);
        expect(h.description).toBe('AAL3 test');
        expect(h.magic).toBe(version === 1 ? 'n+1' : 'n+2');
        expect([h.sformCode, h.qformCode]).toEqual([2, 0]);
        expect(h.affineSource).toBe('sform');
        expect(Array.from(h.affine)).toEqual([...LAS_2MM, 0, 0, 0, 1]);
        expect(h.qform).toBeNull();
      });

      it(`computes the NIfTI-${version} qform (not only the NIfTI-1 one), ${bigEndian ? 'big' : 'little'}-endian`, () => {
        const bytes = writeNifti({
          dims: [2, 2, 2],
          data: zeros(8),
          version,
          bigEndian,
          sformCode: 0,
          qformCode: 1,
          quatern: [0, 1, 0, 5, 6, 7],
          pixdim: [2, 3, 4],
          qfac: -1,
        });
        const h = parseNiftiHeader(bytes);
        expect(h.affineSource).toBe('qform');
        expect(h.sform).toBeNull();
        const [x, y, z] = applyAffine(h.affine, 1, 1, 1);
        expect(x).toBeCloseTo(3);
        expect(y).toBeCloseTo(9);
        expect(z).toBeCloseTo(11);
      });
    }

    it(`keeps the NIfTI-${version} sform rows and the qform when qform_code > sform_code > 0`, () => {
      const h = parseNiftiHeader(
        writeNifti({
          dims: [2, 2, 2],
          data: zeros(8),
          version,
          affine: LAS_2MM,
          sformCode: 1,
          qformCode: 4,
          quatern: [0, 0, 0, 10, 20, 30],
          pixdim: [3, 3, 3],
        }),
      );
      expect(h.affineSource).toBe('sform');
      expect(Array.from(h.sform ?? [])).toEqual([...LAS_2MM, 0, 0, 0, 1]);
      expect(Array.from(h.qform ?? [])).toEqual([3, 0, 0, 10, 0, 3, 0, 20, 0, 0, 3, 30, 0, 0, 0, 1]);
    });

    it(`ends NIfTI-${version} strings at the first NUL`, () => {
      const bytes = writeNifti({ dims: [2, 2, 2], data: zeros(8), version, description: 'FSL\0junk after NUL' });
      expect(parseNiftiHeader(bytes).description).toBe('FSL');
    });

    it(`reads a NIfTI-${version} header whose extensions lie past the bytes it is given`, () => {
      const bytes = writeNifti({ dims: [2, 2, 2], data: zeros(8), version });
      const dv = new DataView(bytes.buffer);
      bytes[AT[version].ext] = 1; // extension flag set...
      if (version === 1) dv.setFloat32(108, 1024, true);
      else dv.setBigInt64(168, 1024n, true); // ...and the extensions run to byte 1024
      const h = parseNiftiHeader(bytes.slice(0, 544));
      expect(h.voxOffset).toBe(1024);
      expect(h.dims).toEqual([2, 2, 2]);
    });
  }

  it('reads a NIfTI-2 header with the extension flag set but no extension', () => {
    const bytes = writeNifti({ dims: [2, 2, 2], data: zeros(8), version: 2 });
    bytes[540] = 1;
    expect(parseNiftiHeader(bytes).dims).toEqual([2, 2, 2]);
  });

  it('reads NIfTI-2 64-bit dimensions exactly, in both byte orders', () => {
    for (const le of [true, false]) {
      const bytes = writeNifti({ dims: [2, 2, 2], data: zeros(8), version: 2, bigEndian: !le });
      const dv = new DataView(bytes.buffer);
      dv.setBigInt64(AT[2].dim + 16, 3_000_000_000n, le); // dim[2]: low word >= 2^31
      expect(parseNiftiHeader(bytes).dims).toEqual([2, 3_000_000_000, 2]);
      dv.setBigInt64(AT[2].dim + 8, -1n, le);
      expectError(() => parseNiftiHeader(bytes, 'n2.nii'), 'corrupt', /^n2\.nii: header dim\[1\] is -1;/);
      dv.setBigInt64(AT[2].dim + 8, 2n ** 53n + 1n, le);
      expectError(() => parseNiftiHeader(bytes), 'corrupt', /header dim\[1\] is out of range \(past 2\^53\);/);
    }
  });

  it('normalises a quaternion longer than 1, as nifti1_io does', () => {
    const h = parseNiftiHeader(
      writeNifti({ dims: [2, 2, 2], data: zeros(8), sformCode: 0, qformCode: 1, quatern: [0, 2, 0, 0, 0, 0] }),
    );
    expect(h.affineSource).toBe('qform');
    expect(Array.from(h.affine.slice(0, 12)).map((v) => v + 0)).toEqual([-1, 0, 0, 0, 0, 1, 0, 0, 0, 0, -1, 0]);
  });

  it('refuses headers that are not NIfTI, cut short, or with bad dimensions', () => {
    expectError(() => parseNiftiHeader(new Uint8Array(2), 'a.nii'), 'truncated', /only 2 bytes long/);
    expectError(() => parseNiftiHeader(new Uint8Array(400), 'a.nii'), 'corrupt', /^a\.nii: not a NIfTI file/);
    const v2 = writeNifti({ dims: [2, 2, 2], data: zeros(8), version: 2 });
    expectError(() => parseNiftiHeader(v2.subarray(0, 500)), 'truncated', /inside its 540-byte NIfTI header/);
    const v1 = writeNifti({ dims: [2, 2, 2], data: zeros(8) });
    new DataView(v1.buffer).setInt16(40, 9, true);
    expectError(() => parseNiftiHeader(v1), 'corrupt', /header dim\[0\] is 9; it must be between 1 and 7/);
  });

  it('falls back to 1 mm voxels when the voxel sizes give no volume or overflow, and skips such transforms', () => {
    const tiny = writeNifti({ dims: [2, 2, 2], data: Array(8).fill(0), sformCode: 0, pixdim: [1e-30, 1e-30, 1e-30] });
    const h = parseNiftiHeader(tiny);
    expect(h.affineSource).toBe('pixdim');
    expect(Array.from(h.affine)).toEqual([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]);
    // An sform whose voxel volume overflows (1e300 mm a side) is not used; the qform is.
    const huge = writeNifti({
      dims: [2, 2, 2],
      data: Array(8).fill(0),
      version: 2,
      affine: [1e300, 0, 0, 0, 0, 1e300, 0, 0, 0, 0, 1e300, 0],
      qformCode: 1,
      quatern: [0, 0, 0, 5, 6, 7],
      pixdim: [2, 2, 2],
    });
    const q = parseNiftiHeader(huge);
    expect(q.affineSource).toBe('qform');
    expect(applyAffine(q.affine, 1, 1, 1)).toEqual([7, 8, 9]);
  });
});
