/**
 * `brain-atlas`: the atlas engine on the command line (list, fetch, regions, query, overlap, inspect, mesh, clusters,
 * sample; one module each in commands/). Scriptable like FSL's atlasquery: JSON and CSV output, errors as one line on
 * stderr (exit 1), usage errors exit 2. This module parses the arguments, checks each command's options and runs it.
 */
import { AtlasError } from '../../core/errors';
import type { AtlasService } from '../services/atlas-service';
import { createAtlasService } from '../services/create-service';
import { UsageError, parseCliArgs } from './args';
import type { CliCommand, CliIo } from './command';
import { clustersCommand } from './commands/clusters';
import { fetchCommand } from './commands/fetch';
import { inspectCommand } from './commands/inspect';
import { listCommand } from './commands/list';
import { meshCommand } from './commands/mesh';
import { networksCommand } from './commands/networks';
import { overlapCommand } from './commands/overlap';
import { projectCommand } from './commands/project';
import { quizCommand } from './commands/quiz';
import { queryCommand } from './commands/query';
import { regionsCommand } from './commands/regions';
import { sampleCommand } from './commands/sample';
import { renderCommand } from './commands/render';
import { sceneCommand } from './commands/scene';
import { systemsCommand } from './commands/systems';
import { HELP_HINT, USAGE, commandUsage } from './usage';

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
    'detail',
    'threshold',
    'sign',
    'min-voxels',
    'min-mm3',
    'connectivity',
    'frame',
    'interp',
    'map',
    'view',
    'layout',
    'slices',
    'slice-orientation',
    'label',
    'width',
    'height',
    'dpi',
    'format',
    'lang',
    'surface',
    'hemi',
    'pool',
    'count',
    'seed',
  ],
  booleans: ['json', 'csv', 'help', 'version', 'two-sided', 'transparent'],
};

const COMMANDS: Record<string, CliCommand> = {
  list: listCommand,
  fetch: fetchCommand,
  regions: regionsCommand,
  query: queryCommand,
  inspect: inspectCommand,
  overlap: overlapCommand,
  mesh: meshCommand,
  clusters: clustersCommand,
  sample: sampleCommand,
  project: projectCommand,
  quiz: quizCommand,
  systems: systemsCommand,
  networks: networksCommand,
  scene: sceneCommand,
  render: renderCommand,
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
  if (!Object.hasOwn(COMMANDS, command)) return usage(io, `unknown command "${command}"`);
  const commandLines = commandUsage(command, rest[0]);
  for (const used of [...args.flags, ...args.values.keys()]) {
    if (!COMMANDS[command].options.includes(used)) return usage(io, `${command} does not take --${used}`, commandLines);
  }
  if (args.flags.has('json') && args.flags.has('csv')) return usage(io, 'choose one of --json and --csv', commandLines);

  try {
    return await COMMANDS[command].run({ io, rest, args, makeService });
  } catch (e) {
    if (e instanceof UsageError) return usage(io, e.message, commandLines);
    io.err(`brain-atlas: ${e instanceof AtlasError ? e.message : `unexpected error: ${(e as Error)?.message ?? e}`}`);
    return 1;
  }
}

/**
 * A usage error: the problem, then the command's own usage lines (when a command was named) and where the rest is;
 * not the whole usage text, which would bury the one line that matters.
 */
function usage(io: CliIo, message: string, commandLines: string[] = []): number {
  io.err([`brain-atlas: ${message}`, ...commandLines, HELP_HINT].join('\n'));
  return 2;
}
