/**
 * The WebAssembly kernels of meshing (core/mesh/wasm/*.wat, compiled into the generated modules beside them), bound
 * to the shared memory their arrays live in (core/mesh/arrays.ts's WasmArena). Each binding takes its arrays and
 * numbers by name and passes the kernel their byte addresses. Each kernel has a JavaScript twin that gives the same
 * bits, used where the kernel cannot run: no WebAssembly SIMD, or a page whose Content-Security-Policy forbids
 * compiling it.
 */
import { WASM_BASE64 as CURVE_FACES } from './wasm/curve-faces';
import { WASM_BASE64 as LINK_QUADS } from './wasm/link-quads';
import { WASM_BASE64 as LINK_VERTICES } from './wasm/link-vertices';
import { WASM_BASE64 as NOISE_ROW } from './wasm/noise-row';
import { WASM_BASE64 as PLACE_EDGES } from './wasm/place-edges';
import { WASM_BASE64 as PLACE_VERTICES } from './wasm/place-vertices';
import { WASM_BASE64 as SMALL_VOLUMES } from './wasm/small-volumes';
import { WASM_BASE64 as SWEEP_ROW } from './wasm/sweep-row';
import { WASM_BASE64 as TAUBIN_STEP } from './wasm/taubin-step';
import { WASM_BASE64 as WRITE_GLB_PART } from './wasm/write-glb-part';
import { WASM_BASE64 as WRITE_REGION } from './wasm/write-region';
import type { LabelArray } from '../atlas/label-volume';
import type { QuadQuarters, RegionMesh } from './types';

/** taubin-step.wat: one Taubin step of vertices [from, to) (smooth.ts's taubinStepJs is its twin). */
export interface TaubinStepArgs {
  /** Positions read and written (xyz per vertex). */
  src: Float32Array;
  dst: Float32Array;
  /** Six neighbour position offsets per vertex (vertex × 3), a missing one pointing at the vertex itself. */
  nb: Int32Array;
  /** How many of each vertex's neighbours are real. */
  degree: Uint8Array;
  /** The low corner of each vertex's cell. */
  cells: Int16Array;
  /** The step's factor (lambda or mu). */
  factor: number;
  /** How far past its cell a vertex may go, in cells. */
  slack: number;
  from: number;
  to: number;
}

/** curve-faces.wat: which faces of each vertex's cell are on curves, for vertices [from, to) (smooth.ts's curveFaces). */
export interface CurveFacesArgs {
  /** The low corner voxel of each vertex's cell. */
  cells: Int16Array;
  /** Written: per vertex, its cell's faces on curves (a bit per link slot). */
  bits: Uint8Array;
  /** The labels as int32 with a border of zeros one voxel wide (sweep.ts's paddedLabels), of `dims`. */
  padded: Int32Array;
  dims: readonly [number, number, number];
  /** smooth.ts's table of faces on curves per set of differing voxel pairs (4096 entries). */
  table: Uint8Array;
  from: number;
  to: number;
}

/** sweep-row.wat: one row of cells (cj, ck) of the surface-net sweep (sweep-row.ts's sweepCellRow is its twin). */
export interface SweepRowArgs {
  /** The padded labels (sweep.ts's paddedLabels): voxel row A starts at `rowA`, B `rowStride` on, C `planeStride` on. */
  padded: Int32Array;
  rowA: number;
  rowStride: number;
  planeStride: number;
  /** The two layers of cell -> vertex ids. */
  prevLayer: Int32Array;
  curLayer: Int32Array;
  positions: Float32Array;
  cells: Int16Array;
  links: Int32Array;
  quads: Uint32Array;
  vertexUses: Uint32Array;
  voxels: Uint32Array;
  /** Whether row A's voxels are counted per label. */
  countVoxels: boolean;
  /** The vertex count and quad numbers used: read, and updated by the row. */
  state: Int32Array;
  nx: number;
  cj: number;
  ck: number;
  /** Where the row's cells and the row below's start in a layer. */
  rowCur: number;
  rowBelow: number;
}

