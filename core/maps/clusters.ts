/**
 * Clusters of a statistical map, computed on the map's own grid (never resampled before thresholding), and what
 * each cluster covers in label atlases. Pure and allocation-light: one labelling pass with a flat index queue over
 * typed arrays, no per-voxel objects.
 *
 * Conventions (those of nilearn's get_clusters_table):
 * - a voxel passes with sign positive when v > t, negative when v < −t; "both" finds clusters of each sign
 *   separately (a positive and a negative cluster never merge) and lists them together;
 * - connectivity 6 (faces), 18 (faces and edges) or 26 (faces, edges and corners; the default);
 * - the peak is the most extreme value (largest for positive clusters, most negative for negative ones), ties
 *   going to the lowest voxel index;
 * - the centre of mass is the unweighted mean of the member voxels' centres (the mean voxel index mapped through
 *   the affine), in the map's world space (MNI mm);
 * - sub-peaks are local maxima of the cluster (a voxel no smaller than any of its 26 neighbours in the same cluster;
 *   a plateau of such voxels with one value counts once, at its lowest voxel index), taken by value, largest
 *   first, and kept when at least 8 mm from every peak already kept, the main peak included; up to 3 besides the
 *   main peak.
 */
import type { Vec3 } from '../types';
import { type Mat4, roundHalfEven, voxelSize } from '../affine';
import { AtlasError } from '../errors';
import type { LabelVolume } from '../atlas/label-volume';

export type ClusterSign = 'positive' | 'negative' | 'both';
export type Connectivity = 6 | 18 | 26;

/** The part of a statistical map clustering needs. */
export interface ClusterGrid {
  dims: Vec3;
  affine: Mat4;
  values: ArrayLike<number>;
  /** mm³ of one voxel. */
  voxelVolume: number;
}

export interface ClusterOptions {
  /** Voxels pass when v > threshold (positive) or v < −threshold (negative). 0 or more. */
  threshold: number;
  sign?: ClusterSign;
  connectivity?: Connectivity;
  /** Clusters with fewer voxels are dropped. */
  minVoxels?: number;
  /** Clusters with a smaller volume are dropped. */
  minMm3?: number;
  /** Minimum distance between reported peaks (default 8 mm). */
  subpeakDistanceMm?: number;
  /** Sub-peaks reported besides the main peak (default 3). */
  maxSubpeaks?: number;
}

export interface ClusterPeak {
  value: number;
  /** Flat voxel index in the map grid. */
  index: number;
  ijk: Vec3;
  /** World coordinate of the voxel centre (MNI mm). */
  xyz: Vec3;
}

export interface Cluster {
  /** 1-based, in report order (largest first). */
  id: number;
  sign: 1 | -1;
  voxels: number;
  volumeMm3: number;
  peak: ClusterPeak;
  /** Unweighted mean of the member voxel centres, world mm. */
  centerOfMass: Vec3;
  subpeaks: ClusterPeak[];
  /** Flat voxel indices of the members (breadth-first order; a view into one shared buffer). */
  members: Int32Array;
}

export interface ClusterResult {
  clusters: Cluster[];
  /** Per voxel of the map grid: the id of its cluster, 0 for none (dropped clusters are 0 too). */
  labels: Int32Array;
  /** Voxels that passed the threshold, before the minimum size was applied. */
  suprathreshold: number;
}

export const DEFAULT_SUBPEAK_DISTANCE_MM = 8;
export const DEFAULT_MAX_SUBPEAKS = 3;

interface Offsets {
  di: Int32Array;
  dj: Int32Array;
  dk: Int32Array;
  d: Int32Array;
}

function neighbourOffsets(nx: number, ny: number, connectivity: Connectivity): Offsets {
  const maxSum = connectivity === 6 ? 1 : connectivity === 18 ? 2 : 3;
  const di: number[] = [],
    dj: number[] = [],
    dk: number[] = [],
    d: number[] = [];
  for (let z = -1; z <= 1; z++)
    for (let y = -1; y <= 1; y++)
      for (let x = -1; x <= 1; x++) {
        const s = Math.abs(x) + Math.abs(y) + Math.abs(z);
        if (s === 0 || s > maxSum) continue;
        di.push(x);
        dj.push(y);
        dk.push(z);
        d.push(x + nx * (y + ny * z));
      }
  return { di: Int32Array.from(di), dj: Int32Array.from(dj), dk: Int32Array.from(dk), d: Int32Array.from(d) };
}

