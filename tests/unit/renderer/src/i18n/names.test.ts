import { describe, expect, it } from 'vitest';
import type { AtlasListing } from '../../../../../core/api';
import { translate } from '../../../../../renderer/src/i18n/index';
import { atlasKindText, atlasName } from '../../../../../renderer/src/i18n/names';

const listing = (id: string, name: string, nameZh?: string): AtlasListing => ({
  id,
  name,
  ...(nameZh ? { nameZh } : {}),
  kind: 'labels',
  year: 2020,
  space: 'MNI152',
  status: 'present',
  variants: [],
  origin: 'catalog',
});

describe('atlasName', () => {
  const listings = [listing('brodmann', 'Brodmann areas', '布罗德曼分区'), listing('fsl-x', 'An FSL atlas')];

  it("gives the catalog's Chinese name in Chinese, the name in English", () => {
    expect(atlasName(listings, 'brodmann', 'zh')).toBe('布罗德曼分区');
    expect(atlasName(listings, 'brodmann', 'en')).toBe('Brodmann areas');
    expect(atlasName(listings, 'brodmann')).toBe('Brodmann areas');
  });

  it('falls back to the name, then to what the caller knows, then to the id', () => {
    expect(atlasName(listings, 'fsl-x', 'zh')).toBe('An FSL atlas');
    expect(atlasName(listings, 'gone', 'zh', 'Its summary name')).toBe('Its summary name');
    expect(atlasName(null, 'gone', 'zh')).toBe('gone');
  });
});

describe('atlasKindText', () => {
  it('gives each atlas kind one Chinese word, the word the rest of the UI uses', () => {
    expect(
      ['labels', 'probabilistic', 'coordinates', 'template', 'surface'].map((k) => atlasKindText(k, 'zh')),
    ).toEqual(['标签', '概率', '坐标', '模板', '皮层表面']);
    expect(atlasKindText('surface', 'zh')).toBe(translate('zh', 'surface'));
  });

  it('gives the kind itself in English, and a kind it does not know as it is', () => {
    expect(atlasKindText('probabilistic', 'en')).toBe('probabilistic');
    expect(atlasKindText('volume', 'zh')).toBe('volume');
  });
});
