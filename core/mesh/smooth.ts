/**
 * Taubin smoothing of a surface net's shared cell vertices: a shrink step then an inflate step per iteration, so
 * regions keep their volume. Each vertex stays inside its own cell, so the surface cannot fold through its
 * neighbours; a vertex shared by several regions moves once, for all of them, so their boundaries stay shared.
 */
import { plainArrays, type ArrayAlloc } from './arrays';
import { correctSmallRegionVolumes } from './small-regions';
import type { SurfaceNet } from './surface-nets';
import type { MeshSettings } from './types';

/** Smoothing as meshing applies it: Taubin, then the small regions' volumes given back (small-regions.ts). */
export function smoothRegions(net: SurfaceNet, settings: MeshSettings): void {
  smoothSurfaceNet(net, settings);
  // Part of smoothing: the raw surface (0 iterations) stays exactly the surface net.
  if (settings.smoothIterations > 0) correctSmallRegionVolumes(net);
}

export function smoothSurfaceNet(net: SurfaceNet, settings: MeshSettings): void {
  if (settings.smoothIterations <= 0 || net.positions.length === 0) return;
  const job = prepareSmoothing(net, plainArrays);
  linkDegreesRange(job, 0, job.n);
  for (let step = 0; step < smoothingSteps(settings); step++) taubinStepRange(job, step, settings, 0, job.n);
}

/**
 * Taubin smoothing as loops over vertex ranges [from, to), so two threads can share it (main/services/mesh-threads.ts):
 * linkDegreesRange over every vertex first, then each step over every vertex, a step only after the last one is
 * done everywhere. Every vertex's new position depends only on the previous step's positions (Jacobi), so any split
 * gives bit for bit the same result as one pass.
 */
export interface SmoothingJob {
  n: number;
  /** Six neighbour slots per vertex (net.links, rewritten in place by linkDegreesRange into position offsets). */
  nb: Int32Array;
  degree: Uint8Array;
  cells: Int16Array;
  /** The net's positions, and the buffer every other step writes to. */
  a: Float32Array;
  b: Float32Array;
}

export function prepareSmoothing(net: SurfaceNet, alloc: ArrayAlloc): SmoothingJob {
  const n = net.positions.length / 3;
  return { n, nb: net.links, degree: alloc.u8(n, true), cells: net.cells, a: net.positions, b: alloc.f32(n * 3, true) };
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
  const { nb, degree } = job;
  for (let v = from, s = from * 6; v < to; v++) {
    let d = 0;
    for (const e = s + 6; s < e; s++) {
      const w = nb[s];
      if (w >= 0) d++;
      nb[s] = (w >= 0 ? w : v) * 3;
    }
    degree[v] = d;
  }
}

/** Step `step` (0-based) of Taubin smoothing for vertices [from, to). */
export function taubinStepRange(job: SmoothingJob, step: number, settings: MeshSettings, from: number, to: number): void {
  const even = step % 2 === 0;
  taubinStep(job, even ? job.a : job.b, even ? job.b : job.a, even ? settings.lambda : settings.mu, from, to);
}

function taubinStep(job: SmoothingJob, src: Float32Array, dst: Float32Array, f: number, from: number, to: number): void {
  const { nb, degree, cells } = job;
  for (let v = from, o = from * 3, s = from * 6; v < to; v++, o += 3, s += 6) {
    const x = src[o], y = src[o + 1], z = src[o + 2];
    const d = degree[v];
    if (d === 0) {
      dst[o] = x; dst[o + 1] = y; dst[o + 2] = z;
      continue;
    }
    const w0 = nb[s], w1 = nb[s + 1], w2 = nb[s + 2], w3 = nb[s + 3], w4 = nb[s + 4], w5 = nb[s + 5];
    const self = 6 - d, inv = 1 / d;
    const mx = (src[w0] + src[w1] + src[w2] + src[w3] + src[w4] + src[w5] - self * x) * inv;
    const my = (src[w0 + 1] + src[w1 + 1] + src[w2 + 1] + src[w3 + 1] + src[w4 + 1] + src[w5 + 1] - self * y) * inv;
    const mz = (src[w0 + 2] + src[w1 + 2] + src[w2 + 2] + src[w3 + 2] + src[w4 + 2] + src[w5 + 2] - self * z) * inv;
    // Keep the vertex inside its cell [i, i + 1] on every axis.
    const lx = cells[o], ly = cells[o + 1], lz = cells[o + 2];
    let px = x + f * (mx - x), py = y + f * (my - y), pz = z + f * (mz - z);
    px = px < lx ? lx : px > lx + 1 ? lx + 1 : px;
    py = py < ly ? ly : py > ly + 1 ? ly + 1 : py;
    pz = pz < lz ? lz : pz > lz + 1 ? lz + 1 : pz;
    dst[o] = px;
    dst[o + 1] = py;
    dst[o + 2] = pz;
  }
}
