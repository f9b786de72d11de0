import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { infoForRegion } from '../../../../core/atlas/region-info';
import { createAtlasService, loadRegionInfoFile } from '../../../../main/services/create-service';
import { makeSyntheticAtlas } from '../../../helpers/synthetic-atlas';

describe('region cards through the service', () => {
  it('serves the cards beside the catalog, matched to regions by name', async () => {
    const service = await createAtlasService({ ...process.env, BRAIN_ATLAS_NO_INSTALLED: '1' });
    const info = await service.getRegionInfo();
    expect(info.length).toBeGreaterThan(100);
    const broca = infoForRegion(info, 'brodmann', 'Brodmann_area_44');
    expect(broca.map((e) => e.zh.name)).toContain('布罗卡区');
  });

  it('has no cards when the file is absent, and names the file when it is broken', async () => {
    const s = makeSyntheticAtlas();
    expect(await (await createAtlasService(s.env)).getRegionInfo()).toEqual([]);
    const broken = join(s.root, 'region-info.json');
    writeFileSync(broken, '[{"id": ');
    await expect(loadRegionInfoFile(broken)).rejects.toThrow(/^region-info\.json: not valid JSON/);
    // Read when first asked (a query needs no cards), so the error comes then.
    await expect((await createAtlasService(s.env)).getRegionInfo()).rejects.toThrow(/region-info\.json/);
  });
});
