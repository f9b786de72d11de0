/**
 * `npm run bench:surface`: the cortical surface view's work on the main side, printed as JSON (never a test):
 * reading one hemisphere of fsaverage5 (white, pial, the shown kind and sulcal depth; first read, then cached),
 * projecting a whole-brain map onto it (10 trilinear samples per vertex, 2 mm and 1 mm grids; median of runs),
 * and an atlas on its vertices: projected from the volume (AAL3 1 mm, Brodmann 1 mm) or read from its own labels
 * file (Schaefer 400x7). Each figure is for one hemisphere; the view asks for both.
 *
 * And the 3D view's map on an atlas's regions (RegionMaps.tsx), in its overlay worker: the 2 mm map sampled beneath
 * every vertex of AAL3 1 mm's region meshes at the app's fine detail (4 depths per vertex: projectAlongNormals).
 */
import { performance } from 'node:perf_hooks';
import { mat4, invertAffine } from '../../core/affine';
import { createAtlasService } from '../../main/services/create-service';
import { SurfaceService, surfaceHostOf } from '../../main/services/surface-service';
import { decodeMeshSet } from '../../core/mesh/codec';
import { REGION_DEPTHS_MM, projectAlongNormals } from '../../renderer/src/view-3d/overlay-geometry';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (v: number) => Math.round(v * 100) / 100;

/** A smooth whole-brain field on the MNI grid of `res` mm (LAS, as FSL's templates). */
function field(res: 1 | 2) {
  const dims: [number, number, number] = res === 2 ? [91, 109, 91] : [182, 218, 182];
  const affine = mat4([-res, 0, 0, 90, 0, res, 0, -126, 0, 0, res, -72, 0, 0, 0, 1]);
  const values = new Float32Array(dims[0] * dims[1] * dims[2]);
  for (let k = 0; k < dims[2]; k++)
    for (let j = 0; j < dims[1]; j++)
      for (let i = 0; i < dims[0]; i++) {
        const [x, y, z] = [90 - res * i, -126 + res * j, -72 + res * k];
        values[i + dims[0] * (j + dims[1] * k)] = Math.sin(x / 9) + Math.cos(y / 11) + Math.sin(z / 7);
      }
  return { dims, affine, inverse: invertAffine(affine), values };
}

async function timed<T>(f: () => Promise<T>): Promise<[T, number]> {
  const s = performance.now();
  const v = await f();
  return [v, performance.now() - s];
}

async function main() {
  const atlases = await createAtlasService(process.env);
  const surfaces = new SurfaceService(surfaceHostOf(atlases));
  const [first, firstMs] = await timed(() => surfaces.surface('inflated', 'left'));
  const [, cachedMs] = await timed(() => surfaces.surface('inflated', 'left'));
  const projection: Record<string, number> = {};
  for (const res of [2, 1] as const) {
    const map = field(res);
    const times: number[] = [];
    for (let r = 0; r < RUNS; r++) times.push((await timed(() => surfaces.projectMap(map as never, 'left')))[1]);
    projection[`map_${res}mm_ms`] = ms(median(times));
  }
  const labels: Record<string, unknown> = {};
  for (const id of ['aal3', 'brodmann', 'schaefer-400-7']) {
    const [v, t] = await timed(() => surfaces.vertexLabels({ id, res: 1 }, 'left'));
    const unlabelled = v.labels.reduce((n, x) => n + (x === 0 ? 1 : 0), 0);
    labels[id] = { ms: ms(t), source: v.source, unlabelled_vertices: unlabelled };
  }
  const regions = decodeMeshSet(await atlases.getAtlasMeshes({ id: 'aal3', res: 1, detail: 'fine' }));
  const map2 = field(2);
  const regionTimes: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const s = performance.now();
    projectAlongNormals(map2, regions.positions, regions.normals, REGION_DEPTHS_MM);
    regionTimes.push(performance.now() - s);
  }
  console.log(
    JSON.stringify(
      {
        runs: RUNS,
        vertices: first.vertexCount,
        triangles: first.triangles.length / 3,
        read_hemisphere_first_ms: ms(firstMs),
        read_hemisphere_cached_ms: ms(cachedMs),
        ...projection,
        labels_on_vertices: labels,
        map_on_aal3_fine_regions: { vertices: regions.positions.length / 3, ms: ms(median(regionTimes)) },
      },
      null,
      2,
    ),
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
