/**
 * A labels volume projected onto a cortical surface: each vertex takes the label of the voxel nearest to the point
 * halfway between its white-matter and pial positions. A vertex that lands on background takes the most common
 * label of the labelled vertices within `fillMm` along the surface (edge paths on the mid-thickness surface), or
 * stays 0 when there are none.
 */
import { type LabelVolume, labelAt } from '../atlas/label-volume';

/** How far along the surface an unlabelled vertex looks for labelled neighbours. */
export const LABEL_FILL_MM = 3;

/** Vertex neighbours in compressed rows: the neighbours of v are `list[start[v]] … list[start[v + 1] - 1]`. */
export interface VertexNeighbours {
  start: Uint32Array;
  list: Uint32Array;
}

/** The edge graph of a triangle mesh (each edge once per direction). */
export function vertexNeighbours(vertexCount: number, triangles: Uint32Array): VertexNeighbours {
  const sets: Set<number>[] = Array.from({ length: vertexCount }, () => new Set<number>());
  for (let t = 0; t + 2 < triangles.length; t += 3) {
    const a = triangles[t];
    const b = triangles[t + 1];
    const c = triangles[t + 2];
    sets[a].add(b).add(c);
    sets[b].add(a).add(c);
    sets[c].add(a).add(b);
  }
  const start = new Uint32Array(vertexCount + 1);
  for (let v = 0; v < vertexCount; v++) start[v + 1] = start[v] + sets[v].size;
  const list = new Uint32Array(start[vertexCount]);
  for (let v = 0; v < vertexCount; v++)
    list.set(
      [...sets[v]].sort((p, q) => p - q),
      start[v],
    );
  return { start, list };
}

/** Vertices within `maxMm` of `from` along mesh edges, with their path lengths (Dijkstra, bounded). */
export function verticesWithin(
  from: number,
  maxMm: number,
  positions: Float32Array,
  graph: VertexNeighbours,
): Map<number, number> {
  const done = new Map<number, number>();
  const frontier = new Map<number, number>([[from, 0]]);
  while (frontier.size > 0) {
    let best = -1;
    let bestD = Number.POSITIVE_INFINITY;
    for (const [v, d] of frontier) {
      if (d < bestD) {
        bestD = d;
        best = v;
      }
    }
    frontier.delete(best);
    done.set(best, bestD);
    for (let e = graph.start[best]; e < graph.start[best + 1]; e++) {
      const w = graph.list[e];
      if (done.has(w)) continue;
      const dx = positions[3 * w] - positions[3 * best];
      const dy = positions[3 * w + 1] - positions[3 * best + 1];
      const dz = positions[3 * w + 2] - positions[3 * best + 2];
      const d = bestD + Math.hypot(dx, dy, dz);
      if (d > maxMm) continue;
      const old = frontier.get(w);
      if (old === undefined || d < old) frontier.set(w, d);
    }
  }
  return done;
}

/** The mid-thickness surface: halfway between each white and pial vertex. */
export function midThickness(white: Float32Array, pial: Float32Array): Float32Array {
  if (white.length !== pial.length) throw new RangeError('white and pial surfaces must have the same vertices');
  const mid = new Float32Array(white.length);
  for (let i = 0; i < white.length; i++) mid[i] = (white[i] + pial[i]) / 2;
  return mid;
}

/** One label value per vertex (0: no label), by the rule in this file's comment. */
export function projectLabelsToSurface(
  vol: LabelVolume,
  white: Float32Array,
  pial: Float32Array,
  triangles: Uint32Array,
  fillMm = LABEL_FILL_MM,
): Int32Array {
  const mid = midThickness(white, pial);
  const n = mid.length / 3;
  const direct = new Int32Array(n);
  for (let v = 0; v < n; v++) direct[v] = labelAt(vol, mid[3 * v], mid[3 * v + 1], mid[3 * v + 2]);
  if (fillMm <= 0) return direct;
  const out = direct.slice();
  let graph: VertexNeighbours | null = null;
  for (let v = 0; v < n; v++) {
    if (direct[v] !== 0) continue;
    graph ??= vertexNeighbours(n, triangles);
    // Count the labels around; ties go to the label found nearest along the surface.
    const counts = new Map<number, { count: number; nearest: number }>();
    for (const [w, d] of verticesWithin(v, fillMm, mid, graph)) {
      const label = direct[w];
      if (label === 0) continue;
      const c = counts.get(label);
      if (c) {
        c.count++;
        c.nearest = Math.min(c.nearest, d);
      } else counts.set(label, { count: 1, nearest: d });
    }
    let best = 0;
    let bestCount = 0;
    let bestNearest = Number.POSITIVE_INFINITY;
    for (const [label, c] of counts) {
      if (c.count > bestCount || (c.count === bestCount && c.nearest < bestNearest)) {
        best = label;
        bestCount = c.count;
        bestNearest = c.nearest;
      }
    }
    out[v] = best;
  }
  return out;
}
