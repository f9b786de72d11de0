/**
 * `brain-atlas`: the atlas engine on the command line (list, fetch, regions, query, inspect, mesh). Scriptable like
 * FSL's atlasquery: JSON and CSV output, errors as one line on stderr (exit 1), usage errors exit 2.
 */
import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { AtlasListing, PointQueryResult, RegionRecord } from '../../core/api';
import { AtlasError, formatCount } from '../../core/errors';
import { parseCoordinates } from '../../core/io/coordinates';
import { decodeMeshSet } from '../../core/mesh/codec';
import { exportGlb } from '../../core/mesh/export-gltf';
import { formatValueRanges, selectRegions, selectionSize } from '../../core/mesh/export-regions';
import { exportObj } from '../../core/mesh/export-obj';
import { exportStl } from '../../core/mesh/export-stl';
import { DEFAULT_MESH_SETTINGS } from '../../core/mesh/types';
import { type ParsedArgs, UsageError, parseCliArgs, parsePoint, parseRes } from './args';
import { formatProgressBar } from '../services/atlas-files';
import type { AtlasService } from '../services/atlas-service';
import { createAtlasService } from '../services/create-service';
import { describeFile } from '../services/inspect';
import { maxBytesFromEnv, readBytes } from '../services/volume-io';
import {
  type ClusterOptions,
  type ClusterSign,
  type Connectivity,
  clusterReportJson,
  formatClusterTable,
  mapValue,
} from '../../core/maps/clusters';
import { type Interpolation, sampleStatMap } from '../../core/maps/stat-map';
import { clusterReport, clusterReportText, describeRun, noClustersText, readStatMap } from '../services/cluster-report';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** True when stderr is a terminal (progress bars redraw in place). */
  errIsTty: boolean;
  env: NodeJS.ProcessEnv;
}

export const USAGE = `brain-atlas — human brain atlases on the command line

Usage:
  brain-atlas list [--json]
  brain-atlas fetch ID... [--res N]
  brain-atlas regions ID [--res N] [--variant V] [--json|--csv]
  brain-atlas regions --file VOLUME [--labels TABLE] [--json|--csv]
  brain-atlas query X Y Z [--atlas ID,...] [--res N] [--variant V] [--json]
  brain-atlas query --coords FILE [--atlas ID,...] [--res N]
  brain-atlas overlap ID REGION [--with ID,...] [--res N] [--json]   (REGION: value or name)
  brain-atlas inspect FILE
  brain-atlas mesh ID --out FILE.glb|.obj|.stl [--res N] [--variant V] [--regions V,...] [--smooth K]
  brain-atlas clusters MAP [--threshold T] [--two-sided | --sign positive|negative|both]
                       [--min-voxels K | --min-mm3 V] [--connectivity 6|18|26] [--frame N]
                       [--atlas ID,...] [--json|--csv]
  brain-atlas sample MAP (--coords FILE | X Y Z) [--frame N] [--interp nearest|linear] [--json]

Atlas files are looked for in BRAIN_ATLAS_CACHE, then each folder of BRAIN_ATLAS_PATH,
then downloaded (from BRAIN_ATLAS_MIRROR when set). --res picks a variant by voxel size
(default: the finest); --variant picks one by id where two share a size (see list --json).
mesh writes region surfaces: .glb (glTF, metres, one named node per region), .obj with a
.mtl beside it (mm), .stl (mm, no names or colours); --regions takes label values and
--smooth the number of smoothing iterations (default ${DEFAULT_MESH_SETTINGS.smoothIterations}, 0 for no smoothing).
clusters finds the clusters of a statistical map on its own grid (voxels with v > T, or v < -T
with --sign negative; default T 0, 26-connectivity) and names the regions at each peak and what
each cluster covers in every labels atlas on this machine (or those of --atlas). sample prints
the map's value at points (MNI mm; nearest voxel, or trilinear with --interp linear).
See README.md.`;

const SPEC = {
  values: [
    'res',
    'variant',
    'atlas',
    'coords',
    'file',
    'labels',
    'with',
    'out',
    'regions',
    'smooth',
    'threshold',
    'sign',
    'min-voxels',
    'min-mm3',
    'connectivity',
    'frame',
    'interp',
  ],
  booleans: ['json', 'csv', 'help', 'version', 'two-sided'],
};

