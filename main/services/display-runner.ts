/**
 * Resamples a map for display in a worker thread when the bundled worker is there (the Electron main process and
 * the web server keep answering other calls, such as hover queries, meanwhile), else in this thread (tests run
 * from sources). The worker gets a copy of the frame's values and sends back the encoded message, transferred.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Vec3 } from '../../core/api';
import { AtlasError } from '../../core/errors';
import { encodeMapDisplay } from '../../core/map-display';
import { type Grid, type ResampleMode, resample } from '../../core/resample';
import { appRoot } from './app-paths';

export interface DisplayJob {
  mapId: string;
  frame: number;
  source: { dims: Vec3; affine: number[]; values: Float32Array };
  grid: { dims: Vec3; affine: number[] };
  mode: ResampleMode;
}

/** The encoded display (core/map-display.ts) of a job; what the worker runs. */
export function runDisplayJob(job: DisplayJob): ArrayBuffer {
  const values = resample(job.source, job.grid, { mode: job.mode });
  return encodeMapDisplay({ mapId: job.mapId, frame: job.frame, dims: job.grid.dims, affine: job.grid.affine, values });
}

function workerScript(): string | null {
  const root = appRoot();
  const candidates = [join(root, 'dist', 'worker', 'display-worker.cjs'), join(root, 'app.asar.unpacked', 'dist', 'worker', 'display-worker.cjs')];
  return candidates.find((p) => existsSync(p)) ?? null;
}

export async function displayInWorker(
  mapId: string, frame: number, source: { dims: Vec3; affine: ArrayLike<number>; values: Float32Array }, grid: Grid, mode: ResampleMode,
): Promise<ArrayBuffer> {
  const job: DisplayJob = {
    mapId,
    frame,
    source: { dims: source.dims, affine: Array.from(source.affine), values: source.values },
    grid: { dims: grid.dims, affine: Array.from(grid.affine) },
    mode,
  };
  const script = workerScript();
  if (!script) return runDisplayJob(job);
  const worker = new Worker(script);
  try {
    return await new Promise<ArrayBuffer>((resolve, reject) => {
      worker.once('message', (m: { ok: true; buf: ArrayBuffer } | { ok: false; message: string }) =>
        m.ok ? resolve(m.buf) : reject(new AtlasError('invalid-argument', `display resampling failed: ${m.message}`)),
      );
      worker.once('error', (e) => reject(new AtlasError('invalid-argument', `display resampling failed: ${e.message}`)));
      worker.postMessage(job); // the values are copied: the open map keeps its own
    });
  } finally {
    void worker.terminate();
  }
}
