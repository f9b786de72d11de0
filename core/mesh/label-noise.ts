/**
 * One-voxel label noise, folded into the region around it before meshing (at fine detail: pipeline.ts).
 * Parcellations drawn on the cortical surface and resampled into a volume (Schaefer, Glasser) have voxels that stick
 * out of their region by one face, pits one voxel deep, one-voxel strands and the ragged corners of one-voxel sheets.
 * Meshed, each is a pimple or a thin fin whose edges crease however the surface is smoothed: at fine detail they were
 * most of the creased edges that are not on the curves where regions meet (Schaefer 1000 at 1 mm: 2.1 % of all
 * edges, 0.9 % once folded).
 *
 * A voxel is noise when its region reaches it through at most one of its six faces and at least two of the other
 * faces are one region's (more than any other's), or when it is the corner of a one-voxel sheet: its region reaches
 * it through two faces at a right angle, which touch each other through the voxel across from it, and the other four
 * faces are all one region's.
 * It takes that region's label, unless
 * - a region at one of its faces would then touch its region nowhere near it: each label at its faces must meet its
 *   region's label at another face within its 3 × 3 × 3 block. So neighbours in the atlas stay neighbours in the
 *   meshes, a voxel alone inside another region stays (a region of one voxel, or a speck whose region is elsewhere),
 *   and a one-voxel line is worn from its free end, a voxel a pass; or
 * - its region has given a sixteenth of its voxels already (a region of fewer than 16 gives none).
 *
 * A pass visits the noise it found in a fixed order, the voxels with fewest faces of their own label first (a spur's
 * tip before the voxel it hangs from), then by place in the grid; each decision sees the folds before it, and the
 * voxels a fold relied on to keep a contact are left as they are for the rest of the pass. The passes after the
 * first visit only the voxels next to those that changed, and those held back. The first reads only the rows where
 * something is labelled, as WebAssembly where the labels are in its memory (noise-row.wat: the threaded path), in
 * chunks of planes that two threads share (NoiseScan); the passes are one thread's, as each decision depends on the
 * ones before it.
 *
 * Only what is meshed changes: lookups, statistics and every other reader keep the file's labels, and each region's
 * mesh is still sized to the file's voxel count (pipeline.ts's aimAtFileVoxels, small-regions.ts).
 */
import type { LabelArray, LabelVolume } from '../atlas/label-volume';
import { type ArrayAlloc, plainArrays } from './arrays';
import { type NoiseRowArgs, wasmKernel } from './wasm-kernels';

/** Passes over the grid: a spur three voxels long is folded in three. */
export const NOISE_PASSES = 3;
/** A region gives at most this share of its voxels, over all passes (one of a few voxels gives none). */
const MOST_GIVEN = 1 / 16;
/** Voxels this close to the grid's faces are left as they are, so every neighbour read is inside the grid. */
const MARGIN = 2;

export interface FoldedNoise {
  /** The labels meshed: a copy (from `writable`) with the noise folded. */
  labels: LabelArray;
  /** Per label, the voxels it gained (less than 0: gave). */
  gained: Int32Array;
  /** Voxels folded, over all passes. */
  folded: number;
}

/**
 * foldLabelNoise's `writable`: a copy of the labels, or the labels themselves where they are the caller's own. One
 * function for every fold: the passes' optimised code holds the one it was made with, and a fresh closure a fold would
 * have it thrown away once the last one was collected.
 */
const copiedLabels = (labels: LabelArray): LabelArray => labels.slice();
export const ownLabels = (labels: LabelArray): LabelArray => labels;

/**
 * `vol`'s labels with their one-voxel noise folded, in a copy made by `writable` (which may return the labels
 * themselves where they are the caller's own); null when no voxel is folded, and nothing is copied. Where `alloc`
 * made the labels in a WebAssembly memory, the grid is read there (noise-row.wat), its scratch from `alloc`.
 * `scanning` runs the first pass's chunks (NoiseScan): on this thread, or shared with another.
 */
