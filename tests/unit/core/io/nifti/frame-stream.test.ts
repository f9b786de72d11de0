import { describe, expect, it } from 'vitest';
import { gzipSync } from 'fflate';
import { AtlasError } from '../../../../../core/errors';
import { decodeNifti } from '../../../../../core/io/nifti/decode';
import { FrameCollector, decodeNiftiFrame } from '../../../../../core/io/nifti/frame-stream';
import { writeNifti } from '../../../../helpers/nifti-writer';

const FRAMES = 6;
const VOXELS = 8 * 7 * 5;
const raw = writeNifti({
  dims: [8, 7, 5, FRAMES],
  data: Array.from({ length: VOXELS * FRAMES }, (_, i) => ((i * 7919) % 1009) - 500),
  dtype: 'int16',
});
const gz = gzipSync(raw);
const frameOf = (f: number) => Array.from(decodeNifti(raw, { frame: f }).data);

/** The gzip file with one bit of its stored CRC-32 flipped: every voxel intact, the trailer wrong. */
function badCrc(): Uint8Array {
  const b = gz.slice();
  b[b.length - 8] ^= 0x01;
  return b;
}

function expectDamaged(fn: () => unknown): void {
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(AtlasError);
  expect((error as AtlasError).code).toBe('corrupt');
  expect((error as AtlasError).message).toMatch(
    /^b\.nii\.gz: gzip data is damaged: its CRC-32 checksum does not match \(stored 0x[0-9a-f]{8}, computed 0x[0-9a-f]{8}\); a bad download, copy or disk\?$/,
  );
}

describe('decodeNiftiFrame checks the gzip trailer when it reads to the end', () => {
  it('reads an intact file as the whole-file decoder does, and refuses a damaged trailer when the read reaches it', () => {
    for (let f = 0; f < FRAMES; f++) {
      expect(Array.from(decodeNiftiFrame(gz, { frame: f }).data), `frame ${f}`).toEqual(frameOf(f));
      expect(Array.from(decodeNiftiFrame(gz, { frame: f, verifyLength: true }).data)).toEqual(frameOf(f));
    }
    // The last frame, or any frame with verifyLength, reads to the end.
    expectDamaged(() => decodeNiftiFrame(badCrc(), { frame: FRAMES - 1, fileName: 'b.nii.gz' }));
    expectDamaged(() => decodeNiftiFrame(badCrc(), { frame: 0, fileName: 'b.nii.gz', verifyLength: true }));
  });

  it('reads an early frame of a large file without the trailer (it stops there, so the trailer goes unchecked)', () => {
    // Noise, so that the compressed file is well over the 256 KiB pushed at a time and the read stops early.
    let seed = 1;
    const noise = Array.from({ length: 64 * 64 * 16 * 4 }, () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 16) - 32768;
    });
    const big = writeNifti({ dims: [64, 64, 16, 4], data: noise, dtype: 'int16' });
    const bigGz = gzipSync(big);
    expect(bigGz.length).toBeGreaterThan(512 * 1024);
    bigGz[bigGz.length - 8] ^= 0x01;
    const img = decodeNiftiFrame(bigGz, { frame: 0, fileName: 'b.nii.gz' });
    expect(Array.from(img.data)).toEqual(Array.from(decodeNifti(big, { frame: 0 }).data));
    expect(() => decodeNiftiFrame(bigGz, { frame: 3, fileName: 'b.nii.gz' })).toThrow(/CRC-32 checksum does not match/);
  });

  it('refuses a trailer cut short and a damaged member of a multi-member file', () => {
    expect(() => decodeNiftiFrame(gz.subarray(0, gz.length - 4), { frame: FRAMES - 1, fileName: 'b.nii.gz' })).toThrow(
      /^b\.nii\.gz: gzip data is damaged: neither its CRC-32 checksum nor its length matches/,
    );
    const first = gzipSync(raw.subarray(0, 3000));
    const second = gzipSync(raw.subarray(3000));
    first[first.length - 5] ^= 0x80; // the CRC-32's last byte
    const joined = new Uint8Array(first.length + second.length);
    joined.set(first);
    joined.set(second, first.length);
    expect(() => decodeNiftiFrame(joined, { frame: FRAMES - 1, fileName: 'b.nii.gz' })).toThrow(
      /^b\.nii\.gz: gzip data is damaged \(gzip member 1\): its CRC-32 checksum does not match/,
    );
  });
});

describe('FrameCollector', () => {
  it('asks for the rest of a stream that ends where the header says (only the trailer can follow)', () => {
    // decodeNiftiFrame then reads the trailer and checks it (Node's zlib stream checks it before the last bytes come).
    const exact = new FrameCollector({ frame: FRAMES - 1, verifyLength: true });
    expect(exact.push(raw)).toBe(false);
    expect(Array.from(exact.finish().data)).toEqual(frameOf(FRAMES - 1));
    // A few bytes more (a damaged stream's tail): still wanted; over 1 MiB more, or a frame before the end: done.
    const longer = new FrameCollector({ frame: FRAMES - 1, verifyLength: true });
    expect(longer.push(new Uint8Array([...raw, 0]))).toBe(false);
    expect(longer.push(new Uint8Array(1024 * 1024))).toBe(true);
    expect(new FrameCollector({ frame: 0 }).push(raw.subarray(0, 352 + 2 * VOXELS))).toBe(true);
  });
});
