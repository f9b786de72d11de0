/**
 * Region meshes for every label of a volume in one pass over the grid: multi-label surface nets. Each voxel edge
 * whose two labels differ emits one quad between the four cells around it; the quad belongs to both labels
 * (facing out of each), so neighbouring regions share their boundary exactly — no cracks, no overlaps.
 *
 * The grid is swept once, cell by cell (z, then y, then x). A cell (the cube between 8 voxel centres) gets a
 * vertex when its 8 labels are not all equal, numbered in sweep order, so neighbours are close in memory. The
 * quads of the 3 voxel edges at a cell's low corner are emitted as soon as the cell is reached: the other three
 * cells around each of those edges come earlier in the sweep. Only two layers of cell → vertex ids are kept, so
 * the sweep touches little memory beyond its output (fresh memory costs about 1 ms per MB here in page faults).
 * The sweep can also run as two slabs of cell layers, one per thread, joined afterwards into exactly the one-pass
 * net (sweepSlab, prepareJoin and the join ranges; main/workers/mesh-threads.ts).
 * Smoothing (smooth.ts, with small regions' volumes given back: small-regions.ts) and splitting into per-region
 * meshes (assemble.ts) follow; pipeline.ts runs the stages in order.
 */
import { AtlasError } from '../errors';
import type { LabelVolume } from '../atlas/label-volume';
import { plainArrays, type ArrayAlloc } from './arrays';
import { kernelAvailable, type SweepRowKernel, wasmKernel } from './wasm-kernels';
import type { SurfaceNet } from './types';

/** Per-label tables are indexed by value; beyond this a volume's labels would need renumbering first. */
const MAX_MESH_LABEL = 1 << 24;
/** Cell coordinates are kept in 16 bits. */
const MAX_MESH_DIM = 32000;

/** Growable typed-array storage: sized from the grid once, grown by copying only when an atlas is unusually busy. */
function grow<T extends Float32Array | Int16Array | Int32Array | Uint32Array>(
  a: T,
  need: number,
  make: (n: number, scratch: boolean) => T,
): T {
  if (need <= a.length) return a;
  // Scratch: the old contents are copied and the rest is written before it is read.
  const next = make(Math.max(need, Math.ceil(a.length * 1.5)), true);
  next.set(a);
  return next;
}

/**
 * The raw surface net of every label boundary, in voxel coordinates, with vertices placed by edge midpoints.
 * `alloc` supplies the output arrays (shared memory for the threaded path, main/workers/mesh-threads.ts).
 */
export function surfaceNet(vol: LabelVolume, alloc: ArrayAlloc = plainArrays): SurfaceNet {
  return slabNet(sweepSlab(vol, -1, vol.dims[2], alloc));
}

/**
 * The surface net swept in two slabs of cell layers, [-1, split) and [split, nz), then joined: what two threads do
 * (mesh-threads.ts runs one sweepSlab on each and shares the join), here in turn. Bit for bit surfaceNet's result,
 * for any split.
 */
export function surfaceNetInSlabs(vol: LabelVolume, split: number, alloc: ArrayAlloc = plainArrays): SurfaceNet {
  const padded = paddedForKernel(vol, alloc);
  const low = sweepSlab(vol, -1, split, alloc, slabArrays(alloc, totalCapacity(vol), vol, padded));
  const join = prepareJoin(
    low,
    sweepSlab(vol, split, vol.dims[2], alloc, slabArrays(alloc, defaultCapacity(vol), vol, padded)),
    alloc,
  );
  joinVerticesRange(join, 0, join.upVertices);
  joinQuadsRange(join, 0, join.upQuads);
  return finishJoin(join);
}

