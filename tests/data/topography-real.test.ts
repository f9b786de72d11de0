/**
 * The topographic maps against the real atlases: every region they name exists, getTopography gives each its
 * value, and the Wang 2015 probability grid at a threshold agrees with the probability files voxel by voxel.
 * Skips without the shared atlases.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TOPOGRAPHY, TOPOGRAPHY_MAPS, topographyRegionNames } from '../../core/atlas/topography';
import { validateCatalog } from '../../core/catalog/validate';
import { decodeLabelGrid } from '../../core/mesh/codec';
import { readVolume } from '../../main/services/volume-io';
import { SHARED } from '../helpers/shared-atlases';
import { realServices } from '../helpers/real-service';

if (!SHARED) console.warn('topography real-data tests skipped: no atlas folder (set BRAIN_ATLAS_PATH).');

describe.skipIf(!SHARED)('topographic maps against the real atlases', () => {
  const { atlases, systems } = realServices(SHARED as string, 3);

  it.each(TOPOGRAPHY_MAPS)(
    '%s: every region it names exists and gets its value',
    async (map) => {
      const missing: string[] = [];
      for (const [id, names] of topographyRegionNames(TOPOGRAPHY[map])) {
        const present = new Set((await atlases.openAtlas({ id })).regions.map((r) => r.name));
        for (const n of names) if (!present.has(n)) missing.push(`${id} '${n}'`);
      }
      expect(missing).toEqual([]);
      const resolved = await systems.getTopography({ map });
      expect(resolved.entries.flatMap((e) => e.regions.filter((r) => r.value === null))).toEqual([]);
    },
    120_000,
  );

  it('somatotopy: the motor strip regions are the Brainnetome A4 subregions', async () => {
    const map = await systems.getTopography({ map: 'somatotopy' });
    const hf = map.entries.find((e) => e.id === 'motor-head-face');
    expect(hf?.regions).toEqual([
      { atlas: 'brainnetome-246', name: 'A4hf_L', value: 53 },
      { atlas: 'brainnetome-246', name: 'A4hf_R', value: 54 },
    ]);
  });

  it('wang2015 at 25 %: each voxel carries the most probable area at or above the threshold, as in the files', async () => {
    const threshold = 25;
    const grid = decodeLabelGrid(await systems.getProbabilityGrid({ id: 'wang2015', res: 1, threshold }));
    const catalog = validateCatalog(JSON.parse(readFileSync(join(__dirname, '../../atlases/catalog.json'), 'utf8')));
    const variant = catalog.atlases.find((a) => a.id === 'wang2015')?.variants.find((v) => v.id === '1mm');
    const files = (variant?.files ?? []).filter((f) => f.role === 'probability' && f.value !== undefined);
    expect(files).toHaveLength(49);
    // The files as stored (uint8 percent), read independently of the service.
    const maps = await Promise.all(
      files.map(async (f) => ({
        value: f.value as number,
        data: (await readVolume(join(SHARED as string, f.folder, f.name))).data,
      })),
    );
    expect(grid.labels.length).toBe(maps[0].data.length);
    let labelled = 0;
    let checked = 0;
    for (let i = 0; i < grid.labels.length; i += 97) {
      const v = grid.labels[i];
      const best = Math.max(...maps.map((m) => (m.data[i] >= threshold ? m.data[i] : 0)));
      if (v === 0) {
        expect(best, `voxel ${i}`).toBe(0);
        continue;
      }
      labelled++;
      const own = maps.find((m) => m.value === v)?.data[i] ?? -1;
      expect(own, `voxel ${i}`).toBeGreaterThanOrEqual(threshold);
      expect(own, `voxel ${i}`).toBe(best);
      checked++;
    }
    expect(labelled).toBeGreaterThan(100);
    expect(checked).toBe(labelled);
  }, 180_000);
});