interface RawCluster {
  label: number;
  sign: 1 | -1;
  start: number;
  count: number;
  peakIndex: number;
  peakSigned: number;
  si: number;
  sj: number;
  sk: number;
}

export function validateClusterOptions(o: ClusterOptions): void {
  if (!Number.isFinite(o.threshold) || o.threshold < 0) {
    throw new AtlasError(
      'invalid-argument',
      `the threshold must be a number 0 or more (negative clusters are chosen by sign), got ${o.threshold}`,
    );
  }
  if (o.connectivity !== undefined && o.connectivity !== 6 && o.connectivity !== 18 && o.connectivity !== 26) {
    throw new AtlasError('invalid-argument', `connectivity must be 6, 18 or 26, got ${o.connectivity}`);
  }
  if (o.minVoxels !== undefined && o.minMm3 !== undefined) {
    throw new AtlasError('invalid-argument', 'give a minimum cluster size in voxels or in mm³, not both');
  }
  if (o.minVoxels !== undefined && !(Number.isInteger(o.minVoxels) && o.minVoxels >= 0)) {
    throw new AtlasError(
      'invalid-argument',
      `the minimum cluster size in voxels must be a whole number 0 or more, got ${o.minVoxels}`,
    );
  }
  if (o.minMm3 !== undefined && !(Number.isFinite(o.minMm3) && o.minMm3 >= 0)) {
    throw new AtlasError('invalid-argument', `the minimum cluster volume must be 0 mm³ or more, got ${o.minMm3}`);
  }
}

