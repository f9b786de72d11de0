/**
 * Region meshing on two threads sharing memory: this thread and one helper thread (mesh-helper.ts, started once and
 * kept) sweep the surface net (core/mesh/sweep.ts) in two slabs of the grid, one each, and this thread joins
 * them; then they share Taubin smoothing (step by step, each step in chunks of vertices; this thread first numbers the
 * edges of the subdivision to come, while the helper starts on it); the helper gives small
 * regions their volume back (core/mesh/small-regions.ts) while this thread plans the assembly, helps with the
 * volumes, and, when the correction is long, assembles the regions it cannot move (assembly-while-correcting.ts); and
 * they share the assembly (net vertices to world mm, then region by region). Every vertex and every region is computed by the same
 * core function as in the single-threaded buildRegionMeshes, or by its WebAssembly twin (core/mesh/wasm-kernels.ts)
 * when the arrays are in a WasmArena's memory, so the result is bit for bit the same. A volume copied from a coarser
 * grid is meshed on it and subdivided (core/mesh/pipeline.ts), as fine detail subdivides a net again: both threads
 * plan and place each subdivision too.
 * Blocks this thread while it
 * runs (Atomics.wait): call it from a worker thread or a CLI, never a UI loop.
 */
import { performance } from 'node:perf_hooks';
import { type MessagePort, receiveMessageOnPort, type Worker } from 'node:worker_threads';
import type { LabelVolume } from '../../core/atlas/label-volume';
import { AtlasError } from '../../core/errors';
import { type ArrayAlloc, sharedArrays, sharedLabels } from '../../core/mesh/arrays';
import {
  type AssemblyJob,
  type AssemblyPlan,
  emptyBounds,
  finishAssembly,
  mergeBounds,
  planAssembly,
  planRegions,
  quadBoundsRange,
  regionLocal,
  regionSlots,
  regionSpans,
  slotInWasm,
  toWorldRange,
  writeRegionsRange,
} from '../../core/mesh/assemble';
import {
  aimAtFileVoxels,
  foldsNoise,
  meshingGrid,
  netArraysLeft,
  smoothingBeforeSubdivision,
  subdivideNet,
  type SubdivisionSteps,
  subdivisionSteps,
  withFileVoxels,
} from '../../core/mesh/pipeline';
import type { GlbLayout } from '../../core/mesh/export-gltf';
import {
  correctionReach,
  correctSmallRegions,
  type SmallRegionJob,
  smallRegions,
  smallVolumesChunk,
  VOLUME_CHUNKS,
} from '../../core/mesh/small-regions';
import { type QuadSides, quadSidesSpace } from '../../core/mesh/quad-sides';
import {
  finishEdgesRange,
  finishSubdivision,
  linkQuadsRange,
  linkVerticesRange,
  type PlacementJob,
  placeCoarseVerticesRange,
  placeEdgeMiddlesRange,
  placeQuadMiddlesRange,
  prepareSubdivision,
  type SubdivisionJob,
  type SubdivisionPlan,
} from '../../core/mesh/subdivide';
import { type NoiseScan, noiseFoundChunk, noiseSpansChunk } from '../../core/mesh/label-noise';
import {
  curveFacesRange,
  linkDegreesRange,
  prepareSmoothing,
  smoothingScratch,
  type SmoothingJob,
  smoothingSteps,
  taubinStepRange,
} from '../../core/mesh/smooth';
import { finishJoin, type JoinJob, joinQuadsRange, joinVerticesRange, prepareJoin } from '../../core/mesh/slab-join';
import { balancedSplit, surfaceNet } from '../../core/mesh/surface-nets';
import {
  defaultCapacity,
  type NetSlab,
  paddedForKernel,
  padPlanesRange,
  type SlabArrays,
  slabArrays,
  sweepSlab,
  totalCapacity,
} from '../../core/mesh/sweep';
import type { AssembledMeshSet, MeshSettings, RegionSpan, SurfaceNet } from '../../core/mesh/types';
import { kernelAvailable } from '../../core/mesh/wasm-kernels';
import { type HelperThread, startHelperThread, type WarmJob } from './helper-thread';
import { awaitAtLeast, failPhases, phaseCounters, runPhase, runRanges } from './mesh-phases';
import { type GlbWriteJob, glbStates, writeGlbParts } from './glb-writer';
import { assembleWhileCorrecting, type OverlapJob, overlapCounters, overlapStates } from './assembly-while-correcting';
import { RegionPipeline, type RegionPipelineJob, regionStates } from './region-pipeline';

/** Vertices per chunk of a shared phase (mesh-phases.ts says how the threads share one). */
export const CHUNK_VERTICES = 8192;
/** Slots the helper writes regions into ahead of a file writer (region-pipeline.ts). */
const PIPELINE_SLOTS = 3;
/** Joining is light work per vertex: its chunks are this many times larger. */
const JOIN_CHUNK_FACTOR = 4;
/**
 * The share of quad sides the correction's regions must have for the assembly to be overlapped with it. Its time
 * goes about with their sides (at fine detail: Schaefer 1000 0.2 % of the sides, 3 ms; Glasser 360 0.8 %, 9 ms;
 * AAL3 4.5 %, 42 ms), and finding what it reaches costs the overlap about 15 ms.
 */
const OVERLAP_MIN_SHARE = 0.02;

/** The share of the quad sides that belong to the labels marked in `off`. */
function correctedShare(sides: QuadSides, off: Uint8Array): number {
  const { first } = sides;
  let corrected = 0;
  for (let label = 0; label < off.length; label++) if (off[label] === 1) corrected += first[label + 1] - first[label];
  const all = first[first.length - 1];
  return all > 0 ? corrected / all : 0;
}

