/**
 * The WebAssembly kernels of meshing (core/mesh/wasm/*.wat, compiled into the generated modules beside them), bound
 * to the shared memory their arrays live in (core/mesh/arrays.ts's WasmArena). Each has a JavaScript twin that gives
 * the same bits, used where a kernel cannot run: no WebAssembly SIMD, or a page whose Content-Security-Policy forbids
 * compiling it.
 */
import { WASM_BASE64 as SWEEP_ROW } from './wasm/sweep-row';
import { WASM_BASE64 as TAUBIN_STEP } from './wasm/taubin-step';
import { WASM_BASE64 as WRITE_REGION } from './wasm/write-region';

/** taubin-step.wat: one Taubin step; byte addresses of src, dst, nb, degree, cells; the factor; the vertex range. */
export type TaubinStepKernel = (
  src: number,
  dst: number,
  nb: number,
  degree: number,
  cells: number,
  f: number,
  from: number,
  to: number,
) => void;

/**
 * sweep-row.wat: one row of cells of the surface-net sweep; the byte address of voxel row A in the padded labels,
 * the byte strides to row B and to row C; byte addresses of the two cell layers, positions, cells, links, quads,
 * vertex uses and voxel counts; whether to count row A's voxels (1/0); the (vertex count, quad length) state's
 * address; then nx, cj, ck, rowCur and rowBelow.
 */
export type SweepRowKernel = (
  rowA: number,
  rowStride: number,
  planeStride: number,
  prev: number,
  cur: number,
  positions: number,
  cells: number,
  links: number,
  quads: number,
  uses: number,
  voxels: number,
  count: number,
  state: number,
  nx: number,
  cj: number,
  ck: number,
  rowCur: number,
  rowBelow: number,
) => void;

/**
 * write-region.wat: one region of the assembly; byte addresses of the quads, sides, world positions, positions,
 * normals, indices, sourceVertex, local and results; then the region's ordinal, its sides [sStart, sEnd), its first
 * vertex and whether the grid is mirrored (1/0). Returns the end of its vertices.
 */
export type WriteRegionKernel = (
  q: number,
  sides: number,
  world: number,
  positions: number,
  normals: number,
  indices: number,
  sourceVertex: number,
  local: number,
  results: number,
  r: number,
  sStart: number,
  sEnd: number,
  vBase: number,
  flip: number,
) => number;

interface Kernels {
  taubinStep: TaubinStepKernel;
  sweepRow: SweepRowKernel;
  writeRegion: WriteRegionKernel;
}
const SOURCES: Record<keyof Kernels, string> = {
  taubinStep: TAUBIN_STEP,
  sweepRow: SWEEP_ROW,
  writeRegion: WRITE_REGION,
};

const compiled = new Map<keyof Kernels, WebAssembly.Module | null>();
/** Instances per memory, per thread. */
const bound = new WeakMap<WebAssembly.Memory, Partial<Kernels>>();

/** The compiled module, or null where it cannot be compiled (tried once per thread). */
function kernelModule(name: keyof Kernels): WebAssembly.Module | null {
  if (!compiled.has(name)) {
    try {
      compiled.set(name, new WebAssembly.Module(Uint8Array.from(atob(SOURCES[name]), (c) => c.charCodeAt(0))));
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
  if (module) kernels[name] = new WebAssembly.Instance(module, { env: { memory } }).exports.run as Kernels[K];
  return kernels[name] ?? null;
}
