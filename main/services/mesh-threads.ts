/**
 * Region meshing on two threads sharing memory: this thread sweeps the surface net (core/mesh/surface-nets.ts) into
 * shared arrays, then it and one helper thread (mesh-helper.ts, started once and kept) share Taubin smoothing (step
 * by step, each step in chunks of vertices) and assembly (net vertices to world mm, then region by region).
 * The small-region volume correction and the bookkeeping stay on this thread. Every vertex and every region is
 * computed by the same core function as in the single-threaded buildRegionMeshes, so the result is bit for bit the
 * same. Blocks this thread while it runs (Atomics.wait): call it from a worker thread or a CLI, never a UI loop.
 */
import { Worker } from 'node:worker_threads';
import type { LabelVolume } from '../../core/label-volume';
import type { ArrayAlloc } from '../../core/mesh/arrays';
import { type AssemblyJob, finishAssembly, planAssembly, toWorldRange, writeRegionsRange } from '../../core/mesh/assemble';
import { correctSmallRegionVolumes } from '../../core/mesh/small-regions';
import { linkDegreesRange, prepareSmoothing, type SmoothingJob, smoothingSteps, taubinStepRange } from '../../core/mesh/smooth';
import { type SurfaceNet, surfaceNet } from '../../core/mesh/surface-nets';
import type { MeshSettings, RegionMeshSet } from '../../core/mesh/types';

/** Typed arrays backed by shared memory, so the helper thread works on the same arrays. */
export const sharedArrays: ArrayAlloc = {
  f32: (n) => new Float32Array(new SharedArrayBuffer(n * 4)),
  f64: (n) => new Float64Array(new SharedArrayBuffer(n * 8)),
  i16: (n) => new Int16Array(new SharedArrayBuffer(n * 2)),
  i32: (n) => new Int32Array(new SharedArrayBuffer(n * 4)),
  u32: (n) => new Uint32Array(new SharedArrayBuffer(n * 4)),
  u8: (n) => new Uint8Array(new SharedArrayBuffer(n)),
};

/**
 * Shared arrays kept from one job to the next and handed out again, zeroed. Shared memory that a job leaves behind
 * is not given back until both threads' garbage collectors have run, which can take many jobs (measured: +90 MB per
 * 1 mm job), so a meshing worker that lives for the session reuses its arrays instead. The i-th array a job asks for
 * reuses the i-th buffer of the last job when it is big enough. Arrays handed out are valid until the next reset().
 */
export class SharedArena {
  private buffers: SharedArrayBuffer[] = [];
  private used = 0;

  readonly alloc: ArrayAlloc = {
    f32: (n) => new Float32Array(this.take(n * 4), 0, n),
    f64: (n) => new Float64Array(this.take(n * 8), 0, n),
    i16: (n) => new Int16Array(this.take(n * 2), 0, n),
    i32: (n) => new Int32Array(this.take(n * 4), 0, n),
    u32: (n) => new Uint32Array(this.take(n * 4), 0, n),
    u8: (n) => new Uint8Array(this.take(n), 0, n),
  };

  /** Starts a new job: every array handed out before may be handed out again. */
  reset(): void {
    this.used = 0;
  }

  /** Lets go of every buffer (after a while without jobs). */
  release(): void {
    this.buffers = [];
    this.used = 0;
  }

  /** Bytes held. */
  get bytes(): number {
    return this.buffers.reduce((sum, b) => sum + b.byteLength, 0);
  }

  private take(bytes: number): SharedArrayBuffer {
    const i = this.used++;
    const old = this.buffers[i];
    if (old && old.byteLength >= bytes) {
      new Uint8Array(old, 0, bytes).fill(0);
      return old;
    }
    return (this.buffers[i] = new SharedArrayBuffer(bytes));
  }
}