/** Messages to the helper: a phase sequence to share. */
export type HelperMessage =
  | { kind: 'noise'; scan: NoiseScan; counters: Int32Array }
  | SweepJob
  | { kind: 'join'; job: JoinJob; counters: Int32Array; chunk: number }
  | { kind: 'smooth'; job: SmoothingJob; settings: MeshSettings; counters: Int32Array; chunk: number }
  | { kind: 'plan'; job: SubdivisionJob; counters: Int32Array; chunk: number }
  | { kind: 'place'; job: PlacementJob; counters: Int32Array; chunk: number }
  | ({ kind: 'correct' } & CorrectionJob)
  | { kind: 'assemble'; job: AssemblyJob; counters: Int32Array; chunk: number }
  | { kind: 'stream'; job: StreamJob; counters: Int32Array; chunk: number }
  | { kind: 'regions'; job: RegionPipelineJob }
  | { kind: 'glb'; job: GlbWriteJob }
  | { kind: 'assembleAfterCorrection'; job: OverlapJob }
  | { kind: 'forget' }
  | WarmJob;

/** How many 4 KB pages are touched between two looks at the stop flag. */
const WARM_PAGES_PER_LOOK = 64;

/** The helper's side of startWarming (helper-thread.ts's WarmJob); returns how many pages it touched. */
export function warmPages(m: WarmJob): number {
  const words = new Int32Array(m.memory.buffer, 0, Math.floor(Math.min(m.bytes, m.memory.buffer.byteLength) / 4));
  let page = 0;
  for (; page * 1024 < words.length; page++) {
    if (page % WARM_PAGES_PER_LOOK === 0 && Atomics.load(m.stop, 0) !== 0) break;
    Atomics.add(words, page * 1024, 0);
  }
  return page;
}

/**
 * The sweep as two phases: the padded labels made in chunks of planes, then two chunks: cell layers below `split`
 * (chunk 0) and from it up (chunk 1), into their arrays (the lower slab's with room for the whole net, which the join
 * writes into it). Labels and arrays in shared memory, made by the meshing thread, so its arena hands them out in the
 * same order whichever thread sweeps.
 */
export interface SweepJob {
  kind: 'sweep';
  vol: LabelVolume;
  split: number;
  /**
   * The slabs' arrays; their `padded` (one for both, where the WebAssembly rows can run) is written in the first
   * phase (core's padPlanesRange).
   */
  arrays: [SlabArrays, SlabArrays];
  /** phaseCounters(2). */
  counters: Int32Array;
}

/** Planes of padded labels per chunk. */
const PAD_PLANES = 12;

/** What the helper sends back (through its slab port) for each sweep chunk it did. */
export interface SlabMessage {
  chunk: number;
  slab: NetSlab;
}

/**
 * The sweep's phases, as `thread` runs them: its share of the padding (from its end of the grid: runPhase), then of
 * the slabs, each handed to `slab` as it is done. Arrays that fill up grow into fresh shared memory on either thread,
 * so the arena's order does not depend on which thread swept which slab. Returns how many chunks this thread did.
 */
export function sweepPhases(m: SweepJob, slab: (chunk: number, slab: NetSlab) => void, thread: 0 | 1): number {
  const planes = m.vol.dims[2] + 2;
  const padded = m.arrays[0].padded;
  const padChunks = padded ? Math.ceil(planes / PAD_PLANES) : 0;
  let mine = runPhase(
    m.counters,
    0,
    padChunks,
    (c) => padPlanesRange(m.vol, padded!, c * PAD_PLANES, Math.min(planes, (c + 1) * PAD_PLANES)),
    thread,
  );
  mine += runPhase(m.counters, 1, 2, (c) =>
    slab(
      c,
      c === 0
        ? sweepSlab(m.vol, -1, m.split, sharedArrays, m.arrays[0])
        : sweepSlab(m.vol, m.split, m.vol.dims[2], sharedArrays, m.arrays[1]),
    ),
  );
  return mine;
}

/**
 * The label-noise scan as phases (core's NoiseScan), each thread from its end of the grid (runPhase): every chunk's
 * rows spanned and counted, then every chunk's noise found, each thread into its own counts and list; returns how
 * many chunks this thread did.
 */
export function noisePhases(scan: NoiseScan, counters: Int32Array, thread: 0 | 1): number {
  const mine = runPhase(counters, 0, scan.chunks, (c) => noiseSpansChunk(scan, c, thread), thread);
  return mine + runPhase(counters, 1, scan.chunks, (c) => noiseFoundChunk(scan, c, thread), thread);
}

/** The join of the two slabs as one phase: chunks of the upper slab's vertices, then of its quads. */
export function joinPhases(job: JoinJob, counters: Int32Array, chunk: number): number {
  const vertexChunks = Math.ceil(job.upVertices / chunk);
  return runPhase(counters, 0, vertexChunks + Math.ceil(job.upQuads / chunk), (c) => {
    if (c < vertexChunks) joinVerticesRange(job, c * chunk, Math.min(job.upVertices, (c + 1) * chunk));
    else joinQuadsRange(job, (c - vertexChunks) * chunk, Math.min(job.upQuads, (c + 1 - vertexChunks) * chunk));
  });
}

/**
 * A slab the helper swept and posted, with this thread's own arrays where the helper wrote into them: what arrives
 * are copies of the views (on new buffer objects), which the arena would not recognise as its memory's, so smoothing
 * and assembly would fall back to JavaScript. Arrays the helper had to grow (longer than ours) are kept as posted.
 */
