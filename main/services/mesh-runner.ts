/** Runs meshing in a worker thread when the bundled worker is there, else in this thread (tests, sources). */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { AtlasError } from '../../core/errors';
import type { LabelVolume } from '../../core/label-volume';
import { encodeMeshSet } from '../../core/mesh/codec';
import { buildRegionMeshes } from '../../core/mesh/surface-nets';
import type { MeshSettings } from '../../core/mesh/types';
import { appRoot } from './app-paths';

export interface MeshJob {
  dims: [number, number, number];
  affine: number[];
  labels: LabelVolume['labels'];
  maxLabel: number;
  voxelVolume: number;
  settings: MeshSettings;
}

function workerScript(): string | null {
  const root = appRoot();
  const candidates = [
    join(root, 'dist', 'worker', 'mesh-worker.cjs'),
    // A packaged app keeps the worker outside the asar archive.
    join(root, 'app.asar.unpacked', 'dist', 'worker', 'mesh-worker.cjs'),
  ];
  return candidates.find((p) => existsSync(p)) ?? null;
}

export async function meshVolume(volume: LabelVolume, settings: MeshSettings): Promise<ArrayBuffer> {
  const script = workerScript();
  if (!script) return encodeMeshSet(buildRegionMeshes(volume, settings));
  const job: MeshJob = {
    dims: volume.dims,
    affine: Array.from(volume.affine),
    labels: volume.labels, // copied to the worker (the loaded atlas keeps its own)
    maxLabel: volume.maxLabel,
    voxelVolume: volume.voxelVolume,
    settings,
  };
  const worker = new Worker(script);
  try {
    return await new Promise<ArrayBuffer>((resolve, reject) => {
      worker.once('message', (m: { ok: true; buf: ArrayBuffer } | { ok: false; message: string }) =>
        m.ok ? resolve(m.buf) : reject(new AtlasError('invalid-labels', `meshing failed: ${m.message}`)),
      );
      worker.once('error', (e) => reject(new AtlasError('invalid-labels', `meshing failed: ${e.message}`)));
      worker.postMessage(job);
    });
  } finally {
    void worker.terminate();
  }
}
