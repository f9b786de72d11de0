import { beforeAll, describe, expect, it } from 'vitest';
import { captureCli } from '../../../../helpers/run-cli';
import { type SyntheticAtlas, makeSyntheticAtlas } from '../../../../helpers/synthetic-atlas';

let s: SyntheticAtlas;
beforeAll(() => {
  s = makeSyntheticAtlas();
});

const cli = (...argv: string[]) => captureCli(s.env, argv);

describe('brain-atlas networks', () => {
  it('lists the networks of an atlas with colour and regions (Schaefer-style names, Yeo 7 colours)', async () => {
    const json = await cli('networks', 'synth', '--json');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out)).toEqual([
      { network: 'Visual', color: [120, 18, 134], regions: [{ value: 1, name: '7Networks_LH_Vis_1' }] },
      { network: 'Default', color: [205, 62, 78], regions: [{ value: 2, name: '7Networks_RH_Default_PFC_1' }] },
    ]);
    const text = await cli('networks', 'synth');
    expect(text.out).toMatch(/^synth: Synthetic two balls, 2 networks/);
    expect(text.out).toMatch(/Visual +#781286 +1 +7Networks_LH_Vis_1/);
  });

  it('needs an atlas id', async () => {
    expect((await cli('networks')).code).toBe(2);
    expect((await cli('networks', 'synth', '--csv')).code).toBe(2);
  });
});
