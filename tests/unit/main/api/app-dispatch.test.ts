/** Argument checks of the app calls (settings, session, cancelling a download) and of fetchAtlas's new fields. */
import { describe, expect, it, vi } from 'vitest';
import type { AtlasApi } from '../../../../core/api';
import { dispatch } from '../../../../main/api/api-dispatch';
import { EMPTY_SESSION } from '../../../helpers/sessions';

function stub() {
  const calls: [string, unknown][] = [];
  const api = new Proxy({} as AtlasApi, {
    get: (_t, method: string) =>
      vi.fn(async (arg?: unknown) => {
        calls.push([method, arg]);
        return null;
      }),
  });
  return { api, calls };
}

describe('app calls', () => {
  it('pass valid arguments through', async () => {
    const { api, calls } = stub();
    await dispatch(api, 'cancelFetch', { id: 'aal3' });
    await dispatch(api, 'getSettings', undefined);
    await dispatch(api, 'setSettings', { mirror: ' https://m.example.org/a ', cacheDir: '' });
    await dispatch(api, 'loadSession', {});
    await dispatch(api, 'saveSession', { session: EMPTY_SESSION });
    await dispatch(api, 'endSession', null);
    await dispatch(api, 'getFigureFont', undefined);
    await dispatch(api, 'fetchAtlas', { id: 'aal3', res: 2, variant: '2mm' });
    expect(calls).toEqual([
      ['cancelFetch', { id: 'aal3' }],
      ['getSettings', undefined],
      ['setSettings', { mirror: 'https://m.example.org/a', cacheDir: '' }],
      ['loadSession', undefined],
      ['saveSession', { session: EMPTY_SESSION }],
      ['endSession', undefined],
      ['getFigureFont', undefined],
      ['fetchAtlas', { id: 'aal3', res: 2, variant: '2mm' }],
    ]);
  });

  it('refuse bad arguments in one sentence, before any service sees them', async () => {
    const { api, calls } = stub();
    const bad: [string, unknown, RegExp][] = [
      ['cancelFetch', { id: '../x' }, /id must be an atlas id/],
      ['cancelFetch', { id: 'aal3', now: true }, /cancelFetch does not take "now"/],
      ['getSettings', { x: 1 }, /getSettings does not take "x"/],
      ['getFigureFont', { path: '/etc/passwd' }, /getFigureFont does not take "path"/],
      ['setSettings', { mirror: 'https://m.example.org' }, /needs "mirror" and "cacheDir" as texts/],
      ['setSettings', { mirror: 'mirror', cacheDir: '' }, /neither an http\(s\) address nor an absolute folder/],
      ['setSettings', { mirror: '', cacheDir: 'rel/cache' }, /is not an absolute folder/],
      ['setSettings', { mirror: '', cacheDir: '', extra: 1 }, /does not take "extra"/],
      ['saveSession', { session: { ...EMPTY_SESSION, version: 2 } }, /saved session's version is 2/],
      ['saveSession', { session: { ...EMPTY_SESSION, hidden: ['<script>'] } }, /hidden regions entry/],
      ['saveSession', { session: 'x'.repeat(1_000_001) }, /at most 1000000 characters/],
      ['saveSession', [], /saveSession expects an object argument/],
      ['fetchAtlas', { id: 'aal3', res: -1 }, /res must be a voxel size/],
    ];
    for (const [method, arg, message] of bad) {
      await expect(dispatch(api, method, arg), method).rejects.toMatchObject({
        code: 'invalid-argument',
        message: expect.stringMatching(message),
      });
    }
    expect(calls).toEqual([]);
  });
});
