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
