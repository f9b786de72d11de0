/**
 * Drawing a probabilistic atlas at a threshold (renderer/src/model/probability-mesh.ts, probability-layer.ts and the
 * client probability-meshing.ts), on a synthetic thresholded grid whose answer is known: the crop keeps exactly the
 * labelled box plus one voxel and moves the affine with it; meshing the crop gives the meshes of the whole grid
 * (same regions, voxels, vertices and triangles, vertices within 0.05 mm) in less work, and the worker's answer is
 * bit for bit what the page computed before; the layer takes the
 * base layer's colours; and the client (here on the page: Node has no Worker) answers the newest threshold only.
 */
import { describe, expect, it, vi } from 'vitest';
import { invertAffine, mat4 } from '../../../../../core/affine';
import type { AtlasSummary } from '../../../../../core/api';
import { decodeLabelGrid, decodeMeshSet, packNormals, encodeLabelGrid } from '../../../../../core/mesh/codec';
import { buildRegionMeshes } from '../../../../../core/mesh/pipeline';
import type { LabelGrid } from '../../../../../core/mesh/types';
import type { LabelsLayerData } from '../../../../../renderer/src/model/layer-data';
import { cropGrid, meshProbabilityGrid } from '../../../../../renderer/src/model/probability-mesh';
import { probabilityLayer } from '../../../../../renderer/src/model/probability-layer';
import { meshProbability } from '../../../../../renderer/src/model/probability-meshing';

const DIMS: [number, number, number] = [40, 36, 30];
// LAS, as FSL's MNI files: x runs right to left.
const AFFINE = [-2, 0, 0, 40, 0, 2, 0, -36, 0, 0, 2, -20, 0, 0, 0, 1];

/** A sphere of label 1 (radius 5 voxels around (12, 10, 9)) and a box of label 3 ((20..26, 14..20, 12..16)). */
function grid(): LabelGrid {
  const [nx, ny, nz] = DIMS;
  const labels = new Uint16Array(nx * ny * nz);
  for (let k = 0; k < nz; k++)
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++) {
        const at = i + nx * (j + ny * k);
        if (Math.hypot(i - 12, j - 10, k - 9) <= 5) labels[at] = 1;
        else if (i >= 20 && i <= 26 && j >= 14 && j <= 20 && k >= 12 && k <= 16) labels[at] = 3;
      }
  return { dims: DIMS, affine: AFFINE, labels };
}

const volumeOf = (g: LabelGrid) => {
  const m = mat4(g.affine);
  let maxLabel = 0;
  for (const v of g.labels) maxLabel = Math.max(maxLabel, v);
  return { dims: g.dims, affine: m, inverse: invertAffine(m), labels: g.labels, maxLabel, voxelVolume: 8 };
};