export function withOwnArrays(slab: NetSlab, own: SlabArrays): NetSlab {
  const pick = <T extends Float32Array | Int16Array | Int32Array | Uint32Array>(got: T, mine: T) =>
    got.length === mine.length ? mine : got;
  return {
    ...slab,
    ...own,
    positions: pick(slab.positions, own.positions),
    cells: pick(slab.cells, own.cells),
    links: pick(slab.links, own.links),
    quads: pick(slab.quads, own.quads),
  };
}

/**
 * Smoothing as phases: the faces on curves (where the job follows curves), link degrees, then each Taubin step, in
 * chunks of `chunk` vertices, each thread from its end of the net (runPhase); returns how many chunks this thread did.
 */
export function smoothPhases(
  job: SmoothingJob,
  settings: MeshSettings,
  counters: Int32Array,
  chunk: number,
  thread: 0 | 1,
): number {
  const curves = job.curveBits ? job.n : 0;
  let mine = runRanges(counters, 0, curves, chunk, (from, to) => curveFacesRange(job, from, to), thread);
  mine += runRanges(counters, 1, job.n, chunk, (from, to) => linkDegreesRange(job, from, to), thread);
  for (let step = 0; step < smoothingSteps(settings); step++) {
    const taubinStep = (from: number, to: number) => taubinStepRange(job, step, settings, from, to);
    mine += runRanges(counters, 2 + step, job.n, chunk, taubinStep, thread);
  }
  return mine;
}

/**
 * Planning a subdivision as phases (core's SubdivisionJob): coarse vertices, then coarse quads, then edges, in chunks
 * of `chunk`; each thread counts labels into its own of job.uses.
 */
export function planPhases(job: SubdivisionJob, counters: Int32Array, chunk: number, thread: 0 | 1): number {
  const uses = job.uses[thread];
  let mine = runRanges(counters, 0, job.n, chunk, (from, to) => linkVerticesRange(job, from, to));
  const quads = job.plan.coarseQuads.length / 6;
  mine += runRanges(counters, 1, quads, chunk, (from, to) => linkQuadsRange(job, from, to, thread));
  mine += runRanges(counters, 2, job.plan.edges, chunk, (from, to) => finishEdgesRange(job, from, to, uses));
  return mine;
}

/** Placing a subdivision's vertices as phases (core's PlacementJob): quad middles, edge middles, coarse vertices. */
export function placePhases(job: PlacementJob, counters: Int32Array, chunk: number): number {
  const { plan } = job;
  let mine = runRanges(counters, 0, plan.coarseQuads.length / 6, chunk, (from, to) =>
    placeQuadMiddlesRange(job, from, to),
  );
  mine += runRanges(counters, 1, plan.edges, chunk, (from, to) => placeEdgeMiddlesRange(job, from, to));
  mine += runRanges(counters, 2, plan.coarseVertices, chunk, (from, to) => placeCoarseVerticesRange(job, from, to));
  return mine;
}

/** Net vertices to world mm (phase 0 of the counters), before the regions are written. */
function worldPhase(job: AssemblyPlan, counters: Int32Array, chunk: number): number {
  return runRanges(counters, 0, job.nNet, chunk, (from, to) => toWorldRange(job, from, to));
}

/**
 * What two threads do before regions are written one at a time (region-pipeline.ts): the assembly's plan, and each
 * thread's bounds of every label (core's emptyBounds).
 */
export interface StreamJob {
  plan: AssemblyPlan;
  bounds: [Float64Array, Float64Array];
}

/** Net vertices to world mm, then the labels' bounds from chunks of quads, each thread widening its own. */
export function streamPhases(job: StreamJob, counters: Int32Array, chunk: number, thread: 0 | 1): number {
  const { plan } = job;
  const mine = worldPhase(plan, counters, chunk);
  return (
    mine +
    runRanges(counters, 1, plan.quadCount, chunk, (from, to) => quadBoundsRange(plan, from, to, job.bounds[thread]))
  );
}

/**
 * Assembly as phases: net vertices to world mm, then regions one at a time. Each thread takes regions in increasing
 * order (the counter only grows), as writeRegionsRange needs for its own `local` scratch (the job's locals[thread]).
 */
export function assemblePhases(job: AssemblyJob, counters: Int32Array, chunk: number, thread: 0 | 1): number {
  let mine = worldPhase(job, counters, chunk);
  mine += runPhase(counters, 1, job.regionCount, (r) => writeRegionsRange(job, r, r + 1, job.locals[thread]));
  return mine;
}

/**
 * What the helper's correction says it will correct, before it moves any vertex (core's correctSmallRegionVolumes'
 * `found`): state[0] 0 until it knows, then 1 with `off` marking the labels, or 2 when it corrects none.
 */
export interface CorrectionFound {
  state: Int32Array;
  off: Uint8Array;
}

function correctionFound(labels: number): CorrectionFound {
  return { state: new Int32Array(new SharedArrayBuffer(4)), off: new Uint8Array(new SharedArrayBuffer(labels)) };
}

/** The helper's side: tells what it corrects. */
function tellFound(found: CorrectionFound, off: Uint8Array | null): void {
  if (off) found.off.set(off);
  Atomics.store(found.state, 0, off ? 1 : 2);
  Atomics.notify(found.state, 0);
}

/** Whether the correction moves any vertex, once it knows (throws when it fails first). */
function awaitFound(found: CorrectionFound, correction: Int32Array): boolean {
  awaitAtLeast(found.state, 0, 1, () => Atomics.load(correction, 0) !== 0, 'start the correction');
  return Atomics.load(found.state, 0) === 1;
}

