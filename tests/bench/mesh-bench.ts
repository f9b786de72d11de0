/**
 * `npm run bench:mesh`: region meshing of four large 1 mm atlases, printed as JSON (never a test, never gating CI).
 *
 * Per atlas (real files from BRAIN_ATLAS_PATH, default ../shared/atlases), after BENCH_WARMUP (2) warm-up runs (the
 * first reported as first_run): the median of BENCH_RUNS (3) runs of decode (read + gunzip + parse + label volume) and of each phase of
 * buildRegionMeshes (surfaceNet, smoothing = Taubin + small-region volume correction, assembleRegions; for a volume
 * copied from a coarser grid, native_grid says which: the net phase includes finding it and meshing on it, smoothing
 * includes the subdivision, core/mesh/pipeline.ts); triangle
 * and vertex counts; the high-water marks of rss and arrayBuffers
 * sampled after each phase; and quality (mesh-quality-report.ts): regions with holes, non-manifold edges, the
 * volume error against the voxels, and whether every pair of regions that touch in the volume shares boundary
 * vertices in the meshes.
 *
 * The same meshing on two threads (main/workers/mesh-threads.ts with a helper thread, dist/worker/mesh-helper.cjs:
 * the sweep in two slabs, smoothing and assembly shared, the small-region correction beside the assembly plan) and
 * through the app's own path (mesh-runner.ts's meshVolume: the session's meshing worker, which uses those two
 * threads, including the grid handed to it and the encoded result back; its first run is a fresh worker's), each
 * in a block of runs before the single-threaded block (whose garbage would disturb them), each last run checked bit
 * for bit against the single-threaded result. The two-thread runs use a WasmArena, as the worker does, so their
 * sweep rows, smoothing steps and regions run as WebAssembly (two_threads_in_webassembly says they all did); the
 * single-threaded runs use plain arrays: JavaScript, except smoothing, which copies into a memory of its own.
 * BENCH_NO_WASM=sweep,taubin,assembly (any of them) has the two-thread runs leave those kernels out, their phases run
 * as JavaScript on the same arrays: what each kernel earns is the difference against a run without it.
 *
 * Fine detail (`detail: 'fine'`): its two-thread and app-worker times (timed with the other two-thread blocks),
 * triangles and quality.
 *
 * End to end, timed in the same run (first, before this process has meshed anything), for AAL3 and Glasser 360:
 * `node dist/node/cli.js mesh ID --out X.glb` (wall time, a fresh mesh cache each time, though the command writes
 * none; fine detail, its default; and again with --detail standard) against
 * tests/bench/skimage_mesh.py (nibabel load + scikit-image marching cubes over
 * each region's bounding box, no smoothing, written to .npz), run with Debian's python3, the three in turn (a run of
 * each, BENCH_RUNS rounds). What is missing is skipped with a message in the JSON.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { gunzipSync } from 'node:zlib';
import { chooseVariant } from '../../core/catalog/lookup';
import { type LabelVolume, toLabelVolume } from '../../core/atlas/label-volume';
import { findNativeGrid } from '../../core/mesh/native-grid';
import { buildRegionMeshes, meshingGrid } from '../../core/mesh/pipeline';
import {
  DEFAULT_MESH_SETTINGS,
  type MeshSettings,
  type AssembledMeshSet,
  type SurfaceNet,
} from '../../core/mesh/types';
import { encodeMeshSet } from '../../core/mesh/codec';
import { decodeNifti } from '../../core/io/nifti/decode';
import { appRoot, catalogPath } from '../../main/services/app-paths';
import { locateFile, locationsFromEnv } from '../../main/services/atlas-locations';
import { loadCatalogFile } from '../../main/services/create-service';
import { meshVolume, stopMeshWorker } from '../../main/workers/mesh-runner';
import { type MeshKernel, type MeshPhaseTimes, MeshThreads } from '../../main/workers/mesh-threads';
import { meshQualityReport } from './mesh-quality-report';
import { triangleOtherSides } from '../../core/mesh/quality';
import { WasmArena } from '../../core/mesh/arrays';

/** The four judged atlases, or those BENCH_ATLASES lists (ids, comma-separated). */
const ATLASES = (process.env.BENCH_ATLASES ?? 'aal3,glasser-360,schaefer-1000-17,schaefer-400-7-tian-s2').split(',');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
/** Untimed runs first, per atlas: the JIT takes a few jobs to optimise everything on both threads. */
const WARMUP = Math.max(1, Number(process.env.BENCH_WARMUP ?? 2));
/** The atlases timed end to end, as the issue judges them. */
const E2E_ATLASES = ['aal3', 'glasser-360'].filter((id) => ATLASES.includes(id));
/** Kernels the two-thread runs leave out (BENCH_NO_WASM, see above). */
const NO_WASM = (process.env.BENCH_NO_WASM ?? '')
  .split(',')
  .filter((k): k is MeshKernel => k === 'sweep' || k === 'taubin' || k === 'assembly');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (v: number) => Math.round(v * 10) / 10;
