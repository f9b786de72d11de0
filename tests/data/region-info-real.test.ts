/**
 * atlases/region-info.json against the real atlases: every region name it matches exists in that atlas (default
 * variant, names as the engine reports them), every Brodmann region has a card, and every parcel of the Yeo and
 * Schaefer atlases gets a network card through its network. Skips when ../shared/atlases (or BRAIN_ATLAS_PATH) is
 * absent.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RegionRecord } from '../../core/api';
import { validateCatalog } from '../../core/catalog/validate';
import { infoForRegion, validateRegionInfo } from '../../core/atlas/region-info';
import { AtlasService } from '../../main/services/atlas-service';
import { SHARED } from '../helpers/shared-atlases';

const root = join(__dirname, '../..');
const catalog = validateCatalog(JSON.parse(readFileSync(join(root, 'atlases/catalog.json'), 'utf8')));
const info = validateRegionInfo(JSON.parse(readFileSync(join(root, 'atlases/region-info.json'), 'utf8')));

if (!SHARED) console.warn('region-info real-data tests skipped: no atlas folder (set BRAIN_ATLAS_PATH).');

let service: AtlasService | null = null;
function regions(id: string): Promise<RegionRecord[]> {
  service ??= new AtlasService({
    catalog,
    locations: { cacheDir: mkdtempSync(join(tmpdir(), 'bas-cache-')), searchPaths: [SHARED as string], mirror: null },
    cacheSize: 2,
  });
  return service.openAtlas({ id }).then((s) => s.regions);
}

const namedAtlases = [...new Set(info.flatMap((e) => e.match.filter((m) => 'names' in m).map((m) => m.atlas)))].sort();

describe.skipIf(!SHARED)('region-info.json against the real atlases', () => {
  it.each(namedAtlases)('every region name matched in %s exists there', async (atlasId) => {
    const present = new Set((await regions(atlasId)).map((r) => r.name));
    const missing: string[] = [];
    for (const e of info) {
      for (const m of e.match) {
        if (!('names' in m) || m.atlas !== atlasId) continue;
        for (const n of m.names) if (!present.has(n)) missing.push(`${e.id}: ${n}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('gives every region of the brodmann atlas an area card', async () => {
    const rs = await regions('brodmann');
    expect(rs.length).toBe(41);
    const without = rs.filter((r) => !infoForRegion(info, 'brodmann', r.name).some((e) => e.kind === 'area'));
    expect(without.map((r) => r.name)).toEqual([]);
  });

  it.each(['yeo-7', 'yeo-17', 'schaefer-400-7', 'schaefer-200-17'])(
    'gives every region of %s a network card through its network',
    async (atlasId) => {
      const rs = await regions(atlasId);
      expect(rs.length).toBeGreaterThan(0);
      const without = rs.filter(
        (r) => infoForRegion(info, atlasId, r.name, r.network).filter((e) => e.kind === 'network').length !== 1,
      );
      expect(without.map((r) => `${r.name} (${r.network})`)).toEqual([]);
    },
  );
});
