/** `brain-atlas fetch`: downloads atlases into the cache, with a progress bar on a terminal. */
import { formatCount } from '../../../core/errors';
import type { AtlasService } from '../../services/atlas-service';
import { UsageError, parseRes } from '../args';
import type { CliCommand, CliIo } from '../command';
import { formatProgressBar } from '../progress-bar';

export const fetchCommand: CliCommand = {
  options: ['res'],
  async run({ io, rest, args, makeService }) {
    if (rest.length === 0) throw new UsageError('fetch needs at least one atlas id');
    return await fetchAtlases(await makeService(), io, rest, parseRes(args.values.get('res')));
  },
};

async function fetchAtlases(service: AtlasService, io: CliIo, ids: string[], res: number | undefined): Promise<number> {
  for (const id of ids) service.atlas(id); // unknown ids fail before any download starts
  for (const id of ids) {
    let current = '';
    const listing = await service.fetchAtlas({ id, res }, (p) => {
      const line = `${id} ${p.file} ${formatProgressBar(p.receivedBytes, p.totalBytes)}`;
      if (io.errIsTty) io.err(`\r${line}`);
      else if (p.file !== current && p.receivedBytes === 0)
        io.err(`downloading ${id}/${p.file} (${formatCount(p.totalBytes)} bytes)`);
      current = p.file;
    });
    if (io.errIsTty && current) io.err('\n');
    io.out(`${id}: ${listing.status}`);
  }
  return 0;
}
