/**
 * Two-thread meshing (main/workers/mesh-threads.ts + mesh-helper.ts, and the meshing worker that uses them) gives
 * bit for bit what core's single-threaded buildRegionMeshes gives; and core's range functions, split anywhere, give
 * what one pass gives. The helper and worker are bundled into a temporary folder first, as scripts/build-node.mjs
 * bundles them for the app.
 */
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invertAffine, mat4 } from '../../../../core/affine';
import type { LabelVolume } from '../../../../core/atlas/label-volume';
import { plainArrays, sharedArrays, WasmArena } from '../../../../core/mesh/arrays';
import {
  assembleRegions,
  finishAssembly,
  planAssembly,
  toWorldRange,
  writeRegionsRange,
} from '../../../../core/mesh/assemble';
import { encodeMeshSet } from '../../../../core/mesh/codec';
import { exportGlb, glbChunks, glbLayout } from '../../../../core/mesh/export-gltf';
import type { ExportRegionInfo } from '../../../../core/mesh/export-regions';
import type { Rgb } from '../../../../core/io/labels/types';
import { correctionReach, correctSmallRegionVolumes } from '../../../../core/mesh/small-regions';
import {
  curveFacesRange,
  linkDegreesRange,
  prepareSmoothing,
  smoothingSteps,
  smoothSurfaceNet,
  taubinStepRange,
} from '../../../../core/mesh/smooth';
import { aimAtFileVoxels, buildRegionMeshes, meshingGrid, withFileVoxels } from '../../../../core/mesh/pipeline';
import { finishJoin, joinQuadsRange, joinVerticesRange, prepareJoin } from '../../../../core/mesh/slab-join';
import { surfaceNet } from '../../../../core/mesh/surface-nets';
import { paddedLabels, slabArrays, sweepSlab, totalCapacity } from '../../../../core/mesh/sweep';
import {
  DEFAULT_MESH_SETTINGS,
  type MeshSettings,
  type RegionMeshSet,
  type SurfaceNet,
} from '../../../../core/mesh/types';
import { phaseCounters } from '../../../../main/workers/mesh-phases';
import {
  assembleWhileCorrecting,
  OVERLAP_STATE,
  type OverlapJob,
  overlapCounters,
  overlapStates,
} from '../../../../main/workers/assembly-while-correcting';
import type { MeshJob, MeshReply } from '../../../../main/workers/mesh-runner';
import {
  type MeshKernel,
  MeshThreads,
  type SlabMessage,
  type SweepJob,
  warmPages,
  withOwnArrays,
} from '../../../../main/workers/mesh-threads';
import { startWarmHelper } from '../../../../main/workers/helper-thread';
import { TwoThreadMesher } from '../../../../main/workers/two-thread-mesher';
import { doubled, randomVolume } from '../../../helpers/random-label-volume';

const LAS = [-2, 0, 0, 30, 0, 2, 0, -20, 0, 0, 2, -20, 0, 0, 0, 1];
const OBLIQUE = [0.9, 0.1, 0, -90, -0.1, 1.1, 0.05, -126, 0, 0.02, 1, -72, 0, 0, 0, 1];

/** Volumes with many regions, small ones (volume correction), mirrored and oblique affines, and none at all. */
const VOLUMES: [string, () => LabelVolume][] = [
  ['40 blob regions, identity', () => randomVolume([30, 26, 22], 40, 11, 0.3)],
  ['120 small regions, LAS 2 mm', () => randomVolume([24, 28, 20], 120, 5, 0.15, LAS)],
  ['7 large regions, oblique', () => randomVolume([33, 21, 27], 7, 99, 0.7, OBLIQUE)],
  ['300 regions, 64 × 72 × 60', () => randomVolume([64, 72, 60], 300, 23, 0.12)],
  ['one voxel', () => randomVolume([1, 1, 1], 1, 3)],
  ['sparse label values up to 2 000 000', () => sparseLabels(randomVolume([20, 18, 16], 6, 31, 0.4))],
  ['no labels', () => randomVolume([6, 5, 4], 0, 1)],
  ['copied from a 2 mm grid (meshed on it, subdivided)', () => doubled(randomVolume([20, 18, 17], 30, 41, 0.4))],
];
/**
 * Builds the 300-region volume (each build checked bit for bit against one thread) until the helper has taken a
 * chunk, at most ten times. The threads claim chunks as they go: on a loaded machine (CI runs test files side by side
 * on two cores) the helper can wake after this thread has claimed every chunk of a build, so it gets a few builds,
 * with a pause between them in which it can be scheduled. A helper that is held up never takes one.
 */
async function buildUntilHelperTakesAChunk(threads: MeshThreads, build: (run: number) => RegionMeshSet): Promise<void> {
  const before = threads.chunks.helper;
  const expected = encodeMeshSet(buildRegionMeshes(VOLUMES[3][1]()));
  for (let run = 0; run < 10 && threads.chunks.helper === before; run++) {
    if (run > 0) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(firstDifference(encodeMeshSet(build(run)), expected)).toBe(-1);
  }
}

const SETTINGS: [string, MeshSettings][] = [
  ['default smoothing', DEFAULT_MESH_SETTINGS],
  ['2 iterations', { ...DEFAULT_MESH_SETTINGS, smoothIterations: 2 }],
  ['no smoothing', { ...DEFAULT_MESH_SETTINGS, smoothIterations: 0 }],
  ['fine detail', { ...DEFAULT_MESH_SETTINGS, detail: 'fine' }],
];

