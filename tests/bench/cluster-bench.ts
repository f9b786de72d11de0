/**
 * `npm run bench:clusters`: how long the cluster report takes for whole-brain maps, printed as JSON (never a
 * test). A smooth random field on the MNI 2 mm and 1 mm grids (white noise smoothed to ~8 mm FWHM, scaled to unit
 * variance, inside an ellipsoidal brain), thresholded at |z| > 2.3 with both signs, against five atlases (their
 * default, finest variants). Report = clusters + atlas composition, atlases already loaded; the median of runs
 * (report_ms: repeated reports, where nearest-region answers for peaks outside every region are cached, as when a
 * threshold slider moves), the first report (report_cold_ms) and a cold report keeping clusters of 10+ voxels.
 * `map_service`: the same map opened through the app's MapService (as the renderer's openMap does): open time,
 * display resampling onto the mni152 template's 1 mm grid (resample_ms: trilinear only; display_cold_ms: the first
 * getMapDisplay, resampling + encoding in the worker), and mapClusters against the five atlases, cold (first report
 * of the map, on a second service whose atlases were loaded with their nearest-region index) and warm (median).
 * report_cold_index_in_report_ms / report_cold_index_prepared_ms: the first report on fresh atlas copies with the
 * nearest-region index built inside it (before) or beforehand (after; nearest_index_build_ms is that build).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { prepareNearestRegion } from '../../core/maps/cluster-atlas';
import { resample } from '../../core/maps/resample';
import { buildClusterReport, clusterTargets, readStatMap } from '../../main/services/cluster-report';
import { createAtlasService } from '../../main/services/create-service';
import { writeNifti } from '../helpers/nifti-writer';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const ATLASES = (process.env.BENCH_ATLASES ?? 'aal3,brodmann,harvard-oxford-cortical,yeo-7,schaefer-400-7').split(',');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (v: number) => Math.round(v * 100) / 100;
/** CPU time of this process (all its threads) in ms: less swayed than wall time by other work on a shared machine. */
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Deterministic noise (mulberry32) so every run clusters the same map. */
function rng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Box blur of width 2r+1 along one axis, in place (three passes approximate a Gaussian). */
function blurAxis(a: Float32Array, dims: number[], axis: number, r: number): void {
  const [nx, ny, nz] = dims;
  const stride = axis === 0 ? 1 : axis === 1 ? nx : nx * ny;
  const len = dims[axis];
  const line = new Float32Array(len);
  const outer = (nx * ny * nz) / len;
  for (let o = 0; o < outer; o++) {
    // Start index of line o along `axis`.
    let base: number;
    if (axis === 0) base = o * nx;
    else if (axis === 1) base = (o % nx) + Math.floor(o / nx) * nx * ny;
    else base = o;
    for (let t = 0; t < len; t++) line[t] = a[base + t * stride];
    let sum = 0;
    for (let t = -r; t <= r; t++) sum += line[Math.min(Math.max(t, 0), len - 1)];
    for (let t = 0; t < len; t++) {
      a[base + t * stride] = sum / (2 * r + 1);
      sum += line[Math.min(t + r + 1, len - 1)] - line[Math.max(t - r, 0)];
    }
  }
}

function smoothField(dims: number[], affine: number[], voxelMm: number): Float32Array {
  const n = dims[0] * dims[1] * dims[2];
  const rand = rng(42);
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) a[i] = rand() - 0.5;
  const r = Math.max(1, Math.round(2 / voxelMm)); // three box passes of ±2 mm ≈ 8 mm FWHM
  for (let pass = 0; pass < 3; pass++) for (let axis = 0; axis < 3; axis++) blurAxis(a, dims, axis, r);
  let s2 = 0;
  for (let i = 0; i < n; i++) s2 += a[i] * a[i];
  const sd = Math.sqrt(s2 / n);
  const [nx, ny] = dims;
  for (let i = 0; i < n; i++) {
    const x = i % nx,
      y = Math.floor(i / nx) % ny,
      z = Math.floor(i / (nx * ny));
    const wx = affine[0] * x + affine[3],
      wy = affine[5] * y + affine[7],
      wz = affine[10] * z + affine[11];
    const inBrain = (wx / 68) ** 2 + ((wy + 18) / 100) ** 2 + ((wz - 10) / 72) ** 2 <= 1;
    a[i] = inBrain ? a[i] / sd : 0;
  }
  return a;
}