export function findClusters(map: ClusterGrid, opts: ClusterOptions): ClusterResult {
  validateClusterOptions(opts);
  const t = opts.threshold;
  const sign = opts.sign ?? 'positive';
  const connectivity = opts.connectivity ?? 26;
  const [nx, ny, nz] = map.dims;
  const n = nx * ny * nz;
  const values = map.values;
  const signs: (1 | -1)[] = sign === 'both' ? [1, -1] : sign === 'negative' ? [-1] : [1];

  // One scan of the grid: the voxels that pass, in index order (seeds), for each sign asked for.
  const wantPos = sign !== 'negative',
    wantNeg = sign !== 'positive';
  let seeds = new Int32Array(1024);
  let pass = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if ((wantPos && v > t) || (wantNeg && v < -t)) {
      if (pass === seeds.length) {
        const grown = new Int32Array(seeds.length * 2);
        grown.set(seeds);
        seeds = grown;
      }
      seeds[pass++] = i;
    }
  }
  const labels = new Int32Array(n);
  // The queue also stores every cluster's members, one contiguous run each.
  const queue = new Int32Array(Math.max(pass, 1));
  const off = neighbourOffsets(nx, ny, connectivity);
  const nOff = off.d.length;
  const raw: RawCluster[] = [];
  let tail = 0;
  let suprathreshold = 0;

  for (const s of signs) {
    for (let si0 = 0; si0 < pass; si0++) {
      const seed = seeds[si0];
      if (labels[seed] !== 0 || !(s * values[seed] > t)) continue;
      const label = raw.length + 1;
      const start = tail;
      labels[seed] = label;
      queue[tail++] = seed;
      let head = start;
      let si = 0,
        sj = 0,
        sk = 0;
      let peakIndex = seed,
        peakSigned = s * values[seed];
      while (head < tail) {
        const p = queue[head++];
        const i = p % nx;
        const jk = (p - i) / nx;
        const j = jk % ny;
        const k = (jk - j) / ny;
        si += i;
        sj += j;
        sk += k;
        const sv = s * values[p];
        if (sv > peakSigned || (sv === peakSigned && p < peakIndex)) {
          peakSigned = sv;
          peakIndex = p;
        }
        const interior = i > 0 && j > 0 && k > 0 && i < nx - 1 && j < ny - 1 && k < nz - 1;
        for (let o = 0; o < nOff; o++) {
          if (!interior) {
            const a = i + off.di[o],
              b = j + off.dj[o],
              c = k + off.dk[o];
            if (a < 0 || b < 0 || c < 0 || a >= nx || b >= ny || c >= nz) continue;
          }
          const q = p + off.d[o];
          if (labels[q] === 0 && s * values[q] > t) {
            labels[q] = label;
            queue[tail++] = q;
          }
        }
      }
      raw.push({ label, sign: s, start, count: tail - start, peakIndex, peakSigned, si, sj, sk });
    }
  }
  suprathreshold = tail;

  const minVoxels = opts.minVoxels ?? 0;
  const minMm3 = opts.minMm3 ?? 0;
  const kept = raw.filter(
    (c) => c.count >= minVoxels && c.count * map.voxelVolume >= minMm3 - 1e-9 * Math.max(1, minMm3),
  );
  kept.sort((a, b) => b.count - a.count || b.peakSigned - a.peakSigned || a.peakIndex - b.peakIndex);

  const m = map.affine;
  const world = (i: number, j: number, k: number): Vec3 => [
    m[0] * i + m[1] * j + m[2] * k + m[3],
    m[4] * i + m[5] * j + m[6] * k + m[7],
    m[8] * i + m[9] * j + m[10] * k + m[11],
  ];
  const peakOf = (index: number): ClusterPeak => {
    const i = index % nx;
    const jk = (index - i) / nx;
    const j = jk % ny;
    const k = (jk - j) / ny;
    return { value: values[index], index, ijk: [i, j, k], xyz: world(i, j, k) };
  };
  const minDist = opts.subpeakDistanceMm ?? DEFAULT_SUBPEAK_DISTANCE_MM;
  const maxSub = opts.maxSubpeaks ?? DEFAULT_MAX_SUBPEAKS;
  const all26 = connectivity === 26 ? off : neighbourOffsets(nx, ny, 26);
  const marks = maxSub > 0 && kept.length > 0 ? new Uint8Array(n) : new Uint8Array(0);

  const clusters: Cluster[] = kept.map((c, idx) => {
    const members = queue.subarray(c.start, c.start + c.count);
    const subpeaks =
      maxSub > 0 ? findSubpeaks(c, members, labels, values, map.dims, all26, peakOf, minDist, maxSub, marks) : [];
    return {
      id: idx + 1,
      sign: c.sign,
      voxels: c.count,
      volumeMm3: c.count * map.voxelVolume,
      peak: peakOf(c.peakIndex),
      centerOfMass: world(c.si / c.count, c.sj / c.count, c.sk / c.count),
      subpeaks,
      members,
    };
  });

  // Final ids in the label grid: report order, dropped clusters back to 0.
  const finalId = new Int32Array(raw.length + 1);
  kept.forEach((c, idx) => {
    finalId[c.label] = idx + 1;
  });
  for (const c of raw) {
    const id = finalId[c.label];
    for (let q = c.start, end = c.start + c.count; q < end; q++) labels[queue[q]] = id;
  }
  return { clusters, labels, suprathreshold };
}

