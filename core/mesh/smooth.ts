/**
 * Taubin smoothing of a surface net's shared cell vertices: a shrink step then an inflate step per iteration, so
 * regions keep their volume. Each vertex stays inside its own cell, or within `slack` cells of it (fine detail:
 * pipeline.ts), so the surface cannot fold through its neighbours; a vertex shared by several regions moves once, for
 * all of them, so their boundaries stay shared.
 *
 * A vertex on a curve where three or more regions meet (or the outside and two regions) is smoothed along its curve
 * only (followCurve), as the subdivision's crease rule smooths it, rather than pulled into the surfaces around: a
 * region's outline on the brain's surface loses its voxel steps, and the surface no longer sinks into a groove along
 * each boundary between regions. Measured on the 1 mm atlases at fine detail (edges creased over 30°, median volume
 * error, before → after): Schaefer 1000 6.7 % → 6.0 %, 0.41 % → 0.61 %; Glasser 360 4.3 % → 3.8 %, 0.38 % → 0.39 %;
 * Schaefer 400 + Tian 4.9 % → 4.4 %, 0.20 % → 0.36 %; AAL3 2.1 % → 2.2 %, 0.50 % → 0.70 %; at standard detail Schaefer
 * 1000 27.0 % → 23.5 %, Glasser 360 17.5 % → 12.8 %. Where a curve turns at a voxel step, the quad inside the step
 * flattens as the curve straightens: more triangles face against their corners' normals (Schaefer 1000 10 862 → 13 150)
 * but they are slivers (0.093 % → 0.099 % of the surface's area). A curve that doubles back within a few edges is not
 * followed there: smoothed along itself it would close to a point (see followCurve).
 */
import { plainArrays, type ArrayAlloc, WasmArena } from './arrays';
import { kernelAvailable, wasmKernel } from './wasm-kernels';
import type { LabelVolume } from '../atlas/label-volume';
import type { MeshSettings, SurfaceNet } from './types';

/**
 * Taubin smoothing on this thread: as WebAssembly where it can run, on a copy of the net's arrays in a memory of its
 * own (the kernel works on arrays in its memory); else as JavaScript.
 */
export function smoothSurfaceNet(
  net: SurfaceNet,
  settings: MeshSettings,
  slack = 0,
  curves: CurveGrid | null = null,
): void {
  if (settings.smoothIterations <= 0 || net.positions.length === 0) return;
  const alloc = kernelAvailable('taubinStep') ? new WasmArena().alloc : plainArrays;
  const copied = <T extends Float32Array | Int32Array | Int16Array>(a: T, make: (n: number, scratch: boolean) => T) => {
    const copy = make(a.length, true);
    copy.set(a);
    return copy;
  };
  const work =
    alloc === plainArrays
      ? net
      : {
          ...net,
          positions: copied(net.positions, alloc.f32),
          links: copied(net.links, alloc.i32),
          cells: copied(sweptCells(net), alloc.i16),
        };
  const job = prepareSmoothing(work, alloc, slack, false, curves);
  curveFacesRange(job, 0, job.n);
  linkDegreesRange(job, 0, job.n);
  for (let step = 0; step < smoothingSteps(settings); step++) taubinStepRange(job, step, settings, 0, job.n);
  if (work !== net) net.positions.set(work.positions);
}

/**
 * Taubin smoothing as loops over vertex ranges [from, to), so two threads can share it (main/workers/mesh-threads.ts):
 * curveFacesRange over every vertex first, then linkDegreesRange, then each step over every vertex, a step only after
 * the last one is done everywhere. Every vertex's new position depends only on the previous step's positions (Jacobi), so any split
 * gives bit for bit the same result as one pass.
 */