export function foldLabelNoise(
  vol: LabelVolume,
  writable: (labels: LabelArray) => LabelArray = copiedLabels,
  alloc: ArrayAlloc = plainArrays,
  scanning: (scan: NoiseScan) => void = scanOnThisThread,
): FoldedNoise | null {
  const [nx, ny, nz] = vol.dims;
  if (nx <= 2 * MARGIN || ny <= 2 * MARGIN || nz <= 2 * MARGIN) return null;
  const scan = prepareNoiseScan(vol, alloc);
  scanning(scan);
  const job: FoldJob = {
    labels: vol.labels,
    copied: false,
    writable,
    nx,
    plane: nx * ny,
    gained: new Int32Array(vol.maxLabel + 1),
    counts: new Uint32Array(vol.maxLabel + 1),
    pinned: VoxelMarks.empty(0, vol.labels.length),
    looked: VoxelMarks.empty(1, vol.labels.length),
  };
  let found = scannedNoise(scan, job.counts);
  alloc.free?.(scanArrays(scan));
  let folded = 0;
  for (let pass = 0; pass < NOISE_PASSES && found.length > 0; pass++) {
    const { changed, held } = foldPass(job, found);
    folded += changed.length;
    if (changed.length === 0 || pass === NOISE_PASSES - 1) break;
    found = nextCandidates(job, vol.dims, changed, held);
  }
  return folded === 0 ? null : { labels: job.labels, gained: job.gained, folded };
}

interface FoldJob {
  /** The labels as folded so far: the volume's until the first fold, then `writable`'s copy. */
  labels: LabelArray;
  copied: boolean;
  writable: (labels: LabelArray) => LabelArray;
  nx: number;
  plane: number;
  gained: Int32Array;
  /** Voxels per label before folding. */
  counts: Uint32Array;
  /** Voxels a fold of this pass relied on for a contact. */
  pinned: VoxelMarks;
  /** Voxels nextCandidates has looked at. */
  looked: VoxelMarks;
}

/** Planes of the grid per chunk of the first pass. */
export const NOISE_SCAN_PLANES = 8;

/**
 * The first pass over the grid, in chunks of NOISE_SCAN_PLANES planes that two threads can share
 * (main/workers/mesh-threads.ts), each thread with its own counts and lists: every chunk's rows spanned and counted
 * (noiseSpansChunk), then, once every chunk is (a row's faces are in the planes beside it), every chunk's noise found
 * (noiseFoundChunk). scannedNoise then gathers what they found in grid order, so the fold does not depend on which
 * thread took which chunk.
 */
export interface NoiseScan {
  labels: LabelArray;
  dims: LabelVolume['dims'];
  chunks: number;
  /** Per row of voxels along x (j + ny·k), its first and last labelled voxel (a row of background: nx and −1). */
  first: Int32Array;
  last: Int32Array;
  /** Per thread: its counts of each label, its row scratch (the voxels of a row that may be noise). */
  counts: [Uint32Array, Uint32Array];
  rows: [Int32Array, Int32Array];
  /** Per thread, the noise its chunks found, each chunk's in grid order; `filled[thread]`: how much of it is used. */
  found: [Int32Array, Int32Array];
  filled: Int32Array;
  /** Per chunk: the thread that found its noise, where that starts in the thread's list, and how many (−1: no room). */
  chunkFound: Int32Array;
  /** The memory holding the labels and the threads' scratch, where the rows are read as WebAssembly; else null. */
  memory: WebAssembly.Memory | null;
}

/** The scan of `vol`, its arrays from `alloc` (shared memory, for two threads: see NoiseScan). */
function prepareNoiseScan(vol: LabelVolume, alloc: ArrayAlloc = plainArrays): NoiseScan {
  const [nx, ny, nz] = vol.dims;
  const size = vol.maxLabel + 1;
  // Noise is rare (Schaefer 1000 at 1 mm: 15 000 of 7.2 million voxels): a chunk whose noise does not fit is found
  // again on the thread that gathers.
  const room = Math.max(4096, Math.ceil(vol.labels.length / 256));
  const chunks = Math.ceil(nz / NOISE_SCAN_PLANES);
  const arrays = {
    counts: [alloc.u32(size), alloc.u32(size)] as [Uint32Array, Uint32Array],
    rows: [alloc.i32(nx, true), alloc.i32(nx, true)] as [Int32Array, Int32Array],
    found: [alloc.i32(room, true), alloc.i32(room, true)] as [Int32Array, Int32Array],
  };
  const inMemory = [vol.labels, ...arrays.counts, ...arrays.rows, ...arrays.found];
  return {
    labels: vol.labels,
    dims: vol.dims,
    chunks,
    first: alloc.i32(ny * nz, true),
    last: alloc.i32(ny * nz, true),
    ...arrays,
    filled: alloc.i32(2),
    chunkFound: alloc.i32(3 * chunks, true),
    memory: alloc.memoryOf?.(inMemory) ?? null,
  };
}