const mb = (v: number) => Math.round((v / 2 ** 20) * 10) / 10;

// A garbage collector for clean baselines between runs (the npm script runs plain `node`).
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** High-water marks of rss and arrayBuffers, sampled where the caller asks (synchronous code cannot be interrupted). */
class Peak {
  rss = 0;
  arrayBuffers = 0;
  sample(): void {
    const m = process.memoryUsage();
    if (m.rss > this.rss) this.rss = m.rss;
    if (m.arrayBuffers > this.arrayBuffers) this.arrayBuffers = m.arrayBuffers;
  }
}

async function decode(path: string, name: string): Promise<LabelVolume> {
  const bytes = new Uint8Array(await readFile(path));
  return toLabelVolume(decodeNifti(bytes, { fileName: name, inflate: (gz) => gunzipSync(gz) }), name);
}

const sameBytes = (a: ArrayBuffer, b: ArrayBuffer) => Buffer.from(a).equals(Buffer.from(b));
/** Runs after the warm-up. */
const timed = (xs: number[]) => xs.slice(WARMUP);
const stats = (xs: number[]) => ({
  median: ms(median(timed(xs))),
  min: ms(Math.min(...timed(xs))),
  first_run: ms(xs[0]),
  runs: timed(xs).map(ms),
});

async function benchAtlas(
  id: string,
  catalog: Awaited<ReturnType<typeof loadCatalogFile>>,
  threads: MeshThreads | null,
  arena: WasmArena,
) {
  const atlas = catalog.atlases.find((a) => a.id === id);
  if (!atlas) return { atlas: id, skipped: 'not in the catalog' };
  const variant = chooseVariant(atlas, 1);
  const file = variant.files.find((f) => f.role === 'labels');
  if (!file) return { atlas: id, skipped: 'the 1 mm variant has no labels file' };
  const where = await locateFile(file, locationsFromEnv());
  if (!where)
    return {
      atlas: id,
      skipped: `${file.folder}/${file.name} not found on BRAIN_ATLAS_PATH (${process.env.BRAIN_ATLAS_PATH})`,
    };

  const times = {
    decode: [] as number[],
    surfaceNet: [] as number[],
    smoothSurfaceNet: [] as number[],
    assembleRegions: [] as number[],
    total: [] as number[],
    meshCpu: [] as number[],
  };
  let threadedIdentical: boolean | string = threads ? false : 'skipped: dist/worker/mesh-helper.cjs not built';
  let appIdentical: boolean | string = false;
  const helperBefore = threads?.chunks.helper ?? 0,
    totalBefore = threads?.chunks.total ?? 0;
  const peak = new Peak();
  let vol: LabelVolume | null = null;
  let set: AssembledMeshSet | null = null;
  // Each way of meshing runs as a block: WARMUP untimed runs (the first reported as first_run), then RUNS timed runs.
  // The two-thread and app blocks come first: the single-threaded runs leave hundreds of MB of garbage behind, whose
  // collection would otherwise fall into their runs (as it never does in the app's own worker).
  let standard: BlockTimes;
  let fine: BlockTimes;
  {
    const shared = await decode(where.path, file.name);
    standard = await timeBlocks(shared, DEFAULT_MESH_SETTINGS, threads, arena);
    fine = await timeBlocks(shared, FINE, threads, arena);
  }
  gc();
  const base = process.memoryUsage();
  let otherSides: Uint32Array = new Uint32Array(0);
  for (let r = 0; r < WARMUP + RUNS; r++) {
    vol = null;
    set = null;
    gc();
    const t0 = performance.now();
    vol = await decode(where.path, file.name);
    const t1 = performance.now();
    peak.sample();
    const cpu0 = process.cpuUsage();
    // The stages as buildRegionMeshes runs them (on a native grid: meshed there, then subdivided and smoothed).
    const at: Record<string, number> = {};
    let net: SurfaceNet | null = null;
    set = buildRegionMeshes(vol, DEFAULT_MESH_SETTINGS, (stage, n) => {
      at[stage] = performance.now();
      net = n;
      peak.sample();
    });
    const [t2, t3, t4] = [at.net, at.smoothed, at.assembled];
    const cpu = process.cpuUsage(cpu0);
    peak.sample();
    times.meshCpu.push((cpu.user + cpu.system) / 1000);
    times.decode.push(t1 - t0);
    times.surfaceNet.push(t2 - t1);
    times.smoothSurfaceNet.push(t3 - t2);
    times.assembleRegions.push(t4 - t3);
    times.total.push(t4 - t0);
    if (r === WARMUP + RUNS - 1 && net) otherSides = triangleOtherSides(net, set);
  }
  const fineReport = vol ? fineDetail(vol, fine) : null;
  if (set) {
    // The last run of each way, bit for bit the single-threaded result.
    const expected = encodeMeshSet(set);
    if (standard.last) threadedIdentical = sameBytes(expected, standard.last);
    if (standard.appLast) appIdentical = sameBytes(expected, standard.appLast);
  }
  if (!vol || !set || RUNS < 1) return { atlas: id, skipped: 'no timed runs (BENCH_RUNS=0)' };
  const meshTotals = times.surfaceNet.map((t, i) => t + times.smoothSurfaceNet[i] + times.assembleRegions[i]);
  return {
    atlas: id,
    variant: variant.id,
    file: file.name,
    dims: vol.dims,
    labels_max: vol.maxLabel,
    median_ms: {
      decode: ms(median(timed(times.decode))),
      surface_net: ms(median(timed(times.surfaceNet))),
      smooth: ms(median(timed(times.smoothSurfaceNet))),
      assemble: ms(median(timed(times.assembleRegions))),
      mesh_total: ms(median(timed(meshTotals))),
      decode_and_mesh: ms(median(timed(times.total))),
    },
    // The machine is shared: the fastest run is the least disturbed one. first_run is the first warm-up run (for
    // the first atlas, the JIT's cold start: what a fresh meshing worker pays); CPU time (this process, all
    // threads) is less sensitive to other load.
    mesh_total_ms: {
      min: ms(Math.min(...timed(meshTotals))),
      first_run: ms(times.surfaceNet[0] + times.smoothSurfaceNet[0] + times.assembleRegions[0]),
      cpu_min: ms(Math.min(...timed(times.meshCpu))),
    },
    decode_and_mesh_min_ms: ms(Math.min(...timed(times.total))),
    // The same meshing on two threads (its last run bit for bit the single-threaded result).
    two_threads_ms: threads
      ? {
          median: phaseMedians(standard),
          mesh_total: stats(standard.twoThreads),
        }
      : null,
    two_threads_identical: threadedIdentical,
    two_threads_in_webassembly: standard.inWasm,
    // Share of the smoothing and assembly chunks the helper thread took (the rest: the meshing thread), all runs.
    two_threads_helper_share: threads
      ? Math.round(((threads.chunks.helper - helperBefore) / Math.max(1, threads.chunks.total - totalBefore)) * 100) /
        100
      : null,
    // What the app waits for: meshVolume through the session's meshing worker (grid shared with it, encoded mesh
    // back). The first atlas's first run starts the worker.
    app_worker_ms: stats(standard.app),
    app_worker_identical: appIdentical,
    smooth_iterations: DEFAULT_MESH_SETTINGS.smoothIterations,
    native_grid: findNativeGrid(vol),
    triangles: set.indices.length / 3,
    vertices: set.positions.length / 3,
    memory_mb: {
      rss_before: mb(base.rss),
      rss_peak: mb(peak.rss),
      array_buffers_before: mb(base.arrayBuffers),
      array_buffers_peak: mb(peak.arrayBuffers),
    },
    quality: meshQualityReport(vol, set, otherSides),
    fine_detail: fineReport,
  };
}

