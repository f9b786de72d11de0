import { describe, expect, it } from 'vitest';
import { BODY_PART_ORDER } from '../../../../core/atlas/somatotopy';
import {
  TOPOGRAPHY,
  TOPOGRAPHY_MAPS,
  resolveTopography,
  topographyRegionNames,
} from '../../../../core/atlas/topography';

describe('topographic maps', () => {
  it.each(TOPOGRAPHY_MAPS)('%s: unique ids, every entry in a known group, regions named, EN and ZH labels', (map) => {
    const def = TOPOGRAPHY[map];
    expect(def.map).toBe(map);
    const groups = new Set(def.groups.map((g) => g.id));
    expect(groups.size).toBe(def.groups.length);
    expect(new Set(def.entries.map((e) => e.id)).size).toBe(def.entries.length);
    for (const e of def.entries) {
      expect(groups.has(e.group), e.id).toBe(true);
      expect(e.regions.length, e.id).toBeGreaterThan(0);
      expect(e.label.en && e.label.zh && e.note.en && e.note.zh, e.id).toBeTruthy();
    }
    expect(def.title.zh && def.description.zh && def.citation).toBeTruthy();
  });

  it('retinotopy: the 25 Wang 2015 areas, ventral halves upper field, dorsal halves lower, the rest whole', () => {
    const r = TOPOGRAPHY.retinotopy.entries;
    expect(r.map((e) => e.id).sort()).toEqual(
      [
        'V1v',
        'V1d',
        'V2v',
        'V2d',
        'V3v',
        'V3d',
        'hV4',
        'VO1',
        'VO2',
        'PHC1',
        'PHC2',
        'TO2',
        'TO1',
        'LO2',
        'LO1',
        'V3b',
        'V3a',
        'IPS0',
        'IPS1',
        'IPS2',
        'IPS3',
        'IPS4',
        'IPS5',
        'SPL1',
        'FEF',
      ].sort(),
    );
    for (const e of r) {
      const expected = /^V[123]v$/.test(e.id) ? 'upper' : /^V[123]d$/.test(e.id) ? 'lower' : 'both';
      expect(e.field, e.id).toBe(expected);
      expect(e.group).toBe(e.field);
    }
    const levels = r.map((e) => e.level as number);
    expect(levels).toEqual([...levels].sort((a, b) => a - b));
    expect(r.find((e) => e.id === 'V1v')?.level).toBe(1);
    expect(r.find((e) => e.id === 'TO1')?.regions.map((x) => x.name)).toEqual(['L_hMT', 'R_hMT']);
    expect(r.find((e) => e.id === 'IPS5')?.regions.map((x) => x.name)).toEqual(['R_IPS5']);
  });

  it('somatotopy: body parts from medial to lateral, the motor and sensory strips and the Julich areas', () => {
    const s = TOPOGRAPHY.somatotopy;
    expect(BODY_PART_ORDER).toEqual(['lower-limb', 'trunk', 'upper-limb', 'head-face', 'tongue-larynx']);
    expect(s.groups.slice(0, 5).map((g) => g.id)).toEqual(BODY_PART_ORDER);
    const names = topographyRegionNames(s);
    expect(names.get('brainnetome-246')).toEqual(
      expect.arrayContaining(['A4hf_L', 'A4ul_R', 'A4t_L', 'A4tl_R', 'A4ll_L']),
    );
    expect(names.get('julich-brain')).toContain('Area 3b (PostCG) left');
    const ranks = s.entries
      .filter((e) => e.bodyParts)
      .map((e) => BODY_PART_ORDER.indexOf((e.bodyParts as string[])[0] as never));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });

  it('tonotopy: core, belt and parabelt roles only', () => {
    const t = TOPOGRAPHY.tonotopy;
    expect(t.groups.map((g) => g.id)).toEqual(['core', 'belt', 'parabelt']);
    const role = (id: string) => t.entries.find((e) => e.id === id)?.role;
    expect([role('julich-te1.0'), role('glasser-a1'), role('glasser-lbelt'), role('glasser-pbelt')]).toEqual([
      'core',
      'core',
      'belt',
      'parabelt',
    ]);
  });

  it('resolveTopography adds label values, null for an unknown name or an unreadable atlas', () => {
    const map = resolveTopography(TOPOGRAPHY.tonotopy, (id) =>
      id === 'glasser-360' ? new Map([['Left_A1', 204]]) : null,
    );
    const a1 = map.entries.find((e) => e.id === 'glasser-a1');
    expect(a1?.regions).toEqual([
      { atlas: 'glasser-360', name: 'Left_A1', value: 204 },
      { atlas: 'glasser-360', name: 'Right_A1', value: null },
    ]);
    expect(map.entries[0].regions[0].value).toBeNull();
  });
});
