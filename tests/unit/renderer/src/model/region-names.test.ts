/**
 * Region names in the app's language (renderer/src/model/region-names.ts): in Chinese, the region card's name with
 * the side before it, the side taken from the drawn region where known, else read from the atlas's name for it (What's
 * here names regions of atlases that are not drawn); the atlas's own name in English or without a card; a Yeo 7
 * region by its network's name.
 */
import { describe, expect, it } from 'vitest';
import type { RegionInfoEntry } from '../../../../../core/atlas/region-info';
import { regionNameIn } from '../../../../../renderer/src/model/region-names';

const text = (name: string) => ({ name, aliases: [], description: 'A card.' });
const CARDS: RegionInfoEntry[] = [
  {
    id: 'precentral-gyrus',
    kind: 'landmark',
    en: text('Precentral gyrus'),
    zh: text('中央前回'),
    match: [{ atlas: 'aal3', names: ['Precentral_L', 'Precentral_R'] }],
  },
  {
    id: 'vermis',
    kind: 'landmark',
    en: text('Vermis'),
    zh: text('小脑蚓部'),
    match: [{ atlas: 'aal3', names: ['Vermis_3'] }],
  },
];

describe('regionNameIn', () => {
  it("names a region by its card in Chinese, the side from the region or else from the atlas's name", () => {
    expect(regionNameIn(CARDS, 'aal3', { name: 'Precentral_L', hemisphere: 'left' }, 'zh')).toBe('左侧中央前回');
    expect(regionNameIn(CARDS, 'aal3', { name: 'Precentral_R' }, 'zh')).toBe('右侧中央前回');
    // A drawn region's own side wins over its name's.
    expect(regionNameIn(CARDS, 'aal3', { name: 'Precentral_R', hemisphere: null }, 'zh')).toBe('中央前回');
    expect(regionNameIn(CARDS, 'aal3', { name: 'Vermis_3' }, 'zh')).toBe('小脑蚓部');
  });

  it("keeps the atlas's name in English, without a card, or for another atlas", () => {
    expect(regionNameIn(CARDS, 'aal3', { name: 'Precentral_L' }, 'en')).toBe('Precentral_L');
    expect(regionNameIn(CARDS, 'aal3', { name: 'Heschl_L' }, 'zh')).toBe('Heschl_L');
    expect(regionNameIn(CARDS, 'brodmann', { name: 'Precentral_L' }, 'zh')).toBe('Precentral_L');
    expect(regionNameIn(null, 'aal3', { name: 'Precentral_L' }, 'zh')).toBe('Precentral_L');
  });

  it('names a Yeo 7 region by its network, in either language, whatever the shipped label says', () => {
    expect(regionNameIn(CARDS, 'yeo-7', { name: '3_Dorsal_Area' }, 'en')).toBe('Dorsal Attention');
    expect(regionNameIn(CARDS, 'yeo-7', { name: '5_Lymbic_Area' }, 'en')).toBe('Limbic');
    expect(regionNameIn(CARDS, 'yeo-7', { name: '7_Default_Network_Area' }, 'zh')).toBe('默认网络');
    // Yeo 17's labels are left as they are (they number the networks otherwise than YEO17), as are other atlases'.
    expect(regionNameIn(CARDS, 'yeo-17', { name: '3_Somatomotor_A' }, 'en')).toBe('3_Somatomotor_A');
    expect(regionNameIn(CARDS, 'brodmann', { name: '3_Dorsal_Area' }, 'en')).toBe('3_Dorsal_Area');
  });
});