function checkMeshable(vol: LabelVolume): void {
  const [nx, ny, nz] = vol.dims;
  if (vol.maxLabel > MAX_MESH_LABEL) {
    throw new AtlasError(
      'invalid-labels',
      `label values up to ${vol.maxLabel} are too large to mesh (at most ${MAX_MESH_LABEL})`,
    );
  }
  if (Math.max(nx, ny, nz) > MAX_MESH_DIM) {
    throw new AtlasError(
      'invalid-labels',
      `a ${nx}×${ny}×${nz} grid is too large to mesh (at most ${MAX_MESH_DIM} voxels a side)`,
    );
  }
}

/** Rows sampled by balancedSplit: one in this many. */
const SPLIT_SAMPLE_ROWS = 8;

/**
 * Where to cut the cell layers into two slabs of about equal work, for two threads: a layer in [1, nz - 1], or -1
 * when the grid has fewer than 2 layers. The work of a layer is estimated by the label changes along x in a sample
 * of its rows (vertices sit where labels change).
 */
export function balancedSplit(vol: LabelVolume): number {
  const [nx, ny, nz] = vol.dims;
  if (nz < 2) return -1;
  const L = vol.labels;
  const perLayer = new Float64Array(nz);
  let total = 0;
  for (let k = 0; k < nz; k++) {
    let changes = 0;
    for (let j = k % SPLIT_SAMPLE_ROWS; j < ny; j += SPLIT_SAMPLE_ROWS) {
      const off = nx * (j + ny * k);
      let prev = 0;
      for (let i = 0; i < nx; i++) {
        const v = L[off + i];
        if (v !== prev) changes++;
        prev = v;
      }
      if (prev !== 0) changes++;
    }
    perLayer[k] = changes;
    total += changes;
  }
  // Cell layer ck reads voxel layers ck and ck + 1; cut where the voxel layers below hold half the changes.
  let k = 0;
  for (let below = 0; k < nz - 1 && below + perLayer[k] <= total / 2; k++) below += perLayer[k];
  return Math.min(nz - 1, Math.max(1, k));
}

/** Room for a typical whole-brain atlas's net; untouched capacity costs no page faults. */
export const defaultCapacity = (vol: LabelVolume) =>
  Math.max(1 << 12, Math.ceil((vol.dims[0] * vol.dims[1] * vol.dims[2]) / 10));
/** Room for the whole net in the lower slab's arrays, which the upper slab joins (prepareJoin). */
export const totalCapacity = (vol: LabelVolume) =>
  Math.max(1 << 12, Math.ceil((vol.dims[0] * vol.dims[1] * vol.dims[2]) / 6));

/**
 * The arrays a slab's sweep writes (grown from its `alloc` when they fill up), and its scratch. Made by the thread
 * that starts the job, so that in a WasmArena they are all in its memory and the sweep's rows run as WebAssembly.
 */
export interface SlabArrays {
  positions: Float32Array;
  cells: Int16Array;
  links: Int32Array;
  quads: Uint32Array;
  /** Voxels per label value (index 0, the background, is not counted). */
  voxels: Uint32Array;
  /** For each label, how many net vertices its mesh uses. */
  vertexUses: Uint32Array;
  /**
   * The labels as the WebAssembly rows read them (paddedLabels; one for both slabs of a grid), or null where they
   * cannot run: JavaScript rows then copy the rows they need from the volume.
   */
  padded: Int32Array | null;
  /** Scratch: two layers of cell -> vertex ids, and the WebAssembly row's state (vertex count, quad length). */
  layers: Int32Array;
  state: Int32Array;
  /** The WebAssembly memory holding all of the above, else null (the rows run as JavaScript). */
  memory: WebAssembly.Memory | null;
}

/** Slab arrays for `vol` with room for `capacity` vertices, reading `padded` (paddedLabels, or to be written). */
export function slabArrays(
  alloc: ArrayAlloc,
  capacity: number,
  vol: LabelVolume,
  padded: Int32Array | null,
): SlabArrays {
  const [nx, ny] = vol.dims;
  const arrays = {
    padded,
    positions: alloc.f32(capacity * 3, true),
    cells: alloc.i16(capacity * 3, true),
    links: alloc.i32(capacity * 6, true),
    quads: alloc.u32(Math.ceil(capacity * 1.2) * 6, true),
    voxels: alloc.u32(vol.maxLabel + 1),
    vertexUses: alloc.u32(vol.maxLabel + 1),
    layers: alloc.i32(2 * (nx + 1) * (ny + 1)),
    state: alloc.i32(2),
  };
  return { ...arrays, memory: padded ? (alloc.memoryOf?.(Object.values(arrays) as ArrayBufferView[]) ?? null) : null };
}

