/**
 * One level of quad subdivision of a surface net: every quad becomes four, with a new vertex for each edge and one
 * for each quad. A volume meshed on its native grid (native-grid.ts) is subdivided so the mesh is as dense as the
 * file's grid; fine detail (pipeline.ts) subdivides once more. The new net keeps the old one's properties: quads belong to the same two labels,
 * a vertex is shared by every label whose quads use it (neighbours still share their boundary exactly), and each
 * vertex has at most six neighbours, so smoothing (smooth.ts) runs on it unchanged.
 *
 * Two steps, because smoothing rewrites a net's links in place: planSubdivision reads the coarse net's topology
 * before it is smoothed; placeSubdividedVertices then places every vertex of the finer net from the smoothed coarse
 * surface, by Catmull-Clark's rules, which smooth it further. Each step is also offered as loops over ranges
 * (SubdivisionJob, PlacementJob), which main/workers/mesh-threads.ts shares between two threads.
 * Vertex ids: the coarse vertices keep theirs, then one per coarse edge, then one per coarse quad. The last
 * subdivision of a net keeps the coarse quads, each standing for the four it is split into (quad-pieces.ts).
 */
import { plainArrays, type ArrayAlloc } from './arrays';
import { putQuad } from './sweep-row';
import type { SurfaceNet } from './types';
import { wasmKernel } from './wasm-kernels';

export interface SubdivisionPlan {
  /** The subdivided net (without cells: types.ts); its positions are written by placeSubdividedVertices. */
  fine: SurfaceNet;
  /** Coarse vertices, and coarse edges (whose vertices come next). */
  coarseVertices: number;
  edges: number;
  /** The coarse quads (four corners and two labels each), for the quad-middle vertices. */
  coarseQuads: Uint32Array;
  /** Per coarse edge, 1 where it is a crease (written by placeEdgeMiddlesRange, read by placeCoarseVerticesRange). */
  crease: Uint8Array;
  /**
   * The last subdivision of a net (none after it, nor smoothing, reads the fine net's links): its quad middles get no
   * links (placement never reads them), and the fine links stop after the edge middles', 11 MB less for AAL3 at fine
   * detail; its quads are the coarse ones, each standing for its four quarters (quad-pieces.ts), which are never
   * written out (Glasser 360 at fine detail: 48 MB of quads become 8 MB of side middles, memory a fresh process paid
   * for in page faults).
   */
  last: boolean;
  /**
   * The memory holding the coarse net's positions (`coarsePositions`) and the fine net's positions and links and the
   * crease flags, where coarse vertices are placed as WebAssembly (wasm/place-vertices.wat); null elsewhere.
   */
  memory: WebAssembly.Memory | null;
  coarsePositions: Float32Array;
}

/**
 * Planning as loops over ranges, so two threads can share it (main/workers/mesh-threads.ts): prepareSubdivision
 * numbers the edges and makes the arrays; then linkVerticesRange over every coarse vertex, linkQuadsRange over every
 * coarse quad, finishEdgesRange over every edge, each only after the one before is done everywhere; then
 * finishSubdivision. Any split gives bit for bit the same net as one pass.
 */
export interface SubdivisionJob {
  plan: SubdivisionPlan;
  /** The coarse net's links and vertex count. */
  links: Int32Array;
  n: number;
  /** Per coarse vertex, the id of the first edge it starts (its links to higher vertices, in slot order); n + 1. */
  firstEdge: Int32Array;
  /**
   * Per edge, how many quads each thread has linked to its middle so far (two counts an edge: thread 0's, thread 1's).
   * Thread 0 fills the middle's slots 2..5 from the bottom, thread 1 from the top, each in its own count, so neither
   * waits on an atomic add (which would wait for the stores before it: the linking took twice as long); the two meet
   * in finishEdgesRange.
   */
  quadsAtEdge: Uint8Array;
  /** Per thread, its counts of each label's quad and edge middles (finishSubdivision adds them up). */
  uses: [Uint32Array, Uint32Array];
  /**
   * The memory holding the arrays linkVerticesRange and linkQuadsRange read and write, where the vertices (and a last
   * subdivision's quads) are linked as WebAssembly.
   */
  memory: WebAssembly.Memory | null;
}

/**
 * The edges numbered (each link to a higher vertex starts one, in vertex then slot order) and the subdivided net's
 * arrays made. Reads the coarse net's topology only: call it before smoothing rewrites the coarse links (or smooth
 * with them kept: smooth.ts's prepareSmoothing).
 */
