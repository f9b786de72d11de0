/**
 * Taubin smoothing of a surface net's shared cell vertices: a shrink step then an inflate step per iteration, so
 * regions keep their volume. Each vertex stays inside its own cell, so the surface cannot fold through its
 * neighbours; a vertex shared by several regions moves once, for all of them, so their boundaries stay shared.
 */
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
  const n = net.positions.length / 3;
  if (settings.smoothIterations <= 0 || n === 0) return;
  // Six neighbour slots per vertex (net.links, rewritten in place): a missing neighbour points at the vertex
  // itself and is taken out again with the degree, so the sums need no branches.
  const nb = net.links;
  const degree = new Uint8Array(n);
  for (let v = 0, s = 0; v < n; v++) {
    let d = 0;
    for (const e = s + 6; s < e; s++) {
      if (nb[s] >= 0) d++;
      else nb[s] = v;
    }
    degree[v] = d;
  }
  const cells = net.cells;
  const step = (src: Float32Array, dst: Float32Array, f: number) => {
    for (let v = 0, o = 0, s = 0; v < n; v++, o += 3, s += 6) {
      const x = src[o], y = src[o + 1], z = src[o + 2];
      const d = degree[v];
      if (d === 0) {
        dst[o] = x; dst[o + 1] = y; dst[o + 2] = z;
        continue;
      }
      const w0 = nb[s] * 3, w1 = nb[s + 1] * 3, w2 = nb[s + 2] * 3, w3 = nb[s + 3] * 3, w4 = nb[s + 4] * 3, w5 = nb[s + 5] * 3;
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
  };
  const a = net.positions;
  const b = new Float32Array(n * 3);
  for (let it = 0; it < settings.smoothIterations; it++) {
    step(a, b, settings.lambda);
    step(b, a, settings.mu);
  }
}