/**
 * The padded labels from `alloc` when it can place them in a WebAssembly memory and the row kernel can run, else
 * null; written now, or (fill false) left for padPlanesRange.
 */
export function paddedForKernel(vol: LabelVolume, alloc: ArrayAlloc, fill = true): Int32Array | null {
  return alloc.memoryOf && kernelAvailable('sweepRow') ? paddedLabels(vol, alloc, fill) : null;
}

/**
 * The labels as int32 with a border of zeros one voxel wide, (nx + 2) × (ny + 2) × (nz + 2): voxel (i, j, k) at
 * (i + 1, j + 1, k + 1). The WebAssembly sweep reads its four voxel rows of a cell row straight from it, with no edge
 * cases. Written by padPlanesRange over planes [0, nz + 2), now or (fill false) by the caller, in pieces for two
 * threads.
 */
export function paddedLabels(vol: LabelVolume, alloc: ArrayAlloc = plainArrays, fill = true): Int32Array {
  const [nx, ny, nz] = vol.dims;
  const padded = alloc.i32((nx + 2) * (ny + 2) * (nz + 2), true);
  if (fill) padPlanesRange(vol, padded, 0, nz + 2);
  return padded;
}

/** Planes [from, to) of the padded labels (see paddedLabels), every element written. */
export function padPlanesRange(vol: LabelVolume, padded: Int32Array, from: number, to: number): void {
  const [nx, ny, nz] = vol.dims;
  const px = nx + 2,
    plane = px * (ny + 2);
  for (let p = from; p < to; p++) {
    const base = p * plane;
    if (p === 0 || p === nz + 1) {
      padded.fill(0, base, base + plane);
      continue;
    }
    padded.fill(0, base, base + px);
    padded.fill(0, base + plane - px, base + plane);
    for (let j = 0, src = nx * ny * (p - 1); j < ny; j++, src += nx) {
      const row = base + px * (j + 1);
      padded[row] = 0;
      padded.set(vol.labels.subarray(src, src + nx), row + 1);
      padded[row + nx + 1] = 0;
    }
  }
}

/**
 * One slab of the sweep: cell layers ck in [kFrom, kTo), kFrom >= -1. An upper slab (kFrom >= 0) first sweeps
 * layer kFrom - 1 again as a "ghost" layer: its vertices (numbered 0 .. ghost - 1 here, in the same order as the
 * lower slab's last layer) let the slab's first layer link and emit quads as the one-pass sweep does; the ghost
 * layer's own quads, voxel counts and vertex uses are dropped, and the join maps ghost vertices onto the lower
 * slab's. Reads arrays.padded when there is one (at least its planes kFrom .. kTo + 1), else the volume; writes
 * `arrays` (grown from `alloc` when they fill up) and returns them at their capacity. Rows run as WebAssembly when
 * the arrays are in a WebAssembly memory, else (and after arrays grow outside it) as JavaScript, with the same result.
 */
