/**
 * A label grid drawn from a probabilistic atlas at a threshold: each voxel carries the region whose probability is
 * highest among those at or above the threshold, 0 where none reaches it (ties go to the lower label value). For
 * drawing probability maps (e.g. Wang 2015's visual field maps) at a chosen certainty. Pure.
 */
import type { LabelGrid } from '../mesh/types';
import type { ProbabilitySet } from './probability';

/** `thresholdPercent` in (0, 100]: the least probability, in percent, a region needs at a voxel to be drawn there. */
export function thresholdedMaxProbability(set: ProbabilitySet, thresholdPercent: number): LabelGrid {
  const [nx, ny, nz] = set.dims;
  const n = nx * ny * nz;
  const best = new Float32Array(n);
  const labels = new Uint16Array(n);
  const t = thresholdPercent / 100 - 1e-9;
  const maps = [...set.maps].sort((a, b) => a.value - b.value);
  for (const map of maps) {
    const { data, scale, value } = map;
    for (let i = 0; i < n; i++) {
      const raw = data[i];
      if (raw === 0) continue;
      const p = raw * scale;
      if (p >= t && p > best[i]) {
        best[i] = p;
        labels[i] = value;
      }
    }
  }
  return { dims: [nx, ny, nz], affine: Array.from(set.affine), labels };
}
