/**
 * What each cluster of a statistical map hits in a label atlas: the region at its peak, the share of its voxels in
 * each region, and, for a peak outside every region, the nearest region (a ring search over occupied blocks of the
 * atlas grid). Pure: no fs, no node built-ins.
 */
import type { Vec3 } from '../types';
import { type Mat4, roundHalfEven, voxelSize } from '../affine';
import type { LabelVolume } from '../atlas/label-volume';
import type { Cluster } from './clusters';

export interface ClusterAtlasTarget {
  atlasId: string;
  volume: LabelVolume;
  names: Map<number, string>;
}

export interface RegionShare {
  value: number;
  name: string | null;
  /** Share of the cluster's voxels, 0..100, 2 decimals rounded down (so the shares never sum past 100). */
  percent: number;
}

export interface ClusterAtlasInfo {
  /** Region at the peak; value 0 and name null for background or outside the atlas grid. */
  peak: { value: number; name: string | null };
  /** Regions the cluster's voxels fall in, largest share first; background and outside are left out. */
  composition: RegionShare[];
  /** Share of the cluster outside every region (background or outside the atlas grid). */
  unlabelledPercent: number;
  /** When the peak is outside every region: the nearest region (nearest labelled voxel centre) within reach. */
  nearest: { value: number; name: string | null; distance_mm: number } | null;
}

export const DEFAULT_NEAREST_WITHIN_MM = 20;

const pct = (n: number, total: number) => (total > 0 ? Math.floor((10000 * n) / total) / 100 : 0);

function sameGrid(a: { dims: Vec3; affine: Mat4 }, b: { dims: Vec3; affine: Mat4 }): boolean {
  if (a.dims[0] !== b.dims[0] || a.dims[1] !== b.dims[1] || a.dims[2] !== b.dims[2]) return false;
  for (let i = 0; i < 12; i++) if (Math.abs(a.affine[i] - b.affine[i]) > 1e-6) return false;
  return true;
}

/**
 * For each cluster: the region at its peak, the regions its voxels fall in (each member voxel's centre looked up
 * in the atlas by world coordinate, nearest voxel, as point queries do) and, for a peak outside every region, the
 * nearest region within `nearestWithinMm`.
 */
export function clusterAtlasInfo(
  map: { dims: Vec3; affine: Mat4 },
  clusters: Cluster[],
  target: ClusterAtlasTarget,
  opts: { nearestWithinMm?: number } = {},
): ClusterAtlasInfo[] {
  const vol = target.volume;
  const labels = vol.labels;
  const [tx, ty, tz] = vol.dims;
  const [nx, ny] = map.dims;
  const m = map.affine;
  const inv = vol.inverse;
  const same = sameGrid(map, vol);
  const useArray = vol.maxLabel <= 1 << 20;
  const counts = useArray ? new Int32Array(vol.maxLabel + 1) : null;
  const nameOf = (v: number) => (v === 0 ? null : (target.names.get(v) ?? `Label ${v}`));
  const within = opts.nearestWithinMm ?? DEFAULT_NEAREST_WITHIN_MM;

  return clusters.map((c) => {
    const members = c.members;
    const touched: number[] = [];
    const map2 = counts ? null : new Map<number, number>();
    let unlabelled = 0;
    for (let q = 0; q < members.length; q++) {
      const p = members[q];
      let label: number;
      if (same) {
        label = labels[p];
      } else {
        const i = p % nx;
        const jk = (p - i) / nx;
        const j = jk % ny;
        const k = (jk - j) / ny;
        const x = m[0] * i + m[1] * j + m[2] * k + m[3];
        const y = m[4] * i + m[5] * j + m[6] * k + m[7];
        const z = m[8] * i + m[9] * j + m[10] * k + m[11];
        const a = roundHalfEven(inv[0] * x + inv[1] * y + inv[2] * z + inv[3]);
        const b = roundHalfEven(inv[4] * x + inv[5] * y + inv[6] * z + inv[7]);
        const cc = roundHalfEven(inv[8] * x + inv[9] * y + inv[10] * z + inv[11]);
        label = a < 0 || b < 0 || cc < 0 || a >= tx || b >= ty || cc >= tz ? 0 : labels[a + tx * (b + ty * cc)];
      }
      if (label === 0) unlabelled++;
      else if (counts) {
        if (counts[label]++ === 0) touched.push(label);
      } else {
        const prev = (map2 as Map<number, number>).get(label) ?? 0;
        if (prev === 0) touched.push(label);
        (map2 as Map<number, number>).set(label, prev + 1);
      }
    }
    const total = members.length;
    const rows = touched.map((v) => {
      const count = counts ? counts[v] : ((map2 as Map<number, number>).get(v) as number);
      return { v, count };
    });
    if (counts) for (const v of touched) counts[v] = 0;
    rows.sort((a, b) => b.count - a.count || a.v - b.v);
    const composition = rows.map(({ v, count }) => ({ value: v, name: nameOf(v), percent: pct(count, total) }));

    const [px, py, pz] = c.peak.xyz;
    const peakValue = labelAtWorld(vol, px, py, pz);
    const nearest = peakValue === 0 ? cachedNearest(vol, px, py, pz, within) : null;
    return {
      peak: { value: peakValue, name: nameOf(peakValue) },
      composition,
      unlabelledPercent: pct(unlabelled, total),
      nearest: nearest ? { value: nearest.value, name: nameOf(nearest.value), distance_mm: nearest.distance } : null,
    };
  });
}