/**
 * How the two threads share a phase: its work is cut into chunks that either thread takes in turn (an atomic
 * counter), and a thread goes on to the next phase only when every chunk of this one is done. Neither thread waits
 * for the other to arrive: when the helper is slow to start or descheduled (the machine is busy), this thread simply
 * takes more chunks. Per job, a small shared Int32Array: slot 0 = failed flag, then per phase: next chunk, chunks done.
 */
export const CHUNK_VERTICES = 8192;
/** A thread that waits longer than this for the other one's chunks gives the job up (the other one died or hung). */
export const CHUNK_TIMEOUT_MS = 30_000;

export function phaseCounters(phases: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(4 * (1 + 2 * phases)));
}

/**
 * Takes and does chunks of phase `phase` until none is left, then waits until every chunk is done; returns how many
 * chunks this thread did.
 */
export function runPhase(counters: Int32Array, phase: number, chunks: number, work: (chunk: number) => void): number {
  const next = 1 + 2 * phase, done = next + 1;
  let mine = 0;
  for (;;) {
    if (Atomics.load(counters, 0) !== 0) throw new Error('the other meshing thread failed');
    const c = Atomics.add(counters, next, 1);
    if (c >= chunks) break;
    work(c);
    mine++;
    if (Atomics.add(counters, done, 1) + 1 === chunks) Atomics.notify(counters, done);
  }
  const start = Date.now();
  for (;;) {
    const d = Atomics.load(counters, done);
    if (d >= chunks) return mine;
    if (Atomics.load(counters, 0) !== 0) throw new Error('the other meshing thread failed');
    if (Date.now() - start > CHUNK_TIMEOUT_MS) throw new Error(`the other meshing thread did not finish its share within ${CHUNK_TIMEOUT_MS / 1000} s`);
    Atomics.wait(counters, done, d, 100);
  }
}

/** Marks the job failed and wakes the other thread wherever it waits. */
export function failPhases(counters: Int32Array): void {
  Atomics.store(counters, 0, 1);
  for (let slot = 2; slot < counters.length; slot += 2) Atomics.notify(counters, slot);
}

/** Messages to the helper: a phase sequence to share. */
export type HelperMessage =
  | { kind: 'smooth'; job: SmoothingJob; settings: MeshSettings; counters: Int32Array; chunk: number }
  | { kind: 'assemble'; job: AssemblyJob; counters: Int32Array; chunk: number };

/**
 * Smoothing as phases: link degrees, then each Taubin step, in chunks of `chunk` vertices (both threads run exactly
 * this); returns how many chunks this thread did.
 */
export function smoothPhases(job: SmoothingJob, settings: MeshSettings, counters: Int32Array, chunk: number): number {
  const chunks = Math.ceil(job.n / chunk);
  const end = (c: number) => Math.min(job.n, (c + 1) * chunk);
  let mine = runPhase(counters, 0, chunks, (c) => linkDegreesRange(job, c * chunk, end(c)));
  for (let step = 0; step < smoothingSteps(settings); step++) {
    mine += runPhase(counters, 1 + step, chunks, (c) => taubinStepRange(job, step, settings, c * chunk, end(c)));
  }
  return mine;
}

/**
 * Assembly as phases: net vertices to world mm, then regions one at a time. Each thread takes regions in increasing
 * order (the counter only grows), as writeRegionsRange needs for its own `local` scratch.
 */
export function assemblePhases(job: AssemblyJob, counters: Int32Array, chunk: number): number {
  let mine = runPhase(counters, 0, Math.ceil(job.nNet / chunk), (c) => toWorldRange(job, c * chunk, Math.min(job.nNet, (c + 1) * chunk)));
  let local: Uint32Array | null = null; // made when this thread takes its first region
  mine += runPhase(counters, 1, job.regionCount, (r) => writeRegionsRange(job, r, r + 1, (local ??= new Uint32Array(job.nNet))));
  return mine;
}

export class MeshThreads {
  private failed: Error | null = null;
  /** Chunks of the last jobs' phases, and how many of them the helper did (for tests and bench:mesh). */
  readonly chunks = { total: 0, helper: 0 };

