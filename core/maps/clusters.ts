/**
 * Clusters of a statistical map, computed on the map's own grid (never resampled before thresholding): thresholding,
 * connected components, peaks, sub-peaks and centres of mass. What each cluster hits in an atlas is
 * cluster-atlas.ts; the report's rows and text are cluster-report.ts. Pure and allocation-light: one labelling pass
 * with a flat index queue over typed arrays, no per-voxel objects.
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
import type { Mat4 } from '../affine';
import { AtlasError } from '../errors';

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
