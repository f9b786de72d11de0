/**
 * Regions written one at a time by two threads for a file writer on the meshing thread (the CLI's .glb, .obj, .stl):
 * the helper thread writes regions ahead, in label order, each into the next of a few slots (core's
 * writeRegionInto), while the writer encodes the one before; and while the region the writer comes to is not written
 * yet, it writes the next free ones itself. The file's bytes are the same as from the whole mesh set, and the set is
 * never made (mesh-threads.ts's buildRegionStream).
 *
 * Shared Int32Array states: per slot, the ordinal + 1 of the region it holds (0: free, −1: being written); then a
 * stop flag (the writer is done, or a new job starts), a failed flag (the helper could not write a region), and the
 * next region to take (whoever takes region r, by an atomic step of this counter, writes it into slot r mod the slot
 * count).
 */
import {
  type AssemblyPlan,
  type RegionSlot,
  regionMeshIn,
  regionSpans,
  spanBounds,
  spanOrdinal,
  writeRegionInto,
} from '../../core/mesh/assemble';
import type { RegionBounds, RegionMesh, RegionMeshes, RegionSpan } from '../../core/mesh/types';
import { CHUNK_TIMEOUT_MS } from './mesh-phases';

/** What the helper is sent: the plan (net vertices in world mm), the slots, both threads' locals, and the states. */
export interface RegionPipelineJob {
  plan: AssemblyPlan;
  slots: RegionSlot[];
  /** Each thread's own scratch (core's regionLocal): the writer's, the helper's. */
  locals: [Uint32Array, Uint32Array];
  /** regionStates(slots.length). */
  states: Int32Array;
}

export function regionStates(slots: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(4 * (slots + 3)));
}

const stopAt = (job: RegionPipelineJob) => job.slots.length;
const failedAt = (job: RegionPipelineJob) => job.slots.length + 1;
const nextAt = (job: RegionPipelineJob) => job.slots.length + 2;
/** A slot's state while a region is written into it. */
const WRITING = -1;

/**
 * Takes the next region no thread has taken, when its slot is free, and writes it there with `local`: false when
 * there is none, or its slot still holds an earlier region. The slot is marked first, so a thread that takes a region
 * always has its slot.
 */
function writeNext(job: RegionPipelineJob, local: Uint32Array): boolean {
  const { states, slots } = job;
  const r = Atomics.load(states, nextAt(job));
  if (r >= job.plan.regionCount) return false;
  const k = r % slots.length;
  if (Atomics.compareExchange(states, k, 0, WRITING) !== 0) return false;
  if (Atomics.compareExchange(states, nextAt(job), r, r + 1) !== r) {
    // The writer took r to skip it (a thread takes a region to write only with its slot): the slot is free again.
    Atomics.store(states, k, 0);
    Atomics.notify(states, k);
    return false;
  }
  writeRegionInto(job.plan, r, slots[k], local);
  Atomics.store(states, k, r + 1);
  Atomics.notify(states, k);
  return true;
}

/** The helper's part: regions ahead of the writer while there are any and their slots come free. */
export function writeRegionsAhead(job: RegionPipelineJob): void {
  const { states, slots } = job;
  try {
    let idleSince = Date.now();
    for (;;) {
      if (Atomics.load(states, stopAt(job)) !== 0) return;
      if (writeNext(job, job.locals[1])) {
        idleSince = Date.now();
        continue;
      }
      const r = Atomics.load(states, nextAt(job));
      if (r >= job.plan.regionCount) return;
      // The writer may take its time (a slow disk), but not forever: a writer that died leaves the helper free.
      if (Date.now() - idleSince > CHUNK_TIMEOUT_MS) return;
      const k = r % slots.length;
      Atomics.wait(states, k, Atomics.load(states, k), 100);
    }
  } catch {
    Atomics.store(states, failedAt(job), 1);
    for (let k = 0; k < slots.length; k++) Atomics.notify(states, k);
  }
}

/**
 * The writer's side (types.ts's RegionMeshes): regions must be asked for in label order (as the exporters do; a
 * region skipped is let go unread, or never written), each valid until the next is asked for. While the one asked
 * for is not written yet, this thread writes regions too. stop() when done early.
 */
export class RegionPipeline implements RegionMeshes {
  readonly regions: RegionSpan[];
  /** The regions before this one are handed out or skipped. */
  private next = 0;
  /** The slot of the region last handed out, or −1. */
  private held = -1;
  /** Regions this thread wrote itself, for tests. */
  written = 0;

  constructor(
    private readonly job: RegionPipelineJob,
    private readonly labelBounds: Float64Array,
  ) {
    this.regions = regionSpans(job.plan);
  }

  bounds(region: RegionSpan): RegionBounds {
    return spanBounds(this.labelBounds, region);
  }

  mesh(region: RegionSpan): RegionMesh {
    const r = spanOrdinal(this.regions, region);
    if (r < this.next) throw new Error(`region ${region.value} was asked for after a later one`);
    this.letGo();
    // Regions skipped: never written when no thread has taken them, else let go once written.
    const { states } = this.job;
    for (; this.next < r; this.next++) {
      if (Atomics.compareExchange(states, nextAt(this.job), this.next, this.next + 1) !== this.next)
        this.release(this.await(this.next));
    }
    this.next = r + 1;
    const k = this.await(r);
    this.held = k;
    return regionMeshIn(this.job.slots[k], region.vertexCount, region.indexCount);
  }

  /** Tells the helper to stop writing ahead (the writer is done, or gave up). */
  stop(): void {
    Atomics.store(this.job.states, stopAt(this.job), 1);
    for (let k = 0; k < this.job.slots.length; k++) Atomics.notify(this.job.states, k);
  }

  private letGo(): void {
    if (this.held >= 0) this.release(this.held);
    this.held = -1;
  }

  private release(k: number): void {
    Atomics.store(this.job.states, k, 0);
    Atomics.notify(this.job.states, k);
  }

  /** The slot of region r once it is written: by this thread, while the helper has not, or by the helper. */
  private await(r: number): number {
    const { states, slots } = this.job;
    const k = r % slots.length;
    const start = Date.now();
    for (;;) {
      if (Atomics.load(states, failedAt(this.job)) !== 0)
        throw new Error('the meshing helper could not write a region');
      const held = Atomics.load(states, k);
      if (held === r + 1) return k;
      if (writeNext(this.job, this.job.locals[0])) {
        this.written++;
        continue;
      }
      if (Date.now() - start > CHUNK_TIMEOUT_MS)
        throw new Error(
          `the meshing helper did not write region ${this.regions[r].value} within ${CHUNK_TIMEOUT_MS / 1000} s`,
        );
      Atomics.wait(states, k, held, 100);
    }
  }
}