export interface SmoothingJob {
  n: number;
  /** The net's six neighbour slots per vertex. */
  links: Int32Array;
  /**
   * linkDegreesRange's position offsets of the neighbours: `links` itself, rewritten in place, unless the net's links
   * are kept (prepareSmoothing).
   */
  nb: Int32Array;
  degree: Uint8Array;
  cells: Int16Array;
  /** The net's positions, and the buffer every other step writes to. */
  a: Float32Array;
  b: Float32Array;
  /** How far past its cell a vertex may go, in cells: 0 keeps it inside. */
  slack: number;
  /** The labels the net was swept from, where vertices on curves follow their curves (followCurve); else null. */
  curves: CurveGrid | null;
  /** With `curves`: per vertex, the faces of its cell on curves (curveFaces), written by curveFacesRange. */
  curveBits: Uint8Array | null;
  /**
   * With `curves`, where curveFacesRange runs as WebAssembly: the labels padded (sweep.ts's paddedLabels) and the
   * table of faces on curves, in `curveMemory` with the cells and curveBits; else null.
   */
  padded: Int32Array | null;
  curveTable: Uint8Array | null;
  curveMemory: WebAssembly.Memory | null;
  /** The WebAssembly memory holding all five arrays, where the steps run as WebAssembly (else in JavaScript). */
  memory: WebAssembly.Memory | null;
}

/** A swept net's cells: a subdivided net (which has none) is never smoothed. */
function sweptCells(net: SurfaceNet): Int16Array {
  if (!net.cells) throw new Error('surface net: a subdivided net is not smoothed');
  return net.cells;
}

/**
 * A smoothing job for `net`. With `keepLinks`, the neighbours' offsets get arrays of their own, so the net's links
 * stay as they are (a subdivision can be planned from them while it is smoothed); else they are rewritten in place.
 * `padded`: `curves`' labels padded (sweep.ts's paddedLabels), for the curves to be found as WebAssembly.
 */
export function prepareSmoothing(
  net: SurfaceNet,
  alloc: ArrayAlloc,
  slack = 0,
  keepLinks = false,
  curves: CurveGrid | null = null,
  padded: Int32Array | null = null,
): SmoothingJob {
  const n = net.positions.length / 3;
  const job = {
    n,
    links: net.links,
    nb: keepLinks ? alloc.i32(n * 6, true) : net.links,
    degree: alloc.u8(n, true),
    cells: sweptCells(net),
    a: net.positions,
    b: alloc.f32(n * 3, true),
  };
  const memory = alloc.memoryOf?.([job.nb, job.degree, job.cells, job.a, job.b]) ?? null;
  const curveBits = curves ? alloc.u8(n, true) : null;
  let curveTable: Uint8Array | null = null;
  let curveMemory: WebAssembly.Memory | null = null;
  if (curveBits && padded && alloc.memoryOf && kernelAvailable('curveFaces')) {
    curveTable = alloc.u8(FACES_ON_CURVES.length, true);
    curveTable.set(FACES_ON_CURVES);
    curveMemory = alloc.memoryOf([job.cells, curveBits, padded, curveTable]);
  }
  const inMemory = curveMemory !== null;
  return {
    ...job,
    slack,
    curves,
    curveBits,
    padded: inMemory ? padded : null,
    curveTable: inMemory ? curveTable : null,
    curveMemory,
    memory,
  };
}

/** The arrays a smoothing job made for itself, but for the net's (to free them once it is done). */
export function smoothingScratch(job: SmoothingJob): ArrayBufferView[] {
  const made = [job.b, job.degree, job.curveBits, job.curveTable, job.nb === job.links ? null : job.nb];
  return made.filter((a): a is NonNullable<typeof a> => a !== null);
}

/** Steps of `settings`: each iteration is a shrink step (a → b) then an inflate step (b → a). */
export function smoothingSteps(settings: MeshSettings): number {
  return Math.max(0, settings.smoothIterations) * 2;
}

/**
 * With the job's `curves`: which faces of the cells of vertices [from, to) are on curves (curveFaces), into
 * curveBits; as WebAssembly (curve-faces.wat) where the job has its padded labels, else as JavaScript. Every vertex's
 * must be there before linkDegreesRange, which reads its neighbours'.
 */
