import { beforeEach, describe, expect, it } from 'vitest';
import type { AtlasApi } from '../../../../core/api';
import { AtlasError } from '../../../../core/errors';
import { dispatch } from '../../../../main/api/api-dispatch';

/** An api whose atlas methods record what they were given and answer with a buffer of their own. */
const calls: [string, unknown][] = [];
const answer = new ArrayBuffer(4);
const api = Object.fromEntries(
  ['getAtlasMeshes', 'getLabelGrid'].map((m) => [
    m,
    async (arg?: unknown) => {
      calls.push([m, arg]);
      return answer;
    },
  ]),
) as unknown as AtlasApi;

beforeEach(() => {
  calls.length = 0;
});

async function refusal(method: string, arg: unknown): Promise<string> {
  try {
    await dispatch(api, method, arg);
  } catch (e) {
    expect(e).toBeInstanceOf(AtlasError);
    expect((e as AtlasError).code).toBe('invalid-argument');
    expect(calls).toEqual([]);
    return (e as AtlasError).message;
  }
  throw new Error(`${method} ${JSON.stringify(arg)} was not refused`);
}

describe('dispatch of the mesh calls', () => {
  it('passes the mesh detail to getAtlasMeshes, standard or fine, or none', async () => {
    expect(await dispatch(api, 'getAtlasMeshes', { id: 'aal3', res: 1, detail: 'fine' })).toBe(answer);
    await dispatch(api, 'getAtlasMeshes', { id: 'glasser-360', detail: 'standard' });
    await dispatch(api, 'getAtlasMeshes', { id: 'aal3' });
    expect(calls).toStrictEqual([
      ['getAtlasMeshes', { id: 'aal3', res: 1, variant: undefined, detail: 'fine' }],
      ['getAtlasMeshes', { id: 'glasser-360', res: undefined, variant: undefined, detail: 'standard' }],
      ['getAtlasMeshes', { id: 'aal3', res: undefined, variant: undefined, detail: undefined }],
    ]);
  });

  it('refuses an unknown detail, and a detail where a call takes none', async () => {
    expect(await refusal('getAtlasMeshes', { id: 'aal3', detail: 'ultra' })).toBe(
      'detail must be "standard" or "fine"',
    );
    expect(await refusal('getAtlasMeshes', { id: 'aal3', detail: 2 })).toBe('detail must be "standard" or "fine"');
    expect(await refusal('getLabelGrid', { id: 'aal3', detail: 'fine' })).toMatch(/detail/);
  });
});
