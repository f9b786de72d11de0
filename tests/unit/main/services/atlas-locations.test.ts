import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  fileStatus,
  locateFile,
  locationsFromEnv,
  type FileLocations,
} from '../../../../main/services/atlas-locations';
import { defaultCacheDir } from '../../../../main/services/user-dirs';
import { bytesOf, catalogFile, writeAt } from '../../../helpers/catalog-files';

let tmpRoot: string;
beforeEach(async () => {
  tmpRoot = await fs.mkdtemp(path.join(os.tmpdir(), 'atlas-files-'));
});
afterEach(async () => {
  await fs.rm(tmpRoot, { recursive: true, force: true });
});

function locs(over: Partial<FileLocations> = {}): FileLocations {
  return { cacheDir: path.join(tmpRoot, 'cache'), searchPaths: [], mirror: null, ...over };
}

describe('locationsFromEnv', () => {
  it("takes the app's starter set unless BRAIN_ATLAS_NO_STARTER is set", () => {
    const root = path.join(tmpRoot, 'app');
    expect(locationsFromEnv({ BRAIN_ATLAS_APP_ROOT: root }).starterDir).toBe(path.join(root, 'atlases', 'starter'));
    expect(locationsFromEnv({ BRAIN_ATLAS_APP_ROOT: root, BRAIN_ATLAS_NO_STARTER: '1' }).starterDir).toBeNull();
  });

  it('splits BRAIN_ATLAS_PATH on the platform delimiter, ignores empty entries and resolves relative ones', () => {
    const d = path.delimiter;
    const cwd = path.join(tmpRoot, 'work');
    const loc = locationsFromEnv(
      { HOME: tmpRoot, BRAIN_ATLAS_PATH: `${d}/abs/one${d}${d}rel/two${d} ./three ${d}` },
      cwd,
    );
    expect(loc.searchPaths).toEqual([path.resolve('/abs/one'), path.join(cwd, 'rel/two'), path.join(cwd, 'three')]);
    expect(loc.mirror).toBeNull();
    expect(loc.cacheDir).toBe(defaultCacheDir(process.platform, { HOME: tmpRoot }));
  });

  it('reads BRAIN_ATLAS_CACHE', () => {
    expect(locationsFromEnv({ BRAIN_ATLAS_CACHE: 'c' }, '/w').cacheDir).toBe(path.resolve('/w/c'));
    expect(locationsFromEnv({ BRAIN_ATLAS_CACHE: '~/atl', HOME: '/h' }, '/w').cacheDir).toBe(path.resolve('/h/atl'));
  });

  it('accepts a mirror as http(s) URL, file:// URL or folder, trailing slash tolerated', () => {
    expect(locationsFromEnv({ BRAIN_ATLAS_MIRROR: 'https://example.org/atlases/' }).mirror).toBe(
      'https://example.org/atlases',
    );
    expect(locationsFromEnv({ BRAIN_ATLAS_MIRROR: 'http://127.0.0.1:8080//' }).mirror).toBe('http://127.0.0.1:8080');
    const folder = path.join(tmpRoot, 'mirror');
    expect(locationsFromEnv({ BRAIN_ATLAS_MIRROR: pathToFileURL(folder).href + '/' }).mirror).toBe(folder);
    expect(locationsFromEnv({ BRAIN_ATLAS_MIRROR: folder + path.sep }).mirror).toBe(folder);
    expect(locationsFromEnv({ BRAIN_ATLAS_MIRROR: 'm' }, tmpRoot).mirror).toBe(path.join(tmpRoot, 'm'));
    expect(locationsFromEnv({ BRAIN_ATLAS_MIRROR: '  ' }).mirror).toBeNull();
    expect(() => locationsFromEnv({ BRAIN_ATLAS_MIRROR: 'ftp://example.org/x' })).toThrow(
      /only http\(s\) URLs and local folders/,
    );
  });
});

