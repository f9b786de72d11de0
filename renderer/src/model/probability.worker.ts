/**
 * The probability worker: crops and meshes a thresholded probability grid (probability-mesh.ts) off the UI thread,
 * one job at a time; the page stops it when a newer threshold supersedes its job (latest-job.ts).
 */
import { type JobMessage, answerJob } from './latest-job';
import { type ProbabilityJobResult, meshProbabilityJob } from './probability-mesh';

self.onmessage = (ev: MessageEvent<JobMessage<ArrayBuffer>>) => {
  const { reply, transfer } = answerJob(ev.data, meshProbabilityJob, (r: ProbabilityJobResult) =>
    r.meshed ? [r.meshed.meshes, r.meshed.grid] : [],
  );
  (self as unknown as Worker).postMessage(reply, transfer);
};

// Loaded: the page may send jobs (latest-job.ts waits for this before handing over a grid).
(self as unknown as Worker).postMessage({ ready: true });
