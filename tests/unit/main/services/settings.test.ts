/**
 * The settings service: atomic writes into the config folder, a corrupt file reported once and its defaults used,
 * validation in one sentence, and the environment variables winning over the settings.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FileLocations } from '../../../../main/services/atlas-locations';
import { writeFileAtomic } from '../../../../main/services/config-files';
import { SETTINGS_FILE, SettingsStore, normalizeMirror, validateSettings } from '../../../../main/services/settings';

const base: FileLocations = { cacheDir: '/default/cache', searchPaths: ['/atlases'], mirror: null, starterDir: null };
const fresh = () => mkdtempSync(join(tmpdir(), 'bas-settings-'));

describe('SettingsStore', () => {
  it('starts from the defaults, saves atomically and applies the settings to the locations', async () => {
    const dir = fresh();
    const store = await SettingsStore.open(dir, base, {});
    expect(store.info()).toEqual({
      settings: { mirror: '', cacheDir: '' },
      fromEnv: {},
      inUse: { mirror: null, cacheDir: '/default/cache' },
    });
    const info = await store.set({ mirror: 'https://mirror.example.org/atlases/', cacheDir: '/data/atlases' });
    expect(info.inUse).toEqual({ mirror: 'https://mirror.example.org/atlases', cacheDir: '/data/atlases' });
    expect(store.locations()).toEqual({
      ...base,
      mirror: 'https://mirror.example.org/atlases',
      cacheDir: '/data/atlases',
    });
    // Only the file itself is there: no temp file left beside it.
    expect(readdirSync(dir)).toEqual([SETTINGS_FILE]);
    expect(JSON.parse(readFileSync(join(dir, SETTINGS_FILE), 'utf8'))).toEqual({
      mirror: 'https://mirror.example.org/atlases/',
      cacheDir: '/data/atlases',
    });
    // A new run reads them back.
    const again = await SettingsStore.open(dir, base, {});
    expect(again.locations().mirror).toBe('https://mirror.example.org/atlases');
    await again.set({ mirror: '/srv/mirror', cacheDir: '' });
    expect(again.locations()).toEqual({ ...base, mirror: '/srv/mirror' });
  });

  it('reports a corrupt file once, uses the defaults, and never throws', async () => {
    for (const content of ['{"mirror": "https://x', '{"mirror": "relative/folder"}', '[1, 2]', '{"cacheDir": 7}']) {
      const dir = fresh();
      writeFileSync(join(dir, SETTINGS_FILE), content);
      const reports: string[] = [];
      const store = await SettingsStore.open(dir, base, {}, (m) => reports.push(m));
      expect(reports).toHaveLength(1);
      expect(reports[0]).toContain(join(dir, SETTINGS_FILE));
      expect(reports[0]).toMatch(/the defaults apply until you save new ones$/);
      expect(store.locations()).toEqual(base);
      const first = store.info();
      expect(first.warning).toBe(reports[0]);
      expect(store.info().warning).toBeUndefined();
      // Saving new settings replaces the bad file.
      await store.set({ mirror: '', cacheDir: '/c' });
      expect((await SettingsStore.open(dir, base, {}, (m) => reports.push(m))).locations().cacheDir).toBe('/c');
      expect(reports).toHaveLength(1);
    }
  });

  it('lets BRAIN_ATLAS_MIRROR and BRAIN_ATLAS_CACHE win over the settings', async () => {
    const dir = fresh();
    const env = { BRAIN_ATLAS_MIRROR: 'https://env.example.org', BRAIN_ATLAS_CACHE: '/env/cache' };
    const fromEnv = { ...base, mirror: 'https://env.example.org', cacheDir: '/env/cache' };
    const store = await SettingsStore.open(dir, fromEnv, env);
    const info = await store.set({ mirror: '/my/mirror', cacheDir: '/my/cache' });
    expect(info.settings).toEqual({ mirror: '/my/mirror', cacheDir: '/my/cache' });
    expect(info.fromEnv).toEqual({ mirror: 'https://env.example.org', cacheDir: '/env/cache' });
    expect(info.inUse).toEqual({ mirror: 'https://env.example.org', cacheDir: '/env/cache' });
    expect(store.locations()).toEqual(fromEnv);
    // One variable set, the other setting applies.
    const half = await SettingsStore.open(
      dir,
      { ...base, mirror: 'https://env.example.org' },
      { BRAIN_ATLAS_MIRROR: 'x' },
    );
    expect(half.locations()).toEqual({ ...base, mirror: 'https://env.example.org', cacheDir: '/my/cache' });
  });

  it('refuses a mirror that is neither http(s) nor an absolute folder, in one sentence', async () => {
    expect(() => validateSettings({ mirror: 'ftp://x.org', cacheDir: '' })).toThrow(
      'the mirror "ftp://x.org" is neither an http(s) address nor an absolute folder',
    );
    expect(() => validateSettings({ mirror: 'atlases', cacheDir: '' })).toThrow(/neither an http\(s\) address/);
    expect(() => validateSettings({ mirror: '', cacheDir: 'cache' })).toThrow(
      'the cache folder "cache" is not an absolute folder',
    );
    expect(() => validateSettings({ mirror: 5 })).toThrow(
      'the setting "mirror" must be a text of at most 4096 characters',
    );
    expect(normalizeMirror('file:///srv/m')).toBe('/srv/m');
    expect(normalizeMirror('  ')).toBeNull();
    const store = await SettingsStore.open(fresh(), base, {});
    await expect(store.set({ mirror: 'nope', cacheDir: '' })).rejects.toThrow(/neither/);
    expect(store.locations()).toEqual(base);
  });
});

describe('writeFileAtomic', () => {
  it('leaves the old file whole and no temp file when the write fails', async () => {
    const dir = fresh();
    const file = join(dir, 'a.json');
    await writeFileAtomic(file, '{"v":1}');
    // A folder where the file should go: the rename fails after the temp file was written.
    const blocked = join(dir, 'blocked');
    mkdirSync(join(blocked, 'x'), { recursive: true });
    await expect(writeFileAtomic(blocked, 'new')).rejects.toThrow();
    expect(readdirSync(dir).sort()).toEqual(['a.json', 'blocked']);
    await writeFileAtomic(file, '{"v":2}');
    expect(readFileSync(file, 'utf8')).toBe('{"v":2}');
    expect(readdirSync(dir).sort()).toEqual(['a.json', 'blocked']);
  });
});