/** Regions 1 and 2, boxes of 16 × 20 × 20 voxels 4 apart, and region 3, a 2×2×2 block inside region 1. */
function apart(): LabelVolume {
  const dims: [number, number, number] = [40, 24, 24];
  const labels = new Uint16Array(dims[0] * dims[1] * dims[2]);
  const box = (label: number, [x0, y0, z0]: number[], [x1, y1, z1]: number[]) => {
    for (let k = z0; k < z1; k++)
      for (let j = y0; j < y1; j++) for (let i = x0; i < x1; i++) labels[i + dims[0] * (j + dims[1] * k)] = label;
  };
  box(1, [2, 2, 2], [18, 22, 22]);
  box(2, [22, 2, 2], [38, 22, 22]);
  box(3, [8, 8, 8], [10, 10, 10]);
  const affine = mat4([1, 0, 0, -20, 0, 1, 0, -12, 0, 0, 1, -12, 0, 0, 0, 1]);
  return { dims, affine, inverse: invertAffine(affine), labels, maxLabel: 3, voxelVolume: 1 };
}

/** The volume's labels 1..n renumbered to far-apart values (per-label tables get large). */
function sparseLabels(vol: LabelVolume): LabelVolume {
  const values = [0, 1, 70_000, 300_000, 1_000_003, 1_500_000, 2_000_000];
  const labels = Uint32Array.from(vol.labels, (v) => values[v]);
  return { ...vol, labels, maxLabel: Math.max(...labels) };
}

/** Where two encoded mesh sets first differ (-1: identical, same length); cheaper than a deep equal of big arrays. */
function firstDifference(a: ArrayBuffer, b: ArrayBuffer): number {
  const x = new Uint8Array(a),
    y = new Uint8Array(b);
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) if (x[i] !== y[i]) return i;
  return x.length === y.length ? -1 : n;
}

describe('shared arena', () => {
  it('hands out zeroed, aligned, separate arrays in one WebAssembly memory, reused after reset', () => {
    const arena = new WasmArena();
    const a = arena.alloc.f32(100);
    const b = arena.alloc.u32(50);
    const c = arena.alloc.u8(3, true);
    expect(arena.alloc.memoryOf!([a, b, c])).toBeInstanceOf(WebAssembly.Memory);
    expect(a.buffer).toBeInstanceOf(SharedArrayBuffer);
    for (const [x, y] of [
      [a, b],
      [b, c],
    ]) {
      // 16-byte aligned, and at least 16 bytes between one array's end and the next one's start.
      expect(y.byteOffset % 16).toBe(0);
      expect(y.byteOffset - (x.byteOffset + x.byteLength)).toBeGreaterThanOrEqual(16);
    }
    a.fill(7);
    b.fill(9);
    arena.reset();
    // The same requests again get the same places; the memory is handed out in order.
    const a2 = arena.alloc.f32(100);
    const s2 = arena.alloc.u32(50, true); // scratch: handed out as it was
    const b2 = arena.alloc.u32(80);
    expect(a2.byteOffset).toBe(a.byteOffset);
    expect(Array.from(a2).every((x) => x === 0)).toBe(true);
    expect(s2.byteOffset).toBe(b.byteOffset);
    expect(s2[0]).toBe(9);
    expect(Array.from(b2).every((x) => x === 0)).toBe(true);
    // A plain array is not in the memory.
    expect(arena.alloc.memoryOf!([a2, new Float32Array(4)])).toBeNull();
    // Growing past the first page keeps earlier arrays valid.
    const big = arena.alloc.f64(100_000);
    a2[0] = 5;
    expect(big.length).toBe(100_000);
    expect(a2[0]).toBe(5);
    expect(arena.alloc.memoryOf!([a2, big])).toBe(arena.alloc.memoryOf!([a2]));
    expect(arena.bytes).toBeGreaterThanOrEqual(800_000);
    arena.release();
    expect(arena.bytes).toBe(0);
    expect(arena.alloc.memoryOf!([a2])).toBeNull();
  });

  it('zeroes what earlier arrays wrote, also under an array that runs past them into fresh memory', () => {
    const arena = new WasmArena();
    const a = arena.alloc.u8(1001, true);
    const b = arena.alloc.f32(333, true);
    a.fill(0xff);
    b.fill(-1); // b's place ends at byte 2352
    arena.reset();
    // Over a, b and fresh memory beyond.
    const wide = arena.alloc.f64(1000);
    expect(wide.byteOffset).toBe(a.byteOffset);
    expect(wide.every((x) => x === 0)).toBe(true);
    wide.fill(2);
    arena.alloc.free!([wide]);
    const again = arena.alloc.i16(5000);
    expect(again.every((x) => x === 0)).toBe(true);
    expect(arena.alloc.u32(10).every((x) => x === 0)).toBe(true);
  });

  it('hands the places of freed arrays out again, lowest first, merged with their neighbours', () => {
    const arena = new WasmArena();
    const [a, b, c, d] = [arena.alloc.u8(1000), arena.alloc.u8(1000), arena.alloc.u8(1000), arena.alloc.u8(100)];
    const used = arena.inUse;
    // A subarray from an array's start frees the whole array; a plain array, or one already freed, is ignored.
    arena.alloc.free!([b.subarray(0, 10), new Uint8Array(64)]);
    arena.alloc.free!([b]);
    expect(arena.inUse).toBe(used - 1024); // 1000 bytes and at least 16 after them, in 16-byte steps
    // a and c around it: one place of three arrays, the first to be handed out again, zeroed.
    a.fill(1);
    c.fill(3);
    arena.alloc.free!([c, a]);
    const e = arena.alloc.u8(2900);
    expect(e.byteOffset).toBe(a.byteOffset);
    expect(e.every((x) => x === 0)).toBe(true);
    expect(e.byteOffset + e.byteLength + 16).toBeLessThanOrEqual(d.byteOffset);
    // What does not fit in a hole comes after the last array; freeing the last lowers the top.
    const f = arena.alloc.u8(200);
    expect(f.byteOffset).toBeGreaterThan(d.byteOffset);
    arena.alloc.free!([f, d]);
    // d's place merged with what e left of the hole below it: the next array comes right after e.
    expect(arena.alloc.u8(50).byteOffset).toBe(e.byteOffset + 2928);
    expect(arena.alloc.memoryOf!([e, d])).toBeInstanceOf(WebAssembly.Memory);
    arena.reset();
    expect(arena.inUse).toBe(0);
    expect(arena.alloc.u8(10).byteOffset).toBe(a.byteOffset);
  });
});

