/**
 * findClusters on synthetic maps made in code, where every answer is known: connectivity, peaks, centres of mass,
 * sub-peaks, signs, minimum sizes, missing values, orientation; and an independent breadth-first reference written
 * here, compared on random maps.
 */
import { describe, expect, it } from 'vitest';
import type { Vec3 } from '../../../../core/api';
import { mat4 } from '../../../../core/affine';
import { type ClusterGrid, type Connectivity, findClusters } from '../../../../core/maps/clusters';
import { decodeNifti } from '../../../../core/io/nifti/decode';
import { toStatMap } from '../../../../core/maps/stat-map';
import { writeNifti } from '../../../helpers/nifti-writer';

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
describe('storage orientation', () => {
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