export async function runCli(
  argv: string[],
  io: CliIo,
  makeService: () => Promise<AtlasService> = () => createAtlasService(io.env),
): Promise<number> {
  let args;
  try {
    args = parseCliArgs(argv, SPEC);
  } catch (e) {
    return usage(io, (e as Error).message);
  }
  const [command, ...rest] = args.positionals;
  if (args.flags.has('version')) {
    io.out('brain-atlas 0.1.0');
    return 0;
  }
  if (!command || command === 'help' || args.flags.has('help')) {
    if (!command && !args.flags.has('help')) return usage(io, 'no command given');
    io.out(USAGE);
    return 0;
  }
  const allowed: Record<string, string[]> = {
    list: ['json'],
    fetch: ['res'],
    regions: ['res', 'variant', 'json', 'csv', 'file', 'labels'],
    query: ['atlas', 'res', 'variant', 'json', 'coords'],
    inspect: [],
    overlap: ['res', 'variant', 'with', 'json'],
    mesh: ['res', 'variant', 'regions', 'out', 'smooth'],
    clusters: [
      'threshold',
      'two-sided',
      'sign',
      'min-voxels',
      'min-mm3',
      'connectivity',
      'frame',
      'atlas',
      'json',
      'csv',
    ],
    sample: ['coords', 'frame', 'interp', 'json'],
  };
  if (!(command in allowed)) return usage(io, `unknown command "${command}"`);
  for (const used of [...args.flags, ...args.values.keys()]) {
    if (!allowed[command].includes(used)) return usage(io, `${command} does not take --${used}`);
  }
  if (args.flags.has('json') && args.flags.has('csv')) return usage(io, 'choose one of --json and --csv');

  try {
    switch (command) {
      case 'list':
        return await list(await makeService(), io, args.flags.has('json'));
      case 'fetch':
        if (rest.length === 0) return usage(io, 'fetch needs at least one atlas id');
        return await fetch(await makeService(), io, rest, parseRes(args.values.get('res')));
      case 'regions': {
        const file = args.values.get('file');
        if (file ? rest.length > 0 : rest.length !== 1)
          return usage(io, 'regions needs one atlas id, or --file VOLUME');
        if (!file && args.values.has('labels')) return usage(io, '--labels goes with --file');
        const format = args.flags.has('json') ? 'json' : args.flags.has('csv') ? 'csv' : 'text';
        return await regions(await makeService(), io, {
          id: rest[0],
          file,
          labels: args.values.get('labels'),
          res: parseRes(args.values.get('res')),
          variant: args.values.get('variant'),
          format,
        });
      }
      case 'query': {
        const coords = args.values.get('coords');
        if (coords && rest.length > 0) return usage(io, 'give either X Y Z or --coords FILE, not both');
        if (!coords && rest.length === 0) return usage(io, 'query needs X Y Z (MNI mm) or --coords FILE');
        const points = coords
          ? parseCoordinates(await readBytes(coords), basename(coords)).map((r) => r.center)
          : [parsePoint(rest)];
        const atlasArg = args.values.get('atlas');
        const atlases = atlasArg
          ? atlasArg
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean)
          : undefined;
        const service = await makeService();
        const results = await service.query({
          points,
          atlases,
          res: parseRes(args.values.get('res')),
          variant: args.values.get('variant'),
        });
        if (atlases === undefined && results.length > 0 && Object.keys(results[0].atlases).length === 0) {
          io.err(
            'brain-atlas: no labels atlas is on this machine; run `brain-atlas fetch aal3` or set BRAIN_ATLAS_PATH',
          );
          return 1;
        }
        if (coords || args.flags.has('json')) for (const r of results) io.out(JSON.stringify(queryJson(r)));
        else io.out(queryText(results[0], service));
        return 0;
      }
      case 'overlap': {
        if (rest.length !== 2)
          return usage(io, 'overlap needs an atlas id and a region (value or name), e.g. overlap aal3 Precentral_L');
        const withArg = args.values.get('with');
        const service = await makeService();
        const res = parseRes(args.values.get('res'));
        const variant = args.values.get('variant');
        let value = Number(rest[1]);
        if (!/^\d+$/.test(rest[1])) {
          const regions = (await service.openAtlas({ id: rest[0], res, variant })).regions;
          const wanted = rest[1].toLowerCase();
          const found = regions.find((r) => r.name.toLowerCase() === wanted);
          if (!found)
            throw new AtlasError(
              'not-found',
              `atlas '${rest[0]}' has no region named "${rest[1]}"; see brain-atlas regions ${rest[0]}`,
            );
          value = found.value;
        }
        const result = await service.regionOverlap({
          id: rest[0],
          value,
          res,
          variant,
          against: withArg
            ? withArg
                .split(',')
                .map((x) => x.trim())
                .filter(Boolean)
            : undefined,
        });
        if (args.flags.has('json')) io.out(JSON.stringify(result));
        else {
          io.out(`${result.id} ${result.value} ${result.name} (${formatCount(result.voxels)} voxels)`);
          for (const a of result.atlases) {
            const top = a.shares.slice(0, 4).map((x) => `${x.percent}% ${x.name ?? x.value}`);
            if (a.unlabelledPercent > 0) top.push(`${a.unlabelledPercent}% unlabelled`);
            io.out(`  ${a.atlasId}: ${top.join(', ')}`);
          }
        }
        return 0;
      }
      case 'inspect':
        if (rest.length !== 1) return usage(io, 'inspect needs one file');
        io.out(await describeFile(rest[0]));
        return 0;
      case 'mesh': {
        if (rest.length !== 1) return usage(io, 'mesh needs one atlas id');
        const out = args.values.get('out');
        if (!out) return usage(io, 'mesh needs --out FILE ending in .glb, .obj or .stl');
        const format = meshFormat(out);
        if (!format) return usage(io, `--out must end in .glb, .obj or .stl, got "${basename(out)}"`);
        return await mesh(await makeService(), io, {
          id: rest[0],
          out,
          format,
          res: parseRes(args.values.get('res')),
          variant: args.values.get('variant'),
          regions: parseRegionValues(args.values.get('regions')),
          smooth: parseSmooth(args.values.get('smooth')),
        });
      }
      case 'clusters':
        if (rest.length !== 1) return usage(io, 'clusters needs one map (a NIfTI file)');
        return await clustersCommand(makeService, io, rest[0], args);
      case 'sample':
        if (rest.length === 0) return usage(io, 'sample needs a map (a NIfTI file) and --coords FILE or X Y Z');
        return await sampleCommand(io, rest[0], rest.slice(1), args, maxBytesFromEnv(io.env));
    }
  } catch (e) {
    if (e instanceof UsageError) return usage(io, e.message);
    io.err(`brain-atlas: ${e instanceof AtlasError ? e.message : `unexpected error: ${(e as Error)?.message ?? e}`}`);
    return 1;
  }
  return 0;
}