function findSubpeaks(
  c: RawCluster,
  members: Int32Array,
  labels: Int32Array,
  values: ArrayLike<number>,
  dims: Vec3,
  off: Offsets,
  peakOf: (index: number) => ClusterPeak,
  minDist: number,
  maxSub: number,
  marks: Uint8Array,
): ClusterPeak[] {
  const [nx, ny, nz] = dims;
  const s = c.sign;
  // Pass 1: mark the local maxima (no 26-neighbour of the same cluster is larger).
  const maxima: number[] = [];
  for (let q = 0; q < members.length; q++) {
    const p = members[q];
    const sv = s * values[p];
    const i = p % nx;
    const jk = (p - i) / nx;
    const j = jk % ny;
    const k = (jk - j) / ny;
    const interior = i > 0 && j > 0 && k > 0 && i < nx - 1 && j < ny - 1 && k < nz - 1;
    let isMax = true;
    for (let o = 0; o < off.d.length; o++) {
      if (!interior) {
        const a = i + off.di[o],
          b = j + off.dj[o],
          cc = k + off.dk[o];
        if (a < 0 || b < 0 || cc < 0 || a >= nx || b >= ny || cc >= nz) continue;
      }
      const r = p + off.d[o];
      if (labels[r] === c.label && s * values[r] > sv) {
        isMax = false;
        break;
      }
    }
    if (isMax) {
      marks[p] = 1;
      maxima.push(p);
    }
  }
  // Pass 2: a plateau (26-connected local maxima of one value) is one candidate, at its lowest voxel index, as
  // nilearn counts a plateau once. The plateau holding the main peak is the main peak.
  const candidates: number[] = [];
  const stack: number[] = [];
  for (const start of maxima) {
    if (marks[start] !== 1) continue;
    marks[start] = 2;
    stack.push(start);
    let lowest = start;
    const v = values[start];
    while (stack.length > 0) {
      const p = stack.pop() as number;
      if (p < lowest) lowest = p;
      const i = p % nx;
      const jk = (p - i) / nx;
      const j = jk % ny;
      const k = (jk - j) / ny;
      for (let o = 0; o < off.d.length; o++) {
        const a = i + off.di[o],
          b = j + off.dj[o],
          cc = k + off.dk[o];
        if (a < 0 || b < 0 || cc < 0 || a >= nx || b >= ny || cc >= nz) continue;
        const r = p + off.d[o];
        if (marks[r] === 1 && values[r] === v) {
          marks[r] = 2;
          stack.push(r);
        }
      }
    }
    if (lowest !== c.peakIndex) candidates.push(lowest);
  }
  for (const p of maxima) marks[p] = 0;
  candidates.sort((a, b) => s * values[b] - s * values[a] || a - b);
  const kept: ClusterPeak[] = [peakOf(c.peakIndex)];
  const out: ClusterPeak[] = [];
  for (const p of candidates) {
    const cand = peakOf(p);
    let far = true;
    for (const k of kept) {
      const d = Math.hypot(cand.xyz[0] - k.xyz[0], cand.xyz[1] - k.xyz[1], cand.xyz[2] - k.xyz[2]);
      if (d < minDist - 1e-9) {
        far = false;
        break;
      }
    }
    if (!far) continue;
    kept.push(cand);
    out.push(cand);
    if (out.length >= maxSub) break;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Atlas composition

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

// ---------------------------------------------------------------------------------------------------------------
// The report as data and as text: the same rows for the CLI and for the app's export.

export interface ClusterReport {
  clusters: Cluster[];
  /** Atlas ids in the order asked for. */
  atlasIds: string[];
  /** Per atlas id, one entry per cluster (same order as `clusters`). */
  atlases: Record<string, ClusterAtlasInfo[]>;
}

const roundTo = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits || 0;
/** Map values are float32: 7 significant digits say all they hold (3.2, not 3.200000047683716). */
export const mapValue = (v: number) => Number(v.toPrecision(7));
const mm = (p: Vec3): Vec3 => [roundTo(p[0], 4), roundTo(p[1], 4), roundTo(p[2], 4)];

export interface ClusterJson {
  id: number;
  voxels: number;
  volume_mm3: number;
  peak: { value: number; xyz: Vec3 };
  center_of_mass: Vec3;
  subpeaks: { value: number; xyz: Vec3 }[];
  atlases: Record<
    string,
    {
      peak: { value: number; name: string | null };
      composition: RegionShare[];
      nearest: { value: number; name: string | null; distance_mm: number } | null;
    }
  >;
}

export function clusterReportJson(report: ClusterReport): ClusterJson[] {
  return report.clusters.map((c, n) => {
    const atlases: ClusterJson['atlases'] = {};
    for (const id of report.atlasIds) {
      const a = report.atlases[id][n];
      atlases[id] = {
        peak: a.peak,
        composition: a.composition,
        nearest: a.nearest ? { ...a.nearest, distance_mm: roundTo(a.nearest.distance_mm, 2) } : null,
      };
    }
    return {
      id: c.id,
      voxels: c.voxels,
      volume_mm3: roundTo(c.volumeMm3, 6),
      peak: { value: mapValue(c.peak.value), xyz: mm(c.peak.xyz) },
      center_of_mass: mm(c.centerOfMass),
      subpeaks: c.subpeaks.map((s) => ({ value: mapValue(s.value), xyz: mm(s.xyz) })),
      atlases,
    };
  });
}

const fmtXyz = (p: Vec3) => `(${p.map((v) => String(roundTo(v, 2))).join(', ')})`;

/** "Precentral_L", or "~Precentral_L (3.2 mm)" for the nearest region to a peak outside every region, else `none`
 *  (for the report's atlas facts and their JSON form alike). */
export function peakRegionText(a: Pick<ClusterAtlasInfo, 'peak' | 'nearest'>, none = '-'): string {
  if (a.peak.value !== 0) return a.peak.name ?? String(a.peak.value);
  if (a.nearest) return `~${a.nearest.name ?? a.nearest.value} (${roundTo(a.nearest.distance_mm, 1)} mm)`;
  return none;
}

/** "61.25% Precentral_L; 20% Postcentral_L; 18.75% outside" (top `limit` regions). */
export function compositionText(a: ClusterAtlasInfo, limit = Infinity): string {
  const parts = a.composition.slice(0, limit).map((s) => `${s.percent}% ${s.name ?? s.value}`);
  if (a.composition.length > limit) parts.push(`… ${a.composition.length - limit} more`);
  if (a.unlabelledPercent > 0) parts.push(`${a.unlabelledPercent}% outside`);
  return parts.join('; ');
}

/** Header and one row of cells per cluster: the flat table behind CSV, TSV and Markdown exports. */
export function clusterReportRows(report: ClusterReport, json: ClusterJson[] = clusterReportJson(report)): string[][] {
  const header = [
    'cluster',
    'voxels',
    'volume_mm3',
    'peak_value',
    'peak_x',
    'peak_y',
    'peak_z',
    'com_x',
    'com_y',
    'com_z',
    'subpeaks',
  ];
  for (const id of report.atlasIds)
    header.push(`${id}_peak_value`, `${id}_peak_region`, `${id}_nearest`, `${id}_composition`);
  const rows = json.map((j, n) => {
    const row = [
      j.id,
      j.voxels,
      j.volume_mm3,
      j.peak.value,
      ...j.peak.xyz,
      ...j.center_of_mass,
      j.subpeaks.map((s) => `${s.value} ${fmtXyz(s.xyz)}`).join('; '),
    ].map(String);
    for (const id of report.atlasIds) {
      const a = report.atlases[id][n];
      const near = a.nearest ? `${a.nearest.name ?? a.nearest.value} (${roundTo(a.nearest.distance_mm, 2)} mm)` : '';
      row.push(String(a.peak.value), a.peak.name ?? '', near, compositionText(a));
    }
    return row;
  });
  return [header, ...rows];
}

export type ClusterTableFormat = 'csv' | 'tsv' | 'markdown';

export function formatClusterTable(report: ClusterReport, format: ClusterTableFormat): string {
  return formatTableRows(clusterReportRows(report), format);
}

/**
 * Rows of cells (the first is the header) as CSV, TSV or Markdown: the one formatter behind `brain-atlas clusters
 * --csv` and the app's exports of MapClusterReport.table, so both write the same bytes.
 */
export function formatTableRows(rows: string[][], format: ClusterTableFormat): string {
  if (format === 'csv')
    return rows.map((r) => r.map((c) => (/[",\n\r]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\n');
  if (format === 'tsv') return rows.map((r) => r.map((c) => c.replace(/[\t\n\r]/g, ' ')).join('\t')).join('\n');
  const cell = (c: string) => c.replace(/\|/g, '\\|').replace(/[\n\r]/g, ' ');
  const [head, ...body] = rows;
  return [
    `| ${head.map(cell).join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...body.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ].join('\n');
}
