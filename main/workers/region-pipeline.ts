/**
 * Regions written one at a time by the meshing helper thread, ahead of a file writer on the meshing thread (the CLI's
 * .glb, .obj, .stl): the helper writes each region in label order (core's writeRegionInto) into the next of a few
 * slots, and the writer encodes one region while the helper writes the next ones. The file's bytes are the same as
 * from the whole mesh set, and the set is never made (mesh-threads.ts's buildRegionStream).
 *
 * Per slot, a shared Int32Array holds the ordinal + 1 of the region it holds (0: free for the helper); then a stop
 * flag (the writer is done, or a new job starts) and a failed flag (the helper could not write a region).
 */
import { type AssemblyPlan, type RegionSlot, regionSpans, spanBounds, writeRegionInto } from '../../core/mesh/assemble';
import type { RegionMesh, RegionMeshes, RegionSpan } from '../../core/mesh/types';
import { CHUNK_TIMEOUT_MS } from './mesh-phases';

/** What the helper is sent: the plan (net vertices in world mm), the slots, and their states. */
export interface RegionPipelineJob {
  plan: AssemblyPlan;
  slots: RegionSlot[];
  /** regionStates(slots.length). */
  states: Int32Array;
}

export function regionStates(slots: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(4 * (slots + 2)));
}

const stopAt = (job: RegionPipelineJob) => job.slots.length;
const failedAt = (job: RegionPipelineJob) => job.slots.length + 1;

/** The helper's part: every region in turn, each into its slot once the writer has let it go. */
export function writeRegionsAhead(job: RegionPipelineJob): void {
  const { states, slots } = job;
  try {
    for (let r = 0; r < job.plan.regionCount; r++) {
      const k = r % slots.length;
      const start = Date.now();
      for (;;) {
        if (Atomics.load(states, stopAt(job)) !== 0) return;
        const held = Atomics.load(states, k);
        if (held === 0) break;
        // The writer may take its time (a slow disk), but not forever: a writer that died leaves the helper free.
        if (Date.now() - start > CHUNK_TIMEOUT_MS) return;
        Atomics.wait(states, k, held, 100);
      }
      writeRegionInto(job.plan, r, slots[k]);
      Atomics.store(states, k, r + 1);
      Atomics.notify(states, k);
    }
  } catch {
    Atomics.store(states, failedAt(job), 1);
    for (let k = 0; k < slots.length; k++) Atomics.notify(states, k);
  }
}

/**
 * The writer's side (types.ts's RegionMeshes): regions must be asked for in label order (as the exporters do; a
 * region skipped is let go unread), each valid until the next is asked for. stop() when done early.
 */
export class RegionPipeline implements RegionMeshes {
  readonly regions: RegionSpan[];
  /** The next region the helper will hand over. */
  private next = 0;
  /** The slot of the region last handed out, or −1. */
  private held = -1;

  constructor(
    private readonly job: RegionPipelineJob,
    private readonly labelBounds: Float64Array,
  ) {
    this.regions = regionSpans(job.plan);
  }

  bounds(region: RegionSpan): { min: [number, number, number]; max: [number, number, number] } {
    return spanBounds(this.labelBounds, region);
  }

  mesh(region: RegionSpan): RegionMesh {
    const r = this.regions.indexOf(region);
    if (r < 0) throw new Error(`region ${region.value} is not one of this stream's`);
    if (r < this.next) throw new Error(`region ${region.value} was asked for after a later one`);
    this.letGo();
    for (; this.next < r; this.next++) this.release(this.await(this.next));
    const k = this.await(r);
    this.next = r + 1;
    this.held = k;
    const n = region.vertexCount;
    const slot = this.job.slots[k];
    return {
      positions: slot.positions.subarray(0, n * 3),
      normals: slot.normals.subarray(0, n * 3),
      indices: slot.indices.subarray(0, region.indexCount),
      base: 0,
    };
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

  /** The slot of region r, once the helper has written it. */
  private await(r: number): number {
    const { states, slots } = this.job;
    const k = r % slots.length;
    const start = Date.now();
    for (;;) {
      if (Atomics.load(states, failedAt(this.job)) !== 0)
        throw new Error('the meshing helper could not write a region');
      const held = Atomics.load(states, k);
      if (held === r + 1) return k;
      if (Date.now() - start > CHUNK_TIMEOUT_MS)
        throw new Error(
          `the meshing helper did not write region ${this.regions[r].value} within ${CHUNK_TIMEOUT_MS / 1000} s`,
        );
      Atomics.wait(states, k, held, 100);
    }
  }
}
