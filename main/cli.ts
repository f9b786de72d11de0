/**
 * `brain-atlas`: the atlas engine on the command line (list, fetch, regions, query, inspect). Scriptable like
 * FSL's atlasquery: JSON and CSV output, errors as one line on stderr (exit 1), usage errors exit 2.
 */
import { basename } from 'node:path';
import type { AtlasListing, PointQueryResult, RegionRecord } from '../core/api';
import { AtlasError, formatCount } from '../core/errors';
import { parseCoordinates } from '../core/coordinates';
import { UsageError, parseCliArgs, parsePoint, parseRes } from './cli-args';
import { formatProgressBar } from './services/atlas-files';
import type { AtlasService } from './services/atlas-service';
import { createAtlasService } from './services/create-service';
import { describeFile } from './services/inspect';
import { readBytes } from './services/volume-io';

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
  brain-atlas inspect FILE

Atlas files are looked for in BRAIN_ATLAS_CACHE, then each folder of BRAIN_ATLAS_PATH,
then downloaded (from BRAIN_ATLAS_MIRROR when set). --res picks a variant by voxel size
(default: the finest); --variant picks one by id where two share a size (see list --json).
See README.md.`;

const SPEC = { values: ['res', 'variant', 'atlas', 'coords', 'file', 'labels'], booleans: ['json', 'csv', 'help', 'version'] };

export async function runCli(argv: string[], io: CliIo, makeService: () => Promise<AtlasService> = () => createAtlasService(io.env)): Promise<number> {
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
        if (file ? rest.length > 0 : rest.length !== 1) return usage(io, 'regions needs one atlas id, or --file VOLUME');
        if (!file && args.values.has('labels')) return usage(io, '--labels goes with --file');
        const format = args.flags.has('json') ? 'json' : args.flags.has('csv') ? 'csv' : 'text';
        return await regions(await makeService(), io, {
          id: rest[0], file, labels: args.values.get('labels'), res: parseRes(args.values.get('res')), variant: args.values.get('variant'), format,
        });
      }
      case 'query': {
        const coords = args.values.get('coords');
        if (coords && rest.length > 0) return usage(io, 'give either X Y Z or --coords FILE, not both');
        if (!coords && rest.length === 0) return usage(io, 'query needs X Y Z (MNI mm) or --coords FILE');
        const points = coords ? parseCoordinates(await readBytes(coords), basename(coords)).map((r) => r.center) : [parsePoint(rest)];
        const atlasArg = args.values.get('atlas');
        const atlases = atlasArg ? atlasArg.split(',').map((s) => s.trim()).filter(Boolean) : undefined;
        const service = await makeService();
        const results = await service.query({ points, atlases, res: parseRes(args.values.get('res')), variant: args.values.get('variant') });
        if (atlases === undefined && results.length > 0 && Object.keys(results[0].atlases).length === 0) {
          io.err('brain-atlas: no labels atlas is on this machine; run `brain-atlas fetch aal3` or set BRAIN_ATLAS_PATH');
          return 1;
        }
        if (coords || args.flags.has('json')) for (const r of results) io.out(JSON.stringify(queryJson(r)));
        else io.out(queryText(results[0], service));
        return 0;
      }
      case 'inspect':
        if (rest.length !== 1) return usage(io, 'inspect needs one file');
        io.out(await describeFile(rest[0]));
        return 0;
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
    l.variants.map((v) => (v.resolutionMm ? `${v.resolutionMm}${v.space ? '*' : ''}` : '-')).join(',') + (l.variants.some((v) => v.resolutionMm) ? ' mm' : ''),
    l.name,
  ]);
  io.out(table([['ID', 'KIND', 'STATUS', 'RESOLUTION', 'NAME'], ...rows]));
  const present = listings.filter((l) => l.status === 'present').length;
  if (listings.some((l) => l.variants.some((v) => v.space))) io.out('\n* on another grid or space than the atlas\'s own (see list --json)');
  io.out(`\n${listings.length} atlases: ${present} present, ${listings.filter((l) => l.status === 'downloadable').length} downloadable, ${listings.filter((l) => l.status === 'missing').length} missing.`);
  return 0;
}

async function fetch(service: AtlasService, io: CliIo, ids: string[], res: number | undefined): Promise<number> {
  for (const id of ids) service.atlas(id); // unknown ids fail before any download starts
  for (const id of ids) {
    let current = '';
    const listing = await service.fetchAtlas({ id, res }, (p) => {
      const line = `${id} ${p.file} ${formatProgressBar(p.receivedBytes, p.totalBytes)}`;
      if (io.errIsTty) io.err(`\r${line}`);
      else if (p.file !== current && p.receivedBytes === 0) io.err(`downloading ${id}/${p.file} (${formatCount(p.totalBytes)} bytes)`);
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
    return [id, hit.value ? String(hit.value) : '-', (hit.name ?? (hit.value ? '' : 'background / outside')) + probs, service.atlas(id).name];
  });
  return `MNI (${r.x}, ${r.y}, ${r.z})\n${table([['ATLAS', 'VALUE', 'REGION', 'ATLAS NAME'], ...rows])}`;
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]))).join('  ')).join('\n');
}

function csvRow(cells: string[]): string {
  return cells.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',');
}