/**
 * The small-region correction shared by the two threads: its volumes' chunks (phase 0), then the correction itself
 * (phase 1, one chunk), which reads the quad sides the meshing thread's assembly plan buckets into `sides` when they
 * are ready by then (the same lists as it would find itself).
 */
export interface CorrectionJob {
  job: SmallRegionJob;
  counters: Int32Array;
  sides: QuadSides;
  /** 1 once `sides` holds every label's. */
  ready: Int32Array;
  /** Told what the correction moves, before it moves anything (writeGlb). */
  found?: CorrectionFound;
}

/** Either thread's part of a CorrectionJob: volume chunks, then the correction if it is left; the chunks it did. */
export function correctionPhases(m: CorrectionJob, correct = true): number {
  const mine = runPhase(m.counters, 0, VOLUME_CHUNKS, (chunk) => smallVolumesChunk(m.job, chunk));
  if (!correct) return mine;
  const { found } = m;
  return (
    mine +
    runPhase(m.counters, 1, 1, () =>
      correctSmallRegions(
        m.job,
        found && ((off) => tellFound(found, off)),
        Atomics.load(m.ready, 0) === 1 ? m.sides : undefined,
      ),
    )
  );
}

/**
 * The WebAssembly kernels a MeshThreads can be told not to use (bench:mesh's BENCH_NO_WASM, to measure what each
 * earns): its phase then gets the same arena arrays without their memory (memoryOf), so the JavaScript twin runs.
 */
export type MeshKernel = 'sweep' | 'taubin' | 'assembly';

export interface MeshThreadsOptions {
  /** Vertices per chunk of a shared phase (CHUNK_VERTICES). */
  chunkVertices?: number;
  /** Kernels to leave out: their phases run as JavaScript, with the same result. */
  withoutWasm?: readonly MeshKernel[];
  /** OVERLAP_MIN_SHARE (tests set 0, to overlap the assembly with any correction). */
  overlapMinShare?: number;
}

/**
 * A job's net as the assembly reads it (in voxel coordinates of `vol`: the file's volume, or its native grid's), when
 * its sweep began and ended and its smoothing ended, and which of its steps ran as WebAssembly.
 */
interface MeshedNet {
  vol: LabelVolume;
  net: SurfaceNet;
  /** The file's voxel counts, where they are not `vol`'s (pipeline.ts's aimAtFileVoxels). */
  fileVoxels: Uint32Array | null;
  times: [number, number, number];
  inWasm: { sweep: boolean; smooth: boolean };
}

/** Milliseconds of each part of the last job (bench:mesh reports them). */
export interface MeshPhaseTimes {
  sweep: number;
  smooth: number;
  correctAndPlan: number;
  assemble: number;
}

export class MeshThreads {
  private failed: Error | null = null;
  /** Chunks of the last jobs' phases, and how many of them the helper did (for tests and bench:mesh). */
  readonly chunks = { total: 0, helper: 0 };
  lastTimes: MeshPhaseTimes | null = null;
  /** Whether the last job's sweep, smoothing and assembly had their arrays in a WebAssembly memory (ran as WebAssembly). */
  lastInWasm = { sweep: false, smooth: false, assemble: false };
  /** The last writeGlb's parts, and how many of them could be written while the correction ran (for tests). */
  lastGlb: { parts: number; beforeCorrection: number } | null = null;
  /** buildRegionMeshes' last set: its regions, and how many of them could be written while the helper corrected. */
  lastAssembly: { regions: number; beforeCorrection: number } | null = null;

  /** The helper (its worker, whose failure startHelperThread watches) and where its slabs arrive. */
  private readonly helper: Worker;
  /** Read synchronously (receiveMessageOnPort), as this thread never yields. */
  private readonly slabs: MessagePort;

  private constructor(
    private readonly thread: HelperThread,
    private readonly chunk: number,
    private readonly withoutWasm: ReadonlySet<MeshKernel>,
    /** startWarming's flag while the helper touches pages ahead of the first job, else null. */
    private warming: Int32Array | null,
    private readonly overlapMinShare: number,
  ) {
    this.helper = thread.worker;
    this.slabs = thread.slabs;
  }

  /** Starts the helper thread from its bundled script (dist/worker/mesh-helper.cjs). */
  static start(script: string | URL, options: MeshThreadsOptions = {}): MeshThreads {
    return MeshThreads.adopt(startHelperThread(script), null, options);
  }

  /**
   * Takes over a helper thread started earlier (startHelperThread), which may be touching pages already: `warming`
   * is the flag startWarming gave, or null. One that failed before it was taken over is not usable.
   */
  static adopt(helper: HelperThread, warming: Int32Array | null, options: MeshThreadsOptions = {}): MeshThreads {
    return new MeshThreads(
      helper,
      options.chunkVertices ?? CHUNK_VERTICES,
      new Set(options.withoutWasm),
      warming,
      options.overlapMinShare ?? OVERLAP_MIN_SHARE,
    );
  }

  /** Why these threads cannot take a job: a job failed, they were closed, or the helper thread failed or exited. */
  private get failure(): Error | null {
    return this.failed ?? this.thread.failure;
  }

  /** False once the helper has died or a job failed; make a new one then. */
  get usable(): boolean {
    return this.failure === null;
  }

