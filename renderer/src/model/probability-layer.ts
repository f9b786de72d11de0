/**
 * A layer drawn from a probabilistic atlas at a threshold (getProbabilityGrid), put together on the page from what
 * the probability worker made of it (probability-mesh.ts: the grid cropped to the voxels it labels and meshed with
 * the engine's pipeline). It takes the max-probability layer's regions (names, colours).
 */
import { decodeLabelGrid, decodeMeshSet } from '../../../core/mesh/codec';
import type { LabelsLayerData } from './layer-data';
import { labelsRegions, pickGrid } from './load';
import type { MeshedProbability } from './probability-mesh';

/** The layer `base` drawn from `meshed` instead (keyed `<base key>#p<threshold>`). */
export function probabilityLayer(base: LabelsLayerData, meshed: MeshedProbability, threshold: number): LabelsLayerData {
  const meshes = decodeMeshSet(meshed.meshes);
  const grid = decodeLabelGrid(meshed.grid);
  const regions = labelsRegions(base.atlasId, base.summary, meshes, meshed.voxelVolume).map((r) => {
    const own = base.regions.find((b) => b.value === r.value);
    return own ? { ...r, color: own.color } : r;
  });
  const indexOfValue = new Int32Array(Math.max(base.indexOfValue.length, meshed.maxLabel + 1)).fill(-1);
  regions.forEach((r, i) => (indexOfValue[r.value] = i));
  return {
    ...base,
    key: `${base.key}#p${threshold}`,
    regions,
    indexOfValue,
    meshes,
    grid: pickGrid(grid),
  };
}