async function main() {
  const service = await createAtlasService(process.env);
  const present = new Set(await service.presentLabelAtlases());
  const ids = ATLASES.filter((id) => present.has(id));
  const t0 = performance.now();
  const targets = await clusterTargets(service, ids);
  const loadMs = performance.now() - t0;
  // The app's path: a second service with its own copies of the atlases, so that its first report finds no
  // nearest-region answers cached by the runs above. Its target list loads the atlases and builds their index.
  const app = await createAtlasService(process.env);
  const grid = await app.maps.displayGrid();
  const m0 = performance.now();
  await app.maps.clusterTargets(ids);
  const appTargetsMs = performance.now() - m0;
  const dir = mkdtempSync(join(tmpdir(), 'bas-cluster-bench-'));
  const results: Record<string, unknown>[] = [];
  try {
    for (const res of [2, 1]) {
      const dims = res === 2 ? [91, 109, 91] : [182, 218, 182];
      const affine =
        res === 2 ? [-2, 0, 0, 90, 0, 2, 0, -126, 0, 0, 2, -72] : [-1, 0, 0, 90, 0, 1, 0, -126, 0, 0, 1, -72];
      const field = smoothField(dims, affine, res);
      const file = join(dir, `field_${res}mm.nii.gz`);
      writeFileSync(
        file,
        gzipSync(writeNifti({ dims, data: field, dtype: 'float32', affine, sformCode: 4, qformCode: 4 })),
      );
      const readTimes: number[] = [];
      let map = await readStatMap(file);
      for (let r = 0; r < 3; r++) {
        const s = performance.now();
        map = await readStatMap(file);
        readTimes.push(performance.now() - s);
      }
      const opts = { threshold: 2.3, sign: 'both' as const, connectivity: 26 as const };
      // The first report is cold: nearest-region searches for peaks outside every region are not cached yet.
      const c0 = performance.now();
      let report = buildClusterReport(map, targets, opts);
      const coldMs = performance.now() - c0;
      const coldNearestMs = report.timings.atlasesMs;
      const total: number[] = [],
        clusters: number[] = [],
        atlases: number[] = [];
      const min10: number[] = [];
      for (let r = 0; r < RUNS; r++) {
        const s = performance.now();
        report = buildClusterReport(map, targets, opts);
        total.push(performance.now() - s);
        clusters.push(report.timings.clustersMs);
        atlases.push(report.timings.atlasesMs);
      }
      // With a minimum cluster size of 10 voxels (typical use), cold caches: fresh copies of the atlas volumes.
      const fresh = targets.map((t) => ({ ...t, volume: { ...t.volume } }));
      const f0 = performance.now();
      buildClusterReport(map, fresh, { ...opts, minVoxels: 10 });
      min10.push(performance.now() - f0);
      const sizes = report.clusters.map((c) => c.voxels);
      // Before/after moving the nearest-region index off the slider path, on fresh atlas copies (nothing cached):
      // the index built inside the first report, or built beforehand (as the map service does when it loads).
      // Medians of 5, each on new copies (a shared machine makes single cold samples noisy).
      const inReport: number[] = [],
        prepared: number[] = [],
        index: number[] = [];
      for (let r = 0; r < 5; r++) {
        const freshA = targets.map((t) => ({ ...t, volume: { ...t.volume } }));
        const a0 = performance.now();
        buildClusterReport(map, freshA, opts);
        inReport.push(performance.now() - a0);
        const freshB = targets.map((t) => ({ ...t, volume: { ...t.volume } }));
        const p0 = performance.now();
        for (const t of freshB) prepareNearestRegion(t.volume);
        index.push(performance.now() - p0);
        const b0 = performance.now();
        buildClusterReport(map, freshB, opts);
        prepared.push(performance.now() - b0);
      }
      const coldIndexInReportMs = median(inReport),
        coldIndexPreparedMs = median(prepared),
        indexMs = median(index);

      // Through the map service, as the app does it.
      const o0 = performance.now();
      const info = await app.maps.openMapFile(file);
      const openMs = performance.now() - o0;
      const d0 = performance.now();
      await app.maps.getMapDisplay({ mapId: info.mapId });
      const displayColdMs = performance.now() - d0;
      const resampleTimes: number[] = [],
        resampleCpu: number[] = [];
      const out = new Float32Array(grid.dims[0] * grid.dims[1] * grid.dims[2]);
      for (let r = 0; r < RUNS; r++) {
        const s = performance.now(),
          c = cpuMs();
        resample(app.maps.statMap(info.mapId), grid, { out });
        resampleTimes.push(performance.now() - s);
        resampleCpu.push(cpuMs() - c);
      }
      const req = { mapId: info.mapId, ...opts, atlases: ids };
      const k0 = performance.now(),
        kc = cpuMs();
      const first = await app.maps.mapClusters(req);
      const serviceColdMs = performance.now() - k0,
        serviceColdCpu = cpuMs() - kc;
      const warm: number[] = [],
        warmCpu: number[] = [];
      for (let r = 0; r < RUNS; r++) {
        const s = performance.now(),
          c = cpuMs();
        await app.maps.mapClusters(req);
        warm.push(performance.now() - s);
        warmCpu.push(cpuMs() - c);
      }
      const k1 = performance.now();
      await app.maps.mapClusters({ ...req, minVoxels: 10 });
      const serviceMin10Ms = performance.now() - k1;
      await app.maps.closeMap({ mapId: info.mapId });
      const mapService = {
        open_ms: ms(openMs),
        display_grid: grid.dims.join('×'),
        resample_ms: ms(median(resampleTimes)),
        resample_min_ms: ms(Math.min(...resampleTimes)),
        resample_cpu_ms: ms(median(resampleCpu)),
        display_cold_ms: ms(displayColdMs),
        display_target_ms: 200,
        clusters_cold_ms: ms(serviceColdMs),
        clusters_cold_cpu_ms: ms(serviceColdCpu),
        clusters_cold_split_ms: { clusters: ms(first.timings.clustersMs), atlases: ms(first.timings.atlasesMs) },
        clusters_warm_ms: ms(median(warm)),
        clusters_warm_min_ms: ms(Math.min(...warm)),
        clusters_warm_cpu_ms: ms(median(warmCpu)),
        clusters_min10_ms: ms(serviceMin10Ms),
        clusters: first.clusters.length,
      };
      results.push({
        map: `${res} mm ${dims.join('×')}`,
        read_map_ms: ms(median(readTimes)),
        report_cold_ms: ms(coldMs),
        cold_atlas_composition_ms: ms(coldNearestMs),
        report_ms: ms(median(total)),
        report_min10_cold_ms: ms(min10[0]),
        report_cold_index_in_report_ms: ms(coldIndexInReportMs),
        report_cold_index_prepared_ms: ms(coldIndexPreparedMs),
        nearest_index_build_ms: ms(indexMs),
        clusters_ms: ms(median(clusters)),
        atlas_composition_ms: ms(median(atlases)),
        suprathreshold_voxels: report.suprathreshold,
        clusters: sizes.length,
        largest_voxels: sizes[0] ?? 0,
        clusters_of_10_plus: sizes.filter((v) => v >= 10).length,
        target_ms: res === 2 ? 100 : 500,
        map_service: mapService,
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const atlasGrids = targets.map((t) => `${t.atlasId} ${t.volume.dims.join('×')}`);
  console.log(
    JSON.stringify(
      {
        runs: RUNS,
        atlases: atlasGrids,
        atlas_load_ms: ms(loadMs),
        app_atlas_load_and_index_ms: ms(appTargetsMs),
        results,
      },
      null,
      2,
    ),
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
