import { describe, expect, it } from 'vitest';
import { invertAffine, mat4 } from '../../../../core/affine';
import {
  DECODED_HEADER_BYTES,
  type DecodedHeader,
  bytesPerVoxelFor,
  decodeDecodedHeader,
  encodeDecodedLabels,
  labelsInRow,
  runsStart,
} from '../../../../core/atlas/decoded-labels';
import { type LabelArray, type LabelVolume, labelAt, voxelIndexAt } from '../../../../core/atlas/label-volume';

const KEY = 'ab'.repeat(32);
const DIMS: [number, number, number] = [70, 3, 2];
const N = DIMS[0] * DIMS[1] * DIMS[2];

function volume(labels: LabelArray): LabelVolume {
  const affine = mat4([-2, 0, 0, 6, 0, 2, 0, -4, 0, 0, 2, -2, 0, 0, 0, 1]);
  let max = 0;
  for (const v of labels) max = Math.max(max, v);
  return { dims: DIMS, affine, inverse: invertAffine(affine), labels, maxLabel: max, voxelVolume: 8 };
}

/** Every label of an encoded file, row by row through labelsInRow (what the cache reads). */
function decodeAll(bytes: Uint8Array, header: DecodedHeader): number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const start = runsStart(header.dims);
  const [nx, ny, nz] = header.dims;
  const out: number[] = [];
  for (let r = 0; r < ny * nz; r++) {
    const from = view.getUint32(DECODED_HEADER_BYTES + 4 * r, true);
    const to = view.getUint32(DECODED_HEADER_BYTES + 4 * r + 4, true);
    // Every voxel of the row, as the point of its own index.
    const voxels = Int32Array.from({ length: nx }, (_, c) => r * nx + c);
    if (!labelsInRow(bytes, start + from, to - from, header, voxels, voxels, 0, nx, out)) throw new Error(`row ${r}`);
  }
  return out;
}

describe('decoded-label files', () => {
  it('round-trip every label at every width, and find the voxel a point falls in', () => {
    for (const labels of [
      Uint8Array.from({ length: N }, (_, i) => Math.floor(i / 9) % 200),
      Uint16Array.from({ length: N }, (_, i) => (Math.floor(i / 5) * 2741) % 60000),
      Uint32Array.from({ length: N }, (_, i) => (i % 7) * 90001),
      Uint16Array.from({ length: N }, (_, i) => (i % 3 === 0 ? 0 : 17)), // a 16-bit array stored in 8 bits
      new Uint8Array(N), // background only: one run per row
    ] as LabelArray[]) {
      const vol = volume(labels);
      const bytes = encodeDecodedLabels(vol, KEY);
      const header = decodeDecodedHeader(bytes.subarray(0, DECODED_HEADER_BYTES), bytes.length, KEY);
      if (!header) throw new Error('no header');
      expect(header.dims).toEqual(DIMS);
      expect(header.bytesPerVoxel).toBe(bytesPerVoxelFor(vol.maxLabel));
      expect(Array.from(header.affine)).toEqual(Array.from(vol.affine));
      const all = decodeAll(bytes, header);
      expect(all).toEqual(Array.from(labels));
      for (const p of [
        [6, -4, -2],
        [-100, 0, 0],
        [1, 1, 1],
        [-120, 0, 0],
      ] as const) {
        const idx = voxelIndexAt(header, p[0], p[1], p[2]);
        expect(idx < 0 ? 0 : all[idx]).toBe(labelAt(vol, p[0], p[1], p[2]));
      }
    }
  });

  it('splits runs longer than 65535 voxels', () => {
    const long: LabelVolume = {
      ...volume(new Uint8Array(N)),
      dims: [70000, 1, 1],
      labels: new Uint8Array(70000).fill(4),
    };
    long.maxLabel = 4;
    const bytes = encodeDecodedLabels(long, KEY);
    const header = decodeDecodedHeader(bytes.subarray(0, DECODED_HEADER_BYTES), bytes.length, KEY);
    expect(header?.runBytes).toBe(2 * 3);
    const out: number[] = [];
    const at = runsStart([70000, 1, 1]);
    const voxels = Int32Array.from([0, 65535, 69999]); // points 0, 1, 2
    expect(labelsInRow(bytes, at, 6, header as DecodedHeader, voxels, Int32Array.from([0, 1, 2]), 0, 3, out)).toBe(
      true,
    );
    expect(out).toEqual([4, 4, 4]);
  });

  it('refuses a header that is not one, of another version or key, or that does not fit the file size', () => {
    const bytes = encodeDecodedLabels(volume(new Uint8Array(N).fill(3)), KEY);
    const head = bytes.subarray(0, DECODED_HEADER_BYTES);
    expect(decodeDecodedHeader(head, bytes.length, KEY)).not.toBeNull();
    expect(decodeDecodedHeader(head, bytes.length - 1, KEY)).toBeNull(); // truncated
    expect(decodeDecodedHeader(head, bytes.length + 1, KEY)).toBeNull();
    expect(decodeDecodedHeader(head, bytes.length, 'cd'.repeat(32))).toBeNull();
    expect(decodeDecodedHeader(head.subarray(0, 100), bytes.length, KEY)).toBeNull();
    const broken = (at: number, value: number) => {
      const copy = head.slice();
      copy[at] = value;
      return decodeDecodedHeader(copy, bytes.length, KEY);
    };
    expect(broken(0, 0)).toBeNull(); // magic
    expect(broken(8, 99)).toBeNull(); // version
    expect(broken(12, 3)).toBeNull(); // bytes per value
    expect(broken(20, 5)).toBeNull(); // ny: the row index no longer fits the size (nx is checked by each row)
    expect(broken(28, 255)).not.toBeNull(); // a largest label of 255 still fits 8 bits
    const nan = head.slice();
    new DataView(nan.buffer).setFloat64(64, Number.NaN, true);
    expect(decodeDecodedHeader(nan, bytes.length, KEY)).toBeNull();
  });

  it('refuses runs that are not a row of the file', () => {
    const bytes = encodeDecodedLabels(volume(new Uint8Array(N).fill(3)), KEY);
    const header = decodeDecodedHeader(bytes.subarray(0, DECODED_HEADER_BYTES), bytes.length, KEY) as DecodedHeader;
    const row = bytes.slice(runsStart(DIMS), runsStart(DIMS) + 3);
    const read = (runs: Uint8Array, length = runs.length) => {
      const out: number[] = [];
      const [voxels, points] = [Int32Array.from([0, 69]), Int32Array.from([0, 1])];
      return labelsInRow(runs, 0, length, header, voxels, points, 0, 2, out) ? out : null;
    };
    expect(read(row)).toEqual([3, 3]);
    expect(read(row, 2)).toBeNull(); // not whole runs
    expect(read(row, 6)).toBeNull(); // past the bytes there are
    const short = row.slice();
    short[0] = 69; // lengths no longer sum to nx
    expect(read(short)).toBeNull();
    const past = row.slice();
    past[2] = 9; // a value past the largest label
    expect(read(past)).toBeNull();
  });

  it('takes keys that are sha256 hex only', () => {
    expect(() => encodeDecodedLabels(volume(new Uint8Array(N)), 'nope')).toThrow(/sha256/);
  });
});
