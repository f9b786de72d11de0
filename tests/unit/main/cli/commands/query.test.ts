import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { captureCli } from '../../../../helpers/run-cli';
import { type SyntheticAtlas, makeSyntheticAtlas } from '../../../../helpers/synthetic-atlas';

let s: SyntheticAtlas;
beforeAll(() => {
  s = makeSyntheticAtlas();
});

const cli = (...argv: string[]) => captureCli(s.env, argv);

describe('brain-atlas query', () => {
  it('answers with the region in each atlas, background as value 0 and name null', async () => {
    const r = await cli('query', '-10', '0', '0', '--atlas', 'synth', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({
      x: -10,
      y: 0,
      z: 0,
      atlases: { synth: { value: 1, name: '7Networks_LH_Vis_1' } },
    });
    const bg = JSON.parse((await cli('query', '0', '0', '0', '--atlas', 'synth', '--json')).out);
    expect(bg.atlases.synth).toEqual({ value: 0, name: null });
    const outside = JSON.parse((await cli('query', '500', '0', '0', '--atlas', 'synth', '--json')).out);
    expect(outside.atlases.synth).toEqual({ value: 0, name: null });
  });

  it('uses every present labels atlas by default and reads many points with --coords', async () => {
    const file = join(s.root, 'pts.csv');
    writeFileSync(file, 'x,y,z\n-10,0,0\n10,-4,-4\n');
    const r = await cli('query', '--coords', file);
    const lines = r.out.split('\n').map((l) => JSON.parse(l));
    expect(lines).toEqual([
      { x: -10, y: 0, z: 0, atlases: { synth: { value: 1, name: '7Networks_LH_Vis_1' } } },
      { x: 10, y: -4, z: -4, atlases: { synth: { value: 2, name: '7Networks_RH_Default_PFC_1' } } },
    ]);
  });

  it('finds coordinate ROIs within their sphere', async () => {
    const r = JSON.parse((await cli('query', '-8', '1', '0', '--atlas', 'synth-points', '--json')).out);
    expect(r.atlases['synth-points']).toEqual({ value: 1, name: 'ROI 1' });
  });
});