export function prepareSubdivision(net: SurfaceNet, alloc: ArrayAlloc = plainArrays, last = false): SubdivisionJob {
  if (net.quarters) throw new Error('surface net: a last subdivision is not subdivided again');
  const n = net.positions.length / 3;
  const L = net.links;
  const firstEdge = alloc.i32(n + 1, true);
  let edges = 0;
  // A link w > v starts an edge: (v − w) >>> 31 is 1 just then (w ≥ −1, both far below 2³¹), without a branch the
  // processor would guess wrong about a third of the time (a tenth of the time the loop took with one).
  for (let v = 0, s = 0; v < n; v++, s += 6) {
    firstEdge[v] = edges;
    edges +=
      ((v - L[s]) >>> 31) +
      ((v - L[s + 1]) >>> 31) +
      ((v - L[s + 2]) >>> 31) +
      ((v - L[s + 3]) >>> 31) +
      ((v - L[s + 4]) >>> 31) +
      ((v - L[s + 5]) >>> 31);
  }
  firstEdge[n] = edges;
  const nq = net.quadCount;
  const total = n + edges + nq;
  const labels = net.vertexUses.length;
  const coarseQuads = net.quads.subarray(0, nq * 6);
  const plan: SubdivisionPlan = {
    fine: {
      positions: alloc.f32(total * 3, true),
      cells: null,
      links: alloc.i32((last ? n + edges : total) * 6, true),
      ...(last
        ? { quads: coarseQuads, quadCount: nq, quarters: { middles: alloc.u32(nq * 4, true), faceBase: n + edges } }
        : { quads: alloc.u32(nq * 24, true), quadCount: nq * 4 }),
      voxels: net.voxels,
      vertexUses: alloc.u32(labels, true),
    },
    coarseVertices: n,
    edges,
    coarseQuads,
    crease: alloc.u8(edges, true),
    last,
    memory: null,
    coarsePositions: net.positions,
  };
  plan.memory = alloc.memoryOf?.([net.positions, plan.fine.positions, plan.fine.links, plan.crease]) ?? null;
  const quadsAtEdge = alloc.u8(edges * 2);
  const uses: [Uint32Array, Uint32Array] = [alloc.u32(labels), alloc.u32(labels)];
  const middles = plan.fine.quarters?.middles;
  const linked = [L, firstEdge, coarseQuads, plan.fine.links, quadsAtEdge, ...uses, ...(middles ? [middles] : [])];
  return { plan, links: L, n, firstEdge, quadsAtEdge, uses, memory: alloc.memoryOf?.(linked) ?? null };
}

/** The link slot of `a` that holds `b`, or −1. */
function slotOf(L: Int32Array, a: number, b: number): number {
  for (let s = a * 6; s < a * 6 + 6; s++) if (L[s] === b) return s;
  return -1;
}

/**
 * Coarse vertices [from, to): the middle of each edge one of them starts (to a higher vertex) links to the edge's two
 * ends (slots 0, 1), its quad slots (2..5) left empty for linkQuadsRange, and both ends link to it, in the slots
 * that held each other. An edge's slot at its higher end is written by the range of its lower end: the two ranges
 * write different slots, and the higher end need not look for the edge's number.
 */
export function linkVerticesRange(job: SubdivisionJob, from: number, to: number): void {
  const kernel = job.memory && wasmKernel('linkVertices', job.memory);
  if (!kernel) {
    linkVerticesJs(job, from, to);
    return;
  }
  const { links, firstEdge, n } = job;
  if (kernel({ coarseLinks: links, links: job.plan.fine.links, firstEdge, n, from, to }) !== 0)
    throw new Error('surface net: a link has no link back');
}

/** linkVerticesRange in JavaScript: wasm/link-vertices.wat's twin. */
function linkVerticesJs(job: SubdivisionJob, from: number, to: number): void {
  const { links: L, n, firstEdge } = job;
  const links = job.plan.fine.links;
  for (let v = from; v < to; v++) {
    let next = firstEdge[v];
    for (let s = v * 6; s < v * 6 + 6; s++) {
      const w = L[s];
      if (w < 0) {
        links[s] = -1;
      } else if (w > v) {
        const back = slotOf(L, w, v);
        if (back < 0) throw new Error(`surface net: link ${v}-${w} has no link back`);
        const m = n + next++;
        links[s] = m;
        links[back] = m;
        links[m * 6] = v;
        links[m * 6 + 1] = w;
        for (let k = 2; k < 6; k++) links[m * 6 + k] = -1;
      }
    }
  }
}

