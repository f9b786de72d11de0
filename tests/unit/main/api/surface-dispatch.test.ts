import { beforeEach, describe, expect, it } from 'vitest';
import type { AtlasApi } from '../../../../core/api';
import { AtlasError } from '../../../../core/errors';
import { dispatch } from '../../../../main/api/api-dispatch';

/** An api whose surface methods record what they were given and answer with a buffer of their own. */
const calls: [string, unknown][] = [];
const answers = new Map<string, ArrayBuffer>();
const api = Object.fromEntries(
  ['getSurface', 'getSurfaceMap', 'getSurfaceLabels'].map((m) => {
    answers.set(m, new ArrayBuffer(4));
    return [
      m,
      async (arg?: unknown) => {
        calls.push([m, arg]);
        return answers.get(m);
      },
    ];
  }),
) as unknown as AtlasApi;

beforeEach(() => {
  calls.length = 0;
});

/** dispatch refuses the call with an invalid-argument AtlasError whose message is `message`, calling nothing. */
async function refused(method: string, arg: unknown, message: string): Promise<void> {
  let error: unknown = null;
  try {
    await dispatch(api, method, arg);
  } catch (e) {
    error = e;
  }
  expect(error, `${method} ${JSON.stringify(arg)}`).toBeInstanceOf(AtlasError);
  expect((error as AtlasError).code).toBe('invalid-argument');
  expect((error as AtlasError).message).toBe(message);
  expect(calls).toEqual([]);
}

const HEMI = 'hemi must be "left" or "right"';
const KIND = 'kind must be one of pial, white, inflated';
const MAP_ID = 'mapId must be the id of an open map, as openMap or listMaps gave it';
const ATLAS_ID = 'id must be an atlas id such as "aal3"';
const RES = 'res must be a voxel size in mm, such as 1 or 2';
const VARIANT = 'variant must be a variant id such as "1mm"';

describe('dispatch of the surface calls', () => {
  it('passes checked arguments to the api and returns its answer', async () => {
    expect(await dispatch(api, 'getSurface', { hemi: 'left', kind: 'inflated' })).toBe(answers.get('getSurface'));
    await dispatch(api, 'getSurface', { kind: 'pial', hemi: 'right' });
    await dispatch(api, 'getSurface', { hemi: 'left', kind: 'white' });
    expect(await dispatch(api, 'getSurfaceMap', { mapId: 'map-1', hemi: 'right' })).toBe(answers.get('getSurfaceMap'));
    await dispatch(api, 'getSurfaceMap', { hemi: 'left', mapId: 'Z_stat.2' });
    expect(await dispatch(api, 'getSurfaceLabels', { id: 'schaefer-400-7', hemi: 'left' })).toBe(
      answers.get('getSurfaceLabels'),
    );
    await dispatch(api, 'getSurfaceLabels', { id: 'aal3', res: 2, variant: '2mm', hemi: 'right' });
    expect(calls).toStrictEqual([
      ['getSurface', { hemi: 'left', kind: 'inflated' }],
      ['getSurface', { hemi: 'right', kind: 'pial' }],
      ['getSurface', { hemi: 'left', kind: 'white' }],
      ['getSurfaceMap', { mapId: 'map-1', hemi: 'right' }],
      ['getSurfaceMap', { mapId: 'Z_stat.2', hemi: 'left' }],
      ['getSurfaceLabels', { id: 'schaefer-400-7', res: undefined, variant: undefined, hemi: 'left' }],
      ['getSurfaceLabels', { id: 'aal3', res: 2, variant: '2mm', hemi: 'right' }],
    ]);
  });

  it('refuses an argument that is not an object', async () => {
    await refused('getSurface', undefined, 'getSurface expects an object argument');
    await refused('getSurfaceMap', null, 'getSurfaceMap expects an object argument');
    await refused('getSurfaceLabels', ['aal3', 'left'], 'getSurfaceLabels expects an object argument');
    await refused('getSurface', 'left', 'getSurface expects an object argument');
  });

  it('refuses a hemisphere other than "left" or "right"', async () => {
    for (const hemi of ['both', 1, undefined, null, 'Left', 'lh', ['left']]) {
      await refused('getSurface', { hemi, kind: 'pial' }, HEMI);
      await refused('getSurfaceMap', { mapId: 'map-1', hemi }, HEMI);
      await refused('getSurfaceLabels', { id: 'aal3', hemi }, HEMI);
    }
    await refused('getSurface', { kind: 'pial' }, HEMI);
    await refused('getSurfaceMap', { mapId: 'map-1' }, HEMI);
    await refused('getSurfaceLabels', { id: 'aal3' }, HEMI);
  });

  it('refuses a surface kind other than pial, white or inflated', async () => {
    for (const kind of ['sphere', 'infl', 'Pial', '', 0, undefined]) {
      await refused('getSurface', { hemi: 'left', kind }, KIND);
    }
    await refused('getSurface', { hemi: 'left' }, KIND);
  });

  it('refuses keys a method does not take', async () => {
    await refused('getSurface', { hemi: 'left', kind: 'pial', x: 1 }, 'getSurface does not take "x"');
    await refused('getSurface', { hemi: 'left', kind: 'pial', mapId: 'm' }, 'getSurface does not take "mapId"');
    await refused('getSurfaceMap', { mapId: 'm', hemi: 'left', kind: 'pial' }, 'getSurfaceMap does not take "kind"');
    await refused(
      'getSurfaceLabels',
      { id: 'aal3', hemi: 'left', mapId: 'm' },
      'getSurfaceLabels does not take "mapId"',
    );
  });

  it('refuses a map id that is not one', async () => {
    for (const mapId of ['../x', '', '.hidden', 'a/b', 'a b', 'x'.repeat(65), 7, undefined]) {
      await refused('getSurfaceMap', { mapId, hemi: 'left' }, MAP_ID);
    }
    // 64 characters is the longest id.
    await dispatch(api, 'getSurfaceMap', { mapId: 'x'.repeat(64), hemi: 'left' });
    expect(calls).toStrictEqual([['getSurfaceMap', { mapId: 'x'.repeat(64), hemi: 'left' }]]);
  });

  it('refuses a bad atlas id, resolution or variant', async () => {
    for (const id of ['../x', '', 'AAL3', 'a/b', 3, undefined]) {
      await refused('getSurfaceLabels', { id, hemi: 'left' }, ATLAS_ID);
    }
    for (const res of [0, -1, 50, 20.5, '2', Number.NaN, Number.POSITIVE_INFINITY, null]) {
      await refused('getSurfaceLabels', { id: 'aal3', res, hemi: 'left' }, RES);
    }
    for (const variant of ['../1mm', '', '1MM', 1]) {
      await refused('getSurfaceLabels', { id: 'aal3', variant, hemi: 'left' }, VARIANT);
    }
  });
});
