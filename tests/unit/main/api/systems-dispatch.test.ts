import { describe, expect, it } from 'vitest';
import type { AtlasApi } from '../../../../core/api';
import { dispatch } from '../../../../main/api/api-dispatch';

/** An api whose systems methods echo what they were given. */
const calls: [string, unknown][] = [];
const echo = (name: string) => async (arg?: unknown) => {
  calls.push([name, arg]);
  return name === 'getProbabilityGrid' ? new ArrayBuffer(8) : { name, arg };
};
const api = Object.fromEntries(
  ['listBrainSystems', 'listNetworks', 'regionNetworks', 'getTopography', 'getProbabilityGrid'].map((m) => [
    m,
    echo(m),
  ]),
) as unknown as AtlasApi;

describe('dispatch of the systems calls', () => {
  it('passes checked arguments through', async () => {
    await dispatch(api, 'listBrainSystems', undefined);
    await dispatch(api, 'listNetworks', { id: 'yeo-7' });
    await dispatch(api, 'regionNetworks', { id: 'aal3', value: 1, res: 2 });
    await dispatch(api, 'getTopography', { map: 'retinotopy' });
    await dispatch(api, 'getProbabilityGrid', { id: 'wang2015', res: 1, threshold: 25 });
    expect(calls).toEqual([
      ['listBrainSystems', undefined],
      ['listNetworks', { id: 'yeo-7', res: undefined, variant: undefined }],
      ['regionNetworks', { id: 'aal3', res: 2, variant: undefined, value: 1 }],
      ['getTopography', { map: 'retinotopy' }],
      ['getProbabilityGrid', { id: 'wang2015', res: 1, variant: undefined, threshold: 25 }],
    ]);
  });

  it('refuses bad arguments with one sentence', async () => {
    await expect(dispatch(api, 'listBrainSystems', { x: 1 })).rejects.toThrow('listBrainSystems does not take "x"');
    await expect(dispatch(api, 'listNetworks', { id: '../etc' })).rejects.toThrow(/id must be an atlas id/);
    await expect(dispatch(api, 'regionNetworks', { id: 'aal3', value: 1.5 })).rejects.toThrow(
      /value must be a label value/,
    );
    await expect(dispatch(api, 'getTopography', { map: 'olfactotopy' })).rejects.toThrow(
      'map must be one of retinotopy, somatotopy, tonotopy',
    );
    for (const threshold of [0, -5, 101, Number.NaN, '25', undefined]) {
      await expect(dispatch(api, 'getProbabilityGrid', { id: 'wang2015', threshold })).rejects.toThrow(
        /threshold must be a probability in percent/,
      );
    }
  });
});
