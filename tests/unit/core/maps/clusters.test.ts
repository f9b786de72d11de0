/**
 * Cluster reports on synthetic maps made in code, where every answer is known: connectivity, peaks, centres of
 * mass, sub-peaks, signs, minimum sizes, missing values, frames, orientation, atlas composition; and an
 * independent breadth-first reference written here, compared on random maps.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Vec3 } from '../../../../core/api';
import { mat4 } from '../../../../core/affine';
import {
  type ClusterGrid,
  type Connectivity,
  clusterAtlasInfo,
  findClusters,
  formatClusterTable,
} from '../../../../core/maps/clusters';
import { decodeNifti } from '../../../../core/io/nifti/decode';
import { headerSpaceWarning, sampleStatMap, toStatMap } from '../../../../core/maps/stat-map';
import { toLabelVolume } from '../../../../core/atlas/label-volume';
import { clusterReport, readStatMap } from '../../../../main/services/cluster-report';
import { createAtlasService } from '../../../../main/services/create-service';
import { captureCli } from '../../../helpers/run-cli';
import { writeNifti } from '../../../helpers/nifti-writer';
import { AFFINE, DIMS, type SyntheticAtlas, makeSyntheticAtlas, worldOf } from '../../../helpers/synthetic-atlas';

const ID = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];

function grid(dims: Vec3, fill: (i: number, j: number, k: number) => number, affine = ID): ClusterGrid {
  const [nx, ny, nz] = dims;
  const values = new Float32Array(nx * ny * nz);
  for (let k = 0; k < nz; k++)
    for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) values[i + nx * (j + ny * k)] = fill(i, j, k);
  const a = affine.length === 12 ? [...affine, 0, 0, 0, 1] : affine;
  const m = mat4(a);
  const det = Math.abs(
    m[0] * (m[5] * m[10] - m[6] * m[9]) - m[1] * (m[4] * m[10] - m[6] * m[8]) + m[2] * (m[4] * m[9] - m[5] * m[8]),
  );
  return { dims, affine: m, values, voxelVolume: det };
}

const inBox = (i: number, j: number, k: number, lo: Vec3, hi: Vec3) =>
  i >= lo[0] && i <= hi[0] && j >= lo[1] && j <= hi[1] && k >= lo[2] && k <= hi[2];

describe('connectivity', () => {
  // Two 2×2×2 cubes that share only a corner: voxel (2,2,2) and (3,3,3).
  const corner = grid([8, 8, 8], (i, j, k) =>
    inBox(i, j, k, [1, 1, 1], [2, 2, 2]) || inBox(i, j, k, [3, 3, 3], [4, 4, 4]) ? 5 : 0,
  );
  // Two 2×2×2 cubes that share an edge: voxels (2,2,k) and (3,3,k) for k = 1, 2.
  const edge = grid([8, 8, 8], (i, j, k) =>
    inBox(i, j, k, [1, 1, 1], [2, 2, 2]) || inBox(i, j, k, [3, 3, 1], [4, 4, 2]) ? 5 : 0,
  );

  it('corner-touching blobs are one cluster at 26 and two at 18 and 6', () => {
    expect(findClusters(corner, { threshold: 1 }).clusters.map((c) => c.voxels)).toEqual([16]);
    expect(findClusters(corner, { threshold: 1, connectivity: 18 }).clusters.map((c) => c.voxels)).toEqual([8, 8]);
    expect(findClusters(corner, { threshold: 1, connectivity: 6 }).clusters.map((c) => c.voxels)).toEqual([8, 8]);
  });

  it('edge-touching blobs are one cluster at 26 and 18 and two at 6', () => {
    expect(findClusters(edge, { threshold: 1, connectivity: 26 }).clusters.map((c) => c.voxels)).toEqual([16]);
    expect(findClusters(edge, { threshold: 1, connectivity: 18 }).clusters.map((c) => c.voxels)).toEqual([16]);
    expect(findClusters(edge, { threshold: 1, connectivity: 6 }).clusters.map((c) => c.voxels)).toEqual([8, 8]);
  });

  it('writes the final cluster ids into the label grid, largest first', () => {
    const g = grid([10, 10, 10], (i, j, k) =>
      inBox(i, j, k, [0, 0, 0], [1, 1, 1]) ? 3 : inBox(i, j, k, [5, 5, 5], [8, 8, 8]) ? 2 : 0,
    );
    const r = findClusters(g, { threshold: 1 });
    expect(r.clusters.map((c) => c.voxels)).toEqual([64, 8]);
    expect(r.labels[0]).toBe(2);
    expect(r.labels[5 + 10 * (5 + 10 * 5)]).toBe(1);
    expect(r.suprathreshold).toBe(72);
  });
});

describe('peaks, centres of mass and sub-peaks', () => {
  it('finds the peak (ties: lowest voxel index) and the unweighted centre of mass in world mm', () => {
    // 2 mm LAS grid: x = -2i + 10, y = 2j - 10, z = 2k - 10.
    const affine = [-2, 0, 0, 10, 0, 2, 0, -10, 0, 0, 2, -10];
    const g = grid(
      [10, 10, 10],
      (i, j, k) => {
        if (!inBox(i, j, k, [2, 3, 4], [4, 5, 6])) return 0;
        return (i === 3 && j === 4 && k === 5) || (i === 4 && j === 5 && k === 6) ? 9 : 2 + i;
      },
      affine,
    );
    const [c] = findClusters(g, { threshold: 1 }).clusters;
    expect(c.voxels).toBe(27);
    expect(c.volumeMm3).toBe(27 * 8);
    expect(c.peak).toMatchObject({ value: 9, ijk: [3, 4, 5], xyz: [4, -2, 0] });
    expect(c.centerOfMass).toEqual([4, -2, 0]); // the cube's centre, not pulled by the values
  });

  it('keeps sub-peaks at least 8 mm from every kept peak, by value, at most 3', () => {
    // A bar along x on a 2 mm grid with bumps at i = 2 (10), 8 (8, 12 mm away), 10 (7, 4 mm from i = 8),
    // 13 (6, 10 mm from i = 8), 17 (5, 8 mm from i = 13: exactly the minimum), 19 (4: a fourth, not reported).
    const bumps: Record<number, number> = { 2: 10, 8: 8, 10: 7, 13: 6, 17: 5, 19: 4.5 };
    const g = grid(
      [22, 3, 3],
      (i, j, k) => (j === 1 && k === 1 ? (bumps[i] ?? 2) : 0),
      [2, 0, 0, 0, 0, 2, 0, 0, 0, 0, 2, 0],
    );
    const [c] = findClusters(g, { threshold: 1 }).clusters;
    expect(c.peak.xyz).toEqual([4, 2, 2]);
    expect(c.subpeaks.map((s) => [s.value, s.xyz[0]])).toEqual([
      [8, 16],
      [6, 26],
      [5, 34],
    ]);
    const more = findClusters(g, { threshold: 1, maxSubpeaks: 10 }).clusters[0];
    // 4.5 at x = 38 is 4 mm from 5 at x = 34; the bar's end (2 at x = 42, no larger neighbour) is 8 mm from it.
    expect(more.subpeaks.map((s) => [s.value, s.xyz[0]])).toEqual([
      [8, 16],
      [6, 26],
      [5, 34],
      [2, 42],
    ]);
    const flat = findClusters(
      grid(
        [6, 6, 6],
        (i, j, k) => (inBox(i, j, k, [0, 0, 0], [4, 4, 4]) ? 3 : 0),
        [4, 0, 0, 0, 0, 4, 0, 0, 0, 0, 4, 0],
      ),
      { threshold: 1 },
    );
    expect(flat.clusters[0].peak.ijk).toEqual([0, 0, 0]);
    expect(flat.clusters[0].subpeaks).toEqual([]); // one plateau: one peak
  });
});

describe('sign, minimum size and missing values', () => {
  const g = grid(
    [12, 12, 12],
    (i, j, k) =>
      inBox(i, j, k, [1, 1, 1], [3, 3, 3])
        ? 4 + (i === 2 && j === 2 && k === 2 ? 1 : 0)
        : inBox(i, j, k, [6, 6, 6], [9, 9, 9])
          ? -3 - (i === 7 && j === 7 && k === 7 ? 2 : 0)
          : inBox(i, j, k, [0, 10, 10], [0, 10, 10])
            ? 6
            : 0,
    [2, 0, 0, 0, 0, 2, 0, 0, 0, 0, 2, 0],
  );

  it('positive, negative and both', () => {
    expect(findClusters(g, { threshold: 2 }).clusters.map((c) => [c.voxels, c.peak.value, c.sign])).toEqual([
      [27, 5, 1],
      [1, 6, 1],
    ]);
    expect(
      findClusters(g, { threshold: 2, sign: 'negative' }).clusters.map((c) => [c.voxels, c.peak.value, c.sign]),
    ).toEqual([[64, -5, -1]]);
    expect(findClusters(g, { threshold: 2, sign: 'both' }).clusters.map((c) => [c.voxels, c.peak.value])).toEqual([
      [64, -5],
      [27, 5],
      [1, 6],
    ]);
    expect(findClusters(g, { threshold: 3.5, sign: 'both' }).clusters.map((c) => [c.voxels, c.peak.value])).toEqual([
      [27, 5],
      [1, 6],
      [1, -5],
    ]);
  });

  it('a positive and a negative cluster that touch stay apart', () => {
    const t = grid([6, 3, 3], (i) => (i < 3 ? 5 : -5));
    expect(findClusters(t, { threshold: 1, sign: 'both' }).clusters.map((c) => [c.voxels, c.sign])).toEqual([
      [27, 1],
      [27, -1],
    ]);
  });

  it('minimum size in voxels and in mm³', () => {
    expect(findClusters(g, { threshold: 2, minVoxels: 2 }).clusters.map((c) => c.voxels)).toEqual([27]);
    expect(findClusters(g, { threshold: 2, minVoxels: 27 }).clusters.map((c) => c.voxels)).toEqual([27]);
    expect(findClusters(g, { threshold: 2, minVoxels: 28 }).clusters).toEqual([]);
    // 2 mm voxels: 8 mm³ each, so 27 voxels = 216 mm³.
    expect(findClusters(g, { threshold: 2, minMm3: 216 }).clusters.map((c) => c.volumeMm3)).toEqual([216]);
    expect(findClusters(g, { threshold: 2, minMm3: 217 }).clusters).toEqual([]);
    expect(() => findClusters(g, { threshold: 2, minMm3: 8, minVoxels: 1 })).toThrow(/not both/);
    expect(() => findClusters(g, { threshold: -1 })).toThrow(/0 or more/);
  });

  it('NaN and infinities are missing: never in a cluster, never a peak', () => {
    const dims = [6, 6, 6];
    const data = new Array(216).fill(0);
    const at = (i: number, j: number, k: number) => i + 6 * (j + 6 * k);
    for (let i = 1; i <= 4; i++) data[at(i, 2, 2)] = 3;
    data[at(2, 2, 2)] = NaN; // splits the bar
    data[at(4, 2, 2)] = Infinity;
    data[at(0, 0, 0)] = -Infinity;
    const map = toStatMap(decodeNifti(writeNifti({ dims, data, dtype: 'float32', sformCode: 4 })));
    expect(map.warnings).toContain('3 voxels hold NaN or infinity and are treated as missing');
    expect(Number.isNaN(map.values[at(4, 2, 2)])).toBe(true);
    const r = findClusters(map, { threshold: 1, sign: 'both' });
    expect(r.clusters.map((c) => [c.voxels, c.peak.ijk])).toEqual([
      [1, [1, 2, 2]],
      [1, [3, 2, 2]],
    ]);
  });

  it('an all-zero map has no clusters', () => {
    const r = findClusters(
      grid([5, 5, 5], () => 0),
      { threshold: 0, sign: 'both' },
    );
    expect(r.clusters).toEqual([]);
    expect(r.suprathreshold).toBe(0);
  });
});

describe('statistical maps from NIfTI files', () => {
  it('applies scl_slope/inter to any datatype and reads one frame of a 4D file', () => {
    const dims = [5, 5, 5, 3];
    const data = new Array(375).fill(0);
    data[125 + 62] = 100; // frame 1, voxel (2, 2, 2)
    data[250 + 0] = 50; // frame 2
    const bytes = writeNifti({ dims, data, dtype: 'int16', slope: 0.5, inter: -1, sformCode: 4 });
    const map = toStatMap(decodeNifti(bytes, { frame: 1 }), { fileFrame: 1 });
    expect(map.frame).toBe(1);
    expect(map.totalFrames).toBe(3);
    expect(map.values.length).toBe(125);
    expect(map.values[62]).toBe(49);
    expect(map.values[0]).toBe(-1);
    const r = findClusters(map, { threshold: 0 });
    expect(r.clusters.map((c) => [c.voxels, c.peak.value, c.peak.ijk])).toEqual([[1, 49, [2, 2, 2]]]);
    const whole = toStatMap(decodeNifti(bytes), { frameInData: 2 });
    expect(whole.values[0]).toBe(24);
    expect(() => toStatMap(decodeNifti(bytes), { frameInData: 3 })).toThrow(/frame 3 does not exist/);
  });

  it('warns when the header says the map is not in a standard space, naming the code', () => {
    const ok = { sformCode: 4, qformCode: 0, affineSource: 'sform' as const };
    expect(headerSpaceWarning(ok)).toBeNull();
    expect(headerSpaceWarning({ ...ok, sformCode: 2 })).toBeNull();
    expect(headerSpaceWarning({ ...ok, sformCode: 5 })).toBeNull();
    expect(headerSpaceWarning({ sformCode: 1, qformCode: 1, affineSource: 'sform' })).toMatch(
      /scanner space.*sform_code 1 \(scanner\)/,
    );
    expect(headerSpaceWarning({ sformCode: 0, qformCode: 3, affineSource: 'qform' })).toMatch(
      /Talairach.*qform_code 3/,
    );
    expect(headerSpaceWarning({ sformCode: 0, qformCode: 0, affineSource: 'pixdim' })).toMatch(/no transform/);
    const bytes = writeNifti({ dims: [3, 3, 3], data: new Array(27).fill(1), sformCode: 1 });
    expect(toStatMap(decodeNifti(bytes)).spaceWarning).toMatch(/sform_code 1/);
  });

  it('LAS and RAS storage of the same map give the same world answers', () => {
    const dims: Vec3 = [16, 14, 12];
    const value = (x: number, y: number, z: number) => {
      const a = 6 * Math.exp(-((x + 6) ** 2 + (y - 2) ** 2 + z ** 2) / 40);
      const b = 4 * Math.exp(-((x - 10) ** 2 + (y + 4) ** 2 + (z - 4) ** 2) / 20);
      return a + b + 0.01 * Math.sin(x * 3 + y * 5 + z * 7);
    };
    // RAS: x = 2i - 15, LAS: x = -2i + 15; y = 2j - 13, z = 2k - 11 in both.
    const ras = grid(
      dims,
      (i, j, k) => value(2 * i - 15, 2 * j - 13, 2 * k - 11),
      [2, 0, 0, -15, 0, 2, 0, -13, 0, 0, 2, -11],
    );
    const las = grid(
      dims,
      (i, j, k) => value(-2 * i + 15, 2 * j - 13, 2 * k - 11),
      [-2, 0, 0, 15, 0, 2, 0, -13, 0, 0, 2, -11],
    );
    const world = (g: ClusterGrid) =>
      findClusters(g, { threshold: 1, sign: 'both' }).clusters.map((c) => ({
        voxels: c.voxels,
        peak: c.peak.xyz,
        value: c.peak.value,
        com: c.centerOfMass.map((v) => Math.round(v * 1e9) / 1e9),
        subpeaks: c.subpeaks.map((s) => s.xyz),
      }));
    const a = world(ras);
    expect(a.length).toBe(2);
    expect(world(las)).toEqual(a);
  });

  it('samples the map at points: nearest voxel, trilinear, missing outside', () => {
    const bytes = writeNifti({
      dims: [4, 4, 4],
      data: Array.from({ length: 64 }, (_, i) => i),
      dtype: 'float32',
      affine: [2, 0, 0, 0, 0, 2, 0, 0, 0, 0, 2, 0],
      sformCode: 4,
    });
    const map = toStatMap(decodeNifti(bytes));
    expect(sampleStatMap(map, 2, 2, 2)).toBe(1 + 4 + 16);
    expect(sampleStatMap(map, 2.9, 0, 0)).toBe(1);
    expect(sampleStatMap(map, 3, 0, 0, 'linear')).toBeCloseTo(1.5, 6);
    expect(sampleStatMap(map, 1, 1, 1, 'linear')).toBeCloseTo(0.5 * (1 + 4 + 16), 6);
    expect(sampleStatMap(map, 6, 6, 6, 'linear')).toBe(63);
    expect(sampleStatMap(map, 100, 0, 0)).toBeNull();
    expect(sampleStatMap(map, 6.5, 0, 0, 'linear')).toBeNull();
  });
});

/** Connected components the plain way: arrays of [i, j, k], a JS queue, a Set for visited. */
function referenceClusters(g: ClusterGrid, t: number, connectivity: Connectivity, signs: number[]) {
  const [nx, ny, nz] = g.dims;
  const seen = new Set<number>();
  const out: { members: number[]; peak: number; peakIndex: number; com: number[] }[] = [];
  const m = g.affine;
  for (const s of signs) {
    for (let k = 0; k < nz; k++)
      for (let j = 0; j < ny; j++)
        for (let i = 0; i < nx; i++) {
          const start = i + nx * (j + ny * k);
          if (seen.has(start) || !(s * g.values[start] > t)) continue;
          seen.add(start);
          const todo: number[][] = [[i, j, k]];
          const members: number[] = [];
          const sum = [0, 0, 0];
          while (todo.length) {
            const [a, b, c] = todo.shift() as number[];
            members.push(a + nx * (b + ny * c));
            sum[0] += a;
            sum[1] += b;
            sum[2] += c;
            for (let dz = -1; dz <= 1; dz++)
              for (let dy = -1; dy <= 1; dy++)
                for (let dx = -1; dx <= 1; dx++) {
                  const d = Math.abs(dx) + Math.abs(dy) + Math.abs(dz);
                  if (d === 0 || (connectivity === 6 && d > 1) || (connectivity === 18 && d > 2)) continue;
                  const [x, y, z] = [a + dx, b + dy, c + dz];
                  if (x < 0 || y < 0 || z < 0 || x >= nx || y >= ny || z >= nz) continue;
                  const q = x + nx * (y + ny * z);
                  if (!seen.has(q) && s * g.values[q] > t) {
                    seen.add(q);
                    todo.push([x, y, z]);
                  }
                }
          }
          members.sort((p, q) => p - q);
          let peakIndex = members[0];
          for (const p of members) if (s * g.values[p] > s * g.values[peakIndex]) peakIndex = p;
          const n = members.length;
          const [ci, cj, ck] = [sum[0] / n, sum[1] / n, sum[2] / n];
          const com = [0, 1, 2].map((r) => m[4 * r] * ci + m[4 * r + 1] * cj + m[4 * r + 2] * ck + m[4 * r + 3]);
          out.push({ members, peak: g.values[peakIndex], peakIndex, com });
        }
  }
  return out;
}