  /**
   * Same result as core's buildRegionMeshes(vol, settings), bit for bit, on two threads. `alloc` must give shared
   * memory: fresh (sharedArrays) or a WasmArena's (core/mesh/arrays.ts), whose arrays (the result's too) last until
   * its next reset.
   */
  buildRegionMeshes(
    fileVolume: LabelVolume,
    settings: MeshSettings,
    alloc: ArrayAlloc = sharedArrays,
  ): AssembledMeshSet {
    this.stopPipeline();
    return this.guard(() => {
      const meshed = this.meshNet(fileVolume, settings, alloc);
      const { vol, net, fileVoxels } = meshed;
      const assemblyAlloc = this.allocFor('assembly', alloc);
      // The correction (smoothed meshes only) on the helper, which says what it corrects before it moves anything;
      // this thread plans the assembly and helps with the volumes. A long correction is overlapped with the assembly
      // of what it cannot move (assembly-while-correcting.ts); a short one is waited for.
      const { job, shared } = this.planBesideCorrection(vol, net, settings, planAssembly, assemblyAlloc, true);
      let t3 = performance.now();
      let free = job.regionCount;
      if (shared) {
        const found = shared.found as CorrectionFound;
        const corrects = awaitFound(found, shared.counters);
        t3 = performance.now();
        if (corrects && correctedShare(shared.sides, found.off) >= this.overlapMinShare) {
          const overlap: OverlapJob = {
            assembly: job,
            net,
            found,
            marks: assemblyAlloc.u8(job.nNet),
            reached: new Uint8Array(new SharedArrayBuffer(job.labelCount)),
            order: new Int32Array(new SharedArrayBuffer(4 * job.regionCount)),
            chunk: this.chunk,
            correction: shared.counters,
            counters: overlapCounters(),
            states: overlapStates(),
          };
          this.post({ kind: 'assembleAfterCorrection', job: overlap } satisfies HelperMessage);
          free = assembleWhileCorrecting(overlap, true);
        } else {
          // The helper has the correction (it told what it corrects): wait for it to be done.
          runPhase(shared.counters, 1, 1, () => {});
          this.assemble(job);
        }
      } else {
        this.assemble(job);
      }
      this.lastAssembly = { regions: job.regionCount, beforeCorrection: free };
      const set = finishAssembly(job, net);
      this.finished(meshed, job.memory !== null, t3);
      return fileVoxels ? withFileVoxels(set, fileVoxels) : set;
    });
  }

  /**
   * The same regions as buildRegionMeshes, for writing a file region by region: meshed on two threads up to the
   * assembly, whose net vertices are put in world mm and labels' bounds found on both; then the helper writes regions
   * ahead of the writer on this thread, which writes some too while it would wait (region-pipeline.ts), into arrays
   * `alloc` gives, which last until its next reset. Regions must be asked for in label order; the helper stops writing
   * ahead when the next job starts.
   */
  buildRegionStream(fileVolume: LabelVolume, settings: MeshSettings, alloc: ArrayAlloc = sharedArrays): RegionPipeline {
    this.stopPipeline();
    return this.guard(() => {
      const meshed = this.meshNet(fileVolume, settings, alloc);
      const assemblyAlloc = this.allocFor('assembly', alloc);
      const { job: plan } = this.planBesideCorrection(meshed.vol, meshed.net, settings, planRegions, assemblyAlloc);
      const t3 = performance.now();
      const job: StreamJob = { plan, bounds: [emptyBounds(plan, assemblyAlloc), emptyBounds(plan, assemblyAlloc)] };
      const counters = phaseCounters(2);
      const chunk = this.chunk;
      this.post({ kind: 'stream', job, counters, chunk } satisfies HelperMessage);
      this.share(counters, () => streamPhases(job, counters, chunk, 0));
      mergeBounds(job.bounds[0], job.bounds[1]);
      const locals: [Uint32Array, Uint32Array] = [regionLocal(plan, assemblyAlloc), regionLocal(plan, assemblyAlloc)];
      const slots = regionSlots(plan, assemblyAlloc, PIPELINE_SLOTS, locals);
      const ahead: RegionPipelineJob = { plan, slots, locals, states: regionStates(slots.length) };
      this.post({ kind: 'regions', job: ahead } satisfies HelperMessage);
      this.pipeline = new RegionPipeline(ahead, job.bounds[0]);
      this.finished(meshed, slotInWasm(slots[0]), t3);
      return this.pipeline;
    });
  }

