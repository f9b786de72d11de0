/** `brain-atlas query`: the region at one point (X Y Z) or at each point of a file, in every atlas or those asked for. */
import type { PointQueryResult } from '../../../core/api';
import type { AtlasService } from '../../services/atlas-service';
import { UsageError, parseRes } from '../args';
import type { CliCommand, CliIo } from '../command';
import { readPoints, splitList } from '../options';
import { table } from '../output';
import { writeQueryJsonLines } from '../query-json-lines';

export const queryCommand: CliCommand = {
  options: ['atlas', 'res', 'variant', 'json', 'coords'],
  async run({ io, rest, args, makeService }) {
    const coords = args.values.get('coords');
    if (coords && rest.length > 0) throw new UsageError('give either X Y Z or --coords FILE, not both');
    if (!coords && rest.length === 0) throw new UsageError('query needs X Y Z (MNI mm) or --coords FILE');
    const points = await readPoints(coords, rest);
    const atlasArg = args.values.get('atlas');
    const atlases = atlasArg ? splitList(atlasArg) : undefined;
    const service = await makeService();
    const req = { points, atlases, res: parseRes(args.values.get('res')), variant: args.values.get('variant') };
    if (coords || args.flags.has('json')) {
      const columns = await service.queryColumns(req);
      if (atlases === undefined && columns.length === 0) return noAtlas(io);
      await writeQueryJsonLines(points, columns, (chunk, written) => io.outBytes(chunk, written));
      return 0;
    }
    const [result] = await service.query(req);
    if (atlases === undefined && Object.keys(result.atlases).length === 0) return noAtlas(io);
    io.out(queryText(result, service));
    return 0;
  },
};

function noAtlas(io: CliIo): number {
  io.err('brain-atlas: no labels atlas is on this machine; run `brain-atlas fetch aal3` or set BRAIN_ATLAS_PATH');
  return 1;
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