const FINE: MeshSettings = { ...DEFAULT_MESH_SETTINGS, detail: 'fine' };

/**
 * One detail's blocks, timed before the single-threaded runs (which leave hundreds of MB of garbage behind, and the
 * meshing functions compiled for their plain arrays, as the app's worker never has them): WARMUP + RUNS runs on the
 * two threads here, with a WasmArena reused from run to run as the meshing worker does (fresh shared arrays pile up:
 * see WasmArena), then as many through the app's meshing worker. The last run of each, encoded, to check bit for bit.
 */
interface BlockTimes {
  twoThreads: number[];
  phases: MeshPhaseTimes[];
  /** Whether every two-thread run swept, smoothed and assembled as WebAssembly (its arrays in the arena's memory). */
  inWasm: boolean;
  app: number[];
  last: ArrayBuffer | null;
  appLast: ArrayBuffer | null;
}

async function timeBlocks(
  vol: LabelVolume,
  settings: MeshSettings,
  threads: MeshThreads | null,
  arena: WasmArena,
): Promise<BlockTimes> {
  const out: BlockTimes = { twoThreads: [], phases: [], inWasm: threads !== null, app: [], last: null, appLast: null };
  if (threads) {
    for (let r = 0; r < WARMUP + RUNS; r++) {
      gc();
      arena.reset();
      const t0 = performance.now();
      const tset = threads.buildRegionMeshes(vol, settings, arena.alloc);
      out.twoThreads.push(performance.now() - t0);
      out.phases.push(threads.lastTimes!);
      if (r === WARMUP + RUNS - 1) out.last = encodeMeshSet(tset);
      out.inWasm &&= threads.lastInWasm.sweep && threads.lastInWasm.smooth && threads.lastInWasm.assemble;
    }
    arena.reset();
  }
  for (let r = 0; r < WARMUP + RUNS; r++) {
    gc();
    const t0 = performance.now();
    out.appLast = await meshVolume(vol, settings);
    out.app.push(performance.now() - t0);
  }
  return out;
}