  /**
   * The volume's regions written to the .glb open at `fd`, at the places `layoutOf` gives them (glb-writer.ts): the
   * bytes of core's glbChunks over buildRegionMeshes' set, and never the set. Once the net is subdivided, the helper
   * corrects the small regions while this thread writes the regions the correction cannot move; then both write the
   * rest, and this thread the head. Returns the layout.
   */
  writeGlb<R extends RegionSpan>(
    fileVolume: LabelVolume,
    settings: MeshSettings,
    layoutOf: (regions: RegionSpan[]) => GlbLayout<R>,
    fd: number,
    alloc: ArrayAlloc = sharedArrays,
  ): GlbLayout<R> {
    this.stopPipeline();
    return this.guard(() => {
      const meshed = this.meshNet(fileVolume, settings, alloc);
      const { vol, net } = meshed;
      // The correction (smoothed meshes only) on the helper, which says what it corrects before it moves anything;
      // this thread helps with its volumes once it has planned the regions.
      const t3 = performance.now();
      const assemblyAlloc = this.allocFor('assembly', alloc);
      const shared = this.startCorrection(vol, net, settings, assemblyAlloc, true);
      const plan = planRegions(vol, net, assemblyAlloc, shared?.sides);
      if (shared) Atomics.store(shared.ready, 0, 1);
      const spans = regionSpans(plan);
      let layout: GlbLayout<R>;
      try {
        layout = layoutOf(spans);
      } catch (e) {
        // The user's (no such region): thrown once the helper is done, which leaves it ready for the next job.
        if (shared) {
          correctionPhases(shared, false);
          runPhase(shared.counters, 1, 1, () => {});
        }
        throw e;
      }
      if (shared) correctionPhases(shared, false);
      // What the correction moves, once it knows.
      let marks: Uint8Array | null = null;
      const reached = new Uint8Array(plan.labelCount);
      if (shared?.found && awaitFound(shared.found, shared.counters)) {
        marks = assemblyAlloc.u8(plan.nNet);
        correctionReach(net, shared.found.off, marks, reached);
      }
      // The regions the correction cannot move first, each group in the layout's order.
      const ordinal = new Map(spans.map((span, r) => [span, r]));
      const parts = layout.parts.map(({ info: _, ...part }) => part);
      const free = parts.filter((p) => reached[p.range.value] === 0);
      const ordered = [...free, ...parts.filter((p) => reached[p.range.value] !== 0)];
      const locals: [Uint32Array, Uint32Array] = [regionLocal(plan, assemblyAlloc), regionLocal(plan, assemblyAlloc)];
      const slots = regionSlots(plan, assemblyAlloc, 2, locals);
      const largest = Math.max(0, ...parts.map((p) => p.bytes));
      const buffers: [Uint8Array, Uint8Array] = [assemblyAlloc.u8(largest, true), assemblyAlloc.u8(largest, true)];
      const bounds = assemblyAlloc.f64(ordered.length * 6, true);
      const memory = assemblyAlloc.memoryOf?.([...buffers, bounds]) ?? null;
      const job: GlbWriteJob = {
        plan,
        fd,
        scale: layout.scale,
        parts: ordered,
        ordinals: Int32Array.from(ordered, (p) => ordinal.get(p.range)!),
        firstReached: free.length,
        correction: shared?.counters ?? null,
        marks,
        bounds,
        slots: [slots[0], slots[1]],
        locals,
        buffers,
        memory: memory && slots.every((slot) => slot.memory === memory) ? memory : null,
        states: glbStates(),
      };
      this.post({ kind: 'glb', job } satisfies HelperMessage);
      this.lastGlb = { parts: ordered.length, beforeCorrection: free.length };
      // The head's bounds in the layout's order.
      const where = new Map(ordered.map((p, i) => [p.range, i]));
      writeGlbParts(job, (bounds) => layout.head((i) => bounds(where.get(layout.parts[i].range)!)));
      this.finished(meshed, slotInWasm(slots[0]), t3);
      return layout;
    });
  }

  /** The net the assembly reads (every step before it, shared with the helper), and when its parts began and ended. */
  private meshNet(fileVolume: LabelVolume, settings: MeshSettings, alloc: ArrayAlloc): MeshedNet {
    const t0 = performance.now();
    const sweepAlloc = this.allocFor('sweep', alloc);
    // The helper may touch pages until the labels are copied into the memory it touches: where label noise is folded
    // (into a copy in that memory, which the sweep then shares as it is), or below.
    if (foldsNoise(settings)) this.stopWarming();
    const grid = meshingGrid(fileVolume, settings, sweepAlloc, (scan) => this.scanNoise(scan));
    this.stopWarming();
    const vol = grid?.volume ?? fileVolume;
    const copied = grid && !grid.native ? vol.labels : null;
    const taubinAlloc = this.allocFor('taubin', alloc);
    // The labels, shared with the helper: swept, then read again where the smoothing finds the curves.
    const shared = { ...vol, labels: sharedLabels(vol.labels, sweepAlloc) };
    const { net: coarse, padded } = this.sweep(shared, sweepAlloc);
    const t1 = performance.now();
    // A net to be subdivided is smoothed with its links kept, and this thread numbers its edges (prepareSubdivision,
    // this thread's alone) while the helper starts on the smoothing; the subdivision is planned after it.
    const native = grid?.native ?? false;
    const steps = subdivisionSteps(native, settings);
    const before = smoothingBeforeSubdivision(native, settings);
    const smoothing =
      before.settings.smoothIterations > 0 && coarse.positions.length > 0
        ? prepareSmoothing(coarse, taubinAlloc, before.slack, steps > 0, shared, padded)
        : null;
    let prepared: SubdivisionJob | null = null;
    const prepare = () => (prepared = steps > 0 ? prepareSubdivision(coarse, taubinAlloc, steps === 1) : null);
    if (smoothing) {
      this.smooth(smoothing, before.settings, prepare);
      taubinAlloc.free?.(smoothingScratch(smoothing));
    } else {
      prepare();
    }
    if (padded) sweepAlloc.free?.([padded]);
    if (shared.labels !== vol.labels || shared.labels === copied) sweepAlloc.free?.([shared.labels]);
    const plan = prepared ? this.subdivision.planPrepared(prepared, coarse, taubinAlloc) : null;
    const net = plan
      ? subdivideNet(plan, coarse.positions, steps - 1, settings.smoothIterations > 0, taubinAlloc, this.subdivision)
      : coarse;
    const fileVoxels = grid ? aimAtFileVoxels(grid, net) : null;
    // What the small-region correction and the assembly will not read makes room for the assembly's arrays: the
    // coarse net once subdivided (but for the quads a last subdivision keeps), and the links of the net they work on.
    if (net !== coarse) alloc.free?.(netArraysLeft(coarse, net));
    alloc.free?.([net.links]);
    const inWasm = {
      sweep: sweepAlloc.memoryOf !== undefined && kernelAvailable('sweepRow'),
      smooth: smoothing?.memory != null,
    };
    this.keep(shared, coarse, net, ...(grid ? [grid] : []));
    return { vol, net, fileVoxels, times: [t0, t1, performance.now()], inWasm };
  }