function usage(io: CliIo, message: string): number {
  io.err(`brain-atlas: ${message}\n\n${USAGE}`);
  return 2;
}

async function list(service: AtlasService, io: CliIo, json: boolean): Promise<number> {
  const listings = await service.listAtlases();
  if (json) {
    io.out(JSON.stringify(listings, null, 2));
    return 0;
  }
  const rows = listings.map((l: AtlasListing) => [
    l.id,
    l.kind,
    l.status,
    l.variants.map((v) => (v.resolutionMm ? `${v.resolutionMm}${v.space ? '*' : ''}` : '-')).join(',') +
      (l.variants.some((v) => v.resolutionMm) ? ' mm' : ''),
    l.name,
  ]);
  io.out(table([['ID', 'KIND', 'STATUS', 'RESOLUTION', 'NAME'], ...rows]));
  const present = listings.filter((l) => l.status === 'present').length;
  if (listings.some((l) => l.variants.some((v) => v.space)))
    io.out("\n* on another grid or space than the atlas's own (see list --json)");
  io.out(
    `\n${listings.length} atlases: ${present} present, ${listings.filter((l) => l.status === 'downloadable').length} downloadable, ${listings.filter((l) => l.status === 'missing').length} missing.`,
  );
  return 0;
}

async function fetch(service: AtlasService, io: CliIo, ids: string[], res: number | undefined): Promise<number> {
  for (const id of ids) service.atlas(id); // unknown ids fail before any download starts
  for (const id of ids) {
    let current = '';
    const listing = await service.fetchAtlas({ id, res }, (p) => {
      const line = `${id} ${p.file} ${formatProgressBar(p.receivedBytes, p.totalBytes)}`;
      if (io.errIsTty) io.err(`\r${line}`);
      else if (p.file !== current && p.receivedBytes === 0)
        io.err(`downloading ${id}/${p.file} (${formatCount(p.totalBytes)} bytes)`);
      current = p.file;
    });
    if (io.errIsTty && current) io.err('\n');
    io.out(`${id}: ${listing.status}`);
  }
  return 0;
}

