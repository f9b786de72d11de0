/**
 * The meshing pipeline: surface net (surface-nets.ts) → smoothing with small regions' volumes given back
 * (smooth.ts, small-regions.ts) → per-region meshes (assemble.ts). A volume copied from a coarser grid is meshed on
 * that grid and subdivided back to the file's density (native-grid.ts, subdivide.ts). It sits above the stages,
 * which never import it; the two-thread version of the same steps is main/workers/mesh-threads.ts.
 */
import type { LabelVolume } from '../atlas/label-volume';
import { assembleRegions } from './assemble';
import { findNativeGrid, nativeVolume, voxelCounts } from './native-grid';
import { correctSmallRegionVolumes } from './small-regions';
import { smoothRegions, smoothSurfaceNet } from './smooth';
import { placeSubdividedVertices, planSubdivision } from './subdivide';
import { surfaceNet } from './surface-nets';
import { DEFAULT_MESH_SETTINGS, type MeshSettings, type RegionMeshSet, type SurfaceNet } from './types';

/**
 * Where buildRegionMeshes is: after the surface net, after smoothing (with the net it will assemble: the subdivided
 * one on a native grid), after assembly. For timing each stage (bench:mesh).
 */
export type MeshStageMark = (stage: 'net' | 'smoothed' | 'assembled', net: SurfaceNet) => void;

/** Meshes every region of a label volume: surface net, smoothing, per-region vertices and normals, in MNI mm. */
export function buildRegionMeshes(
  vol: LabelVolume,
  settings: MeshSettings = DEFAULT_MESH_SETTINGS,
  mark: MeshStageMark = () => {},
): RegionMeshSet {
  const grid = meshingGrid(vol);
  if (!grid) {
    const net = surfaceNet(vol);
    mark('net', net);
    smoothRegions(net, settings);
    mark('smoothed', net);
    const set = assembleRegions(vol, net);
    mark('assembled', net);
    return set;
  }
  const coarse = surfaceNet(grid.volume);
  mark('net', coarse);
  const plan = planSubdivision(coarse);
  plan.fine.targetVolume = grid.targetVolume;
  const each = subdividedSmoothing(settings);
  smoothSurfaceNet(coarse, each);
  placeSubdividedVertices(plan, coarse.positions, settings.smoothIterations > 0);
  if (settings.smoothIterations > 0) correctSmallRegionVolumes(plan.fine);
  mark('smoothed', plan.fine);
  const set = withFileVoxels(assembleRegions(grid.volume, plan.fine), grid.fileVoxels);
  mark('assembled', plan.fine);
  return set;
}

/**
 * The grid a volume is meshed on, when it is not the file's own: its native grid, the file's voxel counts, and those
 * counts in native cells (what each region's mesh should enclose).
 */
export interface MeshingGrid {
  volume: LabelVolume;
  fileVoxels: Uint32Array;
  targetVolume: Float64Array;
}

export function meshingGrid(vol: LabelVolume): MeshingGrid | null {
  const grid = findNativeGrid(vol);
  if (!grid) return null;
  const fileVoxels = voxelCounts(vol);
  const volume = nativeVolume(vol, grid, fileVoxels);
  if (!volume) return null;
  const perCell = grid.factor ** 3;
  return { volume, fileVoxels, targetVolume: Float64Array.from(fileVoxels, (n) => n / perCell) };
}

/**
 * Smoothing of the coarse net on a native grid: twice the iterations, since its cells are twice as wide or more
 * (subdivision then smooths the finer net, subdivide.ts).
 */
export function subdividedSmoothing(settings: MeshSettings): MeshSettings {
  return { ...settings, smoothIterations: settings.smoothIterations * 2 };
}

/** The regions' voxel counts as the file has them (meshing on a native grid counted native voxels). */
export function withFileVoxels(set: RegionMeshSet, fileVoxels: Uint32Array): RegionMeshSet {
  for (const r of set.regions) r.voxels = fileVoxels[r.value];
  return set;
}