/** The scan's arrays (to free them). */
function scanArrays(scan: NoiseScan): ArrayBufferView[] {
  return [scan.first, scan.last, ...scan.counts, ...scan.rows, ...scan.found, scan.filled, scan.chunkFound];
}

/** Every chunk of the scan, on this thread. */
function scanOnThisThread(scan: NoiseScan): void {
  for (let c = 0; c < scan.chunks; c++) noiseSpansChunk(scan, c, 0);
  for (let c = 0; c < scan.chunks; c++) noiseFoundChunk(scan, c, 0);
}

/** The planes [from, to) of chunk c. */
function chunkPlanes(scan: NoiseScan, c: number): [number, number] {
  return [c * NOISE_SCAN_PLANES, Math.min(scan.dims[2], (c + 1) * NOISE_SCAN_PLANES)];
}

/** Chunk c's rows: their labelled spans (NoiseScan's first and last), and their voxels counted into `thread`'s counts. */
export function noiseSpansChunk(scan: NoiseScan, c: number, thread: 0 | 1): void {
  const [nx, ny] = scan.dims;
  const { labels: L, first, last } = scan;
  const [from, to] = chunkPlanes(scan, c);
  const row = noiseRow(scan, thread);
  for (let r = from * ny, o = r * nx; r < to * ny; r++, o += nx) {
    let a = 0;
    while (a < nx && L[o + a] === 0) a++;
    let b = nx - 1;
    while (b > a && L[o + b] === 0) b--;
    first[r] = a;
    last[r] = a === nx ? -1 : b;
    if (a < nx) row.count(o + a, o + b + 1);
  }
}

/**
 * Chunk c's noise, away from the grid's faces, in grid order, into `thread`'s list (see NoiseScan). Rows are read
 * only where they or a row beside them are labelled (one voxel either side): elsewhere every voxel is background
 * with background on all six faces (most of the grid around the brain).
 */
export function noiseFoundChunk(scan: NoiseScan, c: number, thread: 0 | 1): void {
  const found = scan.found[thread];
  const start = scan.filled[thread];
  let end = start;
  const n = foundInChunk(scan, c, thread, (o) => end < found.length && ((found[end++] = o), true));
  scan.chunkFound[3 * c] = thread;
  scan.chunkFound[3 * c + 1] = start;
  scan.chunkFound[3 * c + 2] = n;
  if (n >= 0) scan.filled[thread] = start + n;
}

/** Chunk c's noise handed to `keep` in grid order; how many, or −1 once `keep` has no room (returns false). */
function foundInChunk(scan: NoiseScan, c: number, thread: 0 | 1, keep: (o: number) => boolean): number {
  const [nx, ny, nz] = scan.dims;
  const { labels: L, first, last } = scan;
  const plane = nx * ny;
  const [lo, hi] = chunkPlanes(scan, c);
  const row = noiseRow(scan, thread);
  let n = 0;
  for (let k = Math.max(lo, MARGIN); k < Math.min(hi, nz - MARGIN); k++) {
    for (let j = MARGIN; j < ny - MARGIN; j++) {
      const r = j + ny * k;
      const from = Math.max(MARGIN, Math.min(first[r], first[r - 1], first[r + 1], first[r - ny], first[r + ny]) - 1);
      const to = Math.min(nx - MARGIN, Math.max(last[r], last[r - 1], last[r + 1], last[r - ny], last[r + ny]) + 2);
      if (to <= from) continue;
      const m = row.mayBeNoise(nx * r + from, nx * r + to);
      for (let t = 0; t < m; t++) {
        const o = row.out[t];
        if (noiseInto(L, o, nx, plane) < 0) continue;
        if (!keep(o)) return -1;
        n++;
      }
    }
  }
  return n;
}

/**
 * The first pass's noise in grid order, gathered from the chunks (one without room in its thread's list is found
 * again here), and every voxel's label counted into `counts`.
 */
