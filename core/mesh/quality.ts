/** Checks of region meshes: closed (no boundary edges), manifold edges, enclosed volume against the voxels. */
import { piecesPerQuad } from './quad-pieces';
import type { AssembledMeshSet, RegionMeshSet, RegionRange, SurfaceNet } from './types';

/** What the checks read of a mesh set: its triangles (a set as sent, with packed normals, will do). */
type Triangles = Pick<RegionMeshSet, 'positions' | 'indices'>;

export interface RegionQuality {
  value: number;
  /** Edges used by one triangle only: holes. 0 for a closed surface. */
  boundaryEdges: number;
  /** Edges used by more than two triangles (surface nets makes these where voxels touch only along an edge). */
  nonManifoldEdges: number;
  /** (mesh volume − voxel volume) / voxel volume */
  volumeError: number;
}

/**
 * Edge e (0..2) of the triangle at index t of region r, as one number: its two vertices by their place in the region.
 * A region has one vertex for each net vertex it uses, so its edges are the net's edges between those.
 */
function edgeKey(set: Triangles, r: RegionRange, t: number, e: number): number {
  const a = set.indices[t + e] - r.vertexStart;
  const b = set.indices[t + ((e + 1) % 3)] - r.vertexStart;
  return a < b ? a * r.vertexCount + b : b * r.vertexCount + a;
}

/** Edge use counts of one region. */
export function regionQuality(set: Triangles, r: RegionRange, voxelVolumeMm3: number): RegionQuality {
  const uses = new Map<number, number>();
  for (let t = r.indexStart; t < r.indexStart + r.indexCount; t += 3) {
    for (let e = 0; e < 3; e++) {
      const key = edgeKey(set, r, t, e);
      uses.set(key, (uses.get(key) ?? 0) + 1);
    }
  }
  let boundaryEdges = 0,
    nonManifoldEdges = 0;
  for (const n of uses.values()) {
    if (n === 1) boundaryEdges++;
    else if (n > 2) nonManifoldEdges++;
  }
  const voxelVolume = r.voxels * voxelVolumeMm3;
  return {
    value: r.value,
    boundaryEdges,
    nonManifoldEdges,
    volumeError: (r.meshVolumeMm3 - voxelVolume) / voxelVolume,
  };
}

/** Shared vertex ids of a region (the surface-nets vertices its mesh uses). */
export function sourceVerticesOf(set: AssembledMeshSet, r: RegionRange): Set<number> {
  return new Set(set.sourceVertex.subarray(r.vertexStart, r.vertexStart + r.vertexCount));
}

/** The angle between the two triangles of an edge above which the edge reads as a crease (a terrace step). */
export const CREASE_DEGREES = 30;

/** Crease counts of a region's surface (regionCreases). */
export interface RegionCreases {
  /** Edges used by two of the region's triangles. */
  edges: number;
  /** Those whose two triangles meet at more than the angle. */
  creased: number;
  /**
   * Edges where the region's surface turns from facing one neighbour (or the background) to facing another: the
   * lines where three regions meet. Counted when the triangles' other sides are given, else 0.
   */
  junctionEdges: number;
  junctionCreased: number;
}

/**
 * For every triangle of an assembled set (assemble.ts), the label on its other side (0: background), from the net it
 * was assembled from: a region's triangles come two per quad a quad side stands for (quad-pieces.ts), its quad sides
 * in the net's quad order.
 */
export function triangleOtherSides(net: SurfaceNet, set: RegionMeshSet): Uint32Array {
  const other = new Uint32Array(set.indices.length / 3);
  const cursor = new Map(set.regions.map((r) => [r.value, r.indexStart / 3]));
  const triangles = 2 * piecesPerQuad(net);
  const put = (label: number, otherLabel: number) => {
    const t = cursor.get(label);
    if (t === undefined) return;
    other.fill(otherLabel, t, t + triangles);
    cursor.set(label, t + triangles);
  };
  for (let o = 0; o < net.quadCount * 6; o += 6) {
    put(net.quads[o + 4], net.quads[o + 5]);
    put(net.quads[o + 5], net.quads[o + 4]);
  }
  return other;
}

/**
 * Edges of a region's surface where its two triangles meet at more than `degrees` (the angle between their
 * normals), and all its edges used by two triangles: what reads as terracing on screen. With `otherSides`
 * (triangleOtherSides), the junction edges are counted apart: there the surface turns from one neighbour to another,
 * and the angles of the three surfaces around the line add up to 360°, so most such edges are creases by nature.
 */
export function regionCreases(
  set: Triangles,
  r: RegionRange,
  degrees = CREASE_DEGREES,
  otherSides?: Uint32Array,
): RegionCreases {
  const p = set.positions;
  const normalOf = (t: number): [number, number, number] => {
    const a = 3 * set.indices[t],
      b = 3 * set.indices[t + 1],
      c = 3 * set.indices[t + 2];
    const ux = p[b] - p[a],
      uy = p[b + 1] - p[a + 1],
      uz = p[b + 2] - p[a + 2];
    const vx = p[c] - p[a],
      vy = p[c + 1] - p[a + 1],
      vz = p[c + 2] - p[a + 2];
    const nx = uy * vz - uz * vy,
      ny = uz * vx - ux * vz,
      nz = ux * vy - uy * vx;
    const len = Math.hypot(nx, ny, nz) || 1;
    return [nx / len, ny / len, nz / len];
  };
  // Each edge: the first triangle seen, then the angle when the second comes.
  const first = new Map<number, number>();
  const cosLimit = Math.cos((degrees * Math.PI) / 180);
  const counts: RegionCreases = { edges: 0, creased: 0, junctionEdges: 0, junctionCreased: 0 };
  for (let t = r.indexStart; t < r.indexStart + r.indexCount; t += 3) {
    for (let e = 0; e < 3; e++) {
      const key = edgeKey(set, r, t, e);
      const other = first.get(key);
      if (other === undefined) {
        first.set(key, t);
        continue;
      }
      const n1 = normalOf(other),
        n2 = normalOf(t);
      const creased = n1[0] * n2[0] + n1[1] * n2[1] + n1[2] * n2[2] < cosLimit;
      counts.edges++;
      if (creased) counts.creased++;
      if (otherSides && otherSides[other / 3] !== otherSides[t / 3]) {
        counts.junctionEdges++;
        if (creased) counts.junctionCreased++;
      }
    }
  }
  return counts;
}