  /** The last job's regions being written ahead (buildRegionStream). */
  private pipeline: RegionPipeline | null = null;

  private stopPipeline(): void {
    this.pipeline?.stop();
    this.pipeline = null;
  }

  /**
   * The objects of the job at hand (its messages to the helper, its nets and slabs), and those of the last job, kept
   * until the next one is done (the helper keeps its copies of the messages too: mesh-helper.ts). Both threads'
   * optimised code holds these objects' shapes, and closures made with them; were they all collected between two
   * jobs, that code would be thrown away and optimised again during the next job. Their arrays are an arena's memory,
   * which stays anyway, or (without an arena) fresh shared memory, kept one job longer. Schaefer 1000 at fine detail,
   * meshed after a garbage collection as bench:mesh does every run: about 395 ms with the messages kept, 420 without
   * (the label noise's marks kept in both: label-noise.ts; medians of 4 runs, in turn).
   */
  private jobObjects: object[] = [];
  private lastJobObjects: object[] = [];

  private keep(...objects: object[]): void {
    this.jobObjects.push(...objects);
  }

  /** A message to the helper, kept (see jobObjects). */
  private post(m: HelperMessage): void {
    this.keep(m);
    this.helper.postMessage(m);
  }

  /**
   * Lets go of the jobs' objects both threads keep (jobObjects), with the arrays they hold: when the arena they are in
   * is given back (TwoThreadMesher's release), or its memory would stay.
   */
  forgetJobs(): void {
    this.jobObjects = [];
    this.lastJobObjects = [];
    if (!this.failure) this.helper.postMessage({ kind: 'forget' } satisfies HelperMessage);
  }

  /** How many objects this thread keeps (for tests). */
  get keptObjects(): number {
    return this.jobObjects.length + this.lastJobObjects.length;
  }

  /** lastInWasm and lastTimes, once a job is done; t3: when its assembly (or the stream's phases) began. */
  private finished(meshed: MeshedNet, assembledInWasm: boolean, t3: number): void {
    this.lastJobObjects = this.jobObjects;
    this.jobObjects = [];
    const [t0, t1, t2] = meshed.times;
    this.lastInWasm = { ...meshed.inWasm, assemble: assembledInWasm };
    this.lastTimes = { sweep: t1 - t0, smooth: t2 - t1, correctAndPlan: t3 - t2, assemble: performance.now() - t3 };
  }

  /** `alloc` as `kernel`'s phase gets it: without its WebAssembly memory when that kernel is left out. */
  private allocFor(kernel: MeshKernel, alloc: ArrayAlloc): ArrayAlloc {
    return this.withoutWasm.has(kernel) ? { ...alloc, memoryOf: undefined } : alloc;
  }

  /** A failure leaves the helper in an unknown state: stop it, and refuse further jobs. */
  private guard<T>(fn: () => T): T {
    const failure = this.failure;
    if (failure) throw new Error(`meshing threads unusable: ${failure.message}`);
    try {
      return fn();
    } catch (e) {
      if (e instanceof AtlasError) throw e; // the user's, not the threads'
      this.failed = e as Error;
      void this.helper.terminate();
      throw e;
    }
  }

  /** Stops the helper's touching of pages, if it is at it (StartedHelper's warming). */
  stopWarming(): void {
    if (this.warming) Atomics.store(this.warming, 0, 1);
    this.warming = null;
  }

  /** Stops the helper thread. */
  close(): Promise<number> {
    this.stopWarming();
    this.stopPipeline();
    this.failed ??= new Error('closed');
    this.slabs.close();
    return this.helper.terminate();
  }

  /** The label-noise scan shared with the helper (noisePhases). */
  private scanNoise(scan: NoiseScan): void {
    const counters = phaseCounters(2);
    this.post({ kind: 'noise', scan, counters } satisfies HelperMessage);
    this.share(counters, () => noisePhases(scan, counters, 0));
  }

  /**
   * core's surfaceNet, as two slabs (one per thread), joined by both; `vol`'s labels are shared (sharedLabels). The
   * labels padded for the WebAssembly rows, where they were, are returned for the smoothing to find the curves in, for
   * the caller to free.
   */
  private sweep(vol: LabelVolume, alloc: ArrayAlloc): { net: SurfaceNet; padded: Int32Array | null } {
    const split = balancedSplit(vol);
    if (split < 0) return { net: surfaceNet(vol, alloc), padded: null };
    const padded = paddedForKernel(vol, alloc, false);
    const job: SweepJob = {
      kind: 'sweep',
      vol,
      split,
      arrays: [
        slabArrays(alloc, totalCapacity(vol), vol, padded),
        slabArrays(alloc, defaultCapacity(vol), vol, padded),
      ],
      counters: phaseCounters(2),
    };
    this.post(job satisfies HelperMessage);
    const slabs: (NetSlab | undefined)[] = [];
    this.share(job.counters, () => sweepPhases(job, (c, slab) => (slabs[c] = slab), 0));
    // The helper's chunks, in the order it did them (increasing).
    for (let c = 0; c < 2; c++) slabs[c] ??= withOwnArrays(this.receiveSlab(c), job.arrays[c]);
    this.keep(...(slabs as NetSlab[]));
    const join = prepareJoin(slabs[0]!, slabs[1]!, alloc);
    const counters = phaseCounters(1);
    const chunk = this.chunk * JOIN_CHUNK_FACTOR;
    this.post({ kind: 'join', job: join, counters, chunk } satisfies HelperMessage);
    this.share(counters, () => joinPhases(join, counters, chunk));
    const net = finishJoin(join);
    // The upper slab's arrays (joined into the lower one).
    const upper = job.arrays[1];
    alloc.free?.([upper.positions, upper.cells, upper.links, upper.quads]);
    return { net, padded };
  }