/** Fine detail's times, its triangles and its quality, from a single-threaded build (checked bit for bit). */
/** Medians of a block's two-thread phases (surface_net: the labels' noise folded, the sweep; the rest as named). */
function phaseMedians(times: BlockTimes) {
  return {
    surface_net: ms(median(timed(times.phases.map((p) => p.sweep)))),
    smooth: ms(median(timed(times.phases.map((p) => p.smooth)))),
    small_regions_and_plan: ms(median(timed(times.phases.map((p) => p.correctAndPlan)))),
    assemble: ms(median(timed(times.phases.map((p) => p.assemble)))),
    mesh_total: ms(median(timed(times.twoThreads))),
  };
}

function fineDetail(vol: LabelVolume, times: BlockTimes) {
  gc();
  let net: SurfaceNet | null = null;
  const set = buildRegionMeshes(vol, FINE, (_stage, n) => {
    net = n;
  });
  const expected = encodeMeshSet(set);
  return {
    two_threads_ms: times.last ? stats(times.twoThreads) : null,
    two_threads_phases_ms: times.last ? phaseMedians(times) : null,
    // Voxels folded as one-voxel label noise before meshing (core/mesh/label-noise.ts).
    label_noise_folded: meshingGrid(vol, FINE)?.noiseFolded ?? 0,
    two_threads_identical: times.last ? sameBytes(expected, times.last) : null,
    app_worker_ms: stats(times.app),
    app_worker_identical: times.appLast ? sameBytes(expected, times.appLast) : null,
    triangles: set.indices.length / 3,
    vertices: set.positions.length / 3,
    quality: net ? meshQualityReport(vol, set, triangleOtherSides(net, set)) : null,
  };
}

