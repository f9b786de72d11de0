/** `brain-atlas sample`: a statistical map's value at points (nearest voxel or trilinear). */
import { basename } from 'node:path';
import { mapValue } from '../../../core/maps/cluster-report';
import { type Interpolation, sampleStatMap } from '../../../core/maps/stat-map';
import { readStatMap } from '../../services/cluster-report';
import { maxBytesFromEnv } from '../../services/volume-io';
import { type ParsedArgs, UsageError } from '../args';
import type { CliCommand, CliIo } from '../command';
import { parseFrame, readPoints } from '../options';
import { table } from '../output';

export const sampleCommand: CliCommand = {
  options: ['coords', 'frame', 'interp', 'json'],
  async run({ io, rest, args }) {
    if (rest.length === 0) throw new UsageError('sample needs a map (a NIfTI file) and --coords FILE or X Y Z');
    return await sample(io, rest[0], rest.slice(1), args, maxBytesFromEnv(io.env));
  },
};

async function sample(
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
  const points = await readPoints(coords, coordsArgs);
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
