/**
 * A .glb written by both meshing threads at once (`brain-atlas mesh --out F.glb`; mesh-threads.ts's writeGlb). The
 * file's layout is known before any vertex is (core's glbLayout), so each thread writes the regions it takes straight
 * to their places in the file, with their bounds, and this thread writes the head, which holds those bounds, last.
 *
 * The small-region correction moves only corners of small regions' quads (core's correctionReach): the regions that
 * use none of them are final as soon as the net is subdivided. So while the helper corrects, this thread puts every
 * other net vertex in world mm and writes those regions; then the helper puts the vertices it may have moved in world
 * mm, and both write the rest. The bytes are those of core's glbChunks over the whole mesh set.
 *
 * Shared Int32Array states: the next entry of `parts` to take, the parts written, whether this thread's share of the
 * net is in world mm, whether the helper's is, and a failed flag.
 */
import { writeSync } from 'node:fs';
import { type AssemblyPlan, type RegionSlot, boundsAt, toWorldRange, writeRegionInto } from '../../core/mesh/assemble';
import { type GlbPart, writeGlbPart } from '../../core/mesh/export-gltf';
import type { RegionBounds } from '../../core/mesh/types';
import { awaitAtLeast } from './mesh-phases';

export interface GlbWriteJob {
  plan: AssemblyPlan;
  /** The file, open for writing, and millimetres to its units. */
  fd: number;
  scale: number;
  /** The parts in the order they are taken: those of regions the correction cannot move first. */
  parts: Omit<GlbPart, 'info'>[];
  /** Per part, its region's ordinal in the plan. */
  ordinals: Int32Array;
  /** Parts from here on use vertices the correction may move. */
  firstReached: number;
  /** The correction's counters (mesh-phases.ts: failed flag, next chunk, chunks done), null without one. */
  correction: Int32Array | null;
  /** Per net vertex, 1 where the correction may move it (core's correctionReach); null when it moves none. */
  marks: Uint8Array | null;
  /** Per part, its bounds in mm (min xyz, max xyz), as its writer found them. */
  bounds: Float64Array;
  /** Per thread (this one, the helper): its slot, its scratch for writeRegionInto, its buffer for a part. */
  slots: [RegionSlot, RegionSlot];
  locals: [Uint32Array, Uint32Array];
  buffers: [Uint8Array, Uint8Array];
  /** The memory that holds the slots, buffers and bounds, for write-glb-part.wat; null when they are not in one. */
  memory: WebAssembly.Memory | null;
  /** glbStates(). */
  states: Int32Array;
}

const NEXT = 0,
  WRITTEN = 1,
  WORLD = 2,
  HELPER_WORLD = 3,
  FAILED = 4;

export function glbStates(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(4 * 5));
}

/**
 * This thread's part: the net vertices the correction cannot move in world mm, then parts as long as any are left
 * (those that use moved vertices once the helper has put them in world mm), then, once every part is written, the
 * head from `head`. Throws when the helper fails.
 */
export function writeGlbParts(job: GlbWriteJob, head: (bounds: (i: number) => RegionBounds) => Uint8Array): void {
  const { plan, states, marks } = job;
  toWorldRange(plan, 0, plan.nNet, marks, 0);
  Atomics.store(states, WORLD, 1);
  Atomics.notify(states, WORLD);
  takeParts(job, 0);
  awaitState(job, WRITTEN, job.parts.length, 'write its regions');
  writeAll(
    job.fd,
    head((i) => boundsAt(job.bounds, i * 6)),
    0,
  );
}

/** The helper's part, after the correction: the vertices it may have moved in world mm, then parts. */
export function writeGlbPartsAfterCorrection(job: GlbWriteJob): void {
  const { plan, states } = job;
  try {
    if (job.correction && Atomics.load(job.correction, 0) !== 0) throw new Error('the correction failed');
    if (job.marks) toWorldRange(plan, 0, plan.nNet, job.marks, 1);
    Atomics.store(states, HELPER_WORLD, 1);
    Atomics.notify(states, HELPER_WORLD);
    awaitState(job, WORLD, 1, 'put its vertices in world mm');
    takeParts(job, 1);
  } catch {
    Atomics.store(states, FAILED, 1);
    for (let k = 0; k < states.length; k++) Atomics.notify(states, k);
  }
}

/** Parts taken in turn and written, by thread 0 (this one) or 1 (the helper). */
function takeParts(job: GlbWriteJob, thread: 0 | 1): void {
  const { states, parts } = job;
  for (;;) {
    if (Atomics.load(states, FAILED) !== 0) throw new Error('the other meshing thread failed');
    const i = Atomics.add(states, NEXT, 1);
    if (i >= parts.length) return;
    if (thread === 0 && i >= job.firstReached) awaitState(job, HELPER_WORLD, 1, 'correct the small regions');
    const part = parts[i];
    const mesh = writeRegionInto(job.plan, job.ordinals[i], job.slots[thread], job.locals[thread]);
    writeAll(job.fd, writeGlbPart(mesh, part, job.scale, job.buffers[thread], job.bounds, i * 6, job.memory), part.at);
    if (Atomics.add(states, WRITTEN, 1) + 1 === parts.length) Atomics.notify(states, WRITTEN);
  }
}

/** Waits until states[slot] reaches `value`; throws when the other thread failed or took too long. */
function awaitState(job: GlbWriteJob, slot: number, value: number, what: string): void {
  const { states, correction } = job;
  const failed = () => Atomics.load(states, FAILED) !== 0 || (correction !== null && Atomics.load(correction, 0) !== 0);
  awaitAtLeast(states, slot, value, failed, what);
}

/** All of `bytes` at `position` in the file. */
export function writeAll(fd: number, bytes: Uint8Array, position: number): void {
  for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at, position + at);
}