interface RegionsArgs {
  id?: string;
  file?: string;
  labels?: string;
  res?: number;
  variant?: string;
  format: 'json' | 'csv' | 'text';
}

async function regions(service: AtlasService, io: CliIo, a: RegionsArgs): Promise<number> {
  let records: RegionRecord[];
  let warnings: string[];
  if (a.file) {
    const { atlas, tableFile } = await service.regionsOfFile(a.file, a.labels);
    records = atlas.regions;
    warnings = atlas.warnings;
    if (!tableFile) warnings.push('no label table given or found beside the volume; regions are named by value');
  } else {
    const summary = await service.openAtlas({ id: a.id as string, res: a.res, variant: a.variant });
    records = summary.regions;
    warnings = summary.warnings;
  }
  for (const w of warnings) io.err(`warning: ${w}`);
  if (a.format === 'json') {
    io.out(JSON.stringify(records.map(regionJson)));
  } else {
    const header = ['value', 'name', 'hemisphere', 'network', 'voxels', 'volume_mm3', 'x', 'y', 'z'];
    const rows = records.map((r) => {
      const j = regionJson(r);
      return [j.value, j.name, j.hemisphere ?? '', j.network ?? '', j.voxels, j.volume_mm3, ...j.centroid].map(String);
    });
    io.out(a.format === 'csv' ? [header, ...rows].map(csvRow).join('\n') : table([header, ...rows]));
  }
  return 0;
}

type MeshFormat = 'glb' | 'obj' | 'stl';

function meshFormat(file: string): MeshFormat | null {
  const ext = extname(file).toLowerCase();
  return ext === '.glb' ? 'glb' : ext === '.obj' ? 'obj' : ext === '.stl' ? 'stl' : null;
}

function parseRegionValues(value: string | undefined): number[] | undefined {
  if (value === undefined) return undefined;
  const parts = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (parts.length === 0 || !parts.every((p) => /^\d+$/.test(p))) {
    throw new UsageError(`--regions needs label values such as 1,2,41, got "${value}"`);
  }
  return parts.map(Number);
}

function parseSmooth(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) > 1000)
    throw new UsageError(`--smooth needs a number of iterations from 0 to 1000, got "${value}"`);
  return Number(value);
}

interface MeshArgs {
  id: string;
  out: string;
  format: MeshFormat;
  res?: number;
  variant?: string;
  regions?: number[];
  smooth?: number;
}

async function mesh(service: AtlasService, io: CliIo, a: MeshArgs): Promise<number> {
  const req = { id: a.id, res: a.res, variant: a.variant };
  const summary = await service.openAtlas(req);
  const settings =
    a.smooth === undefined ? service.meshSettings : { ...service.meshSettings, smoothIterations: a.smooth };
  const set = decodeMeshSet(await service.getAtlasMeshes(req, settings));
  if (a.regions) {
    const have = new Set(set.regions.map((r) => r.value));
    const unknown = [...new Set(a.regions)].filter((v) => !have.has(v));
    if (unknown.length > 0) {
      io.err(
        `brain-atlas: ${a.id} has no region with value ${unknown.join(', ')}; valid values: ${formatValueRanges([...have])}`,
      );
      return 1;
    }
  }
  const selection = selectRegions(set, summary.regions, a.regions);
  const title = `${summary.name} (${a.id}, ${summary.variant})`;
  const files: { path: string; bytes: Uint8Array }[] = [];
  if (a.format === 'glb') {
    files.push({ path: a.out, bytes: exportGlb(set, summary.regions, { regions: a.regions, name: title }) });
  } else if (a.format === 'stl') {
    files.push({ path: a.out, bytes: exportStl(set, summary.regions, { regions: a.regions, title: a.id }) });
  } else {
    const mtlPath = a.out.slice(0, a.out.length - extname(a.out).length) + '.mtl';
    const { obj, mtl } = exportObj(set, summary.regions, { regions: a.regions, mtlFileName: basename(mtlPath), title });
    // The material library first, so an .obj never points at a missing one.
    files.push({ path: mtlPath, bytes: mtl }, { path: a.out, bytes: obj });
  }
  await writeFilesAtomically(files);
  const { triangles, vertices } = selectionSize(selection);
  const extra = files.length > 1 ? ` (+ ${files[0].path})` : '';
  io.out(
    `${a.id}: ${selection.length} regions, ${formatCount(triangles)} triangles, ${formatCount(vertices)} vertices, ` +
      `${formatCount(files[files.length - 1].bytes.length)} bytes -> ${a.out}${extra}`,
  );
  return 0;
}