describe('touching pages ahead (warmPages)', () => {
  it('touches every page up to its bytes, leaving their contents as they are, and stops when told', () => {
    const memory = new WebAssembly.Memory({ initial: 4, maximum: 16, shared: true });
    const words = new Int32Array(memory.buffer);
    words.forEach((_, i) => (words[i] = i * 7));
    const stop = new Int32Array(new SharedArrayBuffer(4));
    // 4 pages of 64 KiB: 64 pages of 4 KB, of which the first 40.
    expect(warmPages({ kind: 'warm', memory, bytes: 40 * 4096, stop })).toBe(40);
    expect(words.every((w, i) => w === i * 7)).toBe(true);
    Atomics.store(stop, 0, 1);
    expect(warmPages({ kind: 'warm', memory, bytes: 64 * 4096, stop })).toBe(0);
  });
});

describe('slabs the helper sends back', () => {
  it('are taken back onto our own arrays (else the arena would not know them), except arrays the helper grew', () => {
    const vol = randomVolume([20, 18, 16], 6, 31, 0.4);
    const arena = new WasmArena();
    const own = slabArrays(arena.alloc, totalCapacity(vol), vol, paddedLabels(vol, arena.alloc));
    const slab = sweepSlab(vol, -1, vol.dims[2], sharedArrays, own);
    // What the helper's postMessage delivers: views on new buffer objects over the same memory.
    const posted = structuredClone(slab);
    expect(arena.alloc.memoryOf!([posted.positions])).toBeNull();
    const back = withOwnArrays(posted, own);
    expect(arena.alloc.memoryOf!([back.positions, back.cells, back.links, back.quads, back.voxels])).toBeInstanceOf(
      WebAssembly.Memory,
    );
    expect(back.nv).toBe(slab.nv);
    // A slab whose positions grew keeps them.
    const grown = { ...posted, positions: new Float32Array(own.positions.length * 2) };
    expect(withOwnArrays(grown, own).positions).toBe(grown.positions);
  });
});

describe('meshing ranges (core)', () => {
  it('smooths and assembles split into uneven pieces exactly as in one pass', () => {
    // Volumes meshed on their own grid (a copied one goes through subdivision, tested on two threads below).
    for (const [, make] of VOLUMES.filter(([, make]) => !meshingGrid(make(), DEFAULT_MESH_SETTINGS)?.native)) {
      const expected = encodeMeshSet(buildRegionMeshes(make()));
      const grid = meshingGrid(make(), DEFAULT_MESH_SETTINGS);
      const vol = grid?.volume ?? make();
      const net = surfaceNet(vol);
      const job = prepareSmoothing(net, plainArrays, 0, false, vol);
      const cuts = (n: number) =>
        [0, Math.floor(n / 3), Math.floor(n / 3) + 1, n].filter((c, i, a) => c <= n && (i === 0 || c >= a[i - 1]));
      const pieces = (n: number, fn: (from: number, to: number) => void) => {
        const c = cuts(n);
        // Later pieces first: the order of pieces within a step must not matter.
        for (let i = c.length - 2; i >= 0; i--) fn(c[i], c[i + 1]);
      };
      pieces(job.n, (a, b) => curveFacesRange(job, a, b));
      pieces(job.n, (a, b) => linkDegreesRange(job, a, b));
      for (let step = 0; step < smoothingSteps(DEFAULT_MESH_SETTINGS); step++)
        pieces(job.n, (a, b) => taubinStepRange(job, step, DEFAULT_MESH_SETTINGS, a, b));
      const fileVoxels = grid ? aimAtFileVoxels(grid, net) : null;
      correctSmallRegionVolumes(net);
      const asm = planAssembly(vol, net, plainArrays);
      pieces(asm.nNet, (a, b) => toWorldRange(asm, a, b));
      // Regions in pieces, each piece with its own scratch (as each thread has).
      pieces(asm.regionCount, (a, b) => writeRegionsRange(asm, a, b, new Uint32Array(asm.nNet)));
      const set = finishAssembly(asm, net);
      expect(firstDifference(encodeMeshSet(fileVoxels ? withFileVoxels(set, fileVoxels) : set), expected)).toBe(-1);
    }
  });

  it('finds a region written with the wrong number of vertices', () => {
    const vol = randomVolume([10, 9, 8], 3, 4);
    const net = surfaceNet(vol);
    smoothSurfaceNet(net, DEFAULT_MESH_SETTINGS);
    correctSmallRegionVolumes(net);
    net.vertexUses[1]++;
    expect(() => assembleRegions(vol, net)).toThrow(/region 1: \d+ vertices written, \d+ expected/);
  });
});