/** write-region.wat: one region of the assembly (assemble.ts's writeRegion is its twin); returns its vertices' end. */
export interface WriteRegionArgs {
  /**
   * The net's quads (and their quarters, where each stands for four: quad-pieces.ts), the region's quad sides and the
   * net's world positions.
   */
  q: Uint32Array;
  quarters: QuadQuarters | null;
  sides: Uint32Array;
  world: Float32Array;
  positions: Float32Array;
  normals: Float32Array;
  indices: Uint32Array;
  sourceVertex: Uint32Array;
  /** This thread's scratch: per net vertex, its latest copy + 1. */
  local: Uint32Array;
  /** Five per region, 6 × the enclosed volume first. */
  results: Float64Array;
  /** The region's ordinal, its sides [sidesFrom, sidesTo) and its first vertex. */
  region: number;
  sidesFrom: number;
  sidesTo: number;
  vertexBase: number;
  /** Whether the grid is mirrored (triangles wound the other way). */
  flip: boolean;
  /**
   * Whether the kernel also finishes the region as assemble.ts's finishNormals does (unit normals; the vertices' mean
   * and the region's end into its results after the volume), and whether it puts `local` back to zeros for the
   * region's vertices (for a writer that writes every region from vertex 0).
   */
  finish: boolean;
  clearLocal: boolean;
}

/** write-glb-part.wat: one region's part of a .glb (export-gltf.ts's writeGlbPartJs is its twin). */
export interface WriteGlbPartArgs {
  mesh: RegionMesh;
  /** The part's layout (export-gltf.ts's GlbPart): where its normals and indices start, and its counts. */
  part: { nor: number; idx: number; short: boolean; range: { vertexCount: number; indexCount: number } };
  /** Millimetres to the file's units. */
  scale: number;
  /** Where the part goes (from its start). */
  out: Uint8Array;
  /** Where its bounds go, at element `at` (min xyz, max xyz); null for none. */
  bounds: Float64Array | null;
  at: number;
}

/**
 * small-volumes.wat: the small regions' volumes over pieces [from, end) of the net's quads (small-regions.ts's
 * smallVolumesJs is its twin).
 */
export interface SmallVolumesArgs {
  positions: Float32Array;
  quads: Uint32Array;
  quarters: QuadQuarters | null;
  /** Per label, its place among the small regions + 1; 0 for the others. */
  place: Int32Array;
  /** 6 × the volume per place, added to. */
  row: Float64Array;
  from: number;
  end: number;
}

/**
 * place-vertices.wat: a subdivision's coarse vertices [from, to) (subdivide.ts's placeCoarseVerticesJs is its twin);
 * place-edges.wat, with the same arguments, its edge middles [from, to) and their crease flags
 * (placeEdgeMiddlesJs).
 */
export interface PlaceVerticesArgs {
  /** The coarse (smoothed) positions. */
  coarse: Float32Array;
  /** The subdivided net's positions (its edge and quad middles placed) and links, and the edges' crease flags. */
  positions: Float32Array;
  links: Int32Array;
  crease: Uint8Array;
  /** How many coarse vertices there are. */
  n: number;
  from: number;
  to: number;
}

/**
 * link-quads.wat: a last subdivision's coarse quads [from, to) linked to their edges' middles, on thread `thread`
 * (subdivide.ts's linkQuadsJs is its twin); returns 0, 1 for a quad side that is not a link, 2 for an edge with more
 * than four quads.
 */
export interface LinkQuadsArgs {
  /** The coarse quads and links, the subdivided net's links and its quarters' side middles. */
  quads: Uint32Array;
  coarseLinks: Int32Array;
  links: Int32Array;
  middles: Uint32Array;
  /** Two counts an edge (each thread's quads at it), and this thread's label uses. */
  counts: Uint8Array;
  uses: Uint32Array;
  n: number;
  faceBase: number;
  thread: 0 | 1;
  from: number;
  to: number;
}

/**
 * link-vertices.wat: a subdivision's coarse vertices [from, to) linked to their edges' middles (subdivide.ts's
 * linkVerticesJs is its twin); returns 0, or 1 for a link without a link back.
 */
export interface LinkVerticesArgs {
  coarseLinks: Int32Array;
  links: Int32Array;
  /** Per coarse vertex, the number of the first edge it starts. */
  firstEdge: Int32Array;
  n: number;
  from: number;
  to: number;
}