interface Command {
  cmd: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  before?: () => void;
}

type Timed = { wall_ms: number; runs: number[]; stdout: string } | { error: string };

/**
 * Runs the commands RUNS times each, in turn (one run of each, then the next round), so a machine whose speed drifts
 * from minute to minute weighs on all of them alike; each one's median wall time, or why it could not run.
 */
function timeCommands(commands: Command[]): Timed[] {
  const walls: number[][] = commands.map(() => []);
  const last: (ReturnType<typeof spawnSync> | null)[] = commands.map(() => null);
  const errors: (string | null)[] = commands.map(() => null);
  for (let r = 0; r < RUNS; r++) {
    commands.forEach(({ cmd, args, env, before }, i) => {
      if (errors[i]) return;
      before?.();
      const t0 = performance.now();
      const run = spawnSync(cmd, args, { env, encoding: 'utf8', maxBuffer: 1 << 24 });
      walls[i].push(performance.now() - t0);
      last[i] = run;
      if (run.error || run.status !== 0)
        errors[i] =
          `${cmd} ${args.join(' ')}: ${run.error?.message ?? `exit ${run.status}: ${String(run.stderr).trim().split('\n').pop()}`}`;
    });
  }
  return commands.map((_, i) => {
    const error = errors[i];
    if (error) return { error };
    return { wall_ms: ms(median(walls[i])), runs: walls[i].map(ms), stdout: String(last[i]?.stdout ?? '').trim() };
  });
}

