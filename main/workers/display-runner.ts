/**
 * Resamples a map for display in a worker thread when the bundled worker is there (the Electron main process and
 * the web server keep answering other calls, such as hover queries, meanwhile), else in this thread (tests run
 * from sources). The worker gets a copy of the frame's values and sends back the encoded message, transferred.
 */
import type { Vec3 } from '../../core/api';
import { encodeMapDisplay } from '../../core/maps/map-display';
import { type Grid, type ResampleMode, resample } from '../../core/maps/resample';
import { sessionWorkerSlot } from './session-worker';

export interface DisplayJob {
  mapId: string;
  frame: number;
  source: { dims: Vec3; affine: number[]; values: Float32Array };
  grid: { dims: Vec3; affine: number[] };
  mode: ResampleMode;
}

/** The encoded display (core/maps/map-display.ts) of a job; what the worker runs. */
export function runDisplayJob(job: DisplayJob): ArrayBuffer {
  const values = resample(job.source, job.grid, { mode: job.mode });
  return encodeMapDisplay({ mapId: job.mapId, frame: job.frame, dims: job.grid.dims, affine: job.grid.affine, values });
}

/**
 * The display worker is kept like the meshing worker, started as a map opens (prepareDisplayWorker), so maps opened
 * within two minutes of the last display skip its start and warm-up.
 */
const DISPLAY_WORKER_IDLE_MS = 120_000;
const displayWorker = sessionWorkerSlot<DisplayJob & { id: number }>(
  'display-worker',
  'display resampling',
  'invalid-argument',
  DISPLAY_WORKER_IDLE_MS,
);

export async function displayInWorker(
  mapId: string,
  frame: number,
  source: { dims: Vec3; affine: ArrayLike<number>; values: Float32Array },
  grid: Grid,
  mode: ResampleMode,
): Promise<ArrayBuffer> {
  const job: DisplayJob = {
    mapId,
    frame,
    source: { dims: source.dims, affine: Array.from(source.affine), values: source.values }, // copied: the open map keeps its own
    grid: { dims: grid.dims, affine: Array.from(grid.affine) },
    mode,
  };
  const worker = displayWorker.get();
  return worker ? worker.run(job) : runDisplayJob(job);
}

/** Starts the display worker ahead of the first map, so that map's display does not wait for it. */
export function prepareDisplayWorker(): void {
  displayWorker.get();
}
