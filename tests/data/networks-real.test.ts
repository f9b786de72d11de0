/**
 * Networks of the real network atlases (Yeo, Schaefer, Gordon, Shen with Finn 2015's names, Power without a
 * network column) and a region's share of the Yeo networks. Skips without the shared atlases.
 */
import { describe, expect, it } from 'vitest';
import { SHEN8 } from '../../core/atlas/network-atlases';
import { SHARED } from '../helpers/shared-atlases';
import { realServices } from '../helpers/real-service';

if (!SHARED) console.warn('networks real-data tests skipped: no atlas folder (set BRAIN_ATLAS_PATH).');

describe.skipIf(!SHARED)('networks of the real atlases', () => {
  const { atlases, systems } = realServices(SHARED as string);

  it('yeo-7: seven networks in Yeo order with the CBIG colours, one region each', async () => {
    const n = await systems.listNetworks({ id: 'yeo-7' });
    expect(n.label.en).toBe('Yeo 7');
    expect(n.networks.map((x) => [x.network, x.regions.map((r) => r.value)])).toEqual([
      ['Visual', [1]],
      ['Somatomotor', [2]],
      ['Dorsal Attention', [3]],
      ['Ventral Attention', [4]],
      ['Limbic', [5]],
      ['Frontoparietal Control', [6]],
      ['Default', [7]],
    ]);
    expect(n.networks[0].color).toEqual([120, 18, 134]);
  });

  it('yeo-17 and schaefer-400-7 group every region; gordon-333 has its 13 communities', async () => {
    expect((await systems.listNetworks({ id: 'yeo-17' })).networks).toHaveLength(17);
    const schaefer = await systems.listNetworks({ id: 'schaefer-400-7' });
    expect(schaefer.networks).toHaveLength(7);
    expect(schaefer.networks.reduce((s, x) => s + x.regions.length, 0)).toBe(400);
    expect(schaefer.unassigned).toBe(0);
    const gordon = await systems.listNetworks({ id: 'gordon-333' });
    expect(gordon.networks).toHaveLength(13);
    expect(gordon.networks.find((x) => x.network === 'Auditory')?.color).toEqual([255, 0, 255]);
  });

  it("shen-268: every node carries one of Finn 2015's eight network names", async () => {
    const { regions } = await atlases.openAtlas({ id: 'shen-268' });
    expect(regions).toHaveLength(268);
    const names = new Set(SHEN8.map((n) => n.name));
    expect(regions.filter((r) => !names.has(r.network ?? '')).map((r) => `${r.name}: ${r.network}`)).toEqual([]);
    const shen = await systems.listNetworks({ id: 'shen-268' });
    expect(shen.networks.map((x) => x.network)).toEqual(SHEN8.map((n) => n.name));
    expect(shen.networks.reduce((s, x) => s + x.regions.length, 0)).toBe(268);
  });

  it('power-264: says that its file has no network column instead of inventing networks', async () => {
    const power = await systems.listNetworks({ id: 'power-264' });
    expect(power.networks).toEqual([]);
    expect(power.note).toMatch(/no network column/);
  });

  it("aal3 Precentral_L: its largest Yeo 7 share is Somatomotor, and Yeo 17's a Somatomotor network", async () => {
    const r = await systems.regionNetworks({ id: 'aal3', value: 1 });
    expect(r.name).toBe('Precentral_L');
    const [y7, y17] = r.yeo;
    expect(y7.atlasId).toBe('yeo-7');
    expect(y7.shares[0].network).toBe('Somatomotor');
    expect(y7.shares[0].percent).toBeGreaterThan(y7.shares[1].percent);
    expect(y17.shares[0].network).toMatch(/^Somatomotor/);
  }, 60_000);
});
