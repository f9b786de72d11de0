/** Small regions keep their volume: surface nets cut their corners, the correction gives the volume back. */
import { describe, expect, it } from 'vitest';
import { invertAffine, mat4 } from '../../../../core/affine';
import type { LabelVolume } from '../../../../core/atlas/label-volume';
import { regionQuality, sourceVerticesOf } from '../../../../core/mesh/quality';
import { buildRegionMeshes, netBeforeCorrection } from '../../../../core/mesh/pipeline';
import {
  correctionReach,
  correctSmallRegions,
  correctSmallRegionVolumes,
  findShift,
  smallRegions,
  smallVolumesChunk,
  VOLUME_CHUNKS,
} from '../../../../core/mesh/small-regions';
import { planRegions } from '../../../../core/mesh/assemble';
import { plainArrays } from '../../../../core/mesh/arrays';
import { quadSidesSpace } from '../../../../core/mesh/quad-sides';
import { randomVolume } from '../../../helpers/random-label-volume';
import { plainQuads } from '../../../helpers/plain-quads';
import { DEFAULT_MESH_SETTINGS, type SurfaceNet } from '../../../../core/mesh/types';

function boxes(
  dims: [number, number, number],
  list: { label: number; from: number[]; to: number[] }[],
  spacing = 1,
): LabelVolume {
  const [nx, ny, nz] = dims;
  const labels = new Uint16Array(nx * ny * nz);
  for (const b of list) {
    for (let k = b.from[2]; k < b.to[2]; k++)
      for (let j = b.from[1]; j < b.to[1]; j++)
        for (let i = b.from[0]; i < b.to[0]; i++) labels[i + nx * (j + ny * k)] = b.label;
  }
  const affine = mat4([spacing, 0, 0, 5, 0, spacing, 0, -3, 0, 0, spacing, 7, 0, 0, 0, 1]);
  return {
    dims,
    affine,
    inverse: invertAffine(affine),
    labels,
    maxLabel: Math.max(...list.map((b) => b.label)),
    voxelVolume: spacing ** 3,
  };
}

describe('small-region volume correction', () => {
  it('gives a 2×2×2 block and a single voxel their voxel volume back, closed', () => {
    const vol = boxes(
      [12, 10, 10],
      [
        { label: 1, from: [2, 2, 2], to: [4, 4, 4] },
        { label: 2, from: [8, 5, 5], to: [9, 6, 6] },
      ],
      2,
    );
    const raw = buildRegionMeshes(vol, { ...DEFAULT_MESH_SETTINGS, smoothIterations: 0 });
    const set = buildRegionMeshes(vol);
    for (const [i, voxels] of [
      [0, 8],
      [1, 1],
    ]) {
      const want = voxels * 8; // 2 mm voxels
      // Without the correction the cut corners cost a third or more of the volume.
      expect(raw.regions[i].meshVolumeMm3).toBeLessThan(want * 0.7);
      expect(Math.abs(set.regions[i].meshVolumeMm3 - want) / want).toBeLessThan(0.1);
      expect(regionQuality(set, set.regions[i], 8).boundaryEdges).toBe(0);
    }
  });

  it('keeps the face two small regions share in one place for both', () => {
    const vol = boxes(
      [10, 8, 8],
      [
        { label: 1, from: [2, 2, 2], to: [4, 5, 5] },
        { label: 2, from: [4, 2, 2], to: [6, 5, 5] },
      ],
    );
    const set = buildRegionMeshes(vol);
    const [a, b] = set.regions;
    const shared = [...sourceVerticesOf(set, a)].filter((v) => sourceVerticesOf(set, b).has(v));
    expect(shared.length).toBeGreaterThan(0);
    const where = (r: typeof a) => {
      const m = new Map<number, string>();
      for (let v = r.vertexStart; v < r.vertexStart + r.vertexCount; v++)
        m.set(set.sourceVertex[v], set.positions.subarray(v * 3, v * 3 + 3).join(','));
      return m;
    };
    const pa = where(a),
      pb = where(b);
    for (const v of shared) expect(pb.get(v)).toBe(pa.get(v));
    for (const r of [a, b]) {
      expect(regionQuality(set, r, 1).boundaryEdges).toBe(0);
      expect(Math.abs(r.meshVolumeMm3 - r.voxels) / r.voxels).toBeLessThan(0.1);
    }
  });

  it('gives a small region inside a much larger one its volume back from the larger one, not from nothing', () => {
    // A 3×3×3 nucleus (27 voxels) in the middle of a 13×13×13 block (2170 voxels): no face of it meets the background.
    const vol = boxes(
      [19, 19, 19],
      [
        { label: 1, from: [3, 3, 3], to: [16, 16, 16] },
        { label: 2, from: [8, 8, 8], to: [11, 11, 11] },
      ],
    );
    const raw = buildRegionMeshes(vol, { ...DEFAULT_MESH_SETTINGS, smoothIterations: 0 });
    const set = buildRegionMeshes(vol);
    const [outer, nucleus] = set.regions;
    expect(nucleus.voxels).toBe(27);
    // Its corners cut, the nucleus has lost a sixth or more; corrected, it has its voxels' volume.
    expect(raw.regions[1].meshVolumeMm3).toBeLessThan(27 * 0.85);
    expect(Math.abs(nucleus.meshVolumeMm3 - 27) / 27).toBeLessThan(0.05);
    // The block gave it up: the two volumes still add up to the block's outer surface's.
    const enclosed = outer.meshVolumeMm3 + nucleus.meshVolumeMm3;
    const corrected = buildRegionMeshes(boxes([19, 19, 19], [{ label: 1, from: [3, 3, 3], to: [16, 16, 16] }]))
      .regions[0].meshVolumeMm3;
    expect(enclosed).toBeCloseTo(corrected, 1);
    for (const r of set.regions) expect(regionQuality(set, r, 1).boundaryEdges).toBe(0);
  });
});

