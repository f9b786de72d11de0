/** `brain-atlas overlap`: how one region of an atlas is shared out among the regions of other atlases. */
import { AtlasError, formatCount } from '../../../core/errors';
import { UsageError, parseRes } from '../args';
import type { CliCommand } from '../command';
import { splitList } from '../options';

export const overlapCommand: CliCommand = {
  options: ['res', 'variant', 'with', 'json'],
  async run({ io, rest, args, makeService }) {
    if (rest.length !== 2)
      throw new UsageError('overlap needs an atlas id and a region (value or name), e.g. overlap aal3 Precentral_L');
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
      against: withArg ? splitList(withArg) : undefined,
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
  },
};