  /** The helper posts a slab before counting its chunk done, so it is there; a short wait covers the hand-over. */
  private receiveSlab(chunk: number): NetSlab {
    const pause = new Int32Array(1);
    for (let waited = 0; waited < 1000; waited++) {
      const got = receiveMessageOnPort(this.slabs) as { message: SlabMessage } | undefined;
      if (got) {
        if (got.message.chunk !== chunk)
          throw new Error(`the meshing helper sent slab ${got.message.chunk}, not ${chunk}`);
        return got.message.slab;
      }
      Atomics.wait(pause, 0, 0, 1);
    }
    throw new Error(`the meshing helper did not send its slab ${chunk}`);
  }

  /**
   * Subdivision (core/mesh/subdivide.ts) shared with the helper: planned, then placed, each in three phases;
   * planPrepared plans from a job prepared earlier.
   */
  private readonly subdivision: SubdivisionSteps & {
    planPrepared(job: SubdivisionJob, net: SurfaceNet, alloc: ArrayAlloc): SubdivisionPlan;
  } = {
    plan: (net: SurfaceNet, alloc: ArrayAlloc, last: boolean): SubdivisionPlan =>
      this.subdivision.planPrepared(prepareSubdivision(net, alloc, last), net, alloc),
    planPrepared: (job: SubdivisionJob, net: SurfaceNet, alloc: ArrayAlloc): SubdivisionPlan => {
      const counters = phaseCounters(3);
      const chunk = this.chunk;
      this.post({ kind: 'plan', job, counters, chunk } satisfies HelperMessage);
      this.share(counters, () => planPhases(job, counters, chunk, 0));
      return finishSubdivision(job, net, alloc);
    },
    place: (plan: SubdivisionPlan, coarse: Float32Array, smooth: boolean): void => {
      const job: PlacementJob = { plan, coarse, smooth };
      const counters = phaseCounters(3);
      const chunk = this.chunk;
      this.post({ kind: 'place', job, counters, chunk } satisfies HelperMessage);
      this.share(counters, () => placePhases(job, counters, chunk));
    },
  };

  /** Smoothing shared with the helper; `first`, this thread's own work, is done while the helper starts on it. */
  private smooth(job: SmoothingJob, settings: MeshSettings, first: () => void = () => {}): void {
    const counters = phaseCounters(2 + smoothingSteps(settings));
    const chunk = this.chunk;
    this.post({ kind: 'smooth', job, settings, counters, chunk } satisfies HelperMessage);
    this.share(counters, () => {
      first();
      return smoothPhases(job, settings, counters, chunk, 0);
    });
  }

  /**
   * Small regions' volumes (part of smoothing, skipped without it) given back on both threads while this thread plans
   * the assembly, which reads only the quads: the helper starts on the volumes, this thread plans and then takes the
   * volumes' chunks that are left. With `withFound`, the correction is the helper's, which tells what it corrects
   * before it moves anything (returned as `shared`, for the caller to wait on); else it is the helper's, or this
   * thread's when the helper has not started it yet, and done on return.
   */
  private planBesideCorrection<T>(
    vol: LabelVolume,
    net: SurfaceNet,
    settings: MeshSettings,
    plan: (vol: LabelVolume, net: SurfaceNet, alloc: ArrayAlloc, into?: QuadSides) => T,
    alloc: ArrayAlloc,
    withFound = false,
  ): { job: T; shared: CorrectionJob | null } {
    const shared = this.startCorrection(vol, net, settings, alloc, withFound);
    if (!shared) return { job: plan(vol, net, alloc), shared };
    let job: T | null = null;
    this.share(shared.counters, () => {
      job = plan(vol, net, alloc, shared.sides);
      Atomics.store(shared.ready, 0, 1);
      return correctionPhases(shared, !withFound);
    });
    return { job: job!, shared };
  }

  /**
   * The small-region correction posted to the helper, which tells what it corrects when `withFound`; null when there
   * is none (unsmoothed, or no small region).
   */
  private startCorrection(
    vol: LabelVolume,
    net: SurfaceNet,
    settings: MeshSettings,
    alloc: ArrayAlloc,
    withFound = false,
  ): CorrectionJob | null {
    const job = settings.smoothIterations > 0 ? smallRegions(net, alloc) : null;
    if (!job) return null;
    const shared: CorrectionJob = {
      job,
      counters: phaseCounters(2),
      sides: quadSidesSpace(net.quadCount, vol.maxLabel + 1, alloc),
      ready: new Int32Array(new SharedArrayBuffer(4)),
      found: withFound ? correctionFound(net.voxels.length) : undefined,
    };
    this.post({ kind: 'correct', ...shared } satisfies HelperMessage);
    return shared;
  }

  private assemble(job: AssemblyJob): void {
    const counters = phaseCounters(2);
    const chunk = this.chunk;
    this.post({ kind: 'assemble', job, counters, chunk } satisfies HelperMessage);
    this.share(counters, () => assemblePhases(job, counters, chunk, 0));
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
