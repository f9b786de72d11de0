/** `brain-atlas inspect`: describes a volume file in words (format, grid, orientation, what it holds). */
import { describeFile } from '../../services/inspect';
import { UsageError } from '../args';
import type { CliCommand } from '../command';

export const inspectCommand: CliCommand = {
  options: [],
  async run({ io, rest }) {
    if (rest.length !== 1) throw new UsageError('inspect needs one file');
    io.out(await describeFile(rest[0]));
    return 0;
  },
};