describe('against an independent breadth-first reference on random maps', () => {
  let seed = 12345;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  // Smooth-ish noise: a random field averaged with its neighbours once, with repeated values to exercise ties.
  const dims: Vec3 = [23, 19, 17];
  const n = dims[0] * dims[1] * dims[2];
  const rawField = Array.from({ length: n }, () => Math.round((rand() * 2 - 1) * 8) / 2);
  const smooth = grid(
    dims,
    (i, j, k) => {
      let s = 0,
        c = 0;
      for (const [a, b, d] of [
        [0, 0, 0],
        [1, 0, 0],
        [-1, 0, 0],
        [0, 1, 0],
        [0, -1, 0],
        [0, 0, 1],
        [0, 0, -1],
      ]) {
        const x = i + a,
          y = j + b,
          z = k + d;
        if (x < 0 || y < 0 || z < 0 || x >= dims[0] || y >= dims[1] || z >= dims[2]) continue;
        s += rawField[x + dims[0] * (y + dims[1] * z)];
        c++;
      }
      return Math.round((s / c) * 4) / 4;
    },
    [-2, 0, 0, 22, 0, 2.5, 0, -30, 0, 0, 3, -20],
  );

  for (const connectivity of [6, 18, 26] as Connectivity[]) {
    for (const sign of ['positive', 'negative', 'both'] as const) {
      it(`${connectivity}-connectivity, ${sign}: same members, sizes, peaks and centres of mass`, () => {
        const t = 0.5;
        const signs = sign === 'both' ? [1, -1] : sign === 'negative' ? [-1] : [1];
        const ref = referenceClusters(smooth, t, connectivity, signs);
        const got = findClusters(smooth, { threshold: t, sign, connectivity });
        expect(got.clusters.length).toBe(ref.length);
        expect(ref.length).toBeGreaterThan(3);
        const key = (members: ArrayLike<number>) => Math.min(...Array.from(members));
        const byFirst = new Map(ref.map((r) => [r.members[0], r]));
        for (const c of got.clusters) {
          const r = byFirst.get(key(c.members));
          expect(r).toBeDefined();
          if (!r) continue;
          expect(Array.from(c.members).sort((a, b) => a - b)).toEqual(r.members);
          expect(c.voxels).toBe(r.members.length);
          expect(c.peak.value).toBe(r.peak);
          expect(c.peak.index).toBe(r.peakIndex);
          expect(c.centerOfMass).toEqual(r.com);
          for (const p of r.members) expect(got.labels[p]).toBe(c.id);
        }
        // Largest first, ties by peak value.
        for (let i = 1; i < got.clusters.length; i++) {
          const a = got.clusters[i - 1],
            b = got.clusters[i];
          expect(
            a.voxels > b.voxels || (a.voxels === b.voxels && Math.abs(a.peak.value) >= Math.abs(b.peak.value)),
          ).toBe(true);
        }
      });
    }
  }
});

