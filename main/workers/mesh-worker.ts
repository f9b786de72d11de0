/**
 * Worker thread that meshes label volumes (bundled to dist/worker/mesh-worker.cjs), kept by mesh-runner.ts until it
 * has been idle for 30 minutes, so later jobs find its code already optimised. Meshes on two threads
 * (two-thread-mesher.ts, with the helper dist/worker/mesh-helper.cjs beside this file), else on this one; the result
 * is the same bit for bit.
 * Receives the grid, sends back the encoded RegionMeshSet as a transferred ArrayBuffer, so the main process stays
 * responsive.
 */
import { fileURLToPath } from 'node:url';
import { parentPort } from 'node:worker_threads';
import { invertAffine, mat4 } from '../../core/affine';
import { encodeMeshSet } from '../../core/mesh/codec';
import type { MeshJob, MeshReply } from './mesh-runner';
import { TwoThreadMesher } from './two-thread-mesher';

/**
 * The two threads, started with this worker. A job's mesh is encoded (copied) before the next starts, so the mesher's
 * arrays are reused; they are let go of after MESH_ARENA_IDLE_MS without a job (the worker itself is kept, with its
 * optimised code).
 */
const mesher = new TwoThreadMesher(fileURLToPath(new URL('./mesh-helper.cjs', import.meta.url)));
const MESH_ARENA_IDLE_MS = 60_000;
let release: ReturnType<typeof setTimeout> | null = null;

parentPort?.on('message', (job: MeshJob) => {
  if (release) clearTimeout(release);
  let reply: MeshReply;
  let transfer: ArrayBuffer[] = [];
  try {
    const affine = mat4(job.affine);
    const buf = encodeMeshSet(
      mesher.mesh(
        {
          dims: job.dims,
          affine,
          inverse: invertAffine(affine),
          labels: job.labels,
          maxLabel: job.maxLabel,
          voxelVolume: job.voxelVolume,
        },
        job.settings,
      ),
    );
    reply = { id: job.id, ok: true, buf };
    transfer = [buf];
  } catch (e) {
    reply = { id: job.id, ok: false, message: (e as Error)?.message ?? String(e) };
  }
  parentPort?.postMessage(reply, transfer);
  release = setTimeout(() => mesher.release(), MESH_ARENA_IDLE_MS);
  release.unref();
});
