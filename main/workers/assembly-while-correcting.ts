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
 * Shared Int32Array states (overlapStates): a failed flag; whether the marks and the order are known (1, or 2 when
 * the correction moves nothing); whether the helper has put the marked vertices in world mm; the order's first region
 * that uses a marked vertex; then next and done counters of each shared step's chunks: corners marked, labels
 * reached, vertices into world mm, regions written.
 */
import { type AssemblyJob, regionValue, toWorldRange, writeRegionsRange } from '../../core/mesh/assemble';
import { markCorrectedRange, reachedLabelsRange } from '../../core/mesh/small-regions';
import type { SurfaceNet } from '../../core/mesh/types';
import { awaitAtLeast } from './mesh-phases';

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
  /** overlapStates(). */
  states: Int32Array;
}

/** The slots of overlapStates (exported for tests). */
export const OVERLAP_STATE = {
  failed: 0,
  marks: 1,
  markedWorld: 2,
  firstReached: 3,
  markNext: 4,
  markDone: 5,
  reachNext: 6,
  reachDone: 7,
  worldNext: 8,
  worldDone: 9,
  regionNext: 10,
  regionDone: 11,
} as const;
const S = OVERLAP_STATE;

export function overlapStates(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(4 * 12));
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
  awaitState(job, S.regionDone, assembly.regionCount, 'write its regions');
  return free;
}

/** The helper's part, after the correction: what is left of the marking, the marked vertices in world mm, the rest. */
export function assembleAfterCorrection(job: OverlapJob): void {
  const { assembly, marks, states } = job;
  try {
    if (Atomics.load(job.correction, 0) !== 0) throw new Error('the correction failed');
    const corrects = Atomics.load(job.found.state, 0) === 1;
    if (corrects) markAndReach(job);
    awaitState(job, S.marks, 1, 'mark what the correction moves');
    if (corrects) toWorldRange(assembly, 0, assembly.nNet, marks, 1);
    Atomics.store(states, S.markedWorld, 1);
    Atomics.notify(states, S.markedWorld);
    worldChunks(job, corrects);
    takeRegions(job, 1);
  } catch {
    Atomics.store(states, S.failed, 1);
    for (let k = 0; k < states.length; k++) Atomics.notify(states, k);
  }
}

/** core's correctionReach in shared chunks of quads: the corrected labels' corners, then the labels that use them. */
function markAndReach(job: OverlapJob): void {
  const { net, marks, reached } = job;
  shareChunks(job, S.markNext, S.markDone, net.quadCount, (from, to) =>
    markCorrectedRange(net, job.found.off, marks, from, to),
  );
  shareChunks(job, S.reachNext, S.reachDone, net.quadCount, (from, to) =>
    reachedLabelsRange(net, marks, reached, from, to),
  );
}

/** The net vertices the correction does not move into world mm, in shared chunks. */
function worldChunks(job: OverlapJob, marked: boolean): void {
  const { assembly } = job;
  shareChunks(job, S.worldNext, S.worldDone, assembly.nNet, (from, to) =>
    toWorldRange(assembly, from, to, marked ? job.marks : null, 0),
  );
}

/** Chunks of [0, count) taken in turn (counters `next`, `done` of the states); returns once all are done. */
function shareChunks(
  job: OverlapJob,
  next: number,
  done: number,
  count: number,
  work: (from: number, to: number) => void,
): void {
  const { states, chunk } = job;
  const chunks = Math.ceil(count / chunk);
  for (;;) {
    const c = Atomics.add(states, next, 1);
    if (c >= chunks) break;
    work(c * chunk, Math.min(count, (c + 1) * chunk));
    if (Atomics.add(states, done, 1) + 1 === chunks) Atomics.notify(states, done);
  }
  awaitState(job, done, chunks, 'do its share');
}

/**
 * Regions taken in turn, in `order`, by thread 0 (this one) or 1 (the helper), each into its own local scratch. A
 * thread's regions must come in increasing order for its scratch (writeRegionsRange); `order` is two increasing runs,
 * so where a thread's next region comes before its last one, its scratch is cleared once.
 */
function takeRegions(job: OverlapJob, thread: 0 | 1): void {
  const { assembly, order, states } = job;
  const local = assembly.locals[thread];
  let last = -1;
  for (;;) {
    if (Atomics.load(states, S.failed) !== 0) throw new Error('the other meshing thread failed');
    const i = Atomics.add(states, S.regionNext, 1);
    if (i >= assembly.regionCount) return;
    if (thread === 0 && i >= Atomics.load(states, S.firstReached))
      awaitState(job, S.markedWorld, 1, 'correct the small regions');
    const r = order[i];
    if (r < last) local.fill(0);
    last = r;
    writeRegionsRange(assembly, r, r + 1, local);
    if (Atomics.add(states, S.regionDone, 1) + 1 === assembly.regionCount) Atomics.notify(states, S.regionDone);
  }
}

/** Waits until states[slot] reaches `value`; throws when the other thread failed or took too long. */
function awaitState(job: OverlapJob, slot: number, value: number, what: string): void {
  const failed = () => Atomics.load(job.states, S.failed) !== 0 || Atomics.load(job.correction, 0) !== 0;
  awaitAtLeast(job.states, slot, value, failed, what);
}
