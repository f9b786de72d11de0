/**
 * A label volume's native grid. Some atlases ship a "1 mm" file that is a coarser grid copied voxel for voxel
 * (nearest-neighbour upsampling): AAL3v1_1mm is the 2 mm AAL3 with every voxel a 2×2×2 block. Meshed at the file's
 * grid, each coarse step is a ledge two cells high that smoothing confined to one cell cannot round off, and the
 * surface looks terraced. Meshed at the grid the labels were drawn on, then subdivided back to the file's density
 * (subdivide.ts), it is as smooth as the coarse atlas and as fine as the file.
 *
 * findNativeGrid tells whether a volume is such a copy: along every axis, neighbouring voxels inside the blocks of
 * some size f (2, 3 or 4) and offset agree almost always (NATIVE_GRID_AGREEMENT, counted where either is labelled),
 * so a few voxels edited at the fine grid do not hide it. nativeVolume takes each block's most common label.
 */
import { invertAffine, type Mat4 } from '../affine';
import type { LabelArray, LabelVolume } from '../atlas/label-volume';
import type { Vec3 } from '../types';

export interface NativeGrid {
  /** Block size: each native voxel is f × f × f voxels of the file. */
  factor: number;
  /** Where the first whole block starts along x, y, z (0 ≤ offset < factor). */
  offset: Vec3;
}

/** Share of labelled neighbour pairs inside blocks that must agree, on every axis. */
export const NATIVE_GRID_AGREEMENT = 0.97;
const FACTORS = [4, 3, 2];
/** Blocks a side at least: a small volume (a test's few blocks) is meshed as it is. */
const MIN_BLOCKS = 16;
/** A common multiple of FACTORS: pair statistics are kept per position modulo this. */
const PERIOD = 12;
/** One line of voxels in this many is read: the agreement of a few hundred thousand pairs is plenty. */
const LINE_SAMPLE = 7;

/** The coarser grid `vol` was copied from, or null when it is its own (or too small to tell). */
export function findNativeGrid(vol: LabelVolume): NativeGrid | null {
  // Axis by axis, each read once and only while some block size still fits: a volume drawn on its own grid is
  // usually told apart by its first axis.
  const stats: ReturnType<typeof pairAgreement>[] = [];
  const statsOf = (axis: number) => (stats[axis] ??= pairAgreement(vol, axis));
  let sizes = FACTORS.filter((f) => vol.dims.every((n) => n >= MIN_BLOCKS * f));
  const offsets = new Map<number, number[]>(sizes.map((f) => [f, []]));
  for (let axis = 0; axis < 3 && sizes.length > 0; axis++) {
    const { same, pairs } = statsOf(axis);
    sizes = sizes.filter((f) => {
      const o = bestOffset(same, pairs, f);
      offsets.get(f)?.push(o);
      return o >= 0;
    });
  }
  const f = sizes[0];
  return f === undefined ? null : { factor: f, offset: offsets.get(f) as Vec3 };
}

/** The block offset along one axis at which neighbours inside blocks of size f agree enough, else −1. */
function bestOffset(same: Float64Array, pairs: Float64Array, f: number): number {
  let best = -1,
    bestShare = 0;
  for (let o = 0; o < f; o++) {
    let s = 0,
      p = 0;
    // Pairs (i, i + 1) inside a block: i is not a block's last voxel, (i − o) mod f ≠ f − 1.
    for (let r = 0; r < PERIOD; r++) {
      if ((((r - o) % f) + f) % f === f - 1) continue;
      s += same[r];
      p += pairs[r];
    }
    if (p > 0 && s / p > bestShare) {
      bestShare = s / p;
      best = o;
    }
  }
  return bestShare >= NATIVE_GRID_AGREEMENT ? best : -1;
}

/**
 * For each position modulo PERIOD along `axis`, how many neighbour pairs (i, i + 1) have a label on either side, and
 * how many of those agree. Pairs are read a row of x at a time (rows one in LINE_SAMPLE), so that along y and z too
 * both rows of a pair are read in memory order: line by line they would be a cache miss a voxel.
 */