  private constructor(
    private readonly helper: Worker,
    private readonly chunk: number,
  ) {
    helper.on('error', (e) => (this.failed ??= e));
    helper.on('exit', () => (this.failed ??= new Error('the meshing helper thread exited')));
    helper.unref(); // an idle helper never keeps a process alive
  }

  /** Starts the helper thread from its bundled script (dist/worker/mesh-helper.cjs). */
  static start(script: string | URL, chunkVertices = CHUNK_VERTICES): MeshThreads {
    return new MeshThreads(new Worker(script), chunkVertices);
  }

  /** False once the helper has died or a job failed; make a new one then. */
  get usable(): boolean {
    return this.failed === null;
  }

  /**
   * Same result as core's buildRegionMeshes(vol, settings), bit for bit, on two threads. `alloc` must give shared
   * memory: fresh (sharedArrays) or a SharedArena's, whose arrays (the result's too) last until its next reset.
   */
  buildRegionMeshes(vol: LabelVolume, settings: MeshSettings, alloc: ArrayAlloc = sharedArrays): RegionMeshSet {
    const net = surfaceNet(vol, alloc);
    this.smoothRegions(net, settings, alloc);
    return this.assembleRegions(vol, net, alloc);
  }

  /** core's smoothRegions on two threads; `net` must come from surfaceNet(vol, alloc), in shared memory. */
  smoothRegions(net: SurfaceNet, settings: MeshSettings, alloc: ArrayAlloc = sharedArrays): void {
    this.guard(() => {
      if (settings.smoothIterations <= 0) return;
      if (net.positions.length > 0) this.smooth(prepareSmoothing(net, alloc), settings);
      correctSmallRegionVolumes(net); // on this thread: small regions can share vertices, so their order matters
    });
  }

  /** core's assembleRegions on two threads; `net` must come from surfaceNet(vol, alloc), in shared memory. */
  assembleRegions(vol: LabelVolume, net: SurfaceNet, alloc: ArrayAlloc = sharedArrays): RegionMeshSet {
    return this.guard(() => {
      const job = planAssembly(vol, net, alloc);
      this.assemble(job);
      return finishAssembly(job, net);
    });
  }

  /** A failure leaves the helper in an unknown state: stop it, and refuse further jobs. */
  private guard<T>(fn: () => T): T {
    if (this.failed) throw new Error(`meshing threads unusable: ${this.failed.message}`);
    try {
      return fn();
    } catch (e) {
      this.failed = e as Error;
      void this.helper.terminate();
      throw e;
    }
  }

  /** Stops the helper thread. */
  close(): Promise<number> {
    this.failed ??= new Error('closed');
    return this.helper.terminate();
  }

  private smooth(job: SmoothingJob, settings: MeshSettings): void {
    const counters = phaseCounters(1 + smoothingSteps(settings));
    const chunk = this.chunk;
    this.helper.postMessage({ kind: 'smooth', job, settings, counters, chunk } satisfies HelperMessage);
    this.share(counters, () => smoothPhases(job, settings, counters, chunk));
  }

  private assemble(job: AssemblyJob): void {
    const counters = phaseCounters(2);
    const chunk = this.chunk;
    this.helper.postMessage({ kind: 'assemble', job, counters, chunk } satisfies HelperMessage);
    this.share(counters, () => assemblePhases(job, counters, chunk));
  }

  /** This thread's part; on failure the helper is told to stop waiting. */
  private share(counters: Int32Array, fn: () => number): void {
    let mine: number;
    try {
      mine = fn();
    } catch (e) {
      failPhases(counters);
      throw e;
    }
    // Every chunk is done once this thread's part returns: the counters hold the totals.
    let total = 0;
    for (let slot = 2; slot < counters.length; slot += 2) total += Atomics.load(counters, slot);
    this.chunks.total += total;
    this.chunks.helper += total - mine;
  }
}