export function curveFacesRange(job: SmoothingJob, from: number, to: number): void {
  const { curves, curveBits, cells } = job;
  if (!curves || !curveBits) return;
  const kernel = job.curveMemory && wasmKernel('curveFaces', job.curveMemory);
  if (kernel && job.padded && job.curveTable) {
    kernel({ cells, bits: curveBits, padded: job.padded, dims: curves.dims, table: job.curveTable, from, to });
    return;
  }
  for (let v = from; v < to; v++) curveBits[v] = curveFaces(curves, cells[v * 3], cells[v * 3 + 1], cells[v * 3 + 2]);
}

/**
 * Neighbour counts of vertices [from, to), and their neighbour slots turned into offsets into the positions
 * (vertex × 3). A missing neighbour (−1) is pointed at the vertex itself and taken out again with the degree, so the
 * sums need no branches. With the job's curveBits (curveFacesRange, every vertex's), a vertex on a curve takes its
 * two curve neighbours only (followCurve).
 */
export function linkDegreesRange(job: SmoothingJob, from: number, to: number): void {
  const { links, nb, degree, curveBits } = job;
  for (let v = from, s = from * 6; v < to; v++) {
    let d = 0;
    for (const e = s + 6; s < e; s++) {
      const w = links[s];
      if (w >= 0) d++;
      nb[s] = (w >= 0 ? w : v) * 3;
    }
    degree[v] = d;
    if (curveBits) followCurve(job, curveBits, v);
  }
}

/** The label grid a net was swept from (surface-nets.ts): what tells which of its edges lie on curves. */
export type CurveGrid = Pick<LabelVolume, 'labels' | 'dims'>;

/**
 * Which faces of cell (i, j, k) (its low corner voxel; −1 to n − 1 on each axis, voxels outside the grid being
 * background) the net crosses on a curve, one bit per link slot (−x, +x, −y, +y, −z, +z). An edge of the net crosses a
 * face of the grid, and has a quad for each side of that face whose two voxels differ (surface-nets.ts): two such
 * sides make it an edge inside a surface; three or four, an edge where three or more regions meet (or a region touches
 * itself), which the subdivision keeps as a crease (subdivide.ts).
 */
export function curveFaces(grid: CurveGrid, i: number, j: number, k: number): number {
  const L = grid.labels;
  const nx = grid.dims[0],
    ny = grid.dims[1],
    nz = grid.dims[2];
  // Corner c is voxel (i + (c & 1), j + (c >> 1 & 1), k + (c >> 2)).
  let c0: number, c1: number, c2: number, c3: number, c4: number, c5: number, c6: number, c7: number;
  if (i >= 0 && j >= 0 && k >= 0 && i + 1 < nx && j + 1 < ny && k + 1 < nz) {
    const o = i + nx * (j + ny * k),
      z = nx * ny;
    c0 = L[o];
    c1 = L[o + 1];
    c2 = L[o + nx];
    c3 = L[o + nx + 1];
    c4 = L[o + z];
    c5 = L[o + z + 1];
    c6 = L[o + z + nx];
    c7 = L[o + z + nx + 1];
  } else {
    c0 = labelAt(grid, i, j, k);
    c1 = labelAt(grid, i + 1, j, k);
    c2 = labelAt(grid, i, j + 1, k);
    c3 = labelAt(grid, i + 1, j + 1, k);
    c4 = labelAt(grid, i, j, k + 1);
    c5 = labelAt(grid, i + 1, j, k + 1);
    c6 = labelAt(grid, i, j + 1, k + 1);
    c7 = labelAt(grid, i + 1, j + 1, k + 1);
  }
  // The cell's twelve voxel pairs along x, y and z, a bit each where they differ (labels are below 2³¹, so x | −x
  // has its sign bit set exactly when x, their exclusive or, is not 0): branch-free, as which pairs differ is not
  // predictable.
  const differ =
    (ne(c0, c1) |
      (ne(c2, c3) << 1) |
      (ne(c4, c5) << 2) |
      (ne(c6, c7) << 3) |
      (ne(c0, c2) << 4) |
      (ne(c1, c3) << 5) |
      (ne(c4, c6) << 6) |
      (ne(c5, c7) << 7) |
      (ne(c0, c4) << 8) |
      (ne(c1, c5) << 9) |
      (ne(c2, c6) << 10) |
      (ne(c3, c7) << 11)) >>>
    0;
  return FACES_ON_CURVES[differ];
}