/**
 * Coarse quads [from, to), on thread `thread`: each one's middle links to its four edge middles, which link back
 * (slots 2..5: at most four quads meet at an edge; finishEdgesRange puts them in quad order); four quads replace it,
 * with the same labels and orientation (in a last subdivision they stay implicit: only the edge middles are kept).
 * The thread's uses (job.uses) count the labels of each quad middle.
 */
export function linkQuadsRange(job: SubdivisionJob, from: number, to: number, thread: 0 | 1): void {
  const { plan } = job;
  const kernel = plan.last && job.memory && wasmKernel('linkQuads', job.memory);
  if (!kernel) {
    linkQuadsJs(job, from, to, thread);
    return;
  }
  const failed = kernel({
    quads: plan.coarseQuads,
    coarseLinks: job.links,
    links: plan.fine.links,
    middles: plan.fine.quarters!.middles,
    counts: job.quadsAtEdge,
    uses: job.uses[thread],
    n: job.n,
    faceBase: job.n + plan.edges,
    thread,
    from,
    to,
  });
  if (failed === 1) throw new Error('surface net: a quad side is not a link');
  if (failed === 2) throw new Error('surface net: more than four quads share an edge');
}

/** linkQuadsRange in JavaScript: wasm/link-quads.wat's twin for a last subdivision. */
function linkQuadsJs(job: SubdivisionJob, from: number, to: number, thread: 0 | 1): void {
  const { links: L, n, quadsAtEdge } = job;
  const uses = job.uses[thread];
  const { fine, edges, coarseQuads: q, last } = job.plan;
  const links = fine.links,
    quads = fine.quads,
    quarters = fine.quarters?.middles;
  const middles = new Int32Array(4);
  for (let t = from; t < to; t++) {
    const o = t * 6;
    const f = n + edges + t;
    const low = q[o + 4],
      high = q[o + 5];
    if (low) uses[low]++;
    if (high) uses[high]++;
    for (let e = 0; e < 4; e++) {
      // The middle of the quad side from corner e to corner e + 1: the link slot of the one that names the other.
      const a = q[o + e],
        b = q[o + ((e + 1) & 3)];
      const s = slotOf(L, a, b);
      if (s < 0) throw new Error(`surface net: quad side ${a}-${b} is not a link`);
      const m = links[s];
      middles[e] = m;
      // The four quarters stay implicit in a last subdivision (quad-pieces.ts): the side middles are all they need.
      if (last) quarters![t * 4 + e] = m;
      const count = quadsAtEdge[(m - n) * 2 + thread]++;
      if (count > 3) throw new Error('surface net: more than four quads share an edge');
      links[m * 6 + (thread === 0 ? 2 + count : 5 - count)] = f;
    }
    if (last) continue;
    links.set(middles, f * 6);
    links[f * 6 + 4] = -1;
    links[f * 6 + 5] = -1;
    const a = q[o],
      b = q[o + 1],
      c = q[o + 2],
      d = q[o + 3];
    const ab = middles[0],
      bc = middles[1],
      cd = middles[2],
      da = middles[3];
    let p = t * 24;
    p = putQuad(quads, p, a, ab, f, da, low, high);
    p = putQuad(quads, p, ab, b, bc, f, low, high);
    p = putQuad(quads, p, f, bc, c, cd, low, high);
    putQuad(quads, p, da, f, cd, d, low, high);
  }
}

/**
 * Edges [from, to): the quads at each edge's middle in quad order (as one thread linking every quad in turn leaves
 * them), and `uses` (this thread's) counting the distinct labels of those quads, once each.
 */