export function sweepSlab(
  vol: LabelVolume,
  kFrom: number,
  kTo: number,
  alloc: ArrayAlloc = plainArrays,
  arrays: SlabArrays = slabArrays(alloc, defaultCapacity(vol), vol, paddedForKernel(vol, alloc)),
): NetSlab {
  checkMeshable(vol);
  const [nx, ny] = vol.dims;
  const cx = nx + 1,
    cy = ny + 1;
  const px = nx + 2,
    plane = px * (ny + 2);
  const st: Sweep = {
    alloc,
    ...arrays,
    nv: 0,
    qLen: 0,
    prevLayer: arrays.layers.subarray(0, cx * cy),
    curLayer: arrays.layers.subarray(cx * cy),
    corner: new Int32Array(8),
  };
  let kernel = st.memory && wasmKernel('sweepRow', st.memory);
  const kStart = kFrom >= 0 ? kFrom - 1 : kFrom;
  // JavaScript rows skip what is background in all four voxel rows (the WebAssembly row is fast enough not to), and
  // without padded labels copy their four voxel rows (nx + 2 each, voxel i at i + 1) into `rows`.
  let spans: RowSpans | null = null;
  let rows: Int32Array | null = null;

  let ghost = 0,
    lastLayerStart = 0;
  for (let ck = kStart; ck < kTo; ck++) {
    const swap = st.prevLayer;
    st.prevLayer = st.curLayer;
    st.curLayer = swap;
    if (ck === kTo - 1) lastLayerStart = st.nv;
    const isGhost = ck < kFrom;
    for (let cj = -1; cj < ny; cj++) {
      // Voxel rows A (cj, ck), B (cj + 1, ck), C (cj, ck + 1), D (cj + 1, ck + 1): A starts here, B one row on, C one
      // plane on. Row A's voxels are counted (the sweep reads each voxel once as an A corner).
      const rowA = px * (cj + 1) + plane * (ck + 1);
      const count = cj >= 0 && ck >= 0 && !isGhost;
      // At most one vertex per cell and three quads per vertex in this row. Arrays grown outside the memory (a
      // helper thread's) leave the rest of the slab to JavaScript.
      if (ensureRoom(st, cx) && !st.alloc.memoryOf?.([st.positions, st.cells, st.links, st.quads])) kernel = null;
      if (kernel) sweepCellRowWasm(kernel, st, rowA, px, plane, count, cj, ck, cx * (cj + 1), cx * cj);
      else {
        spans ??= rowSpans(vol, Math.max(0, kStart), Math.min(vol.dims[2], kTo + 1));
        const [lo, hi] = spans.cellRow(cj, ck);
        if (hi === 0) continue;
        if (st.padded)
          sweepCellRow(st, st.padded, rowA + 2, px, plane, count, cj, ck, cx * (cj + 1), cx * cj, lo - 1, hi);
        else {
          rows ??= new Int32Array(4 * px);
          for (let r = 0; r < 4; r++) spans.copyRow(rows, r * px, cj + (r & 1), ck + (r >> 1), lo, hi);
          sweepCellRow(st, rows, 2, px, 2 * px, count, cj, ck, cx * (cj + 1), cx * cj, lo - 1, hi);
        }
      }
    }
    if (isGhost) {
      // Keep the ghost vertices' numbers (the next layer links to them) and nothing else of this layer.
      ghost = st.nv;
      st.qLen = 0;
      st.vertexUses.fill(0);
      for (let v = 0; v < ghost; v++) st.links[v * 6 + 5] = -1;
    }
  }
  return {
    positions: st.positions,
    cells: st.cells,
    links: st.links,
    quads: st.quads,
    padded: st.padded,
    voxels: st.voxels,
    vertexUses: st.vertexUses,
    layers: st.layers,
    state: st.state,
    memory: st.memory,
    nv: st.nv,
    qLen: st.qLen,
    ghost,
    lastLayerStart,
  };
}

/** What a sweep has written: its arrays at their capacity, `nv` vertices and `qLen` quad numbers used. */
interface SweepOutput extends SlabArrays {
  nv: number;
  qLen: number;
}

/** A slab's sweep. */
export interface NetSlab extends SweepOutput {
  /** Vertices 0 .. ghost - 1 are the ghost layer's (0 for the lowest slab). */
  ghost: number;
  /** The first vertex of the slab's last cell layer. */
  lastLayerStart: number;
}

