/** `brain-atlas list`: every atlas of the catalog with its kind, status and resolutions. */
import type { AtlasListing } from '../../../core/api';
import type { CliCommand } from '../command';
import { table } from '../output';

export const listCommand: CliCommand = {
  options: ['json'],
  async run({ io, args, makeService }) {
    const service = await makeService();
    const json = args.flags.has('json');
    const listings = await service.listAtlases();
    if (json) {
      io.out(JSON.stringify(listings, null, 2));
      return 0;
    }
    const rows = listings.map((l: AtlasListing) => [
      l.id,
      l.kind,
      l.status,
      l.variants
        .map((v) => (v.resolutionMm ? `${v.resolutionMm}${v.space ? '*' : ''}${v.starter ? '+' : ''}` : '-'))
        .join(',') + (l.variants.some((v) => v.resolutionMm) ? ' mm' : ''),
      l.name,
    ]);
    io.out(table([['ID', 'KIND', 'STATUS', 'RESOLUTION', 'NAME'], ...rows]));
    const present = listings.filter((l) => l.status === 'present').length;
    if (listings.some((l) => l.variants.some((v) => v.space)))
      io.out("\n* on another grid or space than the atlas's own (see list --json)");
    if (listings.some((l) => l.variants.some((v) => v.starter)))
      io.out(
        `${listings.some((l) => l.variants.some((v) => v.space)) ? '' : '\n'}+ ships with the app (the starter set)`,
      );
    io.out(
      `\n${listings.length} atlases: ${present} present, ${listings.filter((l) => l.status === 'downloadable').length} downloadable, ${listings.filter((l) => l.status === 'missing').length} missing.`,
    );
    return 0;
  },
};
