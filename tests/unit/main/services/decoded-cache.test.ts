import { readFileSync, readdirSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runsStart } from '../../../../core/atlas/decoded-labels';
import type { Vec3 } from '../../../../core/types';
import { AtlasService } from '../../../../main/services/atlas-service';
import { DecodedCache } from '../../../../main/services/decoded-cache';
import { cacheKeys } from '../../../../main/services/point-query';
import { DIMS, makeSyntheticAtlas, worldOf } from '../../../helpers/synthetic-atlas';

function service(s: ReturnType<typeof makeSyntheticAtlas>, decodedCache = true): AtlasService {
  return new AtlasService({
    catalog: s.catalog,
    locations: { cacheDir: s.cache, searchPaths: [s.dir], mirror: null },
    decodedCache,
  });
}

/** Every voxel centre of the grid, and points between and outside voxels. */
function points(): Vec3[] {
  const out: Vec3[] = [];
  for (let i = -1; i <= 20; i += 3)
    for (let j = -1; j <= 24; j += 2) for (let k = 0; k <= 22; k += 2) out.push(worldOf(i, j, k));
  out.push([-10, 0, 0], [-10.5, 0.5, 1], [17, -23, -21], [500, 0, 0]);
  return out;
}

const decodedFiles = (cache: string) => readdirSync(join(cache, 'decoded')).sort();

describe('the decoded-label cache behind point queries', () => {
  it('writes labels and names on the first query and answers the same from them afterwards', async () => {
    const s = makeSyntheticAtlas();
    const pts = points();
    const plain = await service(s, false).query({ points: pts, atlases: ['synth'] });
    const first = await service(s).query({ points: pts, atlases: ['synth'] });
    expect(first).toEqual(plain);
    expect(
      decodedFiles(s.cache)
        .map((f) => f.replace(/^[0-9a-f]{64}/, 'KEY'))
        .sort(),
    ).toEqual(['KEY.labels', 'KEY.names.json']);
    const again = await service(s).query({ points: pts, atlases: ['synth'] });
    expect(again).toEqual(plain);
    const one = await service(s).query({ points: [[-10, 0, 0]], atlases: ['synth'] });
    expect(one[0].atlases.synth).toEqual({ value: 1, name: '7Networks_LH_Vis_1' });
    // Coordinate atlases answer through the full load, with or without the cache.
    expect(await service(s).query({ points: pts, atlases: ['synth-points'] })).toEqual(
      await service(s, false).query({ points: pts, atlases: ['synth-points'] }),
    );
  });

  it('ignores a truncated or corrupt file and writes it again', async () => {
    const s = makeSyntheticAtlas();
    const pts = points();
    const plain = await service(s, false).query({ points: pts, atlases: ['synth'] });
    await service(s).query({ points: pts, atlases: ['synth'] });
    const files = decodedFiles(s.cache).map((f) => join(s.cache, 'decoded', f));
    const labels = files.find((f) => f.endsWith('.labels')) as string;
    const names = files.find((f) => f.endsWith('.names.json')) as string;
    const good = readFileSync(labels);
    const goodNames = readFileSync(names, 'utf8');

    const damage: Array<[string, () => void]> = [
      ['truncated', () => truncateSync(labels, good.length - 7)],
      ['header only', () => truncateSync(labels, 200)],
      ['bad magic', () => writeFileSync(labels, Buffer.concat([Buffer.from('XXXXXXXX'), good.subarray(8)]))],
      [
        'runs that are not rows',
        () => {
          const bad = Buffer.from(good);
          bad.fill(0xff, runsStart(DIMS));
          writeFileSync(labels, bad);
        },
      ],
      ['names not JSON', () => writeFileSync(names, '{"format": ')],
      [
        'names of another key',
        () => writeFileSync(names, goodNames.replace(/"key":"[0-9a-f]+"/, `"key":"${'0'.repeat(64)}"`)),
      ],
    ];
    for (const [what, harm] of damage) {
      harm();
      expect(await service(s).query({ points: pts, atlases: ['synth'] }), what).toEqual(plain);
      expect(readFileSync(labels).equals(good), what).toBe(true);
      expect(readFileSync(names, 'utf8'), what).toBe(goodNames);
    }
  });

  it('keys labels by the label file and names by every file of the variant', async () => {
    const s = makeSyntheticAtlas();
    const atlas = s.catalog.atlases[0];
    const v = atlas.variants[0];
    const keys = await cacheKeys(atlas, v);
    const otherTable = {
      ...v,
      files: v.files.map((f) => (f.role === 'labeltable' ? { ...f, sha256: 'f'.repeat(64) } : f)),
    };
    const k2 = await cacheKeys(atlas, otherTable);
    expect(k2?.labels).toBe(keys?.labels);
    expect(k2?.names).not.toBe(keys?.names);
    const moved = await cacheKeys(atlas, { ...v, affine: [2, 0, 0, 0, 0, 2, 0, 0, 0, 0, 2, 0] });
    expect(moved?.labels).not.toBe(keys?.labels);
    // Installed files (no checksum) are known by path, size and time; one that cannot be seen has no key.
    const local = { ...v, files: v.files.map((f) => ({ ...f, sha256: '' })) };
    const paths = new Map(local.files.map((f) => [f, join(s.dir, 'synth', f.name)]));
    expect(await cacheKeys(atlas, local, paths)).not.toBeNull();
    expect(await cacheKeys(atlas, local, new Map())).toBeNull();
  });

  it('is a cache only: no folder to write to costs nothing but time', async () => {
    const s = makeSyntheticAtlas();
    writeFileSync(join(s.root, 'not-a-folder'), 'x');
    const blocked = new AtlasService({
      catalog: s.catalog,
      locations: { cacheDir: join(s.root, 'not-a-folder'), searchPaths: [s.dir], mirror: null },
    });
    const pts = points();
    expect(await blocked.query({ points: pts, atlases: ['synth'] })).toEqual(
      await service(s, false).query({ points: pts, atlases: ['synth'] }),
    );
    const cache = new DecodedCache(() => null);
    expect(await cache.labelsAt('0'.repeat(64), pts)).toBeNull();
    expect(statSync(join(s.root, 'not-a-folder')).isFile()).toBe(true);
  });
});
