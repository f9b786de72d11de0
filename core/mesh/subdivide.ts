/**
 * One level of quad subdivision of a surface net: every quad becomes four, with a new vertex for each edge and one
 * for each quad. A volume meshed on its native grid (native-grid.ts) is subdivided so the mesh is as dense as the
 * file's grid; fine detail (pipeline.ts) subdivides once more. The new net keeps the old one's properties: quads belong to the same two labels,
 * a vertex is shared by every label whose quads use it (neighbours still share their boundary exactly), and each
 * vertex has at most six neighbours, so smoothing (smooth.ts) runs on it unchanged.
 *
 * Two steps, because smoothing rewrites a net's links in place: planSubdivision reads the coarse net's topology
 * before it is smoothed; placeSubdividedVertices then places every vertex of the finer net from the smoothed coarse
 * surface, by Catmull-Clark's rules, which smooth it further.
 * Vertex ids: the coarse vertices keep theirs, then one per coarse edge, then one per coarse quad.
 */
import { plainArrays, type ArrayAlloc } from './arrays';
import { putQuad } from './sweep-row';
import type { SurfaceNet } from './types';

export interface SubdivisionPlan {
  /** The subdivided net; its positions and cells are written by placeSubdividedVertices. */
  fine: SurfaceNet;
  /** Coarse vertices, and coarse edges (whose vertices come next). */
  coarseVertices: number;
  edges: number;
  /** The coarse quads (four corners and two labels each), for the quad-middle vertices. */
  coarseQuads: Uint32Array;
}

/** Topology of the subdivided net, from the coarse net's links and quads (read before smoothing). */
export function planSubdivision(net: SurfaceNet, alloc: ArrayAlloc = plainArrays): SubdivisionPlan {
  const n = net.positions.length / 3;
  const L = net.links;
  // Edge ids: each link to a higher vertex starts an edge; the slot of the neighbour that links back names the same
  // edge. (Not the slots' directions: a subdivided net's new vertices keep other slots, and it can be subdivided too.)
  const edgeOf = new Int32Array(n * 6).fill(-1);
  let edges = 0;
  for (let v = 0; v < n; v++) {
    for (let s = v * 6; s < v * 6 + 6; s++) {
      const w = L[s];
      if (w <= v) continue;
      let back = w * 6;
      while (back < w * 6 + 6 && L[back] !== v) back++;
      if (back === w * 6 + 6) throw new Error(`surface net: link ${v}-${w} has no link back`);
      edgeOf[s] = edges;
      edgeOf[back] = edges;
      edges++;
    }
  }
  const nq = net.quadCount;
  const total = n + edges + nq;
  const links = alloc.i32(total * 6, true);
  links.fill(-1);
  // Coarse vertices link to their edges' middles, in the same slots; an edge's middle to its two ends (slots 0, 1).
  for (let v = 0; v < n; v++) {
    for (let s = 0; s < 6; s++) {
      const e = edgeOf[v * 6 + s];
      if (e < 0) continue;
      links[v * 6 + s] = n + e;
      if (L[v * 6 + s] > v) {
        links[(n + e) * 6] = v;
        links[(n + e) * 6 + 1] = L[v * 6 + s];
      }
    }
  }
  // Each quad: its middle links to its four edge middles, which link back (slots 2..5: at most four quads meet at
  // an edge); four quads replace it, with the same labels and orientation.
  const q = net.quads;
  const quads = alloc.u32(nq * 24, true);
  const nextSlot = new Uint8Array(edges).fill(2);
  const mid = new Int32Array(4);
  for (let t = 0; t < nq; t++) {
    const o = t * 6;
    const f = n + edges + t;
    for (let e = 0; e < 4; e++) {
      // The middle of the quad side from corner e to corner e + 1: the link slot of the one that names the other.
      const a = q[o + e],
        b = q[o + ((e + 1) & 3)];
      let s = a * 6;
      while (s < a * 6 + 6 && L[s] !== b) s++;
      if (s === a * 6 + 6) throw new Error(`surface net: quad side ${a}-${b} is not a link`);
      const m = n + edgeOf[s];
      mid[e] = m;
      links[f * 6 + e] = m;
      const slot = nextSlot[m - n]++;
      if (slot > 5) throw new Error('surface net: more than four quads share an edge');
      links[m * 6 + slot] = f;
    }
    const a = q[o],
      b = q[o + 1],
      c = q[o + 2],
      d = q[o + 3],
      low = q[o + 4],
      high = q[o + 5];
    const [ab, bc, cd, da] = mid;
    let p = t * 24;
    p = putQuad(quads, p, a, ab, f, da, low, high);
    p = putQuad(quads, p, ab, b, bc, f, low, high);
    p = putQuad(quads, p, f, bc, c, cd, low, high);
    putQuad(quads, p, da, f, cd, d, low, high);
  }
  return {
    fine: {
      positions: alloc.f32(total * 3, true),
      cells: alloc.i16(total * 3, true),
      links,
      quads,
      quadCount: nq * 4,
      voxels: net.voxels,
      vertexUses: fineVertexUses(net, links, n, edges),
    },
    coarseVertices: n,
    edges,
    coarseQuads: q.slice(0, nq * 6),
  };
}

/**
 * For each label, how many vertices of the subdivided net its quads use: its coarse vertices, the middles of the
 * coarse edges its quads use (found from the quads around each edge, at most four) and of its quads.
 */