export function finishEdgesRange(job: SubdivisionJob, from: number, to: number, uses: Uint32Array): void {
  const { n, quadsAtEdge } = job;
  const { fine, edges, coarseQuads: q } = job.plan;
  const links = fine.links;
  const base = n + edges;
  const seen = new Uint32Array(8);
  for (let e = from; e < to; e++) {
    const at = (n + e) * 6 + 2;
    const mine = quadsAtEdge[e * 2],
      theirs = quadsAtEdge[e * 2 + 1];
    const count = mine + theirs;
    if (count > 4) throw new Error('surface net: more than four quads share an edge');
    if (theirs > 0) {
      // Thread 1's quads, at the top of slots 2..5, moved down to follow thread 0's.
      for (let k = 0; k < theirs; k++) links[at + mine + k] = links[at + 4 - theirs + k];
      for (let k = count; k < 4; k++) links[at + k] = -1;
    }
    if (count === 2) {
      // Most edges: two quads, each between two different labels.
      const f1 = links[at],
        f2 = links[at + 1];
      if (f1 > f2) {
        links[at] = f2;
        links[at + 1] = f1;
      }
      const o1 = (f1 - base) * 6,
        o2 = (f2 - base) * 6;
      const a = q[o1 + 4],
        b = q[o1 + 5],
        c = q[o2 + 4],
        d = q[o2 + 5];
      if (a !== 0) uses[a]++;
      if (b !== 0) uses[b]++;
      if (c !== 0 && c !== a && c !== b) uses[c]++;
      if (d !== 0 && d !== a && d !== b) uses[d]++;
      continue;
    }
    for (let i = 1; i < count; i++) {
      const f = links[at + i];
      let j = i - 1;
      while (j >= 0 && links[at + j] > f) {
        links[at + j + 1] = links[at + j];
        j--;
      }
      links[at + j + 1] = f;
    }
    let k = 0;
    for (let i = 0; i < count; i++) {
      const o = (links[at + i] - base) * 6;
      for (let side = 4; side < 6; side++) {
        const label = q[o + side];
        if (label === 0) continue;
        let j = 0;
        while (j < k && seen[j] !== label) j++;
        if (j < k) continue;
        seen[k++] = label;
        uses[label]++;
      }
    }
  }
}

/**
 * Each label's vertex count in the subdivided net: its coarse vertices, and the middles both threads counted. The
 * job's own arrays go back to `alloc`.
 */
export function finishSubdivision(
  job: SubdivisionJob,
  coarse: SurfaceNet,
  alloc: ArrayAlloc = plainArrays,
): SubdivisionPlan {
  const out = job.plan.fine.vertexUses;
  const [a, b] = job.uses;
  for (let l = 0; l < out.length; l++) out[l] = coarse.vertexUses[l] + a[l] + b[l];
  alloc.free?.([job.firstEdge, job.quadsAtEdge, a, b]);
  return job.plan;
}

/** Topology of the subdivided net, from the coarse net's links and quads (read before smoothing), on this thread. */
export function planSubdivision(net: SurfaceNet, alloc: ArrayAlloc = plainArrays, last = false): SubdivisionPlan {
  const job = prepareSubdivision(net, alloc, last);
  linkVerticesRange(job, 0, job.n);
  linkQuadsRange(job, 0, net.quadCount, 0);
  finishEdgesRange(job, 0, job.plan.edges, job.uses[0]);
  return finishSubdivision(job, net, alloc);
}

/**
 * Positions of the subdivided net from the (smoothed) coarse positions, by one step of Catmull-Clark subdivision, so
 * the finer mesh is also a smoother one: a quad's middle is the mean of its corners; an edge's middle the mean of its
 * ends and of its two quads' middles; a coarse vertex moves to (F + 2R + (n − 3)V) / n, from the means of its quads'
 * middles (F) and of its edges' middles (R) and its n edges. The curves where three or more regions meet (edges of
 * three or four quads) are kept sharp, as creases: an edge's middle there is the mean of its ends, a vertex on such a
 * curve moves to (a + 6V + b) / 8 along it, and a vertex where curves meet or end stays. Every rule reads only the
 * coarse positions and the net's own topology, so a vertex shared by several regions still moves once, for all of
 * them.
 *
 * With `smooth` false (meshing without smoothing), every new vertex is a plain middle and the coarse ones stay: the
 * raw surface, only denser.
 */
export function placeSubdividedVertices(plan: SubdivisionPlan, coarse: Float32Array, smooth = true): void {
  const job: PlacementJob = { plan, coarse, smooth };
  placeQuadMiddlesRange(job, 0, plan.coarseQuads.length / 6);
  placeEdgeMiddlesRange(job, 0, plan.edges);
  placeCoarseVerticesRange(job, 0, plan.coarseVertices);
}

