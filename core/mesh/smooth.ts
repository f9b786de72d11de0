/**
 * Taubin smoothing of a surface net's shared cell vertices: a shrink step then an inflate step per iteration, so
 * regions keep their volume. Each vertex stays inside its own cell, or within `slack` cells of it (fine detail:
 * pipeline.ts), so the surface cannot fold through its neighbours; a vertex shared by several regions moves once, for
 * all of them, so their boundaries stay shared.
 *
 * A vertex on a curve where three regions meet is smoothed with all its neighbours, like any other. Smoothing it along
 * its curve only (the rule the subdivision gives crease vertices; tried at fine detail, 1 mm) takes the voxel steps out
 * of the curves, and with them a share of the creases: Schaefer 1000 6.7 % → 5.8 % of edges creased over 30°, Glasser
 * 360 4.3 % → 3.8 %, Schaefer 400 + Tian 4.9 % → 4.3 % (AAL3 2.1 % → 2.2 %). But the gain comes from the vertices where
 * a curve turns a voxel step, and such a vertex, pulled onto the line between its two curve neighbours, flattens the
 * quad inside the step into a sliver: triangles facing against their corners' normals went up by 40–60 % (Schaefer 1000
 * 10 862 → 15 148; Glasser 360 2 651 → 3 885), median volume errors by half (Schaefer 1000 0.41 % → 0.64 %), and two
 * turning vertices with the same two curve neighbours met in one point (2 706 triangles of zero area in Schaefer 1000)
 * unless kept back. Smoothing only the curves' straight runs gained nothing (Glasser 360 4.34 % → 4.33 %). Twice the
 * iterations took Schaefer 1000 to 5.7 %, more made it worse.
 */
import { plainArrays, type ArrayAlloc, WasmArena } from './arrays';
import { kernelAvailable, wasmKernel } from './wasm-kernels';
import type { MeshSettings, SurfaceNet } from './types';

/**
 * Taubin smoothing on this thread: as WebAssembly where it can run, on a copy of the net's arrays in a memory of its
 * own (the kernel works on arrays in its memory); else as JavaScript.
 */
export function smoothSurfaceNet(net: SurfaceNet, settings: MeshSettings, slack = 0): void {
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
  const job = prepareSmoothing(work, alloc, slack);
  linkDegreesRange(job, 0, job.n);
  for (let step = 0; step < smoothingSteps(settings); step++) taubinStepRange(job, step, settings, 0, job.n);
  if (work !== net) net.positions.set(work.positions);
}

/**
 * Taubin smoothing as loops over vertex ranges [from, to), so two threads can share it (main/workers/mesh-threads.ts):
 * linkDegreesRange over every vertex first, then each step over every vertex, a step only after the last one is
 * done everywhere. Every vertex's new position depends only on the previous step's positions (Jacobi), so any split
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
 */
export function prepareSmoothing(net: SurfaceNet, alloc: ArrayAlloc, slack = 0, keepLinks = false): SmoothingJob {
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
  return { ...job, slack, memory: alloc.memoryOf?.([job.nb, job.degree, job.cells, job.a, job.b]) ?? null };
}

/** Steps of `settings`: each iteration is a shrink step (a → b) then an inflate step (b → a). */
export function smoothingSteps(settings: MeshSettings): number {
  return Math.max(0, settings.smoothIterations) * 2;
}

/**
 * Neighbour counts of vertices [from, to), and their neighbour slots turned into offsets into the positions
 * (vertex × 3). A missing neighbour (−1) is pointed at the vertex itself and taken out again with the degree, so the
 * sums need no branches.
 */
export function linkDegreesRange(job: SmoothingJob, from: number, to: number): void {
  const { links, nb, degree } = job;
  for (let v = from, s = from * 6; v < to; v++) {
    let d = 0;
    for (const e = s + 6; s < e; s++) {
      const w = links[s];
      if (w >= 0) d++;
      nb[s] = (w >= 0 ? w : v) * 3;
    }
    degree[v] = d;
  }
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
