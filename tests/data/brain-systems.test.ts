/**
 * atlases/brain-systems.json against the real atlases: every atlas a system names loads, every region name exists
 * there (a typo fails), and listBrainSystems gives every region its label value. Skips without the shared atlases.
 */
import { describe, expect, it } from 'vitest';
import { systemAtlases } from '../../core/atlas/brain-systems';
import { SHARED } from '../helpers/shared-atlases';
import { realServices } from '../helpers/real-service';

if (!SHARED) console.warn('brain-systems real-data tests skipped: no atlas folder (set BRAIN_ATLAS_PATH).');

describe.skipIf(!SHARED)('brain systems against the real atlases', () => {
  const { atlases, systems } = realServices(SHARED as string);

  it('names only regions that exist in their atlases', async () => {
    const listed = await systems.listBrainSystems();
    const missing: string[] = [];
    for (const id of systemAtlases(listed)) {
      const names = new Set((await atlases.openAtlas({ id })).regions.map((r) => r.name));
      for (const s of listed)
        for (const r of s.regions) if (r.atlas === id && !names.has(r.name)) missing.push(`${s.id}: ${id} '${r.name}'`);
    }
    expect(missing).toEqual([]);
  }, 120_000);

  it('gives every region its label value', async () => {
    const listed = await systems.listBrainSystems();
    expect(listed.length).toBeGreaterThanOrEqual(8);
    const unresolved = listed.flatMap((s) =>
      s.regions.filter((r) => r.value === null).map((r) => `${s.id}: ${r.name}`),
    );
    expect(unresolved).toEqual([]);
    const visual = listed.find((s) => s.id === 'visual');
    expect(visual?.regions.find((r) => r.name === 'Thal_LGN_L')).toEqual({
      atlas: 'aal3',
      value: 139,
      name: 'Thal_LGN_L',
    });
  }, 120_000);
});
