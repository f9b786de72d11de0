/**
 * `brain-atlas clusters`: the clusters of a statistical map, with the regions at each peak and what each cluster
 * covers in every labels atlas.
 */
import { basename } from 'node:path';
import type { ClusterOptions, ClusterSign, Connectivity } from '../../../core/maps/clusters';
import { clusterReportJson, formatClusterTable } from '../../../core/maps/cluster-report';
import type { AtlasService } from '../../services/atlas-service';
import {
  clusterReport,
  clusterReportText,
  describeRun,
  noClustersText,
  readStatMap,
} from '../../services/cluster-report';
import { maxBytesFromEnv } from '../../services/volume-io';
import { type ParsedArgs, UsageError } from '../args';
import type { CliCommand, CliIo } from '../command';
import { parseFrame, parseNumberFlag, splitList } from '../options';

export const clustersCommand: CliCommand = {
  options: ['threshold', 'two-sided', 'sign', 'min-voxels', 'min-mm3', 'connectivity', 'frame', 'atlas', 'json', 'csv'],
  async run({ io, rest, args, makeService }) {
    if (rest.length !== 1) throw new UsageError('clusters needs one map (a NIfTI file)');
    return await clusters(makeService, io, rest[0], args);
  },
};

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

async function clusters(
  makeService: () => Promise<AtlasService>,
  io: CliIo,
  file: string,
  args: ParsedArgs,
): Promise<number> {
  const opts = clusterOptions(args);
  const frame = parseFrame(args);
  const atlasArg = args.values.get('atlas');
  const atlases = atlasArg !== undefined ? splitList(atlasArg) : undefined;
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
