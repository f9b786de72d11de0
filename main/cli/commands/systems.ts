/** `brain-atlas systems`: the brain systems (atlases/brain-systems.json) and the regions of each, with their values. */
import type { BrainSystemListing } from '../../../core/api';
import { AtlasError } from '../../../core/errors';
import { brainSystemsPath, loadBrainSystemsFile } from '../../services/brain-systems-file';
import { SystemsService } from '../../services/systems-service';
import { UsageError } from '../args';
import type { CliCommand } from '../command';
import { table } from '../output';

/** The system whose id or name (English or Chinese) is `wanted`, ignoring case. */
function findSystem(systems: BrainSystemListing[], wanted: string): BrainSystemListing {
  const w = wanted.toLowerCase();
  const found = systems.find((s) => [s.id, s.name, s.name_zh].some((n) => n.toLowerCase() === w));
  if (!found)
    throw new AtlasError(
      'not-found',
      `no brain system "${wanted}"; the systems are ${systems.map((s) => s.id).join(', ')}`,
    );
  return found;
}

export const systemsCommand: CliCommand = {
  options: ['json'],
  async run({ io, rest, args, makeService }) {
    if (rest.length > 1) throw new UsageError('systems takes at most one system name, e.g. systems visual');
    const service = await makeService();
    const brainSystems = await loadBrainSystemsFile(brainSystemsPath(io.env));
    let systems = await new SystemsService(service, { brainSystems }).listBrainSystems();
    if (rest.length === 1) systems = [findSystem(systems, rest[0])];
    if (args.flags.has('json')) {
      const rows = systems.map((s) => ({ id: s.id, name: s.name, name_zh: s.name_zh, regions: s.regions }));
      io.out(JSON.stringify(rows, null, 2));
      return 0;
    }
    if (systems.length === 0) {
      io.out(`no brain systems (${brainSystemsPath(io.env)} is missing)`);
      return 0;
    }
    for (const [i, s] of systems.entries()) {
      if (i > 0) io.out('');
      io.out(`${s.id}  ${s.name} (${s.name_zh})  ${s.regions.length} regions`);
      if (rest.length === 1) {
        io.out(`  ${s.caption.en}`);
        io.out(`  ${s.caption.zh}`);
        io.out(`  Source: ${s.citation}`);
      }
      const rows = s.regions.map((r) => [`  ${r.atlas}`, r.value === null ? '?' : String(r.value), r.name]);
      io.out(table([['  ATLAS', 'VALUE', 'REGION'], ...rows]));
    }
    if (systems.some((s) => s.regions.some((r) => r.value === null)))
      io.out('\n? the atlas could not be read on this machine (see brain-atlas list)');
    return 0;
  },
};