describe('assembling while the helper corrects (assembly-while-correcting.ts), on this thread alone', () => {
  /** Boxes side by side along x, each 3 voxels wide: labels 1, 2, 3, each touching only the next. */
  const row = (): LabelVolume => {
    const dims: [number, number, number] = [13, 7, 7];
    const labels = new Uint16Array(dims[0] * dims[1] * dims[2]);
    for (let k = 2; k < 5; k++)
      for (let j = 2; j < 5; j++)
        for (let i = 2; i < 11; i++) labels[i + dims[0] * (j + dims[1] * k)] = 1 + (((i - 2) / 3) | 0);
    const affine = mat4([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]);
    return { dims, affine, inverse: invertAffine(affine), labels, maxLabel: 3, voxelVolume: 1 };
  };
  const overlapOf = (vol: LabelVolume, off: number[]) => {
    const net = surfaceNet(vol);
    smoothSurfaceNet(net, DEFAULT_MESH_SETTINGS);
    const assembly = planAssembly(vol, net, sharedArrays);
    const job: OverlapJob = {
      assembly,
      net,
      found: { state: new Int32Array(new SharedArrayBuffer(4)), off: Uint8Array.from(off) },
      marks: new Uint8Array(new SharedArrayBuffer(assembly.nNet)),
      reached: new Uint8Array(new SharedArrayBuffer(assembly.labelCount)),
      order: new Int32Array(new SharedArrayBuffer(4 * assembly.regionCount)),
      chunk: 16,
      correction: phaseCounters(2),
      counters: overlapCounters(),
      states: overlapStates(),
    };
    return { net, job };
  };
  const oneThread = (vol: LabelVolume) => encodeMeshSet(assembleRegions(vol, surfaceNetSmoothed(vol)));
  const surfaceNetSmoothed = (vol: LabelVolume) => {
    const net = surfaceNet(vol);
    smoothSurfaceNet(net, DEFAULT_MESH_SETTINGS);
    return net;
  };

  it('writes every region itself when the correction moves nothing, the same set as one pass', () => {
    const { net, job } = overlapOf(apart(), [0, 0, 0, 0]);
    expect(assembleWhileCorrecting(job, false)).toBe(3);
    expect(firstDifference(encodeMeshSet(finishAssembly(job.assembly, net)), oneThread(apart()))).toBe(-1);
  });

  it('marks what the correction reaches, writes the rest first, and the set is the same as one pass', () => {
    // Label 1 corrected: label 2 shares its face, label 3 touches only label 2.
    const { net, job } = overlapOf(row(), [0, 1, 0, 0]);
    expect(correctionReachOf(net, job.found.off)).toEqual([0, 1, 1, 0]);
    // The helper's part done (it moved nothing here): the reached regions may be written at once.
    Atomics.store(job.states, OVERLAP_STATE.markedWorld, 1);
    expect(assembleWhileCorrecting(job, true)).toBe(1);
    expect(Array.from(job.reached)).toEqual([0, 1, 1, 0]);
    // Label 3 first, then 1 and 2: label 2 after label 3, whose face it shares, with the scratch cleared between.
    expect(Array.from(job.order)).toEqual([2, 0, 1]);
    expect(firstDifference(encodeMeshSet(finishAssembly(job.assembly, net)), oneThread(row()))).toBe(-1);
  });

  it('writes the regions the correction cannot move, then stops with an error when the correction fails', () => {
    const { job } = overlapOf(row(), [0, 1, 0, 0]);
    // The helper failed while it corrected: flagged in the correction's counters.
    Atomics.store(job.correction, 0, 1);
    expect(() => assembleWhileCorrecting(job, true)).toThrow(/other meshing thread failed/);
    // Label 3's region (the only one the correction cannot reach) was written before it stopped; label 1's was not.
    const { plan, results } = job.assembly;
    expect(results[2 * 5 + 4]).toBe(plan[2 * 5 + 3] + plan[2 * 5 + 4]);
    expect(results[0 * 5 + 4]).toBe(0);
  });
});

/** core's correctionReach on one thread: the labels it reaches. */
function correctionReachOf(net: SurfaceNet, off: Uint8Array): number[] {
  const labels = new Uint8Array(off.length);
  correctionReach(net, off, new Uint8Array(net.positions.length / 3), labels);
  return Array.from(labels);
}