function pairAgreement(vol: LabelVolume, axis: number): { same: Float64Array; pairs: Float64Array } {
  const [nx, ny, nz] = vol.dims;
  const L = vol.labels;
  const same = new Float64Array(PERIOD),
    pairs = new Float64Array(PERIOD);
  if (axis === 0) {
    // Rows along x themselves: one in LINE_SAMPLE, pair by pair along each.
    for (let row = 0; row < ny * nz; row += LINE_SAMPLE) {
      const start = row * nx;
      let a = L[start];
      for (let t = 0, r = 0; t + 1 < nx; t++) {
        const b = L[start + t + 1];
        if ((a | b) !== 0) {
          pairs[r]++;
          if (a === b) same[r]++;
        }
        a = b;
        if (++r === PERIOD) r = 0;
      }
    }
    return { same, pairs };
  }
  // Along y (planes of z) or z (planes of y): in one plane across the other axis in LINE_SAMPLE, rows t and t + 1.
  const n = vol.dims[axis];
  const across = axis === 1 ? nz : ny;
  const step = axis === 1 ? nx : nx * ny;
  const counted = new Uint32Array(2);
  for (let c = 0; c < across; c += LINE_SAMPLE) {
    for (let t = 0; t + 1 < n; t++) {
      const rowA = axis === 1 ? nx * (t + ny * c) : nx * (c + ny * t);
      rowPairs(L, rowA, rowA + step, nx, counted);
      const r = t % PERIOD;
      pairs[r] += counted[0];
      same[r] += counted[1];
    }
  }
  return { same, pairs };
}

/**
 * Of the voxel pairs (L[a + i], L[b + i]), i < n, of two rows: how many have a label on either side (into
 * counted[0]), and how many of those agree (counted[1]). A function of its own, so a fresh process compiles this
 * loop alone when it gets hot.
 */
function rowPairs(L: LabelVolume['labels'], a: number, b: number, n: number, counted: Uint32Array): void {
  let labelled = 0,
    agree = 0;
  for (let i = 0; i < n; i++) {
    const u = L[a + i],
      v = L[b + i];
    if ((u | v) !== 0) {
      labelled++;
      if (u === v) agree++;
    }
  }
  counted[0] = labelled;
  counted[1] = agree;
}

/**
 * The volume on its native grid: each block's most common label (on a tie the rarer one), blocks cut by the file's
 * edges included, with the affine that puts each native voxel at its block's centre. A label that no block would
 * keep gets the block holding most of it (rescueVanishedLabels); null when even that fails, and the volume is then
 * meshed as it is.
 */
export function nativeVolume(
  vol: LabelVolume,
  grid: NativeGrid,
  fileCounts: Uint32Array = voxelCounts(vol),
): LabelVolume | null {
  const f = grid.factor;
  const [nx, ny] = vol.dims;
  // Native index b covers file voxels [start(b), start(b) + f) ∩ [0, n), start(b) = o + f·b − (o > 0 ? f : 0).
  const shift = grid.offset.map((o) => (o > 0 ? o - f : 0)) as Vec3;
  const dims = vol.dims.map((n, a) => Math.ceil((n - shift[a]) / f)) as Vec3;
  const [mx, my, mz] = dims;
  const labels: LabelArray = new (vol.labels.constructor as { new (n: number): LabelArray })(mx * my * mz);
  blockLabels(vol, f, shift, dims, labels, fileCounts);
  const blockOf = (i: number) => {
    const x = i % nx,
      y = Math.floor(i / nx) % ny,
      z = Math.floor(i / (nx * ny));
    const b = (c: number, a: number) => Math.floor((c - shift[a]) / f);
    return b(x, 0) + mx * (b(y, 1) + my * b(z, 2));
  };
  if (!rescueVanishedLabels(vol, labels, fileCounts, blockOf)) return null;
  // Native voxel b sits at file coordinate f·b + shift + (f − 1) / 2 on each axis.
  const m = vol.affine;
  const origin = shift.map((s) => s + (f - 1) / 2);
  const affine: Mat4 = Float64Array.from(m);
  for (let r = 0; r < 3; r++) {
    for (let c = 0; c < 3; c++) affine[4 * r + c] = m[4 * r + c] * f;
    affine[4 * r + 3] = m[4 * r] * origin[0] + m[4 * r + 1] * origin[1] + m[4 * r + 2] * origin[2] + m[4 * r + 3];
  }
  return {
    dims,
    affine,
    inverse: invertAffine(affine),
    labels,
    maxLabel: vol.maxLabel,
    voxelVolume: vol.voxelVolume * f * f * f,
  };
}

/**
 * Each native block's label into `labels` (nativeVolume): its most common label. A function of its own, so that a
 * fresh process compiles this loop alone when it gets hot, not with the rest of nativeVolume.
 */