describe('locateFile', () => {
  const data = bytesOf(1000, 1);
  const file = catalogFile('A.nii.gz', 'aal3', data);

  it('looks in the cache first, then each search path in order', async () => {
    const cache = path.join(tmpRoot, 'cache');
    const p1 = path.join(tmpRoot, 'p1');
    const p2 = path.join(tmpRoot, 'p2');
    const loc = locs({ cacheDir: cache, searchPaths: [p1, p2] });
    expect(await locateFile(file, loc)).toBeNull();
    await writeAt(p2, 'aal3/A.nii.gz', data);
    expect(await locateFile(file, loc)).toEqual({ path: path.join(p2, 'aal3', 'A.nii.gz'), source: 'path' });
    await writeAt(p1, 'aal3/A.nii.gz', data);
    expect(await locateFile(file, loc)).toEqual({ path: path.join(p1, 'aal3', 'A.nii.gz'), source: 'path' });
    await writeAt(cache, 'aal3/A.nii.gz', data);
    expect(await locateFile(file, loc)).toEqual({ path: path.join(cache, 'aal3', 'A.nii.gz'), source: 'cache' });
  });

  it('looks in the starter set after the cache and the search paths', async () => {
    const cache = path.join(tmpRoot, 'cache');
    const p1 = path.join(tmpRoot, 'p1');
    const starter = path.join(tmpRoot, 'starter');
    const loc = locs({ cacheDir: cache, searchPaths: [p1], starterDir: starter });
    await writeAt(starter, 'aal3/A.nii.gz', data);
    expect(await locateFile(file, loc)).toEqual({ path: path.join(starter, 'aal3', 'A.nii.gz'), source: 'starter' });
    expect(await fileStatus([file], loc)).toBe('present');
    await writeAt(p1, 'aal3/A.nii.gz', data);
    expect(await locateFile(file, loc)).toEqual({ path: path.join(p1, 'aal3', 'A.nii.gz'), source: 'path' });
    await writeAt(cache, 'aal3/A.nii.gz', data);
    expect(await locateFile(file, loc)).toEqual({ path: path.join(cache, 'aal3', 'A.nii.gz'), source: 'cache' });
    expect(await locateFile(file, locs({ cacheDir: path.join(tmpRoot, 'none'), starterDir: null }))).toBeNull();
  });

  it('skips candidates of the wrong size (and folders of the right name)', async () => {
    const cache = path.join(tmpRoot, 'cache');
    const p1 = path.join(tmpRoot, 'p1');
    const p2 = path.join(tmpRoot, 'p2');
    await writeAt(cache, 'aal3/A.nii.gz', data.subarray(0, 999));
    await fs.mkdir(path.join(p1, 'aal3', 'A.nii.gz'), { recursive: true });
    await writeAt(p2, 'aal3/A.nii.gz', data);
    const found = await locateFile(file, locs({ cacheDir: cache, searchPaths: [p1, p2] }));
    expect(found).toEqual({ path: path.join(p2, 'aal3', 'A.nii.gz'), source: 'path' });
  });

  it('refuses catalog names that would climb out of a root', async () => {
    const bad = { ...file, name: '../../etc/passwd' };
    await expect(locateFile(bad, locs())).rejects.toMatchObject({ code: 'invalid-argument' });
    await expect(locateFile({ ...file, folder: '../x' }, locs())).rejects.toMatchObject({ code: 'invalid-argument' });
  });
});

describe('fileStatus', () => {
  it('reports missing when a file has neither a copy, a URL nor a mirror', async () => {
    const x = catalogFile('x', 'f', bytesOf(10, 23), 'https://example.org/x');
    const y = catalogFile('y', 'f', bytesOf(10, 24), null);
    expect(await fileStatus([x], locs())).toBe('downloadable');
    expect(await fileStatus([x, y], locs())).toBe('missing');
    expect(await fileStatus([x, y], locs({ mirror: 'https://mirror.example.org' }))).toBe('downloadable');
    const mirrorDir = path.join(tmpRoot, 'm');
    await writeAt(mirrorDir, 'f/y', bytesOf(10, 24));
    expect(await fileStatus([y], locs({ mirror: mirrorDir }))).toBe('downloadable');
    expect(await fileStatus([x], locs({ mirror: mirrorDir }))).toBe('missing');
    expect(await fileStatus([], locs())).toBe('present');
  });
});
