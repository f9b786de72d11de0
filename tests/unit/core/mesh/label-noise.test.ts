import { describe, expect, it } from 'vitest';
import { invertAffine, mat4 } from '../../../../core/affine';
import type { LabelVolume } from '../../../../core/atlas/label-volume';
import {
  foldLabelNoise,
  NOISE_PASSES,
  NOISE_SCAN_PLANES,
  noiseFoundChunk,
  type NoiseScan,
  noiseSpansChunk,
} from '../../../../core/mesh/label-noise';
import { buildRegionMeshes, meshingGrid } from '../../../../core/mesh/pipeline';
import { regionQuality } from '../../../../core/mesh/quality';
import { DEFAULT_MESH_SETTINGS } from '../../../../core/mesh/types';

const N = 16;
const at = (i: number, j: number, k: number) => i + N * (j + N * k);

/** A 16³ grid, 1 mm voxels, painted by `paint` (label at each voxel). */
function volume(paint: (i: number, j: number, k: number) => number): LabelVolume {
  const labels = new Uint16Array(N ** 3);
  let maxLabel = 0;
  for (let k = 0; k < N; k++)
    for (let j = 0; j < N; j++)
      for (let i = 0; i < N; i++) {
        labels[at(i, j, k)] = paint(i, j, k);
        maxLabel = Math.max(maxLabel, labels[at(i, j, k)]);
      }
  const affine = mat4([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]);
  return { dims: [N, N, N], affine, inverse: invertAffine(affine), labels, maxLabel, voxelVolume: 1 };
}

const inBox = (i: number, j: number, k: number, lo: number, hi: number) =>
  i >= lo && i < hi && j >= lo && j < hi && k >= lo && k < hi;
/** Label 1 in the box [4, 10)³, background around. */
const box = (i: number, j: number, k: number) => (inBox(i, j, k, 4, 10) ? 1 : 0);

/** The voxels whose labels differ between two volumes, as "i,j,k: before → after". */
function changes(before: LabelVolume, after: ArrayLike<number>): string[] {
  const out: string[] = [];
  for (let o = 0; o < before.labels.length; o++)
    if (before.labels[o] !== after[o])
      out.push(`${o % N},${Math.floor(o / N) % N},${Math.floor(o / N ** 2)}: ${before.labels[o]} → ${after[o]}`);
  return out;
}