function scannedNoise(scan: NoiseScan, counts: Uint32Array): number[] {
  let counted = 0;
  for (const mine of scan.counts)
    for (let l = 0; l < counts.length; l++) {
      counts[l] += mine[l];
      counted += mine[l];
    }
  counts[0] += scan.labels.length - counted;
  const found: number[] = [];
  for (let c = 0; c < scan.chunks; c++) {
    const thread = scan.chunkFound[3 * c] as 0 | 1,
      start = scan.chunkFound[3 * c + 1],
      n = scan.chunkFound[3 * c + 2];
    if (n >= 0) for (let t = 0; t < n; t++) found.push(scan.found[thread][start + t]);
    else foundInChunk(scan, c, thread, (o) => found.push(o) > 0);
  }
  return found;
}

/** How a thread reads a stretch of voxels [from, to) of one row. */
interface NoiseRow {
  /** Counts each voxel into the thread's counts. */
  count(from: number, to: number): void;
  /** Writes the voxels that may be noise (noiseRowJs) to `out`, in order; returns how many. */
  mayBeNoise(from: number, to: number): number;
  out: Int32Array;
}

/** The threads' rows, per scan: their arguments are made once, as a row is a few hundred voxels. */
const threadRows = new WeakMap<NoiseScan, NoiseRow[]>();

/**
 * `thread`'s rows of the scan: as WebAssembly (noise-row.wat) where its labels and scratch are in a WebAssembly
 * memory, else as JavaScript (noiseRowJs).
 */
function noiseRow(scan: NoiseScan, thread: 0 | 1): NoiseRow {
  const rows = threadRows.get(scan) ?? [];
  threadRows.set(scan, rows);
  const made = rows[thread];
  if (made) return made;
  const [nx, ny] = scan.dims;
  const args = {
    labels: scan.labels,
    nx,
    plane: nx * ny,
    out: scan.rows[thread],
    counts: scan.counts[thread],
    from: 0,
    to: 0,
    count: false,
  };
  const kernel = scan.memory && wasmKernel('noiseRow', scan.memory);
  const run = (from: number, to: number, count: boolean) => {
    args.from = from;
    args.to = to;
    args.count = count;
    return kernel ? kernel(args) : noiseRowJs(args);
  };
  const row: NoiseRow = {
    out: args.out,
    count: (from, to) => void run(from, to, true),
    mayBeNoise: (from, to) => run(from, to, false),
  };
  rows[thread] = row;
  return row;
}

/**
 * noise-row.wat's twin (wasm-kernels.ts's NoiseRowArgs): the voxels that may be noise, for noiseInto to decide: at
 * most one face of their own label, or two with the other four all of one label.
 */
export function noiseRowJs(a: NoiseRowArgs): number {
  const { labels: L, from, to, nx, plane, out, counts } = a;
  if (a.count) {
    for (let o = from; o < to; o++) counts[L[o]]++;
    return 0;
  }
  let n = 0;
  for (let o = from; o < to; o++) {
    const l = L[o];
    // Most voxels show three faces of their own within three looks.
    if (L[o - 1] === l && L[o + 1] === l && (L[o - nx] === l || L[o + nx] === l)) continue;
    const same = ownFaces(L, o, nx, plane);
    if (same < 2 || (same === 2 && othersAlike(L, o, l, nx, plane))) out[n++] = o;
  }
  return n;
}

/** Whether every face of voxel o that is not its label l has one and the same label. */
function othersAlike(L: LabelArray, o: number, l: number, nx: number, plane: number): boolean {
  const faces = facesOf(o, nx, plane);
  let v = -1;
  for (let s = 0; s < 6; s++) {
    const x = L[faces[s]];
    if (x === l) continue;
    if (v < 0) v = x;
    else if (x !== v) return false;
  }
  return true;
}

/** facesOf's voxels: one array for every caller (none holds it across a call to another). */
const FACES = new Float64Array(6);

/** The six face neighbours of voxel o (−x, +x, −y, +y, −z, +z), in FACES. */
function facesOf(o: number, nx: number, plane: number): Float64Array {
  FACES[0] = o - 1;
  FACES[1] = o + 1;
  FACES[2] = o - nx;
  FACES[3] = o + nx;
  FACES[4] = o - plane;
  FACES[5] = o + plane;
  return FACES;
}

/** noiseInto's six face neighbours' labels (labels are below 2³¹). */
const AROUND = new Float64Array(6);

