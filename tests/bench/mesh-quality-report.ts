/** The mesh quality part of `npm run bench:mesh` (tests/bench/mesh-bench.ts). */
import type { LabelVolume } from '../../core/atlas/label-volume';
import { CREASE_DEGREES, regionCreases, regionQuality } from '../../core/mesh/quality';
import type { AssembledMeshSet } from '../../core/mesh/types';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Pairs of labels that touch face to face somewhere in the volume, as "a:b" with a < b. */
function adjacentPairs(vol: LabelVolume): Set<number> {
  const [nx, ny, nz] = vol.dims;
  const L = vol.labels;
  const size = vol.maxLabel + 1;
  const pairs = new Set<number>();
  const add = (a: number, b: number) => {
    if (a !== b && a !== 0 && b !== 0) pairs.add(a < b ? a * size + b : b * size + a);
  };
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      const row = nx * (j + ny * k);
      for (let i = 0; i < nx; i++) {
        const v = L[row + i];
        if (v === 0) continue;
        if (i + 1 < nx) add(v, L[row + i + 1]);
        if (j + 1 < ny) add(v, L[row + i + nx]);
        if (k + 1 < nz) add(v, L[row + i + nx * ny]);
      }
    }
  }
  return pairs;
}

/**
 * bench:mesh's quality figures (core/mesh/quality.ts per region): holes, non-manifold edges, the volume error against
 * the voxels, and whether every pair of regions that touch in the volume shares boundary vertices in the meshes.
 */
export function meshQualityReport(vol: LabelVolume, set: AssembledMeshSet, otherSides: Uint32Array) {
  const q = set.regions.map((r) => regionQuality(set, r, vol.voxelVolume));
  const absErr = q.map((x) => Math.abs(x.volumeError));
  // What reads as terracing: edges whose two triangles meet at more than CREASE_DEGREES, over all regions.
  // Junction edges (where three regions meet, so creased by nature) apart from the rest of the surfaces.
  let edges = 0,
    creased = 0,
    junctionEdges = 0,
    junctionCreased = 0;
  for (const r of set.regions) {
    const c = regionCreases(set, r, CREASE_DEGREES, otherSides);
    edges += c.edges;
    creased += c.creased;
    junctionEdges += c.junctionEdges;
    junctionCreased += c.junctionCreased;
  }
  const share = (a: number, b: number) => Math.round((a / Math.max(b, 1)) * 10000) / 10000;
  // Shared boundary: for each pair touching in the volume, do their meshes use a common surface-nets vertex?
  const size = vol.maxLabel + 1;
  const pairs = adjacentPairs(vol);
  const sources = new Map(
    set.regions.map((r) => [r.value, set.sourceVertex.subarray(r.vertexStart, r.vertexStart + r.vertexCount)]),
  );
  const sets = new Map<number, Set<number>>();
  const setOf = (v: number) => {
    let s = sets.get(v);
    if (!s) sets.set(v, (s = new Set(sources.get(v))));
    return s;
  };
  const unshared: string[] = [];
  for (const key of pairs) {
    const a = Math.floor(key / size),
      b = key % size;
    const sa = sources.get(a),
      sb = setOf(b);
    let shared = false;
    if (sa) for (let i = 0; i < sa.length && !shared; i++) shared = sb.has(sa[i]);
    if (!shared) unshared.push(`${a}:${b}`);
  }
  return {
    regions: q.length,
    regions_with_boundary_edges: q.filter((x) => x.boundaryEdges > 0).length,
    boundary_edges_total: q.reduce((s, x) => s + x.boundaryEdges, 0),
    non_manifold_edges_total: q.reduce((s, x) => s + x.nonManifoldEdges, 0),
    regions_with_non_manifold_edges: q.filter((x) => x.nonManifoldEdges > 0).length,
    [`crease_share_over_${CREASE_DEGREES}deg`]: share(creased, edges),
    crease_target: 0.05,
    crease_parts: {
      junction_edge_share: share(junctionEdges, edges),
      junction_edges_creased: share(junctionCreased, junctionEdges),
      creased_junction_edges_share_of_all: share(junctionCreased, edges),
      other_edges_creased: share(creased - junctionCreased, edges - junctionEdges),
    },
    volume_error_abs_median: Math.round(median(absErr) * 10000) / 10000,
    volume_error_abs_max: Math.round(Math.max(...absErr) * 10000) / 10000,
    regions_volume_off_over_20pct: q.filter((x) => Math.abs(x.volumeError) > 0.2).length,
    share_volume_off_over_20pct:
      Math.round((q.filter((x) => Math.abs(x.volumeError) > 0.2).length / q.length) * 10000) / 10000,
    worst_volume_errors: q
      .map((x, i) => ({
        value: x.value,
        voxels: set.regions[i].voxels,
        volume_error: Math.round(x.volumeError * 1000) / 1000,
      }))
      .sort((x, y) => Math.abs(y.volume_error) - Math.abs(x.volume_error))
      .slice(0, 5),
    adjacent_region_pairs: pairs.size,
    adjacent_pairs_sharing_boundary_vertices: pairs.size - unshared.length,
    adjacent_pairs_not_sharing: unshared.slice(0, 10),
  };
}