function blockLabels(
  vol: LabelVolume,
  f: number,
  shift: Vec3,
  dims: Vec3,
  labels: LabelArray,
  fileCounts: Uint32Array,
): void {
  const [nx, ny, nz] = vol.dims;
  const [mx, my, mz] = dims;
  const L = vol.labels;
  const block = new Uint32Array(f * f * f);
  const whole = new Int32Array(f * f * f);
  for (let z = 0, m = 0; z < f; z++)
    for (let y = 0; y < f; y++) for (let x = 0; x < f; x++) whole[m++] = x + nx * (y + ny * z);
  for (let bz = 0; bz < mz; bz++) {
    const z0 = Math.max(0, shift[2] + f * bz),
      z1 = Math.min(nz, shift[2] + f * bz + f);
    for (let by = 0; by < my; by++) {
      const y0 = Math.max(0, shift[1] + f * by),
        y1 = Math.min(ny, shift[1] + f * by + f);
      const wholeRow = y1 - y0 === f && z1 - z0 === f;
      const row = nx * (y0 + ny * z0);
      const out = mx * (by + my * bz);
      for (let bx = 0; bx < mx; bx++) {
        const x0 = shift[0] + f * bx;
        if (wholeRow && x0 >= 0 && x0 + f <= nx) {
          // A whole block (nearly all of them): its voxels at fixed offsets from its first one. Most hold one label
          // (the background's above all): that is its label, read without copying the block.
          const base = row + x0;
          const first = L[base];
          let same = 1;
          while (same < whole.length && L[base + whole[same]] === first) same++;
          if (same === whole.length) {
            labels[out + bx] = first;
            continue;
          }
          for (let m = 0; m < whole.length; m++) block[m] = L[base + whole[m]];
          labels[out + bx] = mostCommon(block, whole.length, fileCounts);
          continue;
        }
        const xa = Math.max(0, x0),
          xb = Math.min(nx, x0 + f);
        let m = 0;
        for (let z = z0; z < z1; z++)
          for (let y = y0; y < y1; y++) for (let x = xa; x < xb; x++) block[m++] = L[x + nx * (y + ny * z)];
        labels[out + bx] = mostCommon(block, m, fileCounts);
      }
    }
  }
}

/**
 * The most common of block[0..m); on a tie, the label with fewer voxels in the file, so that small structures drawn
 * on the fine grid keep their share where they meet large ones.
 */
function mostCommon(block: Uint32Array, m: number, fileCounts: Uint32Array): number {
  let best = block[0],
    bestCount = 0;
  // Most blocks hold one label (the background's above all).
  let uniform = 1;
  while (uniform < m && block[uniform] === best) uniform++;
  if (uniform === m) return best;
  for (let i = 0; i < m; i++) {
    const v = block[i];
    let c = 0;
    for (let j = 0; j < m; j++) if (block[j] === v) c++;
    if (c > bestCount || (c === bestCount && fileCounts[v] < fileCounts[best])) {
      bestCount = c;
      best = v;
    }
  }
  return best;
}

/**
 * Gives each label of the file that no block chose the block holding most of its voxels, so it keeps a mesh (a
 * small structure drawn on the fine grid, like AAL3's thalamic nuclei). False when that takes away another label's
 * only block.
 */
function rescueVanishedLabels(
  vol: LabelVolume,
  labels: LabelArray,
  before: Uint32Array,
  blockOf: (i: number) => number,
): boolean {
  const size = vol.maxLabel + 1;
  const after = new Uint32Array(size);
  for (let i = 0; i < labels.length; i++) after[labels[i]]++;
  const vanished = new Uint8Array(size);
  const best = new Map<number, Map<number, number>>();
  for (let v = 1; v < size; v++) {
    if (before[v] && !after[v]) {
      vanished[v] = 1;
      best.set(v, new Map());
    }
  }
  if (best.size === 0) return true;
  const L = vol.labels;
  for (let i = 0; i < L.length; i++) {
    if (vanished[L[i]] === 0) continue;
    const blocks = best.get(L[i]) as Map<number, number>;
    const b = blockOf(i);
    blocks.set(b, (blocks.get(b) ?? 0) + 1);
  }
  for (const [label, blocks] of best) {
    let at = -1,
      most = 0;
    for (const [b, c] of blocks) if (c > most) [at, most] = [b, c];
    const taken = labels[at];
    if (taken !== 0 && after[taken] <= 1) return false;
    after[taken]--;
    labels[at] = label;
    after[label]++;
  }
  return true;
}

/** Voxels per label value of a volume (index 0: background), as the file counts them. */
export function voxelCounts(vol: LabelVolume): Uint32Array {
  const counts = new Uint32Array(vol.maxLabel + 1);
  const L = vol.labels;
  // By runs of one label (label volumes are mostly long runs): one count added per run, not a chain of increments of
  // the same count.
  for (let i = 0; i < L.length; ) {
    const v = L[i];
    let e = i + 1;
    while (e < L.length && L[e] === v) e++;
    counts[v] += e - i;
    i = e;
  }
  return counts;
}