/** How many of voxel o's six faces its own label has. */
function ownFaces(L: LabelArray, o: number, nx: number, plane: number): number {
  const l = L[o];
  return (
    +(L[o - 1] === l) +
    +(L[o + 1] === l) +
    +(L[o - nx] === l) +
    +(L[o + nx] === l) +
    +(L[o - plane] === l) +
    +(L[o + plane] === l)
  );
}

/** The label noise voxel o would take (see the file's comment), or −1 when it is not noise. */
function noiseInto(L: LabelArray, o: number, nx: number, plane: number): number {
  const l = L[o];
  const same = ownFaces(L, o, nx, plane);
  if (same > 2) return -1;
  const around = AROUND;
  const faces = facesOf(o, nx, plane);
  for (let s = 0; s < 6; s++) around[s] = L[faces[s]];
  let best = -1,
    most = 0,
    tie = false;
  for (let s = 0; s < 6; s++) {
    const x = around[s];
    if (x === l) continue;
    let n = 0;
    for (let t = 0; t < 6; t++) if (around[t] === x) n++;
    if (n > most) {
      most = n;
      best = x;
      tie = false;
    } else if (n === most && x !== best) {
      tie = true;
    }
  }
  if (tie) return -1;
  if (same < 2) return most >= 2 ? best : -1;
  return most === 4 && cornerOfSheet(L, o, l, nx, plane) ? best : -1;
}

/**
 * Whether voxel o, with two faces of its label l, is the corner of a sheet: its two neighbours of l meet at a right
 * angle and touch each other through the voxel across from o (taking o leaves l joined as it was). In a line of
 * voxels (the neighbours opposite, or not touching), it stays: a line is worn only from its ends.
 */
function cornerOfSheet(L: LabelArray, o: number, l: number, nx: number, plane: number): boolean {
  const faces = facesOf(o, nx, plane);
  let a = -1,
    b = -1;
  for (let s = 0; s < 6; s++) {
    if (L[faces[s]] !== l) continue;
    if (a < 0) a = s;
    else b = s;
  }
  // Faces 2m and 2m + 1 are opposite.
  return b >= 0 && a >> 1 !== b >> 1 && L[faces[a] + faces[b] - o] === l;
}

/** One pass over `found` (see the file's comment): the voxels folded, and those held back to look at again. */
function foldPass(job: FoldJob, found: number[]): { changed: number[]; held: number[] } {
  const { nx, plane, gained, pinned, counts } = job;
  const own = new Uint8Array(found.length);
  for (let c = 0; c < found.length; c++) own[c] = ownFaces(job.labels, found[c], nx, plane);
  const changed: number[] = [];
  const held: number[] = [];
  const pins: number[] = [];
  // Fewest faces of their own label first (noise has at most two), each kind in grid order (as `found` is).
  for (let faces = 0; faces <= 2; faces++) {
    for (let c = 0; c < found.length; c++) {
      if (own[c] !== faces) continue;
      const o = found[c];
      // Seen by the folds before it: it may be noise no more (its neighbours changed, so it is looked at next pass).
      const into = noiseInto(job.labels, o, nx, plane);
      if (into < 0) continue;
      const l = job.labels[o];
      pins.length = 0;
      if (pinned.has(o) || 1 - gained[l] > counts[l] * MOST_GIVEN || !keepsContacts(job, o, into, pins)) {
        held.push(o);
        continue;
      }
      for (const p of pins) pinned.add(p);
      if (!job.copied) {
        job.labels = job.writable(job.labels);
        job.copied = true;
      }
      gained[l]--;
      gained[into]++;
      job.labels[o] = into;
      changed.push(o);
    }
  }
  pinned.clear();
  return { changed, held };
}

/**
 * Whether voxel o (label l) may take label m with every label at its faces still meeting l near it: for each such
 * label x, a voxel of l in o's 3 × 3 × 3 block (not o) that meets x at a face (for m itself, a face neighbour of o that
 * is l will do: it meets o once o is m). The voxels relied on are added to `pins`.
 */
function keepsContacts(job: FoldJob, o: number, m: number, pins: number[]): boolean {
  const { labels: L, nx, plane } = job;
  const l = L[o];
  // Read here only: meetsNear, called below, does not use facesOf.
  const faces = facesOf(o, nx, plane);
  let heldBy = -1;
  for (const w of faces) if (L[w] === l) heldBy = w;
  if (heldBy >= 0) pins.push(heldBy);
  for (let s = 0; s < 6; s++) {
    const x = L[faces[s]];
    if (x === l || (x === m && heldBy >= 0)) continue;
    let before = false;
    for (let t = 0; t < s; t++) before ||= L[faces[t]] === x;
    if (!before && !meetsNear(L, o, l, x, nx, plane, pins)) return false;
  }
  return true;
}