/** A whole-grid slab (the lowest, ending at the last layer) as the surface net. */
function slabNet(s: NetSlab): SurfaceNet {
  return {
    positions: s.positions.subarray(0, s.nv * 3),
    cells: s.cells.subarray(0, s.nv * 3),
    links: s.links.subarray(0, s.nv * 6),
    quads: s.quads.subarray(0, s.qLen),
    quadCount: s.qLen / 6,
    voxels: s.voxels,
    vertexUses: s.vertexUses,
  };
}

/**
 * Joining two adjacent slabs: the upper slab's vertices follow the lower one's (its ghost vertices become the lower
 * slab's last layer), its quads follow too, all renumbered. The lower slab's arrays receive the result (grown here
 * when too small); the upper slab is only read. As loops over ranges, so two threads can share it: prepareJoin,
 * then joinVerticesRange over [0, upVertices) and joinQuadsRange over [0, upQuads) in any pieces, then finishJoin.
 */
export interface JoinJob {
  low: NetSlab;
  up: NetSlab;
  /** The upper slab's own vertices (past its ghost layer) and quads. */
  upVertices: number;
  upQuads: number;
}

export function prepareJoin(lowSlab: NetSlab, up: NetSlab, alloc: ArrayAlloc = plainArrays): JoinJob {
  const g = up.ghost,
    nv1 = lowSlab.nv;
  if (nv1 - lowSlab.lastLayerStart !== g)
    throw new Error(
      `surface net slabs do not meet: ${nv1 - lowSlab.lastLayerStart} vertices below the seam, ${g} above`,
    );
  const nv = nv1 + up.nv - g;
  const qLen = lowSlab.qLen + up.qLen;
  const low = { ...lowSlab };
  if (nv * 3 > low.positions.length) {
    low.positions = grow(low.positions, nv * 3, alloc.f32);
    low.cells = grow(low.cells, nv * 3, alloc.i16);
    low.links = grow(low.links, nv * 6, alloc.i32);
  }
  if (qLen > low.quads.length) low.quads = grow(low.quads, qLen, alloc.u32);
  return { low, up, upVertices: up.nv - g, upQuads: up.qLen / 6 };
}

/**
 * Upper-slab vertex v as a vertex of the joined net: a ghost vertex (v < g) is the lower slab's last-layer vertex
 * base + v; the slab's own vertices follow the lower slab's (v + shift, shift = lower vertices − g).
 */
const joinedId = (v: number, g: number, base: number, shift: number) => (v < g ? base + v : v + shift);

/** The upper slab's own vertices [from, to) (0 = its first past the ghost layer): positions, cells, links. */
export function joinVerticesRange(j: JoinJob, from: number, to: number): void {
  const { low, up } = j;
  const g = up.ghost,
    base = low.lastLayerStart,
    shift = low.nv - g;
  low.positions.set(up.positions.subarray((g + from) * 3, (g + to) * 3), (low.nv + from) * 3);
  low.cells.set(up.cells.subarray((g + from) * 3, (g + to) * 3), (low.nv + from) * 3);
  const links = low.links,
    upLinks = up.links;
  for (let i = (g + from) * 6, o = (low.nv + from) * 6, end = (g + to) * 6; i < end; i++, o++) {
    const w = upLinks[i];
    links[o] = w < 0 ? w : joinedId(w, g, base, shift);
  }
}

/** The upper slab's quads [from, to), after the lower slab's. */
export function joinQuadsRange(j: JoinJob, from: number, to: number): void {
  const { low, up } = j;
  const g = up.ghost,
    base = low.lastLayerStart,
    shift = low.nv - g;
  const quads = low.quads,
    upQuads = up.quads;
  for (let i = from * 6, o = low.qLen + from * 6; i < to * 6; i += 6, o += 6) {
    for (let c = 0; c < 4; c++) quads[o + c] = joinedId(upQuads[i + c], g, base, shift);
    quads[o + 4] = upQuads[i + 4];
    quads[o + 5] = upQuads[i + 5];
  }
}