/** Each file goes to a temporary name beside it and is renamed when complete; on error nothing half-written stays. */
async function writeFilesAtomically(files: { path: string; bytes: Uint8Array }[]): Promise<void> {
  const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const temps = files.map((f) => `${f.path}.${tag}.part`);
  let current = files[0].path;
  try {
    for (let i = 0; i < files.length; i++) {
      current = files[i].path;
      await writeFile(temps[i], files[i].bytes);
    }
    for (let i = 0; i < files.length; i++) {
      current = files[i].path;
      await rename(temps[i], files[i].path);
    }
  } catch (e) {
    await Promise.all(temps.map((t) => rm(t, { force: true })));
    const code = (e as NodeJS.ErrnoException).code;
    const reason: Record<string, string> = {
      ENOENT: 'no such directory',
      EACCES: 'permission denied',
      EPERM: 'permission denied',
      EROFS: 'read-only file system',
      ENOSPC: 'no space left on the device',
      EISDIR: 'it is a directory',
      ENOTDIR: 'a part of the path is not a directory',
    };
    throw new AtlasError(
      'invalid-argument',
      `cannot write ${current}: ${(code && reason[code]) || (e as Error).message}`,
    );
  }
}

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits || 0;

export function regionJson(r: RegionRecord) {
  return {
    value: r.value,
    name: r.name,
    hemisphere: r.hemisphere,
    network: r.network,
    voxels: r.voxels,
    volume_mm3: round(r.volumeMm3, 6),
    centroid: r.centroid.map((c) => round(c, 4)) as [number, number, number],
  };
}

function queryJson(r: PointQueryResult) {
  return { x: r.x, y: r.y, z: r.z, atlases: r.atlases };
}

function queryText(r: PointQueryResult, service: AtlasService): string {
  const rows = Object.entries(r.atlases).map(([id, hit]) => {
    const probs = hit.probabilities?.length
      ? '  (' + hit.probabilities.map((p) => `${p.name ?? p.value} ${Math.round(p.p * 100)}%`).join(', ') + ')'
      : '';
    return [
      id,
      hit.value ? String(hit.value) : '-',
      (hit.name ?? (hit.value ? '' : 'background / outside')) + probs,
      service.atlas(id).name,
    ];
  });
  return `MNI (${r.x}, ${r.y}, ${r.z})\n${table([['ATLAS', 'VALUE', 'REGION', 'ATLAS NAME'], ...rows])}`;
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows
    .map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]))).join('  '))
    .join('\n');
}

function csvRow(cells: string[]): string {
  return cells.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',');
}

// --- clusters and sample ---------------------------------------------------------------------------------------

function parseNumberFlag(
  args: ParsedArgs,
  name: string,
  check: (n: number) => boolean,
  want: string,
): number | undefined {
  const raw = args.values.get(name);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || !check(n))
    throw new UsageError(`--${name} needs ${want}, got "${raw}"`);
  return n;
}

function parseFrame(args: ParsedArgs): number | undefined {
  return parseNumberFlag(
    args,
    'frame',
    (n) => Number.isInteger(n) && n >= 0,
    'a frame number 0 or more (the first is 0)',
  );
}

