/**
 * Worker thread that meshes a label volume (bundled to dist/worker/mesh-worker.cjs). Receives the grid, sends
 * back the encoded RegionMeshSet as a transferred ArrayBuffer, so the main process stays responsive.
 */
import { parentPort } from 'node:worker_threads';
import { invertAffine, mat4 } from '../../core/affine';
import { encodeMeshSet } from '../../core/mesh/codec';
import { buildRegionMeshes } from '../../core/mesh/surface-nets';
import type { MeshJob } from './mesh-runner';

parentPort?.on('message', (job: MeshJob) => {
  try {
    const affine = mat4(job.affine);
    const buf = encodeMeshSet(
      buildRegionMeshes(
        { dims: job.dims, affine, inverse: invertAffine(affine), labels: job.labels, maxLabel: job.maxLabel, voxelVolume: job.voxelVolume },
        job.settings,
      ),
    );
    parentPort?.postMessage({ ok: true, buf }, [buf]);
  } catch (e) {
    parentPort?.postMessage({ ok: false, message: (e as Error)?.message ?? String(e) });
  }
});
