/**
 * `npm run bench`: figures for the atlas engine, printed as JSON (never a test, never gating CI).
 * Decode = read file + gunzip + parse + label volume + region records, for the default (finest) variant of every
 * labels atlas on this machine; the median of several runs. Query = one point against every loaded atlas.
 * Cold query = `brain-atlas query` in a fresh process over every present atlas, one point and 10 000 points
 * (cold-query.ts).
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gunzipSync } from 'node:zlib';
import { buildAtlas, regionAt } from '../../core/atlas/atlas';
import { decodeNifti } from '../../core/io/nifti/decode';
import { toLabelVolume } from '../../core/atlas/label-volume';
import { parseLabelTable } from '../../core/io/labels/detect';
import { locateFile, locationsFromEnv } from '../../main/services/atlas-locations';
import { catalogPath } from '../../main/services/app-paths';
import { createAtlasService, loadCatalogFile } from '../../main/services/create-service';
import type { LoadedAtlas } from '../../core/atlas/atlas';
import { RegionSearchIndex, type SearchableRegion } from '../../core/atlas/search';
import { coldQueryFigures } from './cold-query';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (v: number) => Math.round(v * 100) / 100;

async function main() {
  const catalog = await loadCatalogFile(catalogPath());
  const loc = locationsFromEnv();
  const decode: Record<string, unknown>[] = [];
  const loaded: LoadedAtlas[] = [];
  for (const atlas of catalog.atlases.filter((a) => a.kind === 'labels')) {
    const variant = atlas.variants[0];
    const labels = variant.files.find((f) => f.role === 'labels');
    const tableFile = variant.files.find((f) => f.role === 'labeltable');
    if (!labels) continue;
    const where = await locateFile(labels, loc);
    const tableWhere = tableFile ? await locateFile(tableFile, loc) : null;
    if (!where) continue;
    const times: number[] = [];
    const gunzipTimes: number[] = [];
    let result: LoadedAtlas | null = null;
    for (let r = 0; r < RUNS; r++) {
      const t0 = performance.now();
      const bytes = new Uint8Array(await readFile(where.path));
      const table = tableWhere
        ? parseLabelTable(new Uint8Array(await readFile(tableWhere.path)), { fileName: basename(tableWhere.path) })
        : null;
      const img = decodeNifti(bytes, { fileName: labels.name, inflate: (gz) => gunzipSync(gz) });
      result = buildAtlas({ volume: toLabelVolume(img, labels.name), table });
      times.push(performance.now() - t0);
      const g0 = performance.now();
      if (bytes[0] === 0x1f) gunzipSync(bytes);
      gunzipTimes.push(performance.now() - g0);
    }
    if (!result) continue;
    loaded.push(result);
    decode.push({
      atlas: atlas.id,
      variant: variant.id,
      resolution_mm: variant.resolutionMm,
      dims: result.volume.dims,
      regions: result.regions.length,
      decode_and_regions_ms: ms(median(times)),
      of_which_gunzip_ms: ms(median(gunzipTimes)),
    });
  }

  // Query: one random point against every loaded atlas at once (what hover does).
  const N = 20000;
  let seed = 7;
  const rand = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const pts = Array.from({ length: N }, () => [rand() * 180 - 90, rand() * 216 - 126, rand() * 180 - 72]);
  const t0 = performance.now();
  let hits = 0;
  for (const [x, y, z] of pts) for (const a of loaded) if (regionAt(a, x, y, z).value) hits++;
  const perPoint = (performance.now() - t0) / N;

  // Region browser figures over ten commonly opened atlases: search per keystroke, "what's here", crosswalk.
  const TEN = [
    'aal3',
    'brodmann',
    'yeo-7',
    'yeo-17',
    'schaefer-400-7',
    'harvard-oxford-cortical',
    'harvard-oxford-subcortical',
    'glasser-360',
    'brainnetome-246',
    'schaefer-1000-17',
  ];
  const browser = await browserFigures(TEN);
  const coldQuery = coldQueryFigures(RUNS);

  const byRes = (res: number) => decode.filter((d) => d.resolution_mm === res);
  const stats = (rows: Record<string, unknown>[]) =>
    rows.length
      ? {
          atlases: rows.length,
          median_ms: ms(median(rows.map((d) => d.decode_and_regions_ms as number))),
          max_ms: ms(Math.max(...rows.map((d) => d.decode_and_regions_ms as number))),
          slowest: rows.reduce((a, b) =>
            (a.decode_and_regions_ms as number) > (b.decode_and_regions_ms as number) ? a : b,
          ).atlas,
        }
      : null;
  process.stdout.write(
    JSON.stringify(
      {
        machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
        runs_per_atlas: RUNS,
        decode,
        summary: {
          decode_and_regions_1mm: stats(byRes(1)),
          decode_and_regions_2mm: stats(byRes(2)),
          query_all_atlases_per_point_us: ms(perPoint * 1000),
          cold_query: coldQuery,
          region_browser_ten_atlases: browser,
          query_atlases: loaded.length,
          query_hits: hits,
        },
      },
      null,
      2,
    ) + '\n',
  );
}

async function browserFigures(ids: string[]) {
  const service = await createAtlasService();
  const present = (await service.presentLabelAtlases()).filter((id) => ids.includes(id));
  if (present.length === 0) return { skipped: 'none of the ten atlases is on this machine' };
  const regions: SearchableRegion[] = [];
  for (const id of present) {
    for (const r of (await service.openAtlas({ id })).regions) {
      regions.push({
        key: `${id}:${r.value}`,
        atlasId: id,
        value: r.value,
        name: r.name,
        abbreviation: r.abbreviation,
        network: r.network,
      });
    }
  }
  const index = new RegionSearchIndex(regions);
  // Every prefix of a few real queries, as typed one key at a time.
  const typed = ['precentral', 'frontal inf', 'default', 'hippocampus', 'BA44', 'cingulate', 'visual'].flatMap((w) =>
    Array.from({ length: w.length }, (_, i) => w.slice(0, i + 1)),
  );
  for (const q of typed) index.search(q); // warm-up round: the first query of a session also compiles the code
  const searchTimes = typed.map((q) => {
    const t0 = performance.now();
    index.search(q);
    return performance.now() - t0;
  });
  let seed = 11;
  const rand = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const points = Array.from(
    { length: 2000 },
    () => [rand() * 140 - 70, rand() * 170 - 100, rand() * 120 - 45] as [number, number, number],
  );
  await service.query({ points: points.slice(0, 1), atlases: present });
  const q0 = performance.now();
  for (const p of points) await service.query({ points: [p], atlases: present });
  const whatsHere = (performance.now() - q0) / points.length;
  // Crosswalk of sizeable regions against the other atlases (each a new region: nothing is cached), after one
  // warm-up crosswalk of another region so the figures are not the compiler's.
  const cross: number[] = [];
  const warm = (await service.openAtlas({ id: present[0] })).regions[0];
  await service.regionOverlap({ id: present[0], value: warm.value, against: present });
  for (const [id, name] of [
    ['brodmann', 'Brodmann_area_44'],
    ['aal3', 'Precentral_L'],
    ['aal3', 'Hippocampus_L'],
    ['harvard-oxford-cortical', 'Insular Cortex'],
  ]) {
    if (!present.includes(id)) continue;
    const region = (await service.openAtlas({ id })).regions.find((r) => r.name === name);
    if (!region) continue;
    const t0 = performance.now();
    await service.regionOverlap({ id, value: region.value, against: present });
    cross.push(performance.now() - t0);
  }
  return {
    atlases: present.length,
    regions: index.size,
    search_per_keystroke_ms: { median: ms(median(searchTimes)), max: ms(Math.max(...searchTimes)) },
    whats_here_per_point_ms: ms(whatsHere),
    crosswalk_per_region_ms: cross.length ? { median: ms(median(cross)), max: ms(Math.max(...cross)) } : null,
  };
}

main().catch((e) => {
  process.stderr.write(`bench: ${(e as Error).message}\n`);
  process.exit(1);
});