/** The seam's +z links (found by the upper slab's first layer), the per-label counts, and the joined net. */
export function finishJoin(j: JoinJob): SurfaceNet {
  const { low, up } = j;
  for (let v = 0; v < up.ghost; v++) {
    const w = up.links[v * 6 + 5];
    if (w >= 0)
      low.links[(low.lastLayerStart + v) * 6 + 5] = joinedId(w, up.ghost, low.lastLayerStart, low.nv - up.ghost);
  }
  for (let l = 0; l < low.voxels.length; l++) {
    low.voxels[l] += up.voxels[l];
    low.vertexUses[l] += up.vertexUses[l];
  }
  return slabNet({ ...low, nv: low.nv + j.upVertices, qLen: low.qLen + up.qLen });
}

/** The sweep's output so far and its scratch; one object, so the per-row function sees one shape. */
interface Sweep extends SweepOutput {
  alloc: ArrayAlloc;
  prevLayer: Int32Array;
  curLayer: Int32Array;
  corner: Int32Array;
}

/** Grows the output arrays when the next row might not fit; returns whether it did. */
function ensureRoom(st: Sweep, cellsInRow: number): boolean {
  let grown = false;
  const needV = st.nv + cellsInRow;
  if (needV * 3 > st.positions.length) {
    const cap = Math.ceil(needV * 1.5);
    st.positions = grow(st.positions, cap * 3, st.alloc.f32);
    st.cells = grow(st.cells, cap * 3, st.alloc.i16);
    st.links = grow(st.links, cap * 6, st.alloc.i32);
    grown = true;
  }
  const needQ = st.qLen + cellsInRow * 18;
  if (needQ > st.quads.length) {
    st.quads = grow(st.quads, Math.ceil(needQ * 1.5), st.alloc.u32);
    grown = true;
  }
  return grown;
}

/** sweepCellRow as WebAssembly (wasm/sweep-row.wat), on the same arrays, with the same result. */
function sweepCellRowWasm(
  kernel: SweepRowKernel,
  st: Sweep,
  rowA: number,
  px: number,
  plane: number,
  count: boolean,
  cj: number,
  ck: number,
  rowCur: number,
  rowBelow: number,
): void {
  const state = st.state;
  state[0] = st.nv;
  state[1] = st.qLen;
  kernel(
    st.padded!.byteOffset + rowA * 4,
    px * 4,
    plane * 4,
    st.prevLayer.byteOffset,
    st.curLayer.byteOffset,
    st.positions.byteOffset,
    st.cells.byteOffset,
    st.links.byteOffset,
    st.quads.byteOffset,
    st.vertexUses.byteOffset,
    st.voxels.byteOffset,
    count ? 1 : 0,
    state.byteOffset,
    px - 2,
    cj,
    ck,
    rowCur,
    rowBelow,
  );
  st.nv = state[0];
  st.qLen = state[1];
}

/** Where each voxel row of some planes holds labels: what JavaScript rows of cells need to look at. */
interface RowSpans {
  /** The columns [lo, hi) that hold a label in any of cell row (cj, ck)'s four voxel rows; hi = 0 when none does. */
  cellRow(cj: number, ck: number): [number, number];
  /** Voxel row (j, k) into `to` from `at` (voxel i at at + i + 1), background over the cell row's [lo - 1, hi]. */
  copyRow(to: Int32Array, at: number, j: number, k: number, lo: number, hi: number): void;
}