async function endToEnd(id: string) {
  const root = appRoot();
  const cli = join(root, 'dist', 'node', 'cli.js');
  const tmp = mkdtempSync(join(tmpdir(), 'bas-mesh-bench-'));
  const out: Record<string, unknown> = { atlas: id };
  try {
    const glb = join(tmp, 'x.glb'),
      glbStandard = join(tmp, 'standard.glb');
    let n = 0;
    const env: NodeJS.ProcessEnv = { ...process.env, BRAIN_ATLAS_NO_INSTALLED: '1' };
    // A fresh, empty cache each run, so the mesh is built rather than read from the disk cache.
    const fresh = () => {
      env.BRAIN_ATLAS_CACHE = join(tmp, `cache-${n++}`);
    };
    const python = ['/usr/bin/python3', 'python3'].find(
      (p) => spawnSync(p, ['-c', 'import skimage, nibabel, scipy'], { stdio: 'ignore' }).status === 0,
    );
    const script = join(root, 'tests', 'bench', 'skimage_mesh.py');
    const catalog = await loadCatalogFile(catalogPath());
    const atlas = catalog.atlases.find((a) => a.id === id);
    const file = atlas ? chooseVariant(atlas).files.find((f) => f.role === 'labels') : undefined;
    const where = file ? await locateFile(file, locationsFromEnv()) : null;
    // The command as a user types it (fine detail, its default), at standard detail, and scikit-image, in turn.
    const commands: Command[] = [];
    const built = existsSync(cli);
    if (built) {
      commands.push(
        { cmd: process.execPath, args: [cli, 'mesh', id, '--out', glb], env, before: fresh },
        {
          cmd: process.execPath,
          args: [cli, 'mesh', id, '--detail', 'standard', '--out', glbStandard],
          env,
          before: fresh,
        },
      );
    } else out.brain_atlas = { skipped: `${cli} not built (npm run build:node)` };
    if (!python)
      out.skimage = {
        skipped:
          'python3 with scikit-image, nibabel and scipy not found (apt-get install -y python3-skimage python3-nibabel)',
      };
    else if (!existsSync(script)) out.skimage = { skipped: `${script} not found` };
    else if (!where) out.skimage = { skipped: `${id} volume not found on BRAIN_ATLAS_PATH` };
    else commands.push({ cmd: python, args: [script, where.path, join(tmp, 'x.npz')], env: process.env });
    const timed = timeCommands(commands);
    if (built) {
      const [fine, standard] = timed;
      out.brain_atlas = { command: `node dist/node/cli.js mesh ${id} --out X.glb`, ...fine };
      out.brain_atlas_standard = {
        command: `node dist/node/cli.js mesh ${id} --detail standard --out X.glb`,
        ...standard,
      };
      delete (out.brain_atlas_standard as { stdout?: string }).stdout;
      (out.brain_atlas as { bytes?: number | null }).bytes = existsSync(glb) ? statSync(glb).size : null;
      (out.brain_atlas_standard as { bytes?: number | null }).bytes = existsSync(glbStandard)
        ? statSync(glbStandard).size
        : null;
    }
    const r = timed[built ? 2 : 0];
    if (r && python && where && existsSync(script)) {
      if ('wall_ms' in r) {
        out.skimage = {
          command: `${python} tests/bench/skimage_mesh.py ${where.path} X.npz`,
          wall_ms: r.wall_ms,
          runs: r.runs,
          ...JSON.parse((r.stdout ?? '').split('\n').pop() || '{}'),
        };
      } else out.skimage = r;
    }
    const ratio = (a: unknown) => {
      const mine = (a as { wall_ms?: number } | undefined)?.wall_ms,
        theirs = (out.skimage as { wall_ms?: number }).wall_ms;
      return mine && theirs ? Math.round((theirs / mine) * 100) / 100 : null;
    };
    out.ratio_skimage_over_brain_atlas = ratio(out.brain_atlas);
    out.ratio_skimage_over_brain_atlas_standard = ratio(out.brain_atlas_standard);
    if (out.brain_atlas && typeof out.brain_atlas === 'object') delete (out.brain_atlas as { stdout?: string }).stdout;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return out;
}

async function main() {
  if (!process.env.BRAIN_ATLAS_PATH) process.env.BRAIN_ATLAS_PATH = resolve(appRoot(), '..', 'shared', 'atlases');
  // Read atlases from BRAIN_ATLAS_PATH only, never from a user cache or a download.
  const cacheless = mkdtempSync(join(tmpdir(), 'bas-mesh-bench-cache-'));
  process.env.BRAIN_ATLAS_CACHE = cacheless;
  try {
    // The commands first, while this process is small and idle: after meshing every atlas it lets go of gigabytes,
    // which its background threads and the kernel free while the next commands run (the command, on two threads, is
    // slowed more than scikit-image on one: its first rounds ran a tenth slower than its last).
    const e2e = [];
    for (const id of E2E_ATLASES) e2e.push(await endToEnd(id));
    const catalog = await loadCatalogFile(catalogPath());
    const helper = join(appRoot(), 'dist', 'worker', 'mesh-helper.cjs');
    const threads = existsSync(helper) ? MeshThreads.start(helper, { withoutWasm: NO_WASM }) : null;
    const atlases = [];
    try {
      const arena = new WasmArena();
      for (const id of ATLASES) atlases.push(await benchAtlas(id, catalog, threads, arena));
    } finally {
      await threads?.close();
      await stopMeshWorker();
    }
    process.stdout.write(
      JSON.stringify(
        {
          machine: { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version },
          runs: RUNS,
          warmup_runs: WARMUP,
          two_threads_without_webassembly: NO_WASM,
          atlas_path: process.env.BRAIN_ATLAS_PATH,
          atlases,
          end_to_end: e2e,
        },
        null,
        2,
      ) + '\n',
    );
  } finally {
    rmSync(cacheless, { recursive: true, force: true });
  }
}

main().catch((e) => {
  process.stderr.write(`bench:mesh: ${(e as Error).message}\n`);
  process.exit(1);
});
