/**
 * Runs meshing in a worker thread when the bundled worker is there, else in this thread (tests, sources). The
 * worker is started by the first job and kept for the session (it does not keep the process alive while idle), so
 * later jobs skip its start and find its code already optimised by the JIT (a cold worker takes about twice as
 * long); jobs are answered in order. A worker idle for a minute gives back its large arrays itself (mesh-worker.ts's
 * MESH_ARENA_IDLE_MS); after MESH_WORKER_IDLE_MS without a job it is stopped, and the next job starts a new one.
 */
import type { LabelVolume } from '../../core/atlas/label-volume';
import { sharedLabels } from '../../core/mesh/arrays';
import { encodeMeshSet } from '../../core/mesh/codec';
import { buildRegionMeshes } from '../../core/mesh/pipeline';
import type { MeshSettings } from '../../core/mesh/types';
import { sessionWorkerSlot } from './session-worker';

export interface MeshJob {
  id: number;
  dims: [number, number, number];
  affine: number[];
  labels: LabelVolume['labels'];
  maxLabel: number;
  voxelVolume: number;
  settings: MeshSettings;
}

export type { WorkerReply as MeshReply } from './session-worker';

const MESH_WORKER_IDLE_MS = 30 * 60_000;

const meshWorker = sessionWorkerSlot<MeshJob>('mesh-worker', 'meshing', 'invalid-labels', MESH_WORKER_IDLE_MS);

export async function meshVolume(volume: LabelVolume, settings: MeshSettings): Promise<ArrayBuffer> {
  const worker = meshWorker.get();
  if (!worker) return encodeMeshSet(buildRegionMeshes(volume, settings));
  return worker.run({
    dims: volume.dims,
    affine: Array.from(volume.affine),
    // Shared with the worker rather than copied twice (serialised here, deserialised there); its threads read it in place.
    labels: sharedLabels(volume.labels),
    maxLabel: volume.maxLabel,
    voxelVolume: volume.voxelVolume,
    settings,
  });
}

/** Stops the session's meshing worker (jobs still waiting fail); the next job starts a new one. */
export const stopMeshWorker = (): Promise<void> => meshWorker.stop();