/** noise-row.wat: one row of label-noise.ts's scan (noiseRowJs is its twin); returns how many voxels it wrote. */
export interface NoiseRowArgs {
  /** The label grid; voxels [from, to) are looked at, their faces nx and plane voxels away along y and z. */
  labels: LabelArray;
  from: number;
  to: number;
  nx: number;
  plane: number;
  /**
   * count false: the voxels that may be noise (label-noise.ts's noiseRowJs: at most one face of their own label, or
   * two with the other four all of one label), written in order.
   */
  out: Int32Array;
  /** count true: each voxel counted into its label's count. */
  counts: Uint32Array;
  count: boolean;
}

export type NoiseRowKernel = (a: NoiseRowArgs) => number;
export type TaubinStepKernel = (a: TaubinStepArgs) => void;
export type CurveFacesKernel = (a: CurveFacesArgs) => void;
export type LinkVerticesKernel = (a: LinkVerticesArgs) => number;
export type LinkQuadsKernel = (a: LinkQuadsArgs) => number;
export type PlaceVerticesKernel = (a: PlaceVerticesArgs) => void;
export type SmallVolumesKernel = (a: SmallVolumesArgs) => void;
export type SweepRowKernel = (a: SweepRowArgs) => void;
export type WriteRegionKernel = (a: WriteRegionArgs) => number;
export type WriteGlbPartKernel = (a: WriteGlbPartArgs) => void;

interface Kernels {
  noiseRow: NoiseRowKernel;
  taubinStep: TaubinStepKernel;
  curveFaces: CurveFacesKernel;
  sweepRow: SweepRowKernel;
  writeRegion: WriteRegionKernel;
  writeGlbPart: WriteGlbPartKernel;
  smallVolumes: SmallVolumesKernel;
  placeVertices: PlaceVerticesKernel;
  linkQuads: LinkQuadsKernel;
  linkVertices: LinkVerticesKernel;
  placeEdges: PlaceVerticesKernel;
}

/** The binding of the two placement kernels, which take the same arguments. */
function bindPlacement(run: (...args: number[]) => number): PlaceVerticesKernel {
  return (a) => {
    run(a.coarse.byteOffset, a.positions.byteOffset, a.links.byteOffset, a.crease.byteOffset, a.n, a.from, a.to);
  };
}

