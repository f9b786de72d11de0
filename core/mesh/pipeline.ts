/**
 * The meshing pipeline: surface net (surface-nets.ts) → smoothing with small regions' volumes given back
 * (smooth.ts, small-regions.ts) → per-region meshes (assemble.ts). It sits above the stages, which never import
 * it; the two-thread version of the same steps is main/workers/mesh-threads.ts.
 */
import type { LabelVolume } from '../atlas/label-volume';
import { assembleRegions } from './assemble';
import { smoothRegions } from './smooth';
import { surfaceNet } from './surface-nets';
import { DEFAULT_MESH_SETTINGS, type MeshSettings, type RegionMeshSet } from './types';

/** Meshes every region of a label volume: surface net, smoothing, per-region vertices and normals, in MNI mm. */
export function buildRegionMeshes(vol: LabelVolume, settings: MeshSettings = DEFAULT_MESH_SETTINGS): RegionMeshSet {
  const net = surfaceNet(vol);
  smoothRegions(net, settings);
  return assembleRegions(vol, net);
}
