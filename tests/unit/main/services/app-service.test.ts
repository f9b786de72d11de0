/**
 * Downloads through the app service: progress on the event stream summed over an atlas's files, cancelFetch
 * stopping a download with code 'cancelled' and nothing left in the cache, and settings applied at once.
 */
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../../../core/api/app-api';
import { THROTTLE_ENV } from '../../../../main/services/atlas-download';
import { createAtlasService } from '../../../../main/services/create-service';
import { makeSyntheticAtlas } from '../../../helpers/synthetic-atlas';

/** A service with an empty cache and the synthetic atlas's folder as its mirror (set through the settings). */
async function mirrored() {
  const s = makeSyntheticAtlas();
  const cache = mkdtempSync(join(tmpdir(), 'bas-app-cache-'));
  const env: NodeJS.ProcessEnv = { ...s.env, BRAIN_ATLAS_NO_STARTER: '1' };
  delete env.BRAIN_ATLAS_PATH;
  delete env.BRAIN_ATLAS_CACHE;
  const api = await createAtlasService(env);
  await api.setSettings({ mirror: s.dir, cacheDir: cache });
  const events: ApiEvent[] = [];
  api.events.on((e) => events.push(e));
  return { s, api, cache, events };
}

afterEach(() => {
  delete process.env[THROTTLE_ENV];
});

describe('AppService downloads', () => {
  it('downloads from the mirror set in the settings, with progress events summed over the files', async () => {
    const { s, api, cache, events } = await mirrored();
    expect((await api.listAtlases()).find((l) => l.id === 'synth')?.status).toBe('downloadable');
    const listing = await api.fetchAtlas({ id: 'synth', res: 2 });
    expect(listing.status).toBe('present');
    const files = s.catalog.atlases[0].variants[0].files;
    const total = files.reduce((n, f) => n + f.bytes, 0);
    const progress = events.filter((e) => e.phase === 'progress');
    expect(progress[0]).toMatchObject({ type: 'fetch', atlasId: 'synth', receivedBytes: 0, totalBytes: total });
    expect(progress.map((e) => e.receivedBytes)).toEqual(
      [...progress.map((e) => e.receivedBytes)].sort((a, b) => a - b),
    );
    expect(events.at(-1)).toMatchObject({ phase: 'done', receivedBytes: total, totalBytes: total });
    expect(readdirSync(join(cache, 'synth')).sort()).toEqual(['synth.txt', 'synth_2mm.nii.gz']);
  });

  it('stops a download on cancelFetch: code cancelled, a cancelled event, nothing in the cache', async () => {
    const { api, cache, events } = await mirrored();
    process.env[THROTTLE_ENV] = '2000';
    const started = new Promise<void>((resolve) => api.events.on((e) => e.receivedBytes > 0 && resolve()));
    const fetching = api.fetchAtlas({ id: 'synth', res: 2 });
    fetching.catch(() => {});
    await started;
    expect(await api.cancelFetch({ id: 'synth' })).toEqual({ cancelled: true });
    await expect(fetching).rejects.toMatchObject({
      code: 'cancelled',
      message: 'the download of Synthetic two balls was cancelled',
    });
    expect(events.at(-1)?.phase).toBe('cancelled');
    expect(existsSync(join(cache, 'synth')) ? readdirSync(join(cache, 'synth')) : []).toEqual([]);
    expect(await api.cancelFetch({ id: 'synth' })).toEqual({ cancelled: false });
    expect((await api.listAtlases()).find((l) => l.id === 'synth')?.status).toBe('downloadable');
  });

  it('reports a failed download as an event with its sentence', async () => {
    const { api, events } = await mirrored();
    await api.setSettings({ mirror: join(tmpdir(), 'no-such-mirror-folder'), cacheDir: '' });
    await expect(api.fetchAtlas({ id: 'synth' })).rejects.toThrow(/not in the mirror folder/);
    expect(events.at(-1)).toMatchObject({
      phase: 'failed',
      message: expect.stringMatching(/not in the mirror folder/),
    });
  });
});