/** smoothedNet's net (pipeline.ts) before its last step, the correction. */
describe('the correction on a subdivided net, which has no cells', () => {
  it('keeps each vertex it moves in the cell it was in before, as cells taken from the positions would', () => {
    let moved = 0,
      walls = 0;
    for (const vol of [randomVolume([30, 26, 22], 40, 11, 0.3), randomVolume([24, 28, 20], 120, 5, 0.15)]) {
      const { net } = smoothedNetBeforeCorrection(vol, 'fine');
      expect(net.cells).toBeNull();
      const before = net.positions.slice();
      const withCells: SurfaceNet = {
        ...net,
        positions: net.positions.slice(),
        cells: Int16Array.from(before, Math.floor),
      };
      correctSmallRegionVolumes(net);
      correctSmallRegionVolumes(withCells);
      expect(Array.from(net.positions)).toEqual(Array.from(withCells.positions));
      for (let o = 0; o < before.length; o++) {
        if (net.positions[o] === before[o]) continue;
        moved++;
        const lo = Math.floor(before[o]);
        expect(net.positions[o]).toBeGreaterThanOrEqual(lo);
        expect(net.positions[o]).toBeLessThanOrEqual(lo + 1);
        if (net.positions[o] === lo || net.positions[o] === lo + 1) walls++;
      }
    }
    // Moves were seen, some of them stopped at a cell's wall.
    expect(moved).toBeGreaterThan(100);
    expect(walls).toBeGreaterThan(0);
  });
});

function smoothedNetBeforeCorrection(vol: LabelVolume, detail: 'standard' | 'fine'): { net: SurfaceNet } {
  return netBeforeCorrection(vol, { ...DEFAULT_MESH_SETTINGS, detail });
}

describe('what the correction reaches (correctionReach)', () => {
  it('marks every vertex it moves, and every region that uses one, before it moves any', () => {
    const volumes = [
      boxes(
        [40, 24, 24],
        [
          { label: 1, from: [2, 2, 2], to: [18, 22, 22] },
          { label: 2, from: [22, 2, 2], to: [38, 22, 22] },
          { label: 3, from: [8, 8, 8], to: [10, 10, 10] },
          { label: 4, from: [19, 5, 5], to: [20, 6, 6] },
          { label: 5, from: [12, 12, 3], to: [15, 14, 5] },
        ],
      ),
      randomVolume([30, 26, 22], 40, 11, 0.3),
      randomVolume([24, 28, 20], 120, 5, 0.15),
    ];
    let moved = 0,
      free = 0;
    for (const vol of volumes) {
      for (const detail of ['standard', 'fine'] as const) {
        const { net } = smoothedNetBeforeCorrection(vol, detail);
        const before = net.positions.slice();
        const vertices = new Uint8Array(net.positions.length / 3);
        const labels = new Uint8Array(net.voxels.length);
        let reachedBefore = -1;
        correctSmallRegionVolumes(net, (off) => {
          expect(net.positions).toEqual(before); // nothing moved yet
          if (off) correctionReach(net, off, vertices, labels);
          reachedBefore = vertices.reduce((a, b) => a + b, 0);
        });
        expect(reachedBefore).toBeGreaterThanOrEqual(0);
        // Every moved vertex is marked, and so is every label of a quad that uses one.
        const changed = new Uint8Array(vertices.length);
        for (let v = 0; v < changed.length; v++) {
          for (let a = 0; a < 3; a++) if (net.positions[v * 3 + a] !== before[v * 3 + a]) changed[v] = 1;
          if (changed[v]) {
            moved++;
            expect(vertices[v], `vertex ${v}`).toBe(1);
          }
        }
        const q = net.quads;
        for (let o = 0; o < net.quadCount * 6; o += 6) {
          if (changed[q[o]] || changed[q[o + 1]] || changed[q[o + 2]] || changed[q[o + 3]]) {
            for (const side of [4, 5]) if (q[o + side] !== 0) expect(labels[q[o + side]]).toBe(1);
          }
        }
        for (let l = 1; l < labels.length; l++) if (net.voxels[l] > 0 && labels[l] === 0) free++;
      }
    }
    // The checks saw moves, and regions left free to write while the correction runs.
    expect(moved).toBeGreaterThan(100);
    expect(free).toBeGreaterThan(0);
  });
});

