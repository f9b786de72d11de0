/**
 * Meshing a thresholded probability grid for the Topography panel's "Minimum probability": in the probability
 * worker (probability.worker.ts), newest threshold winning (latest-job.ts), so the page never freezes while the
 * slider moves and a superseded threshold never draws over a newer one.
 */
import { LatestJob } from './latest-job';
import { type ProbabilityJobResult, meshProbabilityJob } from './probability-mesh';

const jobs = new LatestJob<ArrayBuffer, ProbabilityJobResult>({
  name: 'probability meshing',
  start: () => new Worker(new URL('./probability.worker.ts', import.meta.url), { type: 'module' }),
  runHere: meshProbabilityJob,
  // The grid (14 MB at 1 mm) is handed over, not copied: the page does not need it again.
  transfer: (grid) => [grid],
});

/**
 * Crops and meshes `grid` (core/mesh/codec.ts's encoded label grid) off the page. Resolves with the result
 * (`meshed` null when no voxel reaches the threshold), or null when a newer call (or cancelProbabilityMeshing)
 * superseded this one.
 */
export function meshProbability(grid: ArrayBuffer): Promise<ProbabilityJobResult | null> {
  return jobs.run(grid);
}

/** Stops meshing for a threshold no longer wanted (the map was put away, the slider went back to 0). */
export function cancelProbabilityMeshing(): void {
  jobs.cancel();
}