describe('probability meshing', () => {
  it('crops to the labelled box plus one voxel, the affine moved to the new corner', () => {
    const c = cropGrid(grid())!;
    // Labelled: i 7..26, j 5..20, k 4..16; with a voxel of margin: 6..27, 4..21, 3..17.
    expect(c.dims).toEqual([22, 18, 15]);
    expect(c.affine).toEqual([-2, 0, 0, 40 - 2 * 6, 0, 2, 0, -36 + 2 * 4, 0, 0, 2, -20 + 2 * 3, 0, 0, 0, 1]);
    const full = grid();
    let count = 0;
    for (const v of c.labels) if (v) count++;
    expect(count).toBe(full.labels.filter((v) => v !== 0).length);
    // The voxel (12, 10, 9) of the whole grid is (6, 6, 6) of the crop.
    expect(c.labels[6 + 22 * (6 + 18 * 6)]).toBe(1);
    expect(cropGrid({ dims: [4, 4, 4], affine: AFFINE, labels: new Uint16Array(64) })).toBeNull();
  });

  it('meshes the crop as the page did, bit for bit, and as the whole grid would be within 0.05 mm', () => {
    const meshed = meshProbabilityGrid(encodeLabelGrid(grid()))!;
    expect(meshed.maxLabel).toBe(3);
    expect(meshed.voxelVolume).toBe(8);
    const mine = decodeMeshSet(meshed.meshes);
    // What the page computed before meshing moved to the worker: the pipeline over the crop.
    const before = buildRegionMeshes(volumeOf(cropGrid(grid())!));
    expect(mine.regions).toEqual(before.regions);
    for (const a of ['positions', 'indices'] as const)
      expect(Buffer.from(mine[a].buffer, mine[a].byteOffset, mine[a].byteLength)).toEqual(
        Buffer.from(before[a].buffer, before[a].byteOffset, before[a].byteLength),
      );
    // Normals are sent packed into 16 bits (core/mesh/codec.ts).
    expect(mine.normals).toEqual(packNormals(before.normals));
    // Cropping changes the work, not the surfaces: the whole grid gives the same regions, voxels and vertices.
    const whole = buildRegionMeshes(volumeOf(grid()));
    expect(mine.regions.map((r) => [r.value, r.voxels, r.vertexCount, r.indexCount])).toEqual(
      whole.regions.map((r) => [r.value, r.voxels, r.vertexCount, r.indexCount]),
    );
    // Every vertex of the crop's meshes is a vertex of the whole grid's, within 0.05 mm (a fortieth of a voxel:
    // smoothing works in float32 voxel coordinates, which the crop shifts).
    let worst = 0;
    const [a, b] = [mine.positions, whole.positions];
    for (let i = 0; i < a.length; i += 3) {
      let near = Infinity;
      for (let j = 0; j < b.length; j += 3)
        near = Math.min(near, Math.hypot(a[i] - b[j], a[i + 1] - b[j + 1], a[i + 2] - b[j + 2]));
      worst = Math.max(worst, near);
    }
    expect(worst).toBeLessThan(0.05);
    mine.regions.forEach((r, i) => expect(r.meshVolumeMm3).toBeCloseTo(whole.regions[i].meshVolumeMm3, 0));
    expect(decodeLabelGrid(meshed.grid).dims).toEqual([22, 18, 15]);
    expect(
      meshProbabilityGrid(encodeLabelGrid({ dims: [4, 4, 4], affine: AFFINE, labels: new Uint16Array(64) })),
    ).toBeNull();
  });

  it('puts the layer together with the base layer’s names and colours', () => {
    const meshed = meshProbabilityGrid(encodeLabelGrid(grid()))!;
    const summary = { regions: [] } as unknown as AtlasSummary;
    const baseRegion = { key: 'wang2015:1', value: 1, name: 'V1v', color: [10, 20, 30] };
    const base = {
      kind: 'labels',
      key: 'wang2015@1mm',
      atlasId: 'wang2015',
      name: 'Wang 2015',
      summary,
      regions: [baseRegion],
      indexOfValue: Int32Array.from([-1, 0]),
    } as unknown as LabelsLayerData;
    const layer = probabilityLayer(base, meshed, 50);
    expect(layer.key).toBe('wang2015@1mm#p50');
    expect(layer.regions.map((r) => [r.value, r.color])).toEqual([
      [1, [10, 20, 30]],
      [3, expect.any(Array)],
    ]);
    expect(layer.indexOfValue[3]).toBe(1);
    expect(layer.regions[0].volumeMm3).toBe(8 * grid().labels.filter((v) => v === 1).length);
    // Picking reads the cropped grid: the sphere's centre voxel (12, 10, 9) is at world (16, -16, -2).
    const g = layer.grid;
    const [i, j, k] = [0, 1, 2].map((a) =>
      Math.round(g.inverse[a * 4] * 16 + g.inverse[a * 4 + 1] * -16 + g.inverse[a * 4 + 2] * -2 + g.inverse[a * 4 + 3]),
    );
    expect(g.labels[i + g.dims[0] * (j + g.dims[1] * k)]).toBe(1);
  });

  it('answers the newest threshold only (here on the page: Node has no Worker)', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const older = meshProbability(encodeLabelGrid(grid()));
    const box = grid();
    box.labels = box.labels.map((v) => (v === 3 ? 3 : 0));
    const newer = meshProbability(encodeLabelGrid(box));
    expect(await older).toBeNull();
    const r = await newer;
    expect(decodeMeshSet(r!.meshed!.meshes).regions.map((x) => x.value)).toEqual([3]);
    const empty = await meshProbability(
      encodeLabelGrid({ dims: [4, 4, 4], affine: AFFINE, labels: new Uint16Array(64) }),
    );
    expect(empty).toEqual({ meshed: null });
    warn.mockRestore();
  });
});