/**
 * Placement as loops over ranges, for two threads: placeQuadMiddlesRange over every coarse quad, then
 * placeEdgeMiddlesRange over every edge, then placeCoarseVerticesRange over every coarse vertex, each only after the
 * one before is done everywhere (each reads what the one before wrote). Any split gives the same positions.
 */
export interface PlacementJob {
  plan: SubdivisionPlan;
  /** The coarse net's (smoothed) positions. */
  coarse: Float32Array;
  smooth: boolean;
}

/** The middles of coarse quads [from, to): the mean of their corners. */
export function placeQuadMiddlesRange(job: PlacementJob, from: number, to: number): void {
  const { plan, coarse } = job;
  const P = plan.fine.positions;
  const q = plan.coarseQuads;
  for (let t = from, f = plan.coarseVertices + plan.edges + from; t < to; t++, f++) {
    const a = q[t * 6] * 3,
      b = q[t * 6 + 1] * 3,
      c = q[t * 6 + 2] * 3,
      d = q[t * 6 + 3] * 3;
    for (let k = 0; k < 3; k++) P[f * 3 + k] = (coarse[a + k] + coarse[b + k] + coarse[c + k] + coarse[d + k]) / 4;
  }
}

/**
 * The middles of edges [from, to), and which of them are creases: an edge's quads are its middle's link slots 2..5
 * (filled in order); two quads: a smooth edge, else a crease.
 */
export function placeEdgeMiddlesRange(job: PlacementJob, from: number, to: number): void {
  const { plan, coarse } = job;
  const kernel = placedInWasm(job) && wasmKernel('placeEdges', plan.memory!);
  if (kernel) {
    const { positions, links } = plan.fine;
    kernel({ coarse, positions, links, crease: plan.crease, n: plan.coarseVertices, from, to });
    return;
  }
  placeEdgeMiddlesJs(job, from, to);
}

/** Whether a placement's arrays are in its plan's WebAssembly memory (smoothed: unsmoothed placing is plain means). */
function placedInWasm(job: PlacementJob): boolean {
  return job.smooth && job.plan.memory !== null && job.coarse === job.plan.coarsePositions;
}

/** placeEdgeMiddlesRange in JavaScript: wasm/place-edges.wat's twin. */
function placeEdgeMiddlesJs(job: PlacementJob, from: number, to: number): void {
  const { plan, coarse, smooth } = job;
  const { positions: P, links: L } = plan.fine;
  const crease = plan.crease;
  const n = plan.coarseVertices;
  for (let e = n + from; e < n + to; e++) {
    const a = L[e * 6] * 3,
      b = L[e * 6 + 1] * 3;
    const f1 = L[e * 6 + 2],
      f2 = L[e * 6 + 3];
    if (smooth && f2 >= 0 && L[e * 6 + 4] < 0) {
      crease[e - n] = 0;
      for (let k = 0; k < 3; k++) P[e * 3 + k] = (coarse[a + k] + coarse[b + k] + P[f1 * 3 + k] + P[f2 * 3 + k]) / 4;
    } else {
      crease[e - n] = 1;
      for (let k = 0; k < 3; k++) P[e * 3 + k] = (coarse[a + k] + coarse[b + k]) / 2;
    }
  }
}

/**
 * Coarse vertices [from, to), moved by Catmull-Clark's rules (see placeSubdividedVertices): as WebAssembly where the
 * plan's arrays and the coarse positions are in its memory, with the same result.
 */
export function placeCoarseVerticesRange(job: PlacementJob, from: number, to: number): void {
  const { plan, coarse } = job;
  const kernel = placedInWasm(job) && wasmKernel('placeVertices', plan.memory!);
  if (kernel) {
    const { fine } = plan;
    kernel({
      coarse,
      positions: fine.positions,
      links: fine.links,
      crease: plan.crease,
      n: plan.coarseVertices,
      from,
      to,
    });
    return;
  }
  placeCoarseVerticesJs(job, from, to);
}

/** placeCoarseVerticesRange in JavaScript: wasm/place-vertices.wat's twin. */
function placeCoarseVerticesJs(job: PlacementJob, from: number, to: number): void {
  const { plan, coarse, smooth } = job;
  const { positions: P, links: L } = plan.fine;
  const crease = plan.crease;
  const n = plan.coarseVertices;
  const along = [0, 0];
  for (let v = from; v < to; v++) {
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
      const a = along[0],
        b = along[1];
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
}