/**
 * Per set of differing voxel pairs of a cell (curveFaces' bits: x pairs 0–3, y pairs 4–7, z pairs 8–11, each in
 * corner order), the faces with more than two of their four sides differing.
 */
const FACES_ON_CURVES = (() => {
  // Each face's four pairs: −x (corners 0, 2, 4, 6), +x, −y, +y, −z, +z.
  const sides = [
    [4, 6, 8, 10],
    [5, 7, 9, 11],
    [0, 2, 8, 9],
    [1, 3, 10, 11],
    [0, 1, 4, 5],
    [2, 3, 6, 7],
  ];
  const table = new Uint8Array(4096);
  for (let m = 0; m < 4096; m++)
    table[m] = sides.reduce(
      (faces, pairs, s) => faces | (pairs.filter((b) => m & (1 << b)).length > 2 ? 1 << s : 0),
      0,
    );
  return table;
})();

/** 1 where labels a and b differ, else 0. */
function ne(a: number, b: number): number {
  const x = a ^ b;
  return (x | -x) >>> 31;
}

/** Voxel (i, j, k)'s label, background outside the grid (a closure in curveFaces would cost it a context a call). */
function labelAt(grid: CurveGrid, i: number, j: number, k: number): number {
  const [nx, ny, nz] = grid.dims;
  return i < 0 || j < 0 || k < 0 || i >= nx || j >= ny || k >= nz ? 0 : grid.labels[i + nx * (j + ny * k)];
}

/** followCurve's scratch: the cells two edges along the curve either way. */
const ahead = new Int32Array(3),
  behind = new Int32Array(3);

/**
 * The cell two edges along a curve, into `to`: from the cell of vertex w, which the curve entered by link slot `slot`,
 * one step on; or w's own cell, when the curve ends there (it has other than two edges on curves).
 */
function alongCurve(cells: Int16Array, bits: Uint8Array, w: number, slot: number, to: Int32Array): void {
  to[0] = cells[w * 3];
  to[1] = cells[w * 3 + 1];
  to[2] = cells[w * 3 + 2];
  const onward = bits[w] & ~(1 << (slot ^ 1));
  if (onward !== 0 && (onward & (onward - 1)) === 0) stepCell(to, 31 - Math.clz32(onward));
}

/** Cell `at` moved one step through link slot `slot` (−x, +x, −y, +y, −z, +z). */
function stepCell(at: Int32Array, slot: number): void {
  at[slot >> 1] += slot & 1 ? 1 : -1;
}

/**
 * Vertex v, when it lies on one curve where regions meet (exactly two of its edges on curves: curveFaces), is
 * smoothed along it: its only neighbours become the curve's two, as the subdivision's crease rule smooths it. Pulled
 * by all its neighbours, such a vertex is drawn into the surface between two of the regions, and the surface they
 * share with a third sinks along the boundary between them (a groove), its voxel steps left in place.
 * Where the curve doubles back on itself within four edges of v (the vertices two edges away on either side are less
 * than two cells apart: it goes round a voxel edge or over a ridge one voxel wide), smoothing along it would draw the
 * loop together to a point and fold the surfaces inside it to nothing, so v keeps all its neighbours.
 */
function followCurve(job: SmoothingJob, bits: Uint8Array, v: number): void {
  const { cells, nb, degree } = job;
  const faces = bits[v];
  const first = 31 - Math.clz32(faces & -faces),
    second = 31 - Math.clz32(faces);
  if (first === second || faces !== ((1 << first) | (1 << second))) return;
  const s = v * 6,
    self = v * 3;
  // The neighbours across the two faces (a face on a curve is crossed by an edge of the net: curveFaces), whose
  // cells are the next ones along the curve.
  const u = nb[s + first],
    w = nb[s + second];
  if (u === self || w === self) return;
  alongCurve(cells, bits, u / 3, first, ahead);
  alongCurve(cells, bits, w / 3, second, behind);
  const dx = ahead[0] - behind[0],
    dy = ahead[1] - behind[1],
    dz = ahead[2] - behind[2];
  if (dx * dx + dy * dy + dz * dz < 4) return;
  nb[s] = u;
  nb[s + 1] = w;
  nb[s + 2] = self;
  nb[s + 3] = self;
  nb[s + 4] = self;
  nb[s + 5] = self;
  degree[v] = 2;
}