/** Each kernel's module, and its binding: the exported `run` called with byte addresses, in its parameters' order. */
const KERNELS: { [K in keyof Kernels]: { source: string; bind: (run: (...args: number[]) => number) => Kernels[K] } } =
  {
    noiseRow: {
      source: NOISE_ROW,
      bind: (run) => (a) =>
        run(
          a.labels.byteOffset,
          a.labels.BYTES_PER_ELEMENT,
          a.from,
          a.to,
          a.nx,
          a.plane,
          a.out.byteOffset,
          a.counts.byteOffset,
          a.count ? 1 : 0,
        ),
    },
    taubinStep: {
      source: TAUBIN_STEP,
      bind: (run) => (a) => {
        run(
          a.src.byteOffset,
          a.dst.byteOffset,
          a.nb.byteOffset,
          a.degree.byteOffset,
          a.cells.byteOffset,
          a.factor,
          a.slack,
          a.from,
          a.to,
        );
      },
    },
    curveFaces: {
      source: CURVE_FACES,
      bind: (run) => (a) => {
        run(
          a.cells.byteOffset,
          a.bits.byteOffset,
          a.padded.byteOffset,
          a.table.byteOffset,
          a.dims[0] + 2,
          a.dims[1] + 2,
          a.from,
          a.to,
        );
      },
    },
    sweepRow: {
      source: SWEEP_ROW,
      bind: (run) => (a) => {
        run(
          a.padded.byteOffset + a.rowA * 4,
          a.rowStride * 4,
          a.planeStride * 4,
          a.prevLayer.byteOffset,
          a.curLayer.byteOffset,
          a.positions.byteOffset,
          a.cells.byteOffset,
          a.links.byteOffset,
          a.quads.byteOffset,
          a.vertexUses.byteOffset,
          a.voxels.byteOffset,
          a.countVoxels ? 1 : 0,
          a.state.byteOffset,
          a.nx,
          a.cj,
          a.ck,
          a.rowCur,
          a.rowBelow,
        );
      },
    },
    writeRegion: {
      source: WRITE_REGION,
      bind: (run) => (a) =>
        run(
          a.q.byteOffset,
          a.sides.byteOffset,
          a.world.byteOffset,
          a.positions.byteOffset,
          a.normals.byteOffset,
          a.indices.byteOffset,
          a.sourceVertex.byteOffset,
          a.local.byteOffset,
          a.results.byteOffset,
          a.region,
          a.sidesFrom,
          a.sidesTo,
          a.vertexBase,
          a.flip ? 1 : 0,
          (a.finish ? 1 : 0) | (a.clearLocal ? 2 : 0),
          a.quarters?.middles.byteOffset ?? 0,
          a.quarters?.faceBase ?? 0,
          a.quarters ? 4 : 1,
        ),
    },
    writeGlbPart: {
      source: WRITE_GLB_PART,
      bind:
        (run) =>
        ({ mesh, part, scale, out, bounds, at }) => {
          run(
            mesh.positions.byteOffset,
            mesh.normals.byteOffset,
            mesh.indices.byteOffset,
            out.byteOffset,
            out.byteOffset + part.nor,
            out.byteOffset + part.idx,
            part.range.vertexCount,
            part.range.indexCount,
            mesh.base,
            part.short ? 1 : 0,
            scale,
            bounds ? bounds.byteOffset + at * 8 : 0,
            bounds ? 1 : 0,
          );
        },
    },
    smallVolumes: {
      source: SMALL_VOLUMES,
      bind: (run) => (a) => {
        run(
          a.positions.byteOffset,
          a.quads.byteOffset,
          a.quarters?.middles.byteOffset ?? 0,
          a.quarters?.faceBase ?? 0,
          a.quarters ? 4 : 1,
          a.place.byteOffset,
          a.row.byteOffset,
          a.from,
          a.end,
        );
      },
    },
    placeVertices: { source: PLACE_VERTICES, bind: bindPlacement },
    linkQuads: {
      source: LINK_QUADS,
      bind: (run) => (a) =>
        run(
          a.quads.byteOffset,
          a.coarseLinks.byteOffset,
          a.links.byteOffset,
          a.middles.byteOffset,
          a.counts.byteOffset,
          a.uses.byteOffset,
          a.n,
          a.faceBase,
          a.thread,
          a.from,
          a.to,
        ),
    },
    linkVertices: {
      source: LINK_VERTICES,
      bind: (run) => (a) =>
        run(a.coarseLinks.byteOffset, a.links.byteOffset, a.firstEdge.byteOffset, a.n, a.from, a.to),
    },
    placeEdges: { source: PLACE_EDGES, bind: bindPlacement },
  };

const compiled = new Map<keyof Kernels, WebAssembly.Module | null>();
/** Bound kernels per memory, per thread. */
const bound = new WeakMap<WebAssembly.Memory, Partial<Kernels>>();

/** The compiled module, or null where it cannot be compiled (tried once per thread). */
function kernelModule(name: keyof Kernels): WebAssembly.Module | null {
  if (!compiled.has(name)) {
    try {
      const bytes = Uint8Array.from(atob(KERNELS[name].source), (c) => c.charCodeAt(0));
      compiled.set(name, new WebAssembly.Module(bytes));
    } catch {
      compiled.set(name, null);
    }
  }
  return compiled.get(name)!;
}

/** Whether the kernel can run here. */
export function kernelAvailable(name: keyof Kernels): boolean {
  return kernelModule(name) !== null;
}

/** The kernel working in `memory`, or null where it cannot run (its JavaScript twin is used instead). */
export function wasmKernel<K extends keyof Kernels>(name: K, memory: WebAssembly.Memory): Kernels[K] | null {
  let kernels = bound.get(memory);
  if (!kernels) bound.set(memory, (kernels = {}));
  const module = kernels[name] ? null : kernelModule(name);
  if (module) {
    const run = new WebAssembly.Instance(module, { env: { memory } }).exports.run as (...args: number[]) => number;
    kernels[name] = KERNELS[name].bind(run);
  }
  return kernels[name] ?? null;
}
