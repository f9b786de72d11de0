/**
 * Worker thread that meshes label volumes (bundled to dist/worker/mesh-worker.cjs), kept by mesh-runner.ts until it
 * has been idle for 30 minutes, so later jobs find its code already optimised. Meshes on two threads (mesh-threads.ts, with the
 * helper dist/worker/mesh-helper.cjs beside this file, reusing its shared arrays from job to job), else on this
 * one; the result is the same bit for bit.
 * Receives the grid, sends back the encoded RegionMeshSet as a transferred ArrayBuffer, so the main process stays
 * responsive.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parentPort } from 'node:worker_threads';
import { invertAffine, mat4 } from '../../core/affine';
import type { LabelVolume } from '../../core/atlas/label-volume';
import { encodeMeshSet } from '../../core/mesh/codec';
import { buildRegionMeshes } from '../../core/mesh/pipeline';
import type { MeshSettings, RegionMeshSet } from '../../core/mesh/types';
import type { MeshJob, MeshReply } from './mesh-runner';
import { WasmArena } from '../../core/mesh/arrays';
import { MeshThreads } from './mesh-threads';

const helperScript = fileURLToPath(new URL('./mesh-helper.cjs', import.meta.url));
let threads: MeshThreads | null = null;
/**
 * Meshing's shared arrays, reused by the next job (a job's mesh is encoded, i.e. copied, before the next starts),
 * and let go of after MESH_ARENA_IDLE_MS without a job (the worker itself is kept, with its optimised code).
 */
const arena = new WasmArena();
const MESH_ARENA_IDLE_MS = 60_000;
let release: ReturnType<typeof setTimeout> | null = null;

/** The helper thread, started with this worker (a new one after a failure); null where it cannot run. */
function ensureThreads(): MeshThreads | null {
  if (!threads?.usable && existsSync(helperScript)) {
    try {
      threads = MeshThreads.start(helperScript);
    } catch {
      threads = null;
    }
  }
  return threads;
}
ensureThreads();

/** Two threads when the helper can run, else this thread alone. */
function mesh(volume: LabelVolume, settings: MeshSettings): RegionMeshSet {
  const threads = ensureThreads();
  if (threads?.usable) {
    try {
      arena.reset();
      return threads.buildRegionMeshes(volume, settings, arena.alloc);
    } catch {
      // The helper died or hung: this job is meshed again here (the volume is untouched: meshing only reads it).
    }
  }
  return buildRegionMeshes(volume, settings);
}

parentPort?.on('message', (job: MeshJob) => {
  if (release) clearTimeout(release);
  let reply: MeshReply;
  let transfer: ArrayBuffer[] = [];
  try {
    const affine = mat4(job.affine);
    const buf = encodeMeshSet(
      mesh(
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
  release = setTimeout(() => arena.release(), MESH_ARENA_IDLE_MS);
  release.unref();
});
