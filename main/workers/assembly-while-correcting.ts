/**
 * The assembly of a whole mesh set (mesh-threads.ts's buildRegionMeshes) begun while the helper corrects the small
 * regions, as glb-writer.ts does for a file. The correction reads and moves only corners of the quads of the regions
 * it corrects (core's correctionReach), so once it has said which (its `found`), this thread marks those vertices and
 * the regions that use them, puts every other net vertex in world mm and writes the regions that use none of them;
 * the helper, once it has corrected, joins whichever of those steps is still going, puts the marked vertices in world
 * mm, and both write the rest. Each vertex and region is computed as in the one-thread assembly, so the set is the
 * same bit for bit. AAL3 at fine detail: its small nuclei take the helper about 55 ms to correct, which this thread
 * used to wait through. Finding what the correction reaches costs about 15 ms, so a short correction (Schaefer 1000's
 * take 3 ms) is waited for instead (mesh-threads.ts's OVERLAP_MIN_SHARE).
 *
 * Shared: `counters` (mesh-phases.ts's phaseCounters(4): a failed flag, then the chunks of the four shared steps:
 * corners marked, labels reached, vertices into world mm, regions written), and `states` (overlapStates): whether the
 * marks and the order are known (1, or 2 when the correction moves nothing), whether the helper has put the marked
 * vertices in world mm, and the order's first region that uses a marked vertex.
 */
import { type AssemblyJob, regionValue, toWorldRange, writeRegionsRange } from '../../core/mesh/assemble';
import { markCorrectedRange, reachedLabelsRange } from '../../core/mesh/small-regions';
import type { SurfaceNet } from '../../core/mesh/types';
import { awaitAtLeast, failPhases, phaseCounters, runPhase, runRanges } from './mesh-phases';

export interface OverlapJob {
  assembly: AssemblyJob;
  net: SurfaceNet;
  /** What the correction tells before it moves anything (mesh-threads.ts's CorrectionFound). */
  found: { state: Int32Array; off: Uint8Array };
  /** Per net vertex, 1 where the correction may move it; per label, 1 where its region uses such a vertex. Zeros. */
  marks: Uint8Array;
  reached: Uint8Array;
  /** The regions (plan ordinals) in the order they are taken: those that use no marked vertex first. */
  order: Int32Array;
  /** Items (quads, vertices) per chunk of a shared step. */
  chunk: number;
  /** The correction's counters (mesh-phases.ts: failed flag first), to see the helper fail while correcting. */
  correction: Int32Array;
  /** overlapCounters(). */
  counters: Int32Array;
  /** overlapStates(). */
  states: Int32Array;
}

/** The shared steps, as phases of the counters. */
const MARK = 0,
  REACH = 1,
  WORLD = 2,
  REGIONS = 3;

/** The slots of overlapStates (exported for tests). */
export const OVERLAP_STATE = { marks: 0, markedWorld: 1, firstReached: 2 } as const;
const S = OVERLAP_STATE;

export function overlapCounters(): Int32Array {
  return phaseCounters(4);
}

export function overlapStates(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(4 * 3));
}

/**
 * This thread's part, once the correction has said whether it moves anything (`corrects`: its found state is 1): the
 * marks and the order, the other vertices in world mm, then regions until none is left; the helper joins each step
 * it finds going. Returns once every region is written, with how many regions use no vertex the correction moves
 * (those it could write meanwhile); throws when the helper failed.
 */
export function assembleWhileCorrecting(job: OverlapJob, corrects: boolean): number {
  const { assembly, order, states, reached } = job;
  if (corrects) {
    markAndReach(job);
    reached[0] = 0;
  }
  const touched = (r: number) => corrects && reached[regionValue(assembly, r)] === 1;
  let n = 0;
  for (let r = 0; r < assembly.regionCount; r++) if (!touched(r)) order[n++] = r;
  const free = n;
  Atomics.store(states, S.firstReached, free);
  for (let r = 0; r < assembly.regionCount; r++) if (touched(r)) order[n++] = r;
  Atomics.store(states, S.marks, corrects ? 1 : 2);
  Atomics.notify(states, S.marks);
  worldChunks(job, corrects);
  takeRegions(job, 0);
  return free;
}

/** The helper's part, after the correction: what is left of the marking, the marked vertices in world mm, the rest. */
export function assembleAfterCorrection(job: OverlapJob): void {
  const { assembly, marks, states } = job;
  try {
    if (Atomics.load(job.correction, 0) !== 0) throw new Error('the correction failed');
    const corrects = Atomics.load(job.found.state, 0) === 1;
    if (corrects) markAndReach(job);
    awaitState(job, S.marks, 'mark what the correction moves');
    if (corrects) toWorldRange(assembly, 0, assembly.nNet, marks, 1);
    Atomics.store(states, S.markedWorld, 1);
    Atomics.notify(states, S.markedWorld);
    worldChunks(job, corrects);
    takeRegions(job, 1);
  } catch {
    failPhases(job.counters);
    for (let k = 0; k < states.length; k++) Atomics.notify(states, k);
  }
}

/** core's correctionReach in shared chunks of quads: the corrected labels' corners, then the labels that use them. */
function markAndReach(job: OverlapJob): void {
  const { net, marks, reached, counters, chunk } = job;
  runRanges(counters, MARK, net.quadCount, chunk, (from, to) =>
    markCorrectedRange(net, job.found.off, marks, from, to),
  );
  runRanges(counters, REACH, net.quadCount, chunk, (from, to) => reachedLabelsRange(net, marks, reached, from, to));
}

/** The net vertices the correction does not move into world mm, in shared chunks. */
function worldChunks(job: OverlapJob, marked: boolean): void {
  const { assembly } = job;
  runRanges(job.counters, WORLD, assembly.nNet, job.chunk, (from, to) =>
    toWorldRange(assembly, from, to, marked ? job.marks : null, 0),
  );
}

/**
 * Regions taken in turn, in `order`, by thread 0 (this one) or 1 (the helper), each into its own local scratch; returns
 * once all are written. A thread's regions must come in increasing order for its scratch (writeRegionsRange); `order`
 * is two increasing runs, so where a thread's next region comes before its last one, its scratch is cleared once.
 */
function takeRegions(job: OverlapJob, thread: 0 | 1): void {
  const { assembly, order, states } = job;
  const local = assembly.locals[thread];
  let last = -1;
  runPhase(job.counters, REGIONS, assembly.regionCount, (i) => {
    if (thread === 0 && i >= Atomics.load(states, S.firstReached))
      awaitState(job, S.markedWorld, 'correct the small regions');
    const r = order[i];
    if (r < last) local.fill(0);
    last = r;
    writeRegionsRange(assembly, r, r + 1, local);
  });
}

/** Waits until states[slot] is set; throws when the other thread failed or took too long. */
function awaitState(job: OverlapJob, slot: number, what: string): void {
  const failed = () => Atomics.load(job.counters, 0) !== 0 || Atomics.load(job.correction, 0) !== 0;
  awaitAtLeast(job.states, slot, 1, failed, what);
}
