/**
 * `brain-atlas networks`: the functional networks of an atlas and the regions in each; with a region as well,
 * how that region is shared among the Yeo 7 and Yeo 17 networks.
 */
import { AtlasError } from '../../../core/errors';
import { rgbHex } from '../../../core/atlas/network-atlases';
import { SystemsService } from '../../services/systems-service';
import { UsageError, parseRes } from '../args';
import type { CliCommand } from '../command';
import { table } from '../output';

export const networksCommand: CliCommand = {
  options: ['res', 'variant', 'json'],
  async run({ io, rest, args, makeService }) {
    if (rest.length < 1 || rest.length > 2)
      throw new UsageError('networks needs an atlas id, and optionally a region (value or name), e.g. networks yeo-7');
    const service = await makeService();
    const systems = new SystemsService(service);
    const req = { id: rest[0], res: parseRes(args.values.get('res')), variant: args.values.get('variant') };
    const json = args.flags.has('json');
    if (rest.length === 2) {
      let value = Number(rest[1]);
      if (!/^\d+$/.test(rest[1])) {
        const wanted = rest[1].toLowerCase();
        const found = (await service.openAtlas(req)).regions.find((r) => r.name.toLowerCase() === wanted);
        if (!found)
          throw new AtlasError(
            'not-found',
            `atlas '${rest[0]}' has no region named "${rest[1]}"; see brain-atlas regions ${rest[0]}`,
          );
        value = found.value;
      }
      const result = await systems.regionNetworks({ ...req, value });
      if (json) io.out(JSON.stringify(result, null, 2));
      else {
        io.out(`${result.id} ${result.value} ${result.name}`);
        for (const y of result.yeo) {
          const top = y.shares.slice(0, 4).map((s) => `${Math.round(s.percent)} % ${s.network}`);
          if (y.unlabelledPercent > 0) top.push(`${Math.round(y.unlabelledPercent)} % outside the networks`);
          io.out(`  Yeo ${y.networks}: ${top.join(', ')}`);
        }
      }
      return 0;
    }
    const listing = await systems.listNetworks(req);
    if (json) {
      io.out(JSON.stringify(listing.networks, null, 2));
      if (listing.note) io.err(`brain-atlas: ${listing.note}`);
      return 0;
    }
    io.out(`${listing.id}: ${listing.label.en}, ${listing.networks.length} networks`);
    if (listing.note) io.out(listing.note);
    if (listing.networks.length > 0) {
      const rows = listing.networks.map((n) => [
        n.network,
        rgbHex(n.color),
        String(n.regions.length),
        n.regions.map((r) => r.name).join(', '),
      ]);
      io.out(table([['NETWORK', 'COLOR', 'REGIONS', 'NAMES'], ...rows]));
    }
    if (listing.unassigned > 0 && listing.networks.length > 0)
      io.out(`${listing.unassigned} region(s) belong to no network`);
    return 0;
  },
};