/** The nonzero span of every voxel row (j, k), k in [k0, k1). */
function rowSpans(vol: LabelVolume, k0: number, k1: number): RowSpans {
  const [nx, ny] = vol.dims;
  const L = vol.labels;
  const lo = new Int32Array(ny * (k1 - k0)).fill(nx),
    hi = new Int32Array(ny * (k1 - k0));
  for (let r = 0, off = nx * ny * k0; r < lo.length; r++, off += nx) {
    let a = 0;
    while (a < nx && L[off + a] === 0) a++;
    if (a === nx) continue;
    let b = nx;
    while (L[off + b - 1] === 0) b--;
    lo[r] = a;
    hi[r] = b;
  }
  const row = (j: number, k: number) => (j >= 0 && j < ny && k >= k0 && k < k1 ? j + ny * (k - k0) : -1);
  const span: [number, number] = [0, 0];
  return {
    cellRow(cj, ck) {
      span[0] = nx;
      span[1] = 0;
      for (let dk = 0; dk < 2; dk++) {
        for (let dj = 0; dj < 2; dj++) {
          const r = row(cj + dj, ck + dk);
          if (r < 0) continue;
          if (lo[r] < span[0]) span[0] = lo[r];
          if (hi[r] > span[1]) span[1] = hi[r];
        }
      }
      return span;
    },
    copyRow(to, at, j, k, from, end) {
      to.fill(0, at + from, at + end + 2);
      const r = row(j, k);
      if (r >= 0 && hi[r] > 0) to.set(L.subarray(nx * (j + ny * k) + lo[r], nx * (j + ny * k) + hi[r]), at + lo[r] + 1);
    },
  };
}

/**
 * One row of cells (cj, ck), ci from `from` to hi - 1 (-1 to nx - 1 for the whole row; column `from` must be
 * background in all four voxel rows): vertices, their links to earlier neighbours, the quads of the voxel edges at
 * each cell's low corner, and (when `count`) row A's voxels per label. Voxel column ci + 1 of rows A, B, C, D is
 * P[a + ci], P[a + toB + ci], P[a + toC + ci], P[a + toB + toC + ci]. Kept as its own small function so the JIT
 * optimises it early. wasm/sweep-row.wat is its twin (always the whole row, in the padded labels): change both.
 */
