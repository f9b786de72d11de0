import { beforeAll, describe, expect, it } from 'vitest';
import { AtlasService } from '../../../../main/services/atlas-service';
import { SystemsService } from '../../../../main/services/systems-service';
import { type SyntheticAtlas, makeSyntheticAtlas } from '../../../helpers/synthetic-atlas';

let s: SyntheticAtlas;
let systems: SystemsService;
beforeAll(() => {
  s = makeSyntheticAtlas();
  const atlases = new AtlasService({
    catalog: s.catalog,
    locations: { cacheDir: s.cache, searchPaths: [s.dir], starterDir: null, mirror: null },
  });
  systems = new SystemsService(atlases, {
    brainSystems: [
      {
        id: 'visual',
        name: 'Visual system',
        name_zh: '视觉系统',
        caption: { en: 'e', zh: 'z' },
        citation: 'c',
        camera: 'posterior',
        color: [1, 2, 3],
        regions: [
          { atlas: 'synth', name: '7Networks_LH_Vis_1' },
          { atlas: 'synth', name: 'Not_there' },
          { atlas: 'nowhere', name: 'X' },
        ],
      },
    ],
  });
});

describe('SystemsService', () => {
  it('looks up the values of system regions, null for a missing name or atlas', async () => {
    const [v] = await systems.listBrainSystems();
    expect(v.regions.map((r) => r.value)).toEqual([1, null, null]);
    expect(v.camera).toBe('posterior');
  });

  it('lists networks, and says when an atlas has none', async () => {
    const n = await systems.listNetworks({ id: 'synth' });
    expect(n.networks.map((x) => x.network)).toEqual(['Visual', 'Default']);
    const points = await systems.listNetworks({ id: 'synth-points' });
    expect(points.networks).toEqual([]);
    expect(points.note).toMatch(/assigns no networks/);
  });

  it('gives topography legends with null values where the atlases are absent', async () => {
    const t = await systems.getTopography({ map: 'tonotopy' });
    expect(t.groups.map((g) => g.id)).toEqual(['core', 'belt', 'parabelt']);
    expect(t.entries.every((e) => e.regions.every((r) => r.value === null))).toBe(true);
  });

  it('refuses a probability grid for an atlas without probability maps', async () => {
    await expect(systems.getProbabilityGrid({ id: 'synth', threshold: 20 })).rejects.toThrow(
      "atlas 'synth' has no probability maps",
    );
  });
});
