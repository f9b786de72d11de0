/**
 * Point queries through the decoded-label cache against the full load, on real atlases: the same answers at random
 * points whether the cache is off, being written (first query) or read (later queries, few points read voxel by
 * voxel and many points read the whole file). The atlases cover each way names and voxels are made: a plain table
 * (AAL3), names taken by overlap from another variant (Schaefer 1000), two hemisphere files (Julich-Brain), an affine
 * from the catalog (JHU), names in the catalog (Yeo 17), a probabilistic atlas (Wang 2015, full load).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Vec3 } from '../../core/api';
import type { Catalog } from '../../core/catalog/types';
import { validateCatalog } from '../../core/catalog/validate';
import { AtlasService } from '../../main/services/atlas-service';
import { SHARED } from '../helpers/shared-atlases';

const catalog: Catalog = validateCatalog(
  JSON.parse(readFileSync(join(__dirname, '../../atlases/catalog.json'), 'utf8')),
);
const ATLASES = ['aal3', 'schaefer-1000-17', 'julich-brain', 'jhu-wm', 'yeo-17'];

function service(cacheDir: string, decodedCache: boolean): AtlasService {
  return new AtlasService({
    catalog,
    locations: { cacheDir, searchPaths: [SHARED as string], mirror: null },
    cacheSize: 8,
    decodedCache,
  });
}

/** Seeded points over the MNI box and a little past it, half on the 1 mm grid, half between voxels. */
function randomPoints(n: number, seed: number): Vec3[] {
  let s = seed >>> 0;
  const next = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  return Array.from({ length: n }, (_, i) => {
    const p: Vec3 = [next() * 200 - 100, next() * 240 - 130, next() * 190 - 80];
    return (i % 2 === 0 ? p.map(Math.round) : p.map((v) => Math.round(v * 4) / 4)) as Vec3;
  });
}

describe.skipIf(!SHARED)('point queries with and without the decoded-label cache (real atlases)', () => {
  it('give the same answers at random points', { timeout: 600_000 }, async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'bas-decoded-'));
    const many = randomPoints(400, 7);
    const few = randomPoints(12, 11);
    const plain = service(mkdtempSync(join(tmpdir(), 'bas-plain-')), false);
    const expectedMany = await plain.query({ points: many, atlases: ATLASES });
    const expectedFew = await plain.query({ points: few, atlases: ATLASES });
    expect(expectedMany.some((r) => Object.values(r.atlases).some((h) => h.value !== 0))).toBe(true);

    // First query: full loads that write the cache. Then fresh services (as fresh processes) that read it.
    expect(await service(cacheDir, true).query({ points: many, atlases: ATLASES })).toEqual(expectedMany);
    expect(await service(cacheDir, true).query({ points: many, atlases: ATLASES })).toEqual(expectedMany);
    expect(await service(cacheDir, true).query({ points: few, atlases: ATLASES })).toEqual(expectedFew);
    for (const p of few.slice(0, 4)) {
      const [one] = await service(cacheDir, true).query({ points: [p], atlases: ATLASES });
      expect(one).toEqual(expectedFew[few.indexOf(p)]);
    }
  });

  it('still give probabilities for a probabilistic atlas', { timeout: 600_000 }, async () => {
    // Points over the occipital lobe, where the visual maps are.
    const pts = randomPoints(60, 3).map(([x, y, z]): Vec3 => [x * 0.3, -60 - Math.abs(y) * 0.25, z * 0.25]);
    const cacheDir = mkdtempSync(join(tmpdir(), 'bas-decoded-'));
    // 1 mm: the probability maps (a full load); 2 mm: a label volume only (the decoded-label cache).
    for (const res of [1, 2]) {
      const req = { points: pts, atlases: ['wang2015'], res };
      const plain = await service(mkdtempSync(join(tmpdir(), 'bas-plain-')), false).query(req);
      expect(await service(cacheDir, true).query(req)).toEqual(plain);
      expect(await service(cacheDir, true).query(req)).toEqual(plain);
      const withProbabilities = plain.filter((r) => (r.atlases.wang2015.probabilities ?? []).length > 0);
      expect(withProbabilities.length > 0).toBe(res === 1);
    }
  });
});
