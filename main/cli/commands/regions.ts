/** `brain-atlas regions`: the regions of an atlas, or of any label volume (--file), as text, JSON or CSV. */
import type { RegionRecord } from '../../../core/api';
import type { AtlasService } from '../../services/atlas-service';
import { UsageError, parseRes } from '../args';
import type { CliCommand, CliIo } from '../command';
import { csvRow, table } from '../output';

export const regionsCommand: CliCommand = {
  options: ['res', 'variant', 'json', 'csv', 'file', 'labels'],
  async run({ io, rest, args, makeService }) {
    const file = args.values.get('file');
    if (file ? rest.length > 0 : rest.length !== 1)
      throw new UsageError('regions needs one atlas id, or --file VOLUME');
    if (!file && args.values.has('labels')) throw new UsageError('--labels goes with --file');
    const format = args.flags.has('json') ? 'json' : args.flags.has('csv') ? 'csv' : 'text';
    return await listRegions(await makeService(), io, {
      id: rest[0],
      file,
      labels: args.values.get('labels'),
      res: parseRes(args.values.get('res')),
      variant: args.values.get('variant'),
      format,
    });
  },
};

interface RegionsArgs {
  id?: string;
  file?: string;
  labels?: string;
  res?: number;
  variant?: string;
  format: 'json' | 'csv' | 'text';
}

async function listRegions(service: AtlasService, io: CliIo, a: RegionsArgs): Promise<number> {
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