function clusterOptions(args: ParsedArgs): ClusterOptions {
  const threshold =
    parseNumberFlag(
      args,
      'threshold',
      (n) => n >= 0,
      'a number 0 or more (choose negative clusters with --sign negative)',
    ) ?? 0;
  const signArg = args.values.get('sign');
  if (signArg !== undefined && !['positive', 'negative', 'both'].includes(signArg))
    throw new UsageError(`--sign must be positive, negative or both, got "${signArg}"`);
  if (signArg !== undefined && signArg !== 'both' && args.flags.has('two-sided'))
    throw new UsageError(`--two-sided means --sign both, not ${signArg}`);
  const sign = (args.flags.has('two-sided') ? 'both' : (signArg ?? 'positive')) as ClusterSign;
  const connectivity = parseNumberFlag(args, 'connectivity', (n) => n === 6 || n === 18 || n === 26, '6, 18 or 26') as
    | Connectivity
    | undefined;
  const minVoxels = parseNumberFlag(
    args,
    'min-voxels',
    (n) => Number.isInteger(n) && n >= 0,
    'a whole number of voxels',
  );
  const minMm3 = parseNumberFlag(args, 'min-mm3', (n) => n >= 0, 'a volume in mm³, 0 or more');
  if (minVoxels !== undefined && minMm3 !== undefined)
    throw new UsageError('give either --min-voxels or --min-mm3, not both');
  return { threshold, sign, connectivity, minVoxels, minMm3 };
}

async function clustersCommand(
  makeService: () => Promise<AtlasService>,
  io: CliIo,
  file: string,
  args: ParsedArgs,
): Promise<number> {
  const opts = clusterOptions(args);
  const frame = parseFrame(args);
  const atlasArg = args.values.get('atlas');
  const atlases =
    atlasArg !== undefined
      ? atlasArg
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : undefined;
  if (atlases !== undefined && atlases.length === 0)
    throw new UsageError('--atlas needs atlas ids such as aal3,brodmann');
  const map = await readStatMap(file, { frame, maxBytes: maxBytesFromEnv(io.env) });
  for (const w of map.warnings) io.err(`warning: ${w}`);
  if (map.spaceWarning) io.err(`warning: ${basename(file)}: ${map.spaceWarning}`);
  const service = await makeService();
  const report = await clusterReport(service, map, { ...opts, atlases });
  if (atlases === undefined && report.atlasIds.length === 0) {
    io.err(
      'warning: no labels atlas is on this machine, so regions are not named; run `brain-atlas fetch aal3` or set BRAIN_ATLAS_PATH',
    );
  }
  if (report.clusters.length === 0) io.err(noClustersText(basename(file), report, opts));
  if (args.flags.has('json')) io.out(JSON.stringify(clusterReportJson(report)));
  else if (args.flags.has('csv')) io.out(formatClusterTable(report, 'csv'));
  else {
    io.out(describeRun(basename(file), map, opts));
    io.out(`${report.clusters.length} cluster${report.clusters.length === 1 ? '' : 's'}`);
    if (report.clusters.length > 0) io.out(`\n${clusterReportText(report)}`);
  }
  return 0;
}

async function sampleCommand(
  io: CliIo,
  file: string,
  coordsArgs: string[],
  args: ParsedArgs,
  maxBytes: number | undefined,
): Promise<number> {
  const coords = args.values.get('coords');
  if (coords && coordsArgs.length > 0) throw new UsageError('give either X Y Z or --coords FILE, not both');
  if (!coords && coordsArgs.length === 0) throw new UsageError('sample needs --coords FILE or X Y Z (MNI mm)');
  const interpArg = args.values.get('interp') ?? 'nearest';
  if (interpArg !== 'nearest' && interpArg !== 'linear')
    throw new UsageError(`--interp must be nearest or linear, got "${interpArg}"`);
  const interp = interpArg as Interpolation;
  const frame = parseFrame(args);
  const points = coords
    ? parseCoordinates(await readBytes(coords), basename(coords)).map((r) => r.center)
    : [parsePoint(coordsArgs)];
  const map = await readStatMap(file, { frame, maxBytes });
  for (const w of map.warnings) io.err(`warning: ${w}`);
  if (map.spaceWarning) io.err(`warning: ${basename(file)}: ${map.spaceWarning}`);
  const rows = points.map(([x, y, z]) => {
    const v = sampleStatMap(map, x, y, z, interp);
    return { x, y, z, value: v === null ? null : mapValue(v) };
  });
  if (args.flags.has('json')) io.out(JSON.stringify(rows));
  else io.out(table([['X', 'Y', 'Z', 'VALUE'], ...rows.map((r) => [r.x, r.y, r.z, r.value ?? 'missing'].map(String))]));
  return 0;
}
