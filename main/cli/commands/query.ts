/** `brain-atlas query`: the region at one point (X Y Z) or at each point of a file, in every atlas or those asked for. */
import type { AtlasHit, PointQueryResult } from '../../../core/api';
import type { AtlasService } from '../../services/atlas-service';
import { UsageError, parseRes } from '../args';
import type { CliCommand } from '../command';
import { readPoints, splitList } from '../options';
import { table } from '../output';

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
    const results = await service.query({
      points,
      atlases,
      res: parseRes(args.values.get('res')),
      variant: args.values.get('variant'),
    });
    if (atlases === undefined && results.length > 0 && Object.keys(results[0].atlases).length === 0) {
      io.err('brain-atlas: no labels atlas is on this machine; run `brain-atlas fetch aal3` or set BRAIN_ATLAS_PATH');
      return 1;
    }
    if (coords || args.flags.has('json')) {
      // One JSON object per line, written a thousand lines at a time.
      const line = queryJsonLine();
      for (let i = 0; i < results.length; i += 1000)
        io.out(
          results
            .slice(i, i + 1000)
            .map(line)
            .join('\n'),
        );
    } else io.out(queryText(results[0], service));
    return 0;
  },
};

/**
 * JSON.stringify({ x, y, z, atlases }) of each result, byte for byte, with each hit object written once: points
 * that fall in the same region share the service's hit object, so ten thousand points cost a few hundred hits.
 */
function queryJsonLine(): (r: PointQueryResult) => string {
  const written = new Map<AtlasHit, string>();
  const hitJson = (hit: AtlasHit) => {
    let s = written.get(hit);
    if (s === undefined) written.set(hit, (s = JSON.stringify(hit)));
    return s;
  };
  const keys = new Map<string, string>();
  const keyJson = (id: string) => {
    let s = keys.get(id);
    if (s === undefined) keys.set(id, (s = `${JSON.stringify(id)}:`));
    return s;
  };
  return (r) => {
    let atlases = '';
    for (const id in r.atlases) atlases += `${atlases ? ',' : ''}${keyJson(id)}${hitJson(r.atlases[id])}`;
    return `{"x":${JSON.stringify(r.x)},"y":${JSON.stringify(r.y)},"z":${JSON.stringify(r.z)},"atlases":{${atlases}}}`;
  };
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