describe('one-voxel label noise, folded before meshing (foldLabelNoise)', () => {
  it('leaves labels without noise alone, copying nothing', () => {
    // Two boxes side by side, and a one-voxel sheet of a third label between them: all whole shapes.
    const vol = volume((i, j, k) => (inBox(i, j, k, 4, 10) ? (i < 6 ? 1 : i === 6 ? 3 : 2) : 0));
    let copied = 0;
    expect(
      foldLabelNoise(vol, (l) => {
        copied++;
        return l.slice();
      }),
    ).toBeNull();
    expect(copied).toBe(0);
  });

  it('folds a voxel that sticks out of its region, and fills a one-voxel pit, in a copy', () => {
    const vol = volume((i, j, k) => {
      if (i === 10 && j === 6 && k === 6) return 1; // sticks out of the +x face
      if (i === 4 && j === 7 && k === 7) return 0; // a pit in the −x face
      return box(i, j, k);
    });
    const before = vol.labels.slice();
    const folded = foldLabelNoise(vol);
    expect(folded).not.toBeNull();
    expect(changes(vol, folded!.labels).sort()).toEqual(['10,6,6: 1 → 0', '4,7,7: 0 → 1']);
    expect(folded!.folded).toBe(2);
    // One voxel out of the region and one in: it holds as many as before.
    expect(folded!.gained[1]).toBe(0);
    expect(folded!.gained[0]).toBe(0);
    expect(vol.labels).toEqual(before);
  });

  it('wears a one-voxel line from its free end, one voxel a pass', () => {
    // A line of four voxels out of the box's +x face, along x: three passes take three, from the end.
    const vol = volume((i, j, k) => (i >= 10 && i < 14 && j === 6 && k === 6 ? 1 : box(i, j, k)));
    const folded = foldLabelNoise(vol);
    expect(NOISE_PASSES).toBe(3);
    expect(changes(vol, folded!.labels)).toEqual(['11,6,6: 1 → 0', '12,6,6: 1 → 0', '13,6,6: 1 → 0']);
    expect(folded!.gained[1]).toBe(-3);
  });

  it('takes the corners of a one-voxel sheet, pass by pass, but not its last voxel', () => {
    // A one-voxel sheet (z = 6) of label 2, 3 × 3, inside label 1; more of label 2 far off (the plane x = 0), so
    // that it may give the eight voxels.
    const vol = volume((i, j, k) => {
      if (i === 0) return 2;
      if (!inBox(i, j, k, 2, 14)) return 0;
      return k === 6 && i >= 5 && i < 8 && j >= 5 && j < 8 ? 2 : 1;
    });
    const folded = foldLabelNoise(vol);
    // Pass 1 takes its four corners (two faces of 2 at a right angle, joined through the middle); pass 2 the four
    // voxels left at its sides' middles (one face of 2); the middle, alone, stays: 2 would touch 1 nowhere near.
    const taken = changes(vol, folded!.labels).sort();
    expect(taken).toEqual(
      ['5,5,6', '6,5,6', '7,5,6', '5,6,6', '7,6,6', '5,7,6', '6,7,6', '7,7,6'].map((v) => `${v}: 2 → 1`).sort(),
    );
    expect(folded!.labels[at(6, 6, 6)]).toBe(2);
  });

  it('does not take a voxel in a line or at its bend', () => {
    // Label 2: an L of one-voxel lines inside label 1 (x from 4 to 8 at y = 5, then y from 5 to 9 at x = 8; more of
    // label 2 far off). Each end is worn a voxel a pass; the bend stays, and the voxels beside it.
    const line = (i: number, j: number, k: number) =>
      k === 6 && ((j === 5 && i >= 4 && i <= 8) || (i === 8 && j >= 5 && j <= 9));
    const vol = volume((i, j, k) => (i === 0 ? 2 : !inBox(i, j, k, 2, 14) ? 0 : line(i, j, k) ? 2 : 1));
    const taken = changes(vol, foldLabelNoise(vol)!.labels).sort();
    expect(taken).toEqual(['4,5,6', '5,5,6', '6,5,6', '8,7,6', '8,8,6', '8,9,6'].map((v) => `${v}: 2 → 1`).sort());
    expect(vol.labels[at(8, 5, 6)]).toBe(2);
  });

  it('keeps a voxel alone inside another region, and a region of a few voxels', () => {
    // Label 3: one voxel inside label 1's box; label 4: two voxels there; label 5: a voxel of 1 far from its box.
    const vol = volume((i, j, k) => {
      if (i === 6 && j === 6 && k === 6) return 3;
      if (i === 8 && j === 8 && (k === 5 || k === 6)) return 4;
      if (i === 12 && j === 12 && k === 12) return 1;
      return box(i, j, k);
    });
    expect(foldLabelNoise(vol)).toBeNull();
  });

  it('keeps every pair of regions that touch touching', () => {
    // Label 2 reaches label 3 only through a voxel sticking out of 2's box: folding it would part them.
    const slab = (j: number, k: number) => j >= 4 && j < 10 && k >= 4 && k < 10;
    const vol = volume((i, j, k) => {
      if (i >= 2 && i < 7 && slab(j, k)) return 2;
      if (i === 7 && j === 6 && k === 6) return 2;
      if (i >= 8 && i < 10 && slab(j, k)) return 3;
      return 0;
    });
    // Its faces: 2 (−x), 3 (+x), background (four): the background has most, but 2 would touch 3 nowhere near.
    expect(foldLabelNoise(vol)).toBeNull();
  });

  it('is what fine detail meshes: each region still sized to the file’s voxels', () => {
    // A box with five spurs, which fine detail meshes without; the meshes' voxel counts are the file's.
    const spurs = [
      [10, 5, 5],
      [10, 8, 7],
      [3, 6, 6],
      [7, 3, 8],
      [6, 7, 10],
    ];
    const vol = volume((i, j, k) => (spurs.some(([a, b, c]) => a === i && b === j && c === k) ? 1 : box(i, j, k)));
    const fine = { ...DEFAULT_MESH_SETTINGS, detail: 'fine' as const };
    expect(meshingGrid(vol, fine)?.noiseFolded).toBe(5);
    // Standard detail and the raw surface mesh the labels as they are.
    expect(meshingGrid(vol, DEFAULT_MESH_SETTINGS)).toBeNull();
    expect(meshingGrid(vol, { ...fine, smoothIterations: 0 })).toBeNull();
    const set = buildRegionMeshes(vol, fine);
    const region = set.regions.find((r) => r.value === 1)!;
    expect(region.voxels).toBe(216 + 5);
    // The box's mesh has none of the spurs (the box's faces are at 3.5 and 9.5 mm; a spur would reach 10.5), and
    // encloses the file's 221 mm³ (small-regions.ts aims at the file's voxels).
    const xs = set.positions.filter((_, i) => i % 3 === 0);
    expect(Math.max(...xs)).toBeLessThan(10);
    expect(Math.abs(region.meshVolumeMm3 / 221 - 1)).toBeLessThan(0.02);
    expect(regionQuality(set, region, 1).boundaryEdges).toBe(0);
  });

  it('folds the same noise when two threads share the scan, in chunks taken from either end', () => {
    // 16 × 16 × 40 voxels (five chunks of planes): boxes in a column, with spurs and pits all along it.
    const [nx, ny, nz] = [16, 16, 5 * NOISE_SCAN_PLANES];
    const labels = new Uint16Array(nx * ny * nz);
    const spurs: number[] = [];
    for (let k = 0; k < nz; k++)
      for (let j = 0; j < ny; j++)
        for (let i = 0; i < nx; i++) {
          const o = i + nx * (j + ny * k);
          if (i >= 4 && i < 12 && j >= 4 && j < 12 && k >= 3 && k < nz - 3) labels[o] = 1 + Math.floor(k / 6);
          // A spur out of the +x face on every other plane, a pit in the −y face on the others.
          const along = k >= 4 && k < nz - 4;
          const spur = along && i === 12 && j === 7 && k % 2 === 0,
            pit = along && i === 7 && j === 4 && k % 2 === 1;
          if (spur) labels[o] = labels[o - 1];
          if (pit) labels[o] = 0;
          if (spur || pit) spurs.push(o);
        }
    const affine = mat4([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]);
    const vol: LabelVolume = {
      dims: [nx, ny, nz],
      affine,
      inverse: invertAffine(affine),
      labels,
      maxLabel: Math.max(...labels),
      voxelVolume: 1,
    };
    const alone = foldLabelNoise(vol)!;
    const folded = changes(vol, alone.labels);
    expect(folded.length).toBe(spurs.length);
    // Two "threads" taking turns from either end, thread 1's list with room for three voxels: the chunks it found
    // that did not fit are found again as the results are gathered, in grid order.
    let taken: number[][] = [];
    const shared = (scan: NoiseScan) => {
      scan.found[1] = scan.found[1].subarray(0, 3);
      for (const phase of [noiseSpansChunk, noiseFoundChunk]) {
        taken = [[], []];
        for (let n = 0; n < scan.chunks; n++) {
          const thread = (n % 2) as 0 | 1;
          const c = thread === 0 ? taken[0].length : scan.chunks - 1 - taken[1].length;
          taken[thread].push(c);
          phase(scan, c, thread);
        }
      }
    };
    const two = foldLabelNoise(vol, undefined, undefined, shared)!;
    expect(taken).toEqual([
      [0, 1, 2],
      [4, 3],
    ]);
    expect(Array.from(two.labels)).toEqual(Array.from(alone.labels));
    expect(two.folded).toBe(alone.folded);
    expect(Array.from(two.gained)).toEqual(Array.from(alone.gained));
  });
});
