/**
 * The heavy half of drawing a probabilistic atlas at a threshold, run in the probability worker
 * (probability.worker.ts) or, where no worker can start, on the page: the thresholded label grid
 * (getProbabilityGrid) is cropped to the voxels it labels and meshed with the engine's own pipeline
 * (core/mesh/pipeline.ts: surface nets, smoothing). Both results travel back as one binary buffer each
 * (core/mesh/codec.ts), so the worker hands them over without copying.
 */
import { invertAffine, mat4 } from '../../../core/affine';
import { decodeLabelGrid, encodeLabelGrid, encodeMeshSet } from '../../../core/mesh/codec';
import { cropAffine, voxelBox } from '../../../core/mesh/crop-box';
import { buildRegionMeshes } from '../../../core/mesh/pipeline';
import type { LabelGrid } from '../../../core/mesh/types';

/** The grid cut down to the box of its labelled voxels (one voxel of margin); null when nothing is labelled. */
export function cropGrid(grid: LabelGrid): LabelGrid | null {
  const [nx, ny] = grid.dims;
  const box = voxelBox(grid.dims, (i) => grid.labels[i] !== 0);
  if (!box) return null;
  const from = box.lo.map((l) => Math.max(0, l - 1));
  const to = box.hi.map((h, a) => Math.min(grid.dims[a] - 1, h + 1));
  const [cx, cy, cz] = [to[0] - from[0] + 1, to[1] - from[1] + 1, to[2] - from[2] + 1];
  const labels = new Uint16Array(cx * cy * cz);
  for (let k = 0; k < cz; k++)
    for (let j = 0; j < cy; j++) {
      const src = from[0] + nx * (from[1] + j + ny * (from[2] + k));
      labels.set(grid.labels.subarray(src, src + cx), cx * (j + cy * k));
    }
  return { dims: [cx, cy, cz], affine: Array.from(cropAffine(grid.affine, from)), labels };
}

/** What meshing a thresholded grid gives: the meshes and the cropped grid (codec buffers), and its cost. */
export interface MeshedProbability {
  meshes: ArrayBuffer;
  grid: ArrayBuffer;
  /** Largest label value in the cropped grid. */
  maxLabel: number;
  /** mm³ of one voxel. */
  voxelVolume: number;
  /** Milliseconds spent cropping and meshing. */
  ms: number;
}

/** Crops and meshes an encoded label grid; null when no voxel reaches the threshold. */
export function meshProbabilityGrid(encodedGrid: ArrayBuffer): MeshedProbability | null {
  const t0 = performance.now();
  const cropped = cropGrid(decodeLabelGrid(encodedGrid));
  if (!cropped) return null;
  const m = mat4(cropped.affine);
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
  return {
    meshes: encodeMeshSet(meshes),
    grid: encodeLabelGrid(cropped),
    maxLabel,
    voxelVolume,
    ms: performance.now() - t0,
  };
}

/** A probability job's answer (meshed: null when no voxel reaches the threshold). */
export interface ProbabilityJobResult {
  meshed: MeshedProbability | null;
}

export const meshProbabilityJob = (encodedGrid: ArrayBuffer): ProbabilityJobResult => ({
  meshed: meshProbabilityGrid(encodedGrid),
});