describe('atlas composition', () => {
  let s: SyntheticAtlas;
  let mapPath: string;
  // The synthetic atlas: 2 mm LAS, ball of label 1 (radius 3 voxels) at atlas voxel (14, 12, 11) = (-10, 0, 0).
  // The map: the same world grid stored RAS (so every lookup goes through world coordinates), a 9×9×9 cube of
  // atlas voxels around that ball, peaking at its centre, and one voxel 3 voxels (6 mm) above the ball's top.
  const ras = [2, 0, 0, -20, 0, 2, 0, -24, 0, 0, 2, -22];
  const rasIndex = (i: number) => DIMS[0] - 1 - i; // atlas (LAS) i -> map (RAS) i
  beforeAll(() => {
    s = makeSyntheticAtlas();
    const [nx, ny, nz] = DIMS;
    const data = new Array(nx * ny * nz).fill(0);
    // Values fall off in shells from the centre (8, then 6, 5, 4, 3): one local maximum.
    for (let k = 7; k <= 15; k++)
      for (let j = 8; j <= 16; j++)
        for (let i = 10; i <= 18; i++) {
          data[rasIndex(i) + nx * (j + ny * k)] = 7 - Math.max(Math.abs(i - 14), Math.abs(j - 12), Math.abs(k - 11));
        }
    data[rasIndex(14) + nx * (12 + ny * 11)] = 8;
    data[rasIndex(14) + nx * (12 + ny * 17)] = 2;
    mapPath = join(s.root, 'map.nii.gz');
    writeFileSync(
      mapPath,
      writeNifti({ dims: DIMS, data, dtype: 'int16', affine: ras, sformCode: 4, gzip: true, slope: 1.5 }),
    );
  });
  const ballVoxels = () => s.labels.filter((v) => v === 1).length;

  it('names the region at the peak, the composition and the nearest region to a peak outside', async () => {
    const map = await readStatMap(mapPath);
    const vol = toLabelVolume(decodeNifti(writeNifti({ dims: DIMS, data: s.labels, affine: AFFINE })));
    const names = new Map([
      [1, 'One'],
      [2, 'Two'],
    ]);
    const { clusters } = findClusters(map, { threshold: 0 });
    expect(clusters.map((c) => [c.voxels, c.peak.value, c.peak.xyz])).toEqual([
      [729, 12, worldOf(14, 12, 11)],
      [1, 3, worldOf(14, 12, 17)],
    ]);
    const info = clusterAtlasInfo(map, clusters, { atlasId: 'x', volume: vol, names });
    const pct = Math.floor((10000 * ballVoxels()) / 729) / 100;
    expect(info[0]).toEqual({
      peak: { value: 1, name: 'One' },
      composition: [{ value: 1, name: 'One', percent: pct }],
      unlabelledPercent: Math.floor((10000 * (729 - ballVoxels())) / 729) / 100,
      nearest: null,
    });
    expect(info[1]).toEqual({
      peak: { value: 0, name: null },
      composition: [],
      unlabelledPercent: 100,
      nearest: { value: 1, name: 'One', distance_mm: 6 },
    });
    const far = clusterAtlasInfo(map, clusters, { atlasId: 'x', volume: vol, names }, { nearestWithinMm: 5 });
    expect(far[1].nearest).toBeNull();
  });

  it('through the atlas service, by default against every present labels atlas', async () => {
    const service = await createAtlasService(s.env);
    const map = await readStatMap(mapPath);
    const report = await clusterReport(service, map, { threshold: 0 });
    expect(report.atlasIds).toEqual(['synth']);
    expect(report.atlases.synth[0].peak).toEqual({ value: 1, name: '7Networks_LH_Vis_1' });
    const csv = formatClusterTable(report, 'csv').split('\n');
    expect(csv[0]).toBe(
      'cluster,voxels,volume_mm3,peak_value,peak_x,peak_y,peak_z,com_x,com_y,com_z,subpeaks,synth_peak_value,synth_peak_region,synth_nearest,synth_composition',
    );
    expect(csv[1]).toMatch(
      /^1,729,5832,12,-10,0,0,-10,0,0,,1,7Networks_LH_Vis_1,,\d+\.?\d*% 7Networks_LH_Vis_1; [\d.]+% outside$/,
    );
    expect(csv[2]).toBe('2,1,8,3,-10,0,12,-10,0,12,,0,,7Networks_LH_Vis_1 (6 mm),100% outside');
    expect(formatClusterTable(report, 'markdown').split('\n')[1]).toMatch(/^\| --- \|/);
  });

  describe('brain-atlas clusters and sample', () => {
    const cli = (...argv: string[]) => captureCli(s.env, argv);

    it('prints the report as JSON, largest cluster first', async () => {
      const r = await cli('clusters', mapPath, '--atlas', 'synth', '--json');
      expect(r.code).toBe(0);
      const rows = JSON.parse(r.out);
      expect(rows).toHaveLength(2);
      expect(rows[0]).toEqual({
        id: 1,
        voxels: 729,
        volume_mm3: 5832,
        peak: { value: 12, xyz: [-10, 0, 0] },
        center_of_mass: [-10, 0, 0],
        subpeaks: [],
        atlases: {
          synth: {
            peak: { value: 1, name: '7Networks_LH_Vis_1' },
            composition: [
              { value: 1, name: '7Networks_LH_Vis_1', percent: Math.floor((10000 * ballVoxels()) / 729) / 100 },
            ],
            nearest: null,
          },
        },
      });
      expect(rows[1].atlases.synth.nearest).toEqual({ value: 1, name: '7Networks_LH_Vis_1', distance_mm: 6 });
      const min = JSON.parse((await cli('clusters', mapPath, '--atlas', 'synth', '--json', '--min-voxels', '2')).out);
      expect(min).toHaveLength(1);
      const mm3 = JSON.parse((await cli('clusters', mapPath, '--json', '--min-mm3', '9', '--threshold', '2.9')).out);
      expect(mm3.map((c: { voxels: number }) => c.voxels)).toEqual([729]);
    });

    it('prints a text table and CSV; says "no clusters" for an all-zero map', async () => {
      const text = await cli('clusters', mapPath, '--threshold', '1');
      expect(text.code).toBe(0);
      expect(text.out).toMatch(/2 clusters/);
      expect(text.out).toMatch(/^1\s+729\s+5832\s+12\s+-10\s+0\s+0\s.*7Networks_LH_Vis_1$/m);
      expect(text.out).toMatch(/~7Networks_LH_Vis_1 \(6 mm\)/);
      const csv = await cli('clusters', mapPath, '--csv');
      expect(csv.out.split('\n')).toHaveLength(3);
      const zero = join(s.root, 'zero.nii');
      writeFileSync(zero, writeNifti({ dims: [4, 4, 4], data: new Array(64).fill(0), sformCode: 4 }));
      const z = await cli('clusters', zero, '--json', '--two-sided');
      expect(z.code).toBe(0);
      expect(JSON.parse(z.out)).toEqual([]);
      expect(z.err).toMatch(/no clusters/);
    });

    it('opens a label volume as a map, and reads the chosen frame of a 4D file', async () => {
      const labels = await cli(
        'clusters',
        join(s.dir, 'synth', 'synth_2mm.nii.gz'),
        '--json',
        '--atlas',
        'synth',
        '--connectivity',
        '6',
      );
      expect(labels.code).toBe(0);
      const rows = JSON.parse(labels.out);
      expect(rows.map((c: { voxels: number }) => c.voxels)).toEqual([
        s.labels.filter((v) => v === 1).length,
        s.labels.filter((v) => v === 2).length,
      ]);
      expect(rows[1].atlases.synth.composition).toEqual([
        { value: 2, name: '7Networks_RH_Default_PFC_1', percent: 100 },
      ]);
      const four = join(s.root, 'four.nii');
      const data = new Array(4 * 4 * 4 * 2).fill(0);
      data[64 + 21] = -7;
      writeFileSync(four, writeNifti({ dims: [4, 4, 4, 2], data, dtype: 'float32', sformCode: 4 }));
      expect(JSON.parse((await cli('clusters', four, '--json', '--two-sided', '--atlas', 'synth')).out)).toEqual([]);
      const f1 = JSON.parse(
        (await cli('clusters', four, '--json', '--sign', 'negative', '--frame', '1', '--atlas', 'synth')).out,
      );
      expect(f1.map((c: { peak: unknown }) => c.peak)).toEqual([{ value: -7, xyz: [1, 1, 1] }]);
    });

    it('errors: bad files exit 1 with one line, bad arguments exit 2', async () => {
      const junk = join(s.root, 'junk.nii');
      writeFileSync(junk, 'not a nifti file at all'.repeat(30));
      const bad = await cli('clusters', junk);
      expect(bad.code).toBe(1);
      expect(bad.err.split('\n')).toHaveLength(1);
      const cut = join(s.root, 'cut.nii.gz');
      const whole = writeNifti({ dims: DIMS, data: new Array(DIMS[0] * DIMS[1] * DIMS[2]).fill(1), gzip: true });
      writeFileSync(cut, whole.subarray(0, Math.floor(whole.length / 2)));
      const truncated = await cli('clusters', cut);
      expect(truncated.code).toBe(1);
      expect(truncated.err).toMatch(/truncated/);
      expect(truncated.err.split('\n')).toHaveLength(1);
      expect((await cli('clusters', join(s.root, 'missing.nii'))).code).toBe(1);
      expect((await cli('clusters', mapPath, '--frame', '3')).code).toBe(1);
      for (const argv of [
        ['clusters'],
        ['clusters', mapPath, '--connectivity', '8'],
        ['clusters', mapPath, '--threshold', 'x'],
        ['clusters', mapPath, '--threshold', '-2'],
        ['clusters', mapPath, '--min-voxels', '3', '--min-mm3', '8'],
        ['clusters', mapPath, '--sign', 'up'],
        ['clusters', mapPath, '--json', '--csv'],
        ['sample', mapPath],
        ['sample', mapPath, '--coords', 'x.csv', '--interp', 'cubic'],
        ['clusters', mapPath, '--res', '2'],
      ]) {
        const r = await cli(...argv);
        expect(r.code, argv.join(' ')).toBe(2);
      }
      expect((await cli('clusters', mapPath, '--atlas', 'synth-points')).code).toBe(1);
    });

    it('sample prints the map value at points', async () => {
      const pts = join(s.root, 'sample.csv');
      writeFileSync(pts, 'x,y,z\n-10,0,0\n-10,0,12\n500,0,0\n-9,0,0\n');
      const r = await cli('sample', mapPath, '--coords', pts, '--json');
      expect(r.code).toBe(0);
      expect(JSON.parse(r.out)).toEqual([
        { x: -10, y: 0, z: 0, value: 12 },
        { x: -10, y: 0, z: 12, value: 3 },
        { x: 500, y: 0, z: 0, value: null },
        { x: -9, y: 0, z: 0, value: 9 },
      ]);
      const lin = JSON.parse((await cli('sample', mapPath, '--coords', pts, '--json', '--interp', 'linear')).out);
      expect(lin[3].value).toBeCloseTo(10.5, 5);
      const one = await cli('sample', mapPath, '-10', '0', '0');
      expect(one.out).toMatch(/-10\s+0\s+0\s+12/);
    });
  });
});