function sweepCellRow(
  st: Sweep,
  P: Int32Array,
  a: number,
  toB: number,
  toC: number,
  count: boolean,
  cj: number,
  ck: number,
  rowCur: number,
  rowBelow: number,
  from: number,
  hi: number,
): void {
  const { positions, cells, links, quads, voxels, vertexUses, prevLayer, curLayer, corner } = st;
  let nv = st.nv,
    qLen = st.qLen;
  const b = a + toB,
    c = a + toC,
    d = c + toB;
  // Column ci of the cell: (a0, b0, c0, d0); column ci + 1: (a1, b1, c1, d1). Column `from` is background.
  let a0 = 0,
    b0 = 0,
    c0 = 0,
    d0 = 0;
  let uniform0 = true;
  for (let ci = from; ci < hi; ci++) {
    const a1 = P[a + ci],
      b1 = P[b + ci],
      c1 = P[c + ci],
      d1 = P[d + ci];
    if (count && a1 !== 0) voxels[a1]++;
    const uniform1 = a1 === b1 && a1 === c1 && a1 === d1;
    if (!(uniform0 && uniform1 && a0 === a1)) {
      const v = nv++;
      curLayer[ci + 1 + rowCur] = v;
      // Place the vertex at the mean of the midpoints of the cell's 12 edges whose labels differ.
      let sx = 0,
        sy = 0,
        sz = 0,
        n = 0;
      if (a0 !== a1) {
        sx += 0.5;
        n++;
      }
      if (b0 !== b1) {
        sx += 0.5;
        sy += 1;
        n++;
      }
      if (c0 !== c1) {
        sx += 0.5;
        sz += 1;
        n++;
      }
      if (d0 !== d1) {
        sx += 0.5;
        sy += 1;
        sz += 1;
        n++;
      }
      if (a0 !== b0) {
        sy += 0.5;
        n++;
      }
      if (a1 !== b1) {
        sx += 1;
        sy += 0.5;
        n++;
      }
      if (c0 !== d0) {
        sy += 0.5;
        sz += 1;
        n++;
      }
      if (c1 !== d1) {
        sx += 1;
        sy += 0.5;
        sz += 1;
        n++;
      }
      if (a0 !== c0) {
        sz += 0.5;
        n++;
      }
      if (a1 !== c1) {
        sx += 1;
        sz += 0.5;
        n++;
      }
      if (b0 !== d0) {
        sy += 1;
        sz += 0.5;
        n++;
      }
      if (b1 !== d1) {
        sx += 1;
        sy += 1;
        sz += 0.5;
        n++;
      }
      const o = v * 3;
      positions[o] = ci + sx / n;
      positions[o + 1] = cj + sy / n;
      positions[o + 2] = ck + sz / n;
      cells[o] = ci;
      cells[o + 1] = cj;
      cells[o + 2] = ck;
      // Links to the earlier neighbours (and their links back): across the face at column ci (−x), at row cj
      // (−y: rows A, C) and at layer ck (−z: rows A, B).
      const l = v * 6;
      links[l + 1] = -1;
      links[l + 3] = -1;
      links[l + 5] = -1;
      if (!uniform0) {
        links[l] = v - 1;
        links[l - 5] = v;
      } else links[l] = -1;
      if (!(a0 === a1 && a0 === c0 && a0 === c1)) {
        const w = curLayer[ci + 1 + rowBelow];
        links[l + 2] = w;
        links[w * 6 + 3] = v;
      } else links[l + 2] = -1;
      if (!(a0 === a1 && a0 === b0 && a0 === b1)) {
        const w = prevLayer[ci + 1 + rowCur];
        links[l + 4] = w;
        links[w * 6 + 5] = v;
      } else links[l + 4] = -1;
      // Each distinct nonzero label of the cell uses this vertex once.
      corner[0] = a0;
      corner[1] = a1;
      corner[2] = b0;
      corner[3] = b1;
      corner[4] = c0;
      corner[5] = c1;
      corner[6] = d0;
      corner[7] = d1;
      for (let c = 0; c < 8; c++) {
        const lab = corner[c];
        if (lab === 0) continue;
        let seen = false;
        for (let e = 0; e < c; e++)
          if (corner[e] === lab) {
            seen = true;
            break;
          }
        if (!seen) vertexUses[lab]++;
      }
      // Quads of the three voxel edges at the cell's low corner (voxel (ci, cj, ck)); the other cells around each
      // edge come earlier in the sweep. Corners in the order that faces the low (first) voxel's side.
      if (a0 !== a1) {
        // Along x: cells (ci, cj-1, ck-1), (ci, cj, ck-1), (ci, cj, ck), (ci, cj-1, ck).
        qLen = putQuad(
          quads,
          qLen,
          prevLayer[ci + 1 + rowBelow],
          prevLayer[ci + 1 + rowCur],
          v,
          curLayer[ci + 1 + rowBelow],
          a0,
          a1,
        );
      }
      if (a0 !== b0) {
        // Along y: cells (ci-1, cj, ck-1), (ci-1, cj, ck), (ci, cj, ck), (ci, cj, ck-1).
        qLen = putQuad(quads, qLen, prevLayer[ci + rowCur], v - 1, v, prevLayer[ci + 1 + rowCur], a0, b0);
      }
      if (a0 !== c0) {
        // Along z: cells (ci-1, cj-1, ck), (ci, cj-1, ck), (ci, cj, ck), (ci-1, cj, ck).
        qLen = putQuad(quads, qLen, curLayer[ci + rowBelow], curLayer[ci + 1 + rowBelow], v, v - 1, a0, c0);
      }
    }
    a0 = a1;
    b0 = b1;
    c0 = c1;
    d0 = d1;
    uniform0 = uniform1;
  }
  st.nv = nv;
  st.qLen = qLen;
}

/** Writes one quad (four vertex ids, low label, high label) at `at`; returns the end. */
function putQuad(
  quads: Uint32Array,
  at: number,
  a: number,
  b: number,
  c: number,
  d: number,
  low: number,
  high: number,
): number {
  quads[at] = a;
  quads[at + 1] = b;
  quads[at + 2] = c;
  quads[at + 3] = d;
  quads[at + 4] = low;
  quads[at + 5] = high;
  return at + 6;
}
