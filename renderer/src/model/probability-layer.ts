/**
 * A layer drawn from a probabilistic atlas at a threshold (getProbabilityGrid): the label grid is cropped to the
 * voxels it labels, meshed here with the engine's own pipeline (core/mesh/pipeline.ts: surface nets, smoothing),
 * and takes the max-probability layer's regions (names, colours). Wang 2015's maps cover the occipital and parietal
 * lobes only, so the cropped grid is small and meshes in well under a second.
 */
import { type Mat4, invertAffine, mat4 } from '../../../core/affine';
import type { LabelGrid } from '../../../core/mesh/types';
import { buildRegionMeshes } from '../../../core/mesh/pipeline';
import type { LabelsLayerData } from './layer-data';
import { labelsRegions, pickGrid } from './load';

/** The grid cut down to the box of its labelled voxels (one voxel of margin); null when nothing is labelled. */
export function cropGrid(grid: LabelGrid): LabelGrid | null {
  const [nx, ny, nz] = grid.dims;
  const lo = [nx, ny, nz];
  const hi = [-1, -1, -1];
  for (let k = 0; k < nz; k++)
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++) {
        if (grid.labels[i + nx * (j + ny * k)] === 0) continue;
        const v = [i, j, k];
        for (let a = 0; a < 3; a++) {
          if (v[a] < lo[a]) lo[a] = v[a];
          if (v[a] > hi[a]) hi[a] = v[a];
        }
      }
  if (hi[0] < 0) return null;
  const from = lo.map((l) => Math.max(0, l - 1));
  const to = hi.map((h, a) => Math.min(grid.dims[a] - 1, h + 1));
  const [cx, cy, cz] = [to[0] - from[0] + 1, to[1] - from[1] + 1, to[2] - from[2] + 1];
  const labels = new Uint16Array(cx * cy * cz);
  for (let k = 0; k < cz; k++)
    for (let j = 0; j < cy; j++) {
      const src = from[0] + nx * (from[1] + j + ny * (from[2] + k));
      labels.set(grid.labels.subarray(src, src + cx), cx * (j + cy * k));
    }
  const m = grid.affine;
  const affine = [...m];
  for (let a = 0; a < 3; a++)
    affine[a * 4 + 3] = m[a * 4 + 3] + m[a * 4] * from[0] + m[a * 4 + 1] * from[1] + m[a * 4 + 2] * from[2];
  return { dims: [cx, cy, cz], affine, labels };
}

/** The layer `base` drawn from `grid` instead (keyed `<base key>#p<threshold>`); null when the grid is empty. */
export function probabilityLayer(base: LabelsLayerData, grid: LabelGrid, threshold: number): LabelsLayerData | null {
  const cropped = cropGrid(grid);
  if (!cropped) return null;
  const m: Mat4 = mat4(cropped.affine);
  let maxLabel = 0;
  for (const v of cropped.labels) if (v > maxLabel) maxLabel = v;
  const voxelVolume = Math.abs(
    m[0] * (m[5] * m[10] - m[6] * m[9]) - m[1] * (m[4] * m[10] - m[6] * m[8]) + m[2] * (m[4] * m[9] - m[5] * m[8]),
  );
  const meshes = buildRegionMeshes({
    dims: cropped.dims,
    affine: m,
    inverse: invertAffine(m),
    labels: cropped.labels,
    maxLabel,
    voxelVolume,
  });
  const regions = labelsRegions(base.atlasId, base.summary, meshes, voxelVolume).map((r) => {
    const own = base.regions.find((b) => b.value === r.value);
    return own ? { ...r, color: own.color } : r;
  });
  const indexOfValue = new Int32Array(Math.max(base.indexOfValue.length, maxLabel + 1)).fill(-1);
  regions.forEach((r, i) => (indexOfValue[r.value] = i));
  return {
    ...base,
    key: `${base.key}#p${threshold}`,
    regions,
    indexOfValue,
    meshes,
    grid: pickGrid(cropped),
  };
}
