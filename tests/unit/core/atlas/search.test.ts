import { describe, expect, it } from 'vitest';
import { buildAtlas } from '../../../../core/atlas/atlas';
import { parseCoordinateText } from '../../../../core/io/coordinate-text';
import { regionOverlaps } from '../../../../core/atlas/crosswalk';
import { toLabelVolume } from '../../../../core/atlas/label-volume';
import { decodeNifti } from '../../../../core/io/nifti/decode';
import { RegionSearchIndex, normalise } from '../../../../core/atlas/search';
import { writeNifti } from '../../../helpers/nifti-writer';

describe('coordinates typed by a person', () => {
  it.each([
    ['-44,14,8', [-44, 14, 8]],
    ['-44 14 8', [-44, 14, 8]],
    ['(-44, 14, 8)', [-44, 14, 8]],
    ['[-44; 14; 8]', [-44, 14, 8]],
    ['x=-44 y=14 z=8', [-44, 14, 8]],
    ['−44, 14.5, 8 mm', [-44, 14.5, 8]],
  ])('%s', (text, point) => {
    expect(parseCoordinateText(text)).toEqual({ ok: true, point });
  });

  it('explains nonsense', () => {
    expect(parseCoordinateText('')).toMatchObject({ ok: false, message: expect.stringMatching(/three numbers/) });
    expect(parseCoordinateText('-44, abc, 8')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/"abc" is not a number/),
    });
    expect(parseCoordinateText('1, 2')).toMatchObject({ ok: false, message: expect.stringMatching(/got 2/) });
    expect(parseCoordinateText('1, 2, 99999')).toMatchObject({ ok: false, message: expect.stringMatching(/±1000/) });
  });
});

describe('region search', () => {
  const index = new RegionSearchIndex([
    { key: 'aal3:1', atlasId: 'aal3', value: 1, name: 'Precentral_L', aliases: ['中央前回'] },
    { key: 'aal3:2', atlasId: 'aal3', value: 2, name: 'Precentral_R', aliases: ['中央前回'] },
    { key: 'aal3:3', atlasId: 'aal3', value: 3, name: 'Postcentral_L' },
    { key: 'aal3:15', atlasId: 'aal3', value: 15, name: 'Frontal_Inf_Oper_L', aliases: ["Broca's area", '布罗卡区'] },
    {
      key: 'brodmann:44',
      atlasId: 'brodmann',
      value: 44,
      name: 'Brodmann_area_44',
      aliases: ["Broca's area", '布罗卡区'],
    },
    { key: 'brodmann:4', atlasId: 'brodmann', value: 4, name: 'Brodmann_area_4' },
    { key: 's:7', atlasId: 's', value: 7, name: '7Networks_LH_Default_PFC_1', network: 'Default' },
    { key: 's:8', atlasId: 's', value: 8, name: '7Networks_RH_Vis_1', network: 'Visual' },
  ]);
  const keys = (q: string) => index.search(q).map((h) => h.region.key);

  it('ranks whole and prefix matches before word and substring matches', () => {
    expect(keys('precentral')).toEqual(['aal3:1', 'aal3:2']);
    expect(keys('precentral l')).toEqual(['aal3:1', 'aal3:2']);
    expect(keys('central')).toEqual(['aal3:1', 'aal3:2', 'aal3:3']);
  });

  it('understands Brodmann numbers in every common spelling', () => {
    expect(normalise('BA 44')).toBe('ba44');
    expect(normalise('Brodmann_area_44')).toBe('ba44');
    expect(keys('BA44')[0]).toBe('brodmann:44');
    expect(keys('ba 4')[0]).toBe('brodmann:4');
  });

  it('finds aliases, Chinese names and networks', () => {
    expect(new Set(keys('Broca'))).toEqual(new Set(['aal3:15', 'brodmann:44']));
    expect(new Set(keys('布罗卡区'))).toEqual(new Set(['aal3:15', 'brodmann:44']));
    expect(new Set(keys('中央前回'))).toEqual(new Set(['aal3:1', 'aal3:2']));
    expect(keys('Default')).toEqual(['s:7']);
    expect(keys('zzz')).toEqual([]);
  });
});

describe('crosswalk', () => {
  // Source: value 1 fills x = 0..3 of a 4×2×2 grid. Target A: x = 0 is 5, x = 1..2 is 6, x = 3 background.
  const vol = (data: number[], affine = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0]) =>
    toLabelVolume(decodeNifti(writeNifti({ dims: [4, 2, 2], data, affine })));
  const rep = (row: number[]) => [...row, ...row, ...row, ...row];
  it('gives each other atlas\u2019s shares of the region, largest first, and what is unlabelled', () => {
    const source = buildAtlas({ volume: vol(rep([1, 1, 1, 1])), table: null });
    const target = vol(rep([5, 6, 6, 0]));
    // The same target stored mirrored in x (LAS) must give the same answer.
    const mirrored = vol(rep([0, 6, 6, 5]), [-1, 0, 0, 3, 0, 1, 0, 0, 0, 0, 1, 0]);
    const [a, b] = regionOverlaps(source.volume, 1, source.regions[0].bbox, source.regions[0].voxels, [
      {
        atlasId: 'a',
        volume: target,
        names: new Map([
          [5, 'Five'],
          [6, 'Six'],
        ]),
      },
      { atlasId: 'b', volume: mirrored, names: new Map() },
    ]);
    expect(a).toEqual({
      atlasId: 'a',
      shares: [
        { value: 6, name: 'Six', percent: 50 },
        { value: 5, name: 'Five', percent: 25 },
      ],
      unlabelledPercent: 25,
    });
    expect(b.shares.map((s) => [s.value, s.percent])).toEqual([
      [6, 50],
      [5, 25],
    ]);
  });
});