/** Step `step` (0-based) of Taubin smoothing for vertices [from, to). */
export function taubinStepRange(
  job: SmoothingJob,
  step: number,
  settings: MeshSettings,
  from: number,
  to: number,
): void {
  const even = step % 2 === 0;
  const src = even ? job.a : job.b,
    dst = even ? job.b : job.a,
    f = even ? settings.lambda : settings.mu;
  const taubinStep = job.memory && wasmKernel('taubinStep', job.memory);
  if (taubinStep)
    taubinStep({ src, dst, nb: job.nb, degree: job.degree, cells: job.cells, factor: f, slack: job.slack, from, to });
  else taubinStepJs(job, src, dst, f, from, to);
}

const fr = Math.fround;

/**
 * The step in JavaScript, bit for bit the WebAssembly one: every operation rounded to float32 (Math.fround) in the
 * same order. (Rounding an exact double result to float32 gives the float32 operation's result for + − × ÷.)
 */
function taubinStepJs(
  job: SmoothingJob,
  src: Float32Array,
  dst: Float32Array,
  factor: number,
  from: number,
  to: number,
): void {
  const { nb, degree, cells } = job;
  const f = fr(factor);
  const slack = fr(job.slack),
    width = fr(1 + slack);
  for (let v = from, o = from * 3, s = from * 6; v < to; v++, o += 3, s += 6) {
    const x = src[o],
      y = src[o + 1],
      z = src[o + 2];
    const d = degree[v];
    if (d === 0) {
      dst[o] = x;
      dst[o + 1] = y;
      dst[o + 2] = z;
      continue;
    }
    const w0 = nb[s],
      w1 = nb[s + 1],
      w2 = nb[s + 2],
      w3 = nb[s + 3],
      w4 = nb[s + 4],
      w5 = nb[s + 5];
    const self = 6 - d,
      inv = fr(1 / d);
    const sx = fr(fr(fr(fr(fr(src[w0] + src[w1]) + src[w2]) + src[w3]) + src[w4]) + src[w5]);
    const sy = fr(fr(fr(fr(fr(src[w0 + 1] + src[w1 + 1]) + src[w2 + 1]) + src[w3 + 1]) + src[w4 + 1]) + src[w5 + 1]);
    const sz = fr(fr(fr(fr(fr(src[w0 + 2] + src[w1 + 2]) + src[w2 + 2]) + src[w3 + 2]) + src[w4 + 2]) + src[w5 + 2]);
    const mx = fr(fr(sx - fr(x * self)) * inv),
      my = fr(fr(sy - fr(y * self)) * inv),
      mz = fr(fr(sz - fr(z * self)) * inv);
    let px = fr(x + fr(f * fr(mx - x))),
      py = fr(y + fr(f * fr(my - y))),
      pz = fr(z + fr(f * fr(mz - z)));
    // Keep the vertex inside its cell widened by the slack, [i − slack, i + 1 + slack] on every axis (WebAssembly's
    // pmax, then pmin).
    const cx = cells[o],
      cy = cells[o + 1],
      cz = cells[o + 2];
    const lx = fr(cx - slack),
      ly = fr(cy - slack),
      lz = fr(cz - slack);
    const hx = fr(cx + width),
      hy = fr(cy + width),
      hz = fr(cz + width);
    px = lx < px ? px : lx;
    py = ly < py ? py : ly;
    pz = lz < pz ? pz : lz;
    dst[o] = px < hx ? px : hx;
    dst[o + 1] = py < hy ? py : hy;
    dst[o + 2] = pz < hz ? pz : hz;
  }
}
