import { describe, expect, it } from 'vitest';
import { applyAffine } from '../../../../core/affine';
import { type LabelVolume, toLabelVolume } from '../../../../core/atlas/label-volume';
import { decodeNifti } from '../../../../core/io/nifti/decode';
import { findNativeGrid, nativeVolume, voxelCounts } from '../../../../core/mesh/native-grid';
import { writeNifti } from '../../../helpers/nifti-writer';

type Dims = [number, number, number];

/** A coarse volume of a few labelled blobs (seeded), every voxel labelled by its nearest seed within a radius. */
function blobs(dims: Dims, seeds: number): number[] {
  let s = 7;
  const rand = () => (s = (s * 16807) % 2147483647) / 2147483647;
  const centres = Array.from({ length: seeds }, () => dims.map((n) => rand() * n));
  const out: number[] = [];
  for (let k = 0; k < dims[2]; k++)
    for (let j = 0; j < dims[1]; j++)
      for (let i = 0; i < dims[0]; i++) {
        let best = 0,
          bestD = 36;
        centres.forEach((c, n) => {
          const d = (i - c[0]) ** 2 + (j - c[1]) ** 2 + (k - c[2]) ** 2;
          if (d < bestD) [best, bestD] = [n + 1, d];
        });
        out.push(best);
      }
  return out;
}

/** The coarse labels copied into f×f×f blocks, the first block along each axis cut to f − offset voxels. */
function upsample(coarse: number[], dims: Dims, f: number, offset: Dims): { data: number[]; dims: Dims } {
  const fine = dims.map((n, a) => n * f - (offset[a] > 0 ? f - offset[a] : 0)) as Dims;
  const data: number[] = [];
  const block = (c: number, a: number) => Math.floor((c + (offset[a] > 0 ? f - offset[a] : 0)) / f);
  for (let k = 0; k < fine[2]; k++)
    for (let j = 0; j < fine[1]; j++)
      for (let i = 0; i < fine[0]; i++)
        data.push(coarse[block(i, 0) + dims[0] * (block(j, 1) + dims[1] * block(k, 2))]);
  return { data, dims: fine };
}

function volume(dims: Dims, data: number[], affine = [-1, 0, 0, 90, 0, 1, 0, -126, 0, 0, 1, -72]): LabelVolume {
  return toLabelVolume(decodeNifti(writeNifti({ dims, data, affine, dtype: 'uint16' })));
}

describe('findNativeGrid and nativeVolume', () => {
  const coarseDims: Dims = [36, 40, 34];
  const coarse = blobs(coarseDims, 40);

  it('finds a 2× copy and its block offsets, and gives back the coarse labels exactly', () => {
    const offset: Dims = [1, 0, 1];
    const up = upsample(coarse, coarseDims, 2, offset);
    const vol = volume(up.dims, up.data);
    const grid = findNativeGrid(vol);
    expect(grid).toEqual({ factor: 2, offset });
    const native = nativeVolume(vol, grid!)!;
    expect(native.dims).toEqual(coarseDims);
    expect(Array.from(native.labels)).toEqual(coarse);
    expect(native.voxelVolume).toBeCloseTo(8, 10);
    // A native voxel sits at the centre of its block: the mean of its 8 file voxels' centres (a whole block).
    const [bi, bj, bk] = [5, 7, 9];
    const first = [bi * 2 - 1, bj * 2, bk * 2 - 1];
    const mean = [0, 0, 0];
    for (let d = 0; d < 8; d++) {
      const p = applyAffine(vol.affine, first[0] + (d & 1), first[1] + ((d >> 1) & 1), first[2] + ((d >> 2) & 1));
      for (let a = 0; a < 3; a++) mean[a] += p[a] / 8;
    }
    const at = applyAffine(native.affine, bi, bj, bk);
    for (let a = 0; a < 3; a++) expect(at[a]).toBeCloseTo(mean[a], 10);
  });

  it('finds a 3× copy', () => {
    const small: Dims = [18, 20, 17];
    const up = upsample(blobs(small, 12), small, 3, [0, 2, 0]);
    expect(findNativeGrid(volume(up.dims, up.data))).toEqual({ factor: 3, offset: [0, 2, 0] });
  });

  it('sees through a few edits on the fine grid, and keeps a label that lives only in them', () => {
    const up = upsample(coarse, coarseDims, 2, [0, 0, 0]);
    // 0.5 % of the labelled voxels changed, and a new 3-voxel label no block would choose.
    let s = 3;
    const labelled = up.data.flatMap((v, i) => (v ? [i] : []));
    for (let n = 0; n < labelled.length / 200; n++) {
      s = (s * 48271) % 2147483647;
      up.data[labelled[s % labelled.length]] = 1 + (s % 40);
    }
    const tiny = labelled[1234];
    for (const i of [tiny, tiny + 1, tiny + up.dims[0]]) up.data[i] = 77;
    const vol = volume(up.dims, up.data);
    const grid = findNativeGrid(vol);
    expect(grid?.factor).toBe(2);
    const native = nativeVolume(vol, grid!)!;
    expect(voxelCounts(native)[77]).toBeGreaterThan(0);
    for (let v = 1; v <= 40; v++) if (voxelCounts(vol)[v]) expect(voxelCounts(native)[v]).toBeGreaterThan(0);
  });

  it('leaves a volume drawn on its own grid alone', () => {
    expect(findNativeGrid(volume(coarseDims, coarse))).toBeNull();
    // Blocks of 2 along x only: not a copy on every axis.
    const stretched: number[] = [];
    for (let k = 0; k < 34; k++)
      for (let j = 0; j < 40; j++) for (let i = 0; i < 72; i++) stretched.push(coarse[(i >> 1) + 36 * (j + 40 * k)]);
    expect(findNativeGrid(volume([72, 40, 34], stretched))).toBeNull();
  });

  it('is not fooled by a small volume of aligned boxes', () => {
    const dims: Dims = [12, 8, 8];
    const data = new Array(12 * 8 * 8).fill(0);
    for (let k = 2; k < 6; k++) for (let j = 2; j < 6; j++) for (let i = 2; i < 10; i++) data[i + 12 * (j + 8 * k)] = 1;
    expect(findNativeGrid(volume(dims, data))).toBeNull();
  });
});
