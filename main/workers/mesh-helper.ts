/**
 * The helper thread of two-thread meshing (bundled to dist/worker/mesh-helper.cjs, driven by mesh-threads.ts):
 * takes its share of the chunks of each phase on the shared arrays: the label-noise scan, a slab of the sweep (sent
 * back through the slab port it was started with: its counts, and its arrays when they had to grow), the join of the
 * slabs, smoothing steps, the subdivision's planning and placing, the small-region correction and assembly (or, when
 * the regions are written one at a time, its net vertices to world mm and regions ahead of the writer,
 * region-pipeline.ts; or, for a .glb, regions straight to the file, glb-writer.ts); and, before a job, touches the
 * pages of the memory it will use (warmPages). It keeps the last messages (`kept`) until told to forget them. A
 * failure is flagged in the job's counters or states, so the meshing thread stops waiting for it.
 */
import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import { assembleAfterCorrection } from './assembly-while-correcting';
import { writeGlbPartsAfterCorrection } from './glb-writer';
import { failPhases } from './mesh-phases';
import { writeRegionsAhead } from './region-pipeline';
import {
  assemblePhases,
  correctionPhases,
  type HelperMessage,
  joinPhases,
  noisePhases,
  placePhases,
  planPhases,
  type SlabMessage,
  smoothPhases,
  sweepPhases,
  warmPages,
  streamPhases,
} from './mesh-threads';

const slabs = (workerData as { slabs: MessagePort }).slabs;

/**
 * The last messages, kept until later ones push them out (a job posts about a dozen): see MeshThreads' jobObjects,
 * the same for the objects as this thread gets them.
 */
const KEPT_MESSAGES = 64;
const kept: HelperMessage[] = [];

parentPort?.on('message', (m: HelperMessage) => {
  if (m.kind === 'forget') {
    kept.length = 0;
    return;
  }
  kept.push(m);
  if (kept.length > KEPT_MESSAGES) kept.shift();
  if (m.kind === 'warm') {
    warmPages(m);
    return;
  }
  if (m.kind === 'regions') {
    writeRegionsAhead(m.job); // flags its own failure
    return;
  }
  if (m.kind === 'glb') {
    writeGlbPartsAfterCorrection(m.job); // flags its own failure
    return;
  }
  if (m.kind === 'assembleAfterCorrection') {
    assembleAfterCorrection(m.job); // flags its own failure
    return;
  }
  try {
    if (m.kind === 'noise') noisePhases(m.scan, m.counters, 1);
    else if (m.kind === 'sweep')
      sweepPhases(m, (chunk, slab) => slabs.postMessage({ chunk, slab } satisfies SlabMessage), 1);
    else if (m.kind === 'join') joinPhases(m.job, m.counters, m.chunk);
    else if (m.kind === 'smooth') smoothPhases(m.job, m.settings, m.counters, m.chunk, 1);
    else if (m.kind === 'plan') planPhases(m.job, m.counters, m.chunk, 1);
    else if (m.kind === 'place') placePhases(m.job, m.counters, m.chunk);
    else if (m.kind === 'correct') correctionPhases(m);
    else if (m.kind === 'stream') streamPhases(m.job, m.counters, m.chunk, 1);
    else assemblePhases(m.job, m.counters, m.chunk, 1);
  } catch {
    failPhases(m.counters);
  }
});