/** Nearest-region answers per atlas volume: as a threshold slider moves, most clusters keep their peak voxel. */
const nearestCache = new WeakMap<LabelVolume, Map<string, { value: number; distance: number } | null>>();

function cachedNearest(vol: LabelVolume, x: number, y: number, z: number, maxMm: number) {
  let cache = nearestCache.get(vol);
  if (!cache) nearestCache.set(vol, (cache = new Map()));
  const key = `${x},${y},${z},${maxMm}`;
  let hit = cache.get(key);
  if (hit === undefined) {
    if (cache.size > 50_000) cache.clear();
    hit = nearestRegion(vol, x, y, z, maxMm);
    cache.set(key, hit);
  }
  return hit;
}

function labelAtWorld(vol: LabelVolume, x: number, y: number, z: number): number {
  const inv = vol.inverse;
  const [tx, ty, tz] = vol.dims;
  const a = roundHalfEven(inv[0] * x + inv[1] * y + inv[2] * z + inv[3]);
  const b = roundHalfEven(inv[4] * x + inv[5] * y + inv[6] * z + inv[7]);
  const c = roundHalfEven(inv[8] * x + inv[9] * y + inv[10] * z + inv[11]);
  return a < 0 || b < 0 || c < 0 || a >= tx || b >= ty || c >= tz ? 0 : vol.labels[a + tx * (b + ty * c)];
}

/** Which 4×4×4 blocks of an atlas grid hold any label: built once per volume, so nearest-region searches skip
 * empty space block by block. */
interface BlockIndex {
  nb: [number, number, number];
  occupied: Uint8Array;
}

const BLOCK = 4;
const blockIndexes = new WeakMap<LabelVolume, BlockIndex>();

/**
 * Builds the block index nearestRegion needs for an atlas volume (one pass over its grid, tens of ms at 1 mm), so
 * that it is not built inside the first cluster report. Idempotent.
 */
export function prepareNearestRegion(vol: LabelVolume): void {
  blockIndex(vol);
}

function blockIndex(vol: LabelVolume): BlockIndex {
  let b = blockIndexes.get(vol);
  if (b) return b;
  const [tx, ty, tz] = vol.dims;
  const nb: [number, number, number] = [Math.ceil(tx / BLOCK), Math.ceil(ty / BLOCK), Math.ceil(tz / BLOCK)];
  const occupied = new Uint8Array(nb[0] * nb[1] * nb[2]);
  const labels = vol.labels;
  for (let k = 0; k < tz; k++) {
    const bk = (k / BLOCK) | 0;
    for (let j = 0; j < ty; j++) {
      const row = tx * (j + ty * k);
      const rowB = nb[0] * (((j / BLOCK) | 0) + nb[1] * bk);
      for (let i = 0; i < tx; i++) if (labels[row + i] !== 0) occupied[rowB + ((i / BLOCK) | 0)] = 1;
    }
  }
  b = { nb, occupied };
  blockIndexes.set(vol, b);
  return b;
}

