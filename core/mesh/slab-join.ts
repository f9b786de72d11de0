/**
 * Joining two slabs of the sweep (sweep.ts's sweepSlab: cell layers below a split and from it up, one per thread)
 * into exactly the net one pass gives (main/workers/mesh-threads.ts shares the join between its two threads).
 */
import { grow, plainArrays, type ArrayAlloc } from './arrays';
import { type NetSlab, slabNet } from './sweep';
import type { SurfaceNet } from './types';

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