/** Whether a voxel of l in o's 3 × 3 × 3 block, other than o, meets a voxel of x at a face (both then pinned). */
function meetsNear(L: LabelArray, o: number, l: number, x: number, nx: number, plane: number, pins: number[]): boolean {
  for (let dk = -1; dk <= 1; dk++)
    for (let dj = -1; dj <= 1; dj++)
      for (let di = -1; di <= 1; di++) {
        const p = o + di + nx * dj + plane * dk;
        if (p === o || L[p] !== l) continue;
        const q = faceOf(L, p, x, nx, plane);
        if (q >= 0) {
          pins.push(p, q);
          return true;
        }
      }
  return false;
}

/** A face neighbour of voxel p that is x, or −1 (x is never p's own label, nor the label of the voxel asking). */
function faceOf(L: LabelArray, p: number, x: number, nx: number, plane: number): number {
  if (L[p - 1] === x) return p - 1;
  if (L[p + 1] === x) return p + 1;
  if (L[p - nx] === x) return p - nx;
  if (L[p + nx] === x) return p + nx;
  if (L[p - plane] === x) return p - plane;
  if (L[p + plane] === x) return p + plane;
  return -1;
}

/** The next pass's candidates, in grid order: among the voxels that changed, their face neighbours, and those held. */
function nextCandidates(job: FoldJob, dims: LabelVolume['dims'], changed: number[], held: number[]): number[] {
  const { labels: L, nx, plane, looked } = job;
  const [, ny, nz] = dims;
  // Few of the voxels looked at are noise: those are sorted. Each voxel is looked at once (a voxel next to two
  // changes would be found twice).
  const found: number[] = [];
  const look = (o: number) => {
    if (looked.add(o) && noiseInto(L, o, nx, plane) >= 0) found.push(o);
  };
  for (const o of changed) {
    // A changed voxel is at least MARGIN from the grid's faces; a neighbour one closer may be too close.
    const i = o % nx,
      j = ((o - i) / nx) % ny,
      k = (o - i - nx * j) / plane;
    look(o);
    if (i > MARGIN) look(o - 1);
    if (i < nx - MARGIN - 1) look(o + 1);
    if (j > MARGIN) look(o - nx);
    if (j < ny - MARGIN - 1) look(o + nx);
    if (k > MARGIN) look(o - plane);
    if (k < nz - MARGIN - 1) look(o + plane);
  }
  for (const o of held) look(o);
  looked.clear();
  return Array.from(Int32Array.from(found).sort());
}

/**
 * A set of voxels of the grid, few at a time (the pins of one pass, the voxels one pass looks at next): a bit per
 * voxel, emptied by the words it set.
 */
class VoxelMarks {
  private readonly bits: Uint32Array;
  private readonly used: number[] = [];

  private constructor(readonly voxels: number) {
    this.bits = new Uint32Array(Math.ceil(voxels / 32));
  }

  /**
   * Set `slot`'s marks for a grid of `voxels`, empty: the same ones from fold to fold while the grid's size is the
   * same. New ones each fold cost their bits in fresh memory, and once the last ones were collected the optimised
   * code of the passes, which holds them, was thrown away and optimised again during the next fold (Schaefer 1000:
   * its passes 18-20 ms after a garbage collection, twice that before).
   */
  static empty(slot: number, voxels: number): VoxelMarks {
    const made = VoxelMarks.kept[slot];
    if (made?.voxels === voxels) return made;
    return (VoxelMarks.kept[slot] = new VoxelMarks(voxels));
  }

  private static readonly kept: VoxelMarks[] = [];

  has(v: number): boolean {
    return (this.bits[v >>> 5] & (1 << (v & 31))) !== 0;
  }

  /** Adds v; whether it was not there yet. */
  add(v: number): boolean {
    const w = v >>> 5,
      bit = 1 << (v & 31),
      word = this.bits[w];
    if ((word & bit) !== 0) return false;
    if (word === 0) this.used.push(w);
    this.bits[w] = word | bit;
    return true;
  }

  clear(): void {
    for (const w of this.used) this.bits[w] = 0;
    this.used.length = 0;
  }
}