/**
 * The labelled voxel of `vol` whose centre is nearest to a world point (ties: the lower label value), up to
 * `maxMm`; null when none is that close. Searches the occupied 4×4×4 blocks of the atlas grid in rings around the
 * point's block (Chebyshev distance r = 0, 1, 2, …): every block of ring r is at least (r − 1)·4 voxels away, so
 * the search stops as soon as that bound passes the best distance found or `maxMm`. A peak a few mm from a region
 * looks at a few dozen blocks instead of every block within reach.
 */
export function nearestRegion(
  vol: LabelVolume,
  x: number,
  y: number,
  z: number,
  maxMm: number,
): { value: number; distance: number } | null {
  const inv = vol.inverse;
  const a = vol.affine;
  const labels = vol.labels;
  const [tx, ty, tz] = vol.dims;
  const fi = inv[0] * x + inv[1] * y + inv[2] * z + inv[3];
  const fj = inv[4] * x + inv[5] * y + inv[6] * z + inv[7];
  const fk = inv[8] * x + inv[9] * y + inv[10] * z + inv[11];
  // A lower bound on world distance per unit of voxel-index distance (exact for orthogonal grids).
  const vs = Math.min(...voxelSize(a)) * (1 - 1e-9);
  const { nb, occupied } = blockIndex(vol);
  const home = (f: number, n: number) => Math.min(n - 1, Math.max(0, Math.floor(f / BLOCK)));
  const hi = home(fi, nb[0]),
    hj = home(fj, nb[1]),
    hk = home(fk, nb[2]);
  const gap = (f: number, b: number, n: number) => {
    const first = b * BLOCK,
      last = Math.min(n - 1, first + BLOCK - 1);
    return f < first ? first - f : f > last ? f - last : 0;
  };
  let best = Infinity;
  let bestValue = 0;
  const scan = (bi: number, bj: number, bk: number) => {
    if (!occupied[bi + nb[0] * (bj + nb[1] * bk)]) return;
    const gi = gap(fi, bi, tx),
      gj = gap(fj, bj, ty),
      gk = gap(fk, bk, tz);
    const bound = Math.sqrt(gi * gi + gj * gj + gk * gk) * vs;
    if (bound > maxMm || bound > best + 1e-9) return;
    const i1 = Math.min(tx, bi * BLOCK + BLOCK),
      j1 = Math.min(ty, bj * BLOCK + BLOCK),
      k1 = Math.min(tz, bk * BLOCK + BLOCK);
    for (let k = bk * BLOCK; k < k1; k++) {
      for (let j = bj * BLOCK; j < j1; j++) {
        const row = tx * (j + ty * k);
        for (let i = bi * BLOCK; i < i1; i++) {
          const v = labels[row + i];
          if (v === 0) continue;
          const dx = a[0] * i + a[1] * j + a[2] * k + a[3] - x;
          const dy = a[4] * i + a[5] * j + a[6] * k + a[7] - y;
          const dz = a[8] * i + a[9] * j + a[10] * k + a[11] - z;
          const d = Math.sqrt(dx * dx + dy * dy + dz * dz);
          if (d < best - 1e-9 || (Math.abs(d - best) <= 1e-9 && v < bestValue)) {
            best = d;
            bestValue = v;
          }
        }
      }
    }
  };
  const maxRing = Math.max(nb[0], nb[1], nb[2]);
  for (let r = 0; r <= maxRing; r++) {
    const lower = Math.max(0, (r - 1) * BLOCK) * vs;
    if (lower > maxMm || lower > best + 1e-9) break;
    const k0 = Math.max(0, hk - r),
      k1 = Math.min(nb[2] - 1, hk + r);
    const j0 = Math.max(0, hj - r),
      j1 = Math.min(nb[1] - 1, hj + r);
    const i0 = Math.max(0, hi - r),
      i1 = Math.min(nb[0] - 1, hi + r);
    for (let bk = k0; bk <= k1; bk++) {
      const edgeK = bk === hk - r || bk === hk + r;
      for (let bj = j0; bj <= j1; bj++) {
        if (edgeK || bj === hj - r || bj === hj + r) {
          for (let bi = i0; bi <= i1; bi++) scan(bi, bj, bk);
        } else {
          // Inside the ring's faces in k and j: only its two i faces belong to ring r.
          if (hi - r >= 0) scan(hi - r, bj, bk);
          if (r > 0 && hi + r < nb[0]) scan(hi + r, bj, bk);
        }
      }
    }
  }
  return best <= maxMm + 1e-9 ? { value: bestValue, distance: best } : null;
}
