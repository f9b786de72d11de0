/**
 * The surface-net sweep (surface-nets.ts says what it builds): cell by cell, z then y then x, a row of cells at a
 * time (sweep-row.ts, or its WebAssembly twin), over the whole grid or one slab of cell layers, into arrays sized from
 * the grid (grown when an atlas is unusually busy). The WebAssembly rows read the labels padded with a border of
 * zeros (paddedLabels), in the memory the arrays are in.
 */
import { AtlasError } from '../errors';
import type { LabelVolume } from '../atlas/label-volume';
import { grow, plainArrays, type ArrayAlloc } from './arrays';
import { type RowSpans, type RowState, rowSpans, sweepCellRow } from './sweep-row';
import type { SurfaceNet } from './types';
import { kernelAvailable, type SweepRowKernel, wasmKernel } from './wasm-kernels';

/** Per-label tables are indexed by value; beyond this a volume's labels would need renumbering first. */
const MAX_MESH_LABEL = 1 << 24;
/** Cell coordinates are kept in 16 bits. */
const MAX_MESH_DIM = 32000;

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
  // Every field named, not spread from `arrays`: a literal of fixed keys keeps its shape from job to job, so the
  // optimised code of the rows that reads it is not thrown away when the last job's state is collected.
  const st: Sweep = {
    alloc,
    positions: arrays.positions,
    cells: arrays.cells,
    links: arrays.links,
    quads: arrays.quads,
    voxels: arrays.voxels,
    vertexUses: arrays.vertexUses,
    padded: arrays.padded,
    layers: arrays.layers,
    state: arrays.state,
    memory: arrays.memory,
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
export interface SweepOutput extends SlabArrays {
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
export function slabNet(s: NetSlab): SurfaceNet {
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

/** The sweep's output so far and its scratch; one object, so the per-row function sees one shape. */
interface Sweep extends SweepOutput, RowState {
  alloc: ArrayAlloc;
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
  sweepRow: SweepRowKernel,
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
  sweepRow({
    padded: st.padded!,
    rowA,
    rowStride: px,
    planeStride: plane,
    prevLayer: st.prevLayer,
    curLayer: st.curLayer,
    positions: st.positions,
    cells: st.cells,
    links: st.links,
    quads: st.quads,
    vertexUses: st.vertexUses,
    voxels: st.voxels,
    countVoxels: count,
    state,
    nx: px - 2,
    cj,
    ck,
    rowCur,
    rowBelow,
  });
  st.nv = state[0];
  st.qLen = state[1];
}
