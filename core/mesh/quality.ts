/** Checks of region meshes: closed (no boundary edges), manifold edges, enclosed volume against the voxels. */
import type { RegionMeshSet, RegionRange } from './types';

export interface RegionQuality {
  value: number;
  /** Edges used by one triangle only: holes. 0 for a closed surface. */
  boundaryEdges: number;
  /** Edges used by more than two triangles (surface nets makes these where voxels touch only along an edge). */
  nonManifoldEdges: number;
  /** (mesh volume − voxel volume) / voxel volume */
  volumeError: number;
}

/** Edge use counts of one region, keyed by its two shared (source) vertex ids. */
export function regionQuality(set: RegionMeshSet, r: RegionRange, voxelVolumeMm3: number): RegionQuality {
  const uses = new Map<number, number>();
  const nSource = 2 ** 26; // keys: lo * nSource + hi stays exact below 2^53 for up to 2^26 shared vertices
  for (let t = r.indexStart; t < r.indexStart + r.indexCount; t += 3) {
    for (let e = 0; e < 3; e++) {
      const a = set.sourceVertex[set.indices[t + e]];
      const b = set.sourceVertex[set.indices[t + ((e + 1) % 3)]];
      const key = a < b ? a * nSource + b : b * nSource + a;
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
export function sourceVerticesOf(set: RegionMeshSet, r: RegionRange): Set<number> {
  return new Set(set.sourceVertex.subarray(r.vertexStart, r.vertexStart + r.vertexCount));
}

/** The angle between the two triangles of an edge above which the edge reads as a crease (a terrace step). */
export const CREASE_DEGREES = 30;

/**
 * Edges of a region's surface where its two triangles meet at more than `degrees` (the angle between their
 * normals), and all its edges used by two triangles: what reads as terracing on screen.
 */
export function regionCreases(
  set: RegionMeshSet,
  r: RegionRange,
  degrees = CREASE_DEGREES,
): { edges: number; creased: number } {
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
  // Each edge by its two source (shared) vertices: the first triangle seen, then the angle when the second comes.
  const first = new Map<number, number>();
  const nSource = 2 ** 26;
  const cosLimit = Math.cos((degrees * Math.PI) / 180);
  let edges = 0,
    creased = 0;
  for (let t = r.indexStart; t < r.indexStart + r.indexCount; t += 3) {
    for (let e = 0; e < 3; e++) {
      const a = set.sourceVertex[set.indices[t + e]];
      const b = set.sourceVertex[set.indices[t + ((e + 1) % 3)]];
      const key = a < b ? a * nSource + b : b * nSource + a;
      const other = first.get(key);
      if (other === undefined) {
        first.set(key, t);
        continue;
      }
      const n1 = normalOf(other),
        n2 = normalOf(t);
      edges++;
      if (n1[0] * n2[0] + n1[1] * n2[1] + n1[2] * n2[2] < cosLimit) creased++;
    }
  }
  return { edges, creased };
}