describe('meshing on two threads', () => {
  let dir = '';
  let threads: MeshThreads;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bas-mesh-threads-'));
    const cjs = {
      bundle: true,
      platform: 'node' as const,
      format: 'cjs' as const,
      logLevel: 'warning' as const,
      define: { 'import.meta.url': '__importMetaUrl' },
      banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
    };
    await build({ ...cjs, entryPoints: ['main/workers/mesh-helper.ts'], outfile: join(dir, 'mesh-helper.cjs') });
    await build({ ...cjs, entryPoints: ['main/workers/mesh-worker.ts'], outfile: join(dir, 'mesh-worker.cjs') });
    // Small chunks, so the helper gets a share of even these small volumes.
    threads = MeshThreads.start(join(dir, 'mesh-helper.cjs'), { chunkVertices: 16 });
  });

  afterAll(async () => {
    await threads?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const [name, make] of VOLUMES) {
    for (const [sname, settings] of SETTINGS) {
      it(`gives the single-threaded result bit for bit: ${name}, ${sname}`, () => {
        const expected = encodeMeshSet(buildRegionMeshes(make(), settings));
        const got = threads.buildRegionMeshes(make(), settings);
        expect(threads.usable).toBe(true);
        expect(got.regions.length).toBeGreaterThanOrEqual(Math.min(1, make().maxLabel));
        expect(firstDifference(encodeMeshSet(got), expected)).toBe(-1);
        // In an arena, as the worker and the command line mesh: arrays freed on the way are handed out again.
        const arena = new WasmArena();
        const inArena = threads.buildRegionMeshes(make(), settings, arena.alloc);
        expect(firstDifference(encodeMeshSet(inArena), expected)).toBe(-1);
      });
    }
  }

  it('reuses its arena from job to job (bigger, smaller, other volumes) with the same results', () => {
    // Smoothing runs as WebAssembly in the arena's memory and as JavaScript in buildRegionMeshes: the same bits.
    const arena = new WasmArena();
    let firstOffset = -1,
      bytesAfterFirst = 0;
    for (const i of [4, 1, 0, 2, 0, 5, 3]) {
      const [, make] = VOLUMES[i];
      arena.reset();
      const got = threads.buildRegionMeshes(make(), DEFAULT_MESH_SETTINGS, arena.alloc);
      expect(arena.alloc.memoryOf!([got.positions, got.indices])).toBeInstanceOf(WebAssembly.Memory);
      // Whichever thread swept the lower slab, smoothing and assembly find their arrays in the memory.
      expect(threads.lastInWasm).toEqual({ sweep: true, smooth: make().maxLabel > 0, assemble: true });
      expect(firstDifference(encodeMeshSet(got), encodeMeshSet(buildRegionMeshes(make())))).toBe(-1);
      if (i === 0) {
        // The same volume again gets the same place in the same memory.
        if (firstOffset >= 0) {
          expect(got.positions.byteOffset).toBe(firstOffset);
          expect(arena.bytes).toBe(bytesAfterFirst);
        }
        firstOffset = got.positions.byteOffset;
        bytesAfterFirst = arena.bytes;
      }
    }
    expect(arena.bytes).toBeGreaterThan(0);
    // The last job's objects are kept (their optimised code stays) until the arena is given back.
    expect(threads.keptObjects).toBeGreaterThan(0);
    threads.forgetJobs();
    expect(threads.keptObjects).toBe(0);
    arena.release();
    expect(arena.bytes).toBe(0);
  });

  it('leaves out the WebAssembly kernels it is told to (bench:mesh), with the same results', async () => {
    const arena = new WasmArena();
    const cases: MeshKernel[][] = [['sweep'], ['taubin', 'assembly'], ['sweep', 'taubin', 'assembly']];
    for (const withoutWasm of cases) {
      const own = MeshThreads.start(join(dir, 'mesh-helper.cjs'), { chunkVertices: 16, withoutWasm });
      try {
        for (const i of [0, 3]) {
          const [, make] = VOLUMES[i];
          arena.reset();
          const got = own.buildRegionMeshes(make(), DEFAULT_MESH_SETTINGS, arena.alloc);
          expect(own.lastInWasm).toEqual({
            sweep: !withoutWasm.includes('sweep'),
            smooth: !withoutWasm.includes('taubin'),
            assemble: !withoutWasm.includes('assembly'),
          });
          expect(firstDifference(encodeMeshSet(got), encodeMeshSet(buildRegionMeshes(make())))).toBe(-1);
        }
      } finally {
        await own.close();
      }
    }
  });

  it('meshes the same after the helper has touched the memory ahead, and still takes its share', async () => {
    const started = startWarmHelper(join(dir, 'mesh-helper.cjs'), 1 << 22);
    await new Promise((resolve) => started.helper.worker.once('online', resolve));
    const memory = started.arena.reserve(0)!;
    expect(memory.buffer.byteLength).toBeGreaterThanOrEqual(1 << 22);
    const own = MeshThreads.adopt(started.helper, started.warming, { chunkVertices: 16 });
    try {
      const before = own.chunks.helper;
      const [, make] = VOLUMES[3];
      await buildUntilHelperTakesAChunk(own, (run) => {
        if (run > 0) started.arena.reset();
        return own.buildRegionMeshes(make(), DEFAULT_MESH_SETTINGS, started.arena.alloc);
      });
      expect(own.chunks.helper).toBeGreaterThan(before);
    } finally {
      await own.close();
    }
  });

  it('writes regions one at a time on the helper, ahead of the file writer: the same file as from the whole set', () => {
    const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));
    // Each chunk taken as it comes, as a file writer does.
    const joined = (chunks: Iterable<Uint8Array>) => Buffer.concat(Array.from(chunks, (c) => c.slice()));
    for (const i of [0, 1, 3, 5, 7]) {
      for (const settings of [DEFAULT_MESH_SETTINGS, { ...DEFAULT_MESH_SETTINGS, detail: 'fine' as const }]) {
        const [name, make] = VOLUMES[i];
        const set = buildRegionMeshes(make(), settings);
        const info = set.regions.map((r) => ({ value: r.value, name: `r${r.value}`, color: [9, 9, 9] as Rgb }));
        const arena = new WasmArena();
        const stream = threads.buildRegionStream(make(), settings, arena.alloc);
        expect(threads.lastInWasm.assemble, name).toBe(true);
        expect(same(joined(glbChunks(stream, info)), exportGlb(set, info)), name).toBe(true);
        // Some regions only: those the helper wrote in between are let go unread.
        const some = { regions: set.regions.filter((_, k) => k % 7 === 3 || k === 0).map((r) => r.value) };
        arena.reset();
        const again = threads.buildRegionStream(make(), settings, arena.alloc);
        expect(same(joined(glbChunks(again, info, some)), exportGlb(set, info, some)), name).toBe(true);
      }
    }
  });

  it('assembles the regions the correction cannot move while it runs: the same set as one thread', async () => {
    // Two large regions apart, a 2×2×2 block inside the first: only the second uses no vertex the correction moves.
    // The block's sides are too few a share for the default to overlap; these threads overlap any correction.
    const overlapping = MeshThreads.start(join(dir, 'mesh-helper.cjs'), { chunkVertices: 16, overlapMinShare: 0 });
    try {
      for (const settings of [DEFAULT_MESH_SETTINGS, { ...DEFAULT_MESH_SETTINGS, detail: 'fine' as const }]) {
        const expected = encodeMeshSet(buildRegionMeshes(apart(), settings));
        const got = overlapping.buildRegionMeshes(apart(), settings, new WasmArena().alloc);
        expect(firstDifference(encodeMeshSet(got), expected)).toBe(-1);
        expect(overlapping.lastAssembly).toEqual({ regions: 3, beforeCorrection: 1 });
        // With the default share, the short correction is waited for and every region written after it.
        expect(firstDifference(encodeMeshSet(threads.buildRegionMeshes(apart(), settings)), expected)).toBe(-1);
        expect(threads.lastAssembly).toEqual({ regions: 3, beforeCorrection: 3 });
      }
      // And random volumes, whose regions are all small: the correction reaches most of them.
      for (const [name, make] of VOLUMES)
        for (const [sname, settings] of SETTINGS) {
          const expected = encodeMeshSet(buildRegionMeshes(make(), settings));
          const got = encodeMeshSet(overlapping.buildRegionMeshes(make(), settings, new WasmArena().alloc));
          expect(firstDifference(got, expected), `${name}, ${sname}`).toBe(-1);
        }
    } finally {
      await overlapping.close();
    }
    // Without smoothing there is no correction: every region is written by both threads at once.
    const raw = { ...DEFAULT_MESH_SETTINGS, smoothIterations: 0 };
    expect(
      firstDifference(
        encodeMeshSet(threads.buildRegionMeshes(apart(), raw)),
        encodeMeshSet(buildRegionMeshes(apart(), raw)),
      ),
    ).toBe(-1);
    expect(threads.lastAssembly).toEqual({ regions: 3, beforeCorrection: 3 });
    expect(threads.usable).toBe(true);
  });

  it('writes a .glb from both threads at once, while the correction runs too: the same file as from the whole set', () => {
    const file = join(dir, 'both.glb');
    const written = (
      make: () => LabelVolume,
      settings: MeshSettings,
      info: ExportRegionInfo[],
      opts: { regions?: number[] } = {},
    ) => {
      const fd = openSync(file, 'w');
      try {
        threads.writeGlb(make(), settings, (regions) => glbLayout(regions, info, opts), fd, new WasmArena().alloc);
      } finally {
        closeSync(fd);
      }
      return readFileSync(file);
    };
    const cases: [string, () => LabelVolume][] = [...[0, 1, 3, 5, 6, 7].map((i) => VOLUMES[i]), ['apart', apart]];
    for (const [name, make] of cases) {
      for (const [label, settings] of SETTINGS) {
        const set = buildRegionMeshes(make(), settings);
        const info = set.regions.map((r) => ({ value: r.value, name: `r${r.value}`, color: [9, 9, 9] as Rgb }));
        if (set.regions.length === 0) {
          // The user's error, as exportGlb gives it; the threads stay usable (the next volume is written by both).
          expect(() => written(make, settings, info)).toThrow(/no region meshes to export/);
          expect(threads.usable).toBe(true);
          continue;
        }
        expect(written(make, settings, info).equals(Buffer.from(exportGlb(set, info))), `${name}, ${label}`).toBe(true);
        const { parts, beforeCorrection } = threads.lastGlb!;
        expect(parts).toBe(set.regions.filter((r) => r.indexCount > 0).length);
        // Without smoothing there is no correction: every region is written at once.
        if (settings.smoothIterations === 0) expect(beforeCorrection).toBe(parts);
        if (set.regions.length < 8) continue;
        const some = { regions: set.regions.filter((_, k) => k % 7 === 3 || k === 0).map((r) => r.value) };
        const subset = written(make, settings, info, some);
        expect(subset.equals(Buffer.from(exportGlb(set, info, some))), `${name}, ${label}, some`).toBe(true);
      }
    }
    // Two large regions apart, a 2×2×2 block inside the first: only the second uses no vertex the correction
    // moves (the random volumes' regions are all small, or touch one).
    for (const settings of [DEFAULT_MESH_SETTINGS, { ...DEFAULT_MESH_SETTINGS, detail: 'fine' as const }]) {
      const info = [1, 2, 3].map((value) => ({ value, name: `r${value}`, color: [9, 9, 9] as Rgb }));
      const whole = exportGlb(buildRegionMeshes(apart(), settings), info);
      expect(written(apart, settings, info).equals(Buffer.from(whole))).toBe(true);
      expect(threads.lastGlb).toEqual({ parts: 3, beforeCorrection: 1 });
    }
  });

  it('writes the same .glb through TwoThreadMesher with its helper, and on one thread where it has none', async () => {
    const file = join(dir, 'mesher.glb');
    const [, make] = VOLUMES[1];
    const settings: MeshSettings = { ...DEFAULT_MESH_SETTINGS, detail: 'fine' };
    const set = buildRegionMeshes(make(), settings);
    const info = set.regions.map((r) => ({ value: r.value, name: `r${r.value}`, color: [1, 2, 3] as Rgb }));
    const some = { regions: set.regions.filter((_, k) => k % 5 === 1).map((r) => r.value) };
    for (const helper of [join(dir, 'mesh-helper.cjs'), null]) {
      const mesher = new TwoThreadMesher(helper);
      try {
        for (const opts of [{}, some]) {
          const fd = openSync(file, 'w');
          try {
            const layout = mesher.writeGlb(make(), settings, (regions) => glbLayout(regions, info, opts), fd);
            expect(layout.parts.length).toBe(opts === some ? some.regions.length : set.regions.length);
          } finally {
            closeSync(fd);
          }
          expect(readFileSync(file).equals(Buffer.from(exportGlb(set, info, opts))), String(helper)).toBe(true);
        }
      } finally {
        await mesher.close();
      }
    }
  });

  it('takes over a helper started ahead with its arena, whose pages it touches until the job starts', async () => {
    const [, make] = VOLUMES[0];
    const settings: MeshSettings = { ...DEFAULT_MESH_SETTINGS, detail: 'fine' };
    const expected = Buffer.from(encodeMeshSet(buildRegionMeshes(make(), settings)));
    const started = startWarmHelper(join(dir, 'mesh-helper.cjs'), 64 * 2 ** 20);
    expect(started.warming).not.toBeNull();
    const memory = started.arena.reserve(0) as WebAssembly.Memory;
    expect(memory.buffer.byteLength).toBeGreaterThanOrEqual(64 * 2 ** 20);
    // The helper is touching pages: its stop flag is still clear until the mesher's first job sets it.
    expect(Atomics.load(started.warming as Int32Array, 0)).toBe(0);
    const mesher = new TwoThreadMesher(join(dir, 'mesh-helper.cjs'), started);
    try {
      const set = mesher.mesh(make(), settings);
      expect(Atomics.load(started.warming as Int32Array, 0)).toBe(1);
      expect(Buffer.from(encodeMeshSet(set)).equals(expected)).toBe(true);
      // The result's arrays are the started arena's, in its memory (the memory the helper touched).
      expect(started.arena.alloc.memoryOf?.([set.positions, set.indices])).toBe(memory);
    } finally {
      await mesher.close();
    }
  });

  it('does not take a helper started ahead that failed before it was taken over: a new one meshes', async () => {
    const broken = join(dir, 'broken-helper.cjs');
    writeFileSync(broken, "throw new Error('broken helper');\n");
    const started = startWarmHelper(broken, 2 ** 20);
    for (let waited = 0; !started.helper.failure && waited < 200; waited++) await new Promise((r) => setTimeout(r, 25));
    expect(started.helper.failure?.message).toMatch(/broken helper/);
    expect(MeshThreads.adopt(started.helper, started.warming).usable).toBe(false);
    const [, make] = VOLUMES[0];
    const expected = Buffer.from(encodeMeshSet(buildRegionMeshes(make(), DEFAULT_MESH_SETTINGS)));
    const mesher = new TwoThreadMesher(join(dir, 'mesh-helper.cjs'), started);
    try {
      expect(Buffer.from(encodeMeshSet(mesher.mesh(make(), DEFAULT_MESH_SETTINGS))).equals(expected)).toBe(true);
      // A helper started anew from the script took the failed one's place.
      expect((mesher as unknown as { threads: MeshThreads }).threads.usable).toBe(true);
    } finally {
      await mesher.close();
    }
  });

  it('refuses a region asked for after a later one, and a writer that stops early does not hold the helper up', async () => {
    // 300 regions, far more than the helper's slots: it waits for the writer to let one go.
    const stream = threads.buildRegionStream(VOLUMES[3][1](), DEFAULT_MESH_SETTINGS);
    stream.mesh(stream.regions[5]);
    expect(() => stream.mesh(stream.regions[2])).toThrow(/asked for after a later one/);
    // The next job tells the helper to stop writing ahead, and it goes on to take its share of the jobs after.
    const before = threads.chunks.helper;
    await buildUntilHelperTakesAChunk(threads, () => threads.buildRegionMeshes(VOLUMES[3][1](), DEFAULT_MESH_SETTINGS));
    expect(threads.chunks.helper).toBeGreaterThan(before);
  });

  it('had the helper do part of the work checked above (else those checks proved nothing about it)', () => {
    expect(threads.chunks.helper).toBeGreaterThan(0);
    expect(threads.chunks.helper).toBeLessThan(threads.chunks.total);
  });

  it('the meshing worker answers jobs in turn with the single-threaded result, on two threads', async () => {
    const worker = new Worker(join(dir, 'mesh-worker.cjs'));
    try {
      const replies: MeshReply[] = [];
      const done = new Promise<void>((resolve, reject) => {
        worker.on('message', (m: MeshReply) => {
          replies.push(m);
          if (replies.length === 2) resolve();
        });
        worker.on('error', reject);
      });
      const vols = [VOLUMES[0][1](), VOLUMES[1][1]()];
      vols.forEach((v, i) => {
        const job: MeshJob = {
          id: 7 + i,
          dims: v.dims,
          affine: Array.from(v.affine),
          labels: v.labels,
          maxLabel: v.maxLabel,
          voxelVolume: v.voxelVolume,
          settings: DEFAULT_MESH_SETTINGS,
        };
        worker.postMessage(job);
      });
      await done;
      expect(replies.map((r) => r.id)).toEqual([7, 8]);
      replies.forEach((r, i) => {
        if (!r.ok) throw new Error(r.message);
        expect(firstDifference(r.buf, encodeMeshSet(buildRegionMeshes(vols[i])))).toBe(-1);
      });
    } finally {
      await worker.terminate();
    }
  });

  it('the helper sweeps either slab into the shared arrays it is given (grown when too small) and the slabs join into the net', async () => {
    const { port1, port2 } = new MessageChannel();
    const helper = new Worker(join(dir, 'mesh-helper.cjs'), { workerData: { slabs: port2 }, transferList: [port2] });
    try {
      const vol = VOLUMES[3][1]();
      // Both chunks left to the helper: it sweeps the lower slab into room for the whole net, the upper one into
      // arrays far too small, which it must grow.
      // The padded labels left unwritten: the helper pads them too.
      const [nx, ny, nz] = vol.dims;
      const padded = sharedArrays.i32((nx + 2) * (ny + 2) * (nz + 2)).fill(-7);
      const arrays: SweepJob['arrays'] = [
        slabArrays(sharedArrays, totalCapacity(vol), vol, padded),
        slabArrays(sharedArrays, 64, vol, padded),
      ];
      const job: SweepJob = { kind: 'sweep', vol, split: 25, arrays, counters: phaseCounters(2) };
      helper.postMessage(job);
      // Phase 1's "done" counter (slot 1 + 2 × 1 + 1).
      await expect.poll(() => Atomics.load(job.counters, 4)).toBe(2);
      expect(Array.from(padded)).toEqual(Array.from(paddedLabels(vol)));
      const got = [
        receiveMessageOnPort(port1)?.message as SlabMessage,
        receiveMessageOnPort(port1)?.message as SlabMessage,
      ];
      expect(got.map((m) => m.chunk)).toEqual([0, 1]);
      // The lower slab is in our memory (written there by the helper); the upper one grew into new shared memory.
      const low = got[0].slab;
      expect(low.positions.length).toBe(arrays[0].positions.length);
      expect(low.nv).toBeGreaterThan(0);
      expect(Array.from(arrays[0].positions.subarray(0, low.nv * 3))).toEqual(
        Array.from(low.positions.subarray(0, low.nv * 3)),
      );
      expect(got[1].slab.positions.length).toBeGreaterThan(arrays[1].positions.length);
      expect(got[1].slab.positions.buffer).toBeInstanceOf(SharedArrayBuffer);
      expect(got[1].slab.ghost).toBeGreaterThan(0);
      const j = prepareJoin(got[0].slab, got[1].slab);
      joinVerticesRange(j, 0, j.upVertices);
      joinQuadsRange(j, 0, j.upQuads);
      const net = finishJoin(j);
      const whole = surfaceNet(vol);
      expect(Array.from(net.quads)).toEqual(Array.from(whole.quads));
      expect(Array.from(net.links)).toEqual(Array.from(whole.links));
      expect(Array.from(net.positions)).toEqual(Array.from(whole.positions));
      expect(Array.from(net.vertexUses)).toEqual(Array.from(whole.vertexUses));
    } finally {
      port1.close();
      await helper.terminate();
    }
  });

  it('refuses further jobs once its helper thread is gone, with a message that says so', async () => {
    const own = MeshThreads.start(join(dir, 'mesh-helper.cjs'));
    await own.close();
    expect(own.usable).toBe(false);
    expect(() => own.buildRegionMeshes(VOLUMES[0][1](), DEFAULT_MESH_SETTINGS)).toThrow(/meshing threads unusable/);
  });
});
