/** Worker thread that resamples a map for display (bundled to dist/worker/display-worker.cjs; see display-runner.ts). */
import { parentPort } from 'node:worker_threads';
import { type DisplayJob, runDisplayJob } from './display-runner';

parentPort?.on('message', (job: DisplayJob) => {
  try {
    const buf = runDisplayJob(job);
    parentPort?.postMessage({ ok: true, buf }, [buf]);
  } catch (e) {
    parentPort?.postMessage({ ok: false, message: (e as Error)?.message ?? String(e) });
  }
});
