/**
 * The helper thread of two-thread meshing (bundled to dist/worker/mesh-helper.cjs, driven by mesh-threads.ts):
 * takes its share of the chunks of each smoothing and assembly phase on the shared arrays. A failure is flagged in
 * the job's counters, so the meshing thread stops waiting for it.
 */
import { parentPort } from 'node:worker_threads';
import { assemblePhases, failPhases, type HelperMessage, smoothPhases } from './mesh-threads';

parentPort?.on('message', (m: HelperMessage) => {
  try {
    if (m.kind === 'smooth') smoothPhases(m.job, m.settings, m.counters, m.chunk);
    else assemblePhases(m.job, m.counters, m.chunk);
  } catch {
    failPhases(m.counters);
  }
});