function fineVertexUses(net: SurfaceNet, links: Int32Array, n: number, edges: number): Uint32Array {
  const uses = Uint32Array.from(net.vertexUses);
  const q = net.quads;
  const base = n + edges;
  for (let t = 0; t < net.quadCount; t++) {
    if (q[t * 6 + 4]) uses[q[t * 6 + 4]]++;
    if (q[t * 6 + 5]) uses[q[t * 6 + 5]]++;
  }
  // Per edge, the distinct labels of its (at most four) quads, each counted once.
  const seen = new Uint32Array(8);
  for (let e = n; e < base; e++) {
    let k = 0;
    for (let s = e * 6 + 2; s < e * 6 + 6; s++) {
      const f = links[s];
      if (f < 0) break;
      const o = (f - base) * 6;
      for (let side = 4; side < 6; side++) {
        const label = q[o + side];
        if (label === 0) continue;
        let i = 0;
        while (i < k && seen[i] !== label) i++;
        if (i < k) continue;
        seen[k++] = label;
        uses[label]++;
      }
    }
  }
  return uses;
}

/**
 * Positions of the subdivided net from the (smoothed) coarse positions, by one step of Catmull-Clark subdivision, so
 * the finer mesh is also a smoother one: a quad's middle is the mean of its corners; an edge's middle the mean of its
 * ends and of its two quads' middles; a coarse vertex moves to (F + 2R + (n − 3)V) / n, from the means of its quads'
 * middles (F) and of its edges' middles (R) and its n edges. The curves where three or more regions meet (edges of
 * three or four quads) are kept sharp, as creases: an edge's middle there is the mean of its ends, a vertex on such a
 * curve moves to (a + 6V + b) / 8 along it, and a vertex where curves meet or end stays. Every rule reads only the
 * coarse positions and the net's own topology, so a vertex shared by several regions still moves once, for all of
 * them. Each vertex's cell is the one it ends in.
 *
 * With `smooth` false (meshing without smoothing), every new vertex is a plain middle and the coarse ones stay: the
 * raw surface, only denser.
 */
export function placeSubdividedVertices(plan: SubdivisionPlan, coarse: Float32Array, smooth = true): void {
  const { fine, coarseVertices: n, edges, coarseQuads: q } = plan;
  const P = fine.positions,
    L = fine.links;
  const middles = n + edges;
  for (let t = 0, f = middles; t < q.length / 6; t++, f++) {
    const a = q[t * 6] * 3,
      b = q[t * 6 + 1] * 3,
      c = q[t * 6 + 2] * 3,
      d = q[t * 6 + 3] * 3;
    for (let k = 0; k < 3; k++) P[f * 3 + k] = (coarse[a + k] + coarse[b + k] + coarse[c + k] + coarse[d + k]) / 4;
  }
  // An edge's quads are its middle's link slots 2..5 (filled in order); two quads: a smooth edge, else a crease.
  const crease = new Uint8Array(edges);
  for (let e = n; e < middles; e++) {
    const a = L[e * 6] * 3,
      b = L[e * 6 + 1] * 3;
    const f1 = L[e * 6 + 2],
      f2 = L[e * 6 + 3];
    if (smooth && f2 >= 0 && L[e * 6 + 4] < 0) {
      for (let k = 0; k < 3; k++) P[e * 3 + k] = (coarse[a + k] + coarse[b + k] + P[f1 * 3 + k] + P[f2 * 3 + k]) / 4;
    } else {
      crease[e - n] = 1;
      for (let k = 0; k < 3; k++) P[e * 3 + k] = (coarse[a + k] + coarse[b + k]) / 2;
    }
  }
  const along = [0, 0];
  for (let v = 0; v < n; v++) {
    const o = v * 3;
    const x = coarse[o],
      y = coarse[o + 1],
      z = coarse[o + 2];
    let valence = 0,
      creases = 0;
    // Sums of the far ends of v's edges, and of the middles of its edges' quads: with no crease at v, every edge has
    // two quads and every quad two edges at v, so each of its n quads is summed twice.
    let rx = 0,
      ry = 0,
      rz = 0,
      fx = 0,
      fy = 0,
      fz = 0;
    for (let s = v * 6; smooth && s < v * 6 + 6; s++) {
      const m = L[s];
      if (m < 0) continue;
      valence++;
      const w = (L[m * 6] === v ? L[m * 6 + 1] : L[m * 6]) * 3;
      rx += coarse[w];
      ry += coarse[w + 1];
      rz += coarse[w + 2];
      if (crease[m - n] === 1) {
        if (creases < 2) along[creases] = w;
        creases++;
        continue;
      }
      const f1 = L[m * 6 + 2] * 3,
        f2 = L[m * 6 + 3] * 3;
      fx += P[f1] + P[f2];
      fy += P[f1 + 1] + P[f2 + 1];
      fz += P[f1 + 2] + P[f2 + 2];
    }
    if (creases === 2) {
      const [a, b] = along;
      P[o] = (coarse[a] + 6 * x + coarse[b]) / 8;
      P[o + 1] = (coarse[a + 1] + 6 * y + coarse[b + 1]) / 8;
      P[o + 2] = (coarse[a + 2] + 6 * z + coarse[b + 2]) / 8;
    } else if (creases === 0 && valence >= 3) {
      // F is the quads' middles' mean, fx / 2n; 2R, twice the edges' middles' mean, is V + the far ends' mean.
      const nv = valence,
        twice = 2 * nv;
      P[o] = (fx / twice + x + rx / nv + (nv - 3) * x) / nv;
      P[o + 1] = (fy / twice + y + ry / nv + (nv - 3) * y) / nv;
      P[o + 2] = (fz / twice + z + rz / nv + (nv - 3) * z) / nv;
    } else {
      P[o] = x;
      P[o + 1] = y;
      P[o + 2] = z;
    }
  }
  const C = fine.cells;
  for (let i = 0; i < P.length; i++) C[i] = Math.floor(P[i]);
}