describe('the shift that gives a region its volume (findShift)', () => {
  it('finds where an increasing volume reaches its goal in a few evaluations, to a share of 1e-5', () => {
    // A sphere of radius 3 + shift: nearly linear over a voxel, as a region's volume is.
    const sphere = (shift: number) => (4 / 3) * Math.PI * (3 + shift) ** 3;
    for (const want of [-0.8, -0.31, 0.05, 0.47, 0.93]) {
      const goal = sphere(want);
      let calls = 0;
      const lo = want < 0 ? -1 : 0;
      const shift = findShift(lo, lo + 1, goal, (s) => (calls++, sphere(s)));
      expect(Math.abs(sphere(shift) - goal) / goal).toBeLessThan(1e-5);
      expect(Math.abs(shift - want)).toBeLessThan(1e-4);
      // Half what bisection took: 16 (both ends, then 14 halvings).
      expect(calls).toBeLessThanOrEqual(8);
    }
  });

  it('stops at the end of its range when the goal is out of reach, and where the volume is clamped flat', () => {
    expect(findShift(0, 1, 100, (s) => 10 + s)).toBe(1);
    expect(findShift(-1, 0, 1, (s) => 10 + s)).toBe(-1);
    // Clamped (vertices at their cell walls) past 0.25: still within 1e-5 of the goal.
    const clamped = (s: number) => 50 + 40 * Math.min(s, 0.25);
    const shift = findShift(0, 1, 55, clamped);
    expect(Math.abs(clamped(shift) - 55)).toBeLessThan(55e-5);
  });
});

describe('the correction in steps (two threads share its volumes)', () => {
  it('finds the same net with its volume chunks in any order and the assembly plan’s quad sides', () => {
    let corrected = 0;
    for (const vol of [randomVolume([30, 26, 22], 40, 11, 0.3), randomVolume([24, 28, 20], 120, 5, 0.15)]) {
      for (const detail of ['standard', 'fine'] as const) {
        const { net } = smoothedNetBeforeCorrection(vol, detail);
        const start = net.positions.slice();
        correctSmallRegionVolumes(net);
        const once = net.positions.slice();
        if (!once.every((x, i) => x === start[i])) corrected++;

        net.positions.set(start);
        const job = smallRegions(net);
        if (!job) throw new Error('the random volumes have small regions');
        for (let chunk = VOLUME_CHUNKS - 1; chunk >= 0; chunk--) smallVolumesChunk(job, chunk);
        // Each small region's volume, summed over its chunks, is the volume of its quads' triangles (6 × signed
        // tetrahedra against the origin), computed here apart from the quad loop.
        const plan = planRegions(vol, net, plainArrays);
        for (let label = 1; label < net.voxels.length; label++) {
          if (job.place[label] === 0) continue;
          let sum = 0;
          for (let c = 0; c < VOLUME_CHUNKS; c++) sum += job.partials[c * (job.count + 1) + job.place[label]];
          let r = 0;
          while (r < plan.regionCount && plan.plan[r * 5] !== label) r++;
          expect(r).toBeLessThan(plan.regionCount);
          expect(sum / 6).toBeCloseTo(
            sidesVolume(net, plan.sides.subarray(plan.plan[r * 5 + 1], plan.plan[r * 5 + 2])),
            3,
          );
        }
        const sides = quadSidesSpace(net.quadCount, vol.maxLabel + 1, plainArrays);
        planRegions(vol, net, plainArrays, sides);
        correctSmallRegions(job, undefined, sides);
        expect(Array.from(net.positions)).toEqual(Array.from(once));
      }
    }
    expect(corrected).toBeGreaterThan(1);
  });
});

/** Enclosed volume of quad sides, each split along its shorter diagonal, in voxels. */
function sidesVolume(net: SurfaceNet, coarseSides: Uint32Array): number {
  const p = net.positions;
  // A side of a quad that stands for four quarters is four sides of the plain quads, in their order.
  const pieces = net.quarters ? 4 : 1;
  const sides = Array.from(coarseSides).flatMap((side) =>
    Array.from({ length: pieces }, (_, k) => ((side >>> 1) * pieces + k) * 2 + (side & 1)),
  );
  net = plainQuads(net);
  const at = (v: number) => [p[v * 3], p[v * 3 + 1], p[v * 3 + 2]];
  const tet = (a: number[], b: number[], c: number[]) =>
    a[0] * (b[1] * c[2] - b[2] * c[1]) - a[1] * (b[0] * c[2] - b[2] * c[0]) + a[2] * (b[0] * c[1] - b[1] * c[0]);
  const d2 = (a: number[], b: number[]) => (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2 + (a[2] - b[2]) ** 2;
  let six = 0;
  for (const side of sides) {
    const o = (side >>> 1) * 6;
    const q = [0, 1, 2, 3].map((k) => at(net.quads[o + k]));
    const [a, b, c, d] = side & 1 ? [q[0], q[3], q[2], q[1]] : q;
    six += d2(a, c) <= d2(b, d) ? tet(a, b, c) + tet(a, c, d) : tet(a, b, d) + tet(b, c, d);
  }
  return six / 6;
}
