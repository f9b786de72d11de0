import { beforeAll, describe, expect, it } from 'vitest';
import { captureCli } from '../../../../helpers/run-cli';
import { type SyntheticAtlas, makeSyntheticAtlas } from '../../../../helpers/synthetic-atlas';

let s: SyntheticAtlas;
beforeAll(() => {
  s = makeSyntheticAtlas();
});

const cli = (...argv: string[]) => captureCli(s.env, argv);

describe('brain-atlas list', () => {
  it('lists every atlas with its status', async () => {
    const rows = JSON.parse((await cli('list', '--json')).out);
    expect(rows.map((r: { id: string; status: string }) => [r.id, r.status])).toEqual([
      ['synth', 'present'],
      ['synth-points', 'present'],
      ['synth-remote', 'downloadable'],
    ]);
  });
});
