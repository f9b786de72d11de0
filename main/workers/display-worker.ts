/** Worker thread that resamples a map for display (bundled to dist/worker/display-worker.cjs, kept for the session; see
 *  display-runner.ts). */
import { parentPort } from 'node:worker_threads';
import { type DisplayJob, runDisplayJob } from './display-runner';
import type { WorkerReply } from './session-worker';

parentPort?.on('message', (job: DisplayJob & { id: number }) => {
  try {
    const buf = runDisplayJob(job);
    parentPort?.postMessage({ id: job.id, ok: true, buf } satisfies WorkerReply, [buf]);
  } catch (e) {
    parentPort?.postMessage({
      id: job.id,
      ok: false,
      message: (e as Error)?.message ?? String(e),
    } satisfies WorkerReply);
  }
});
