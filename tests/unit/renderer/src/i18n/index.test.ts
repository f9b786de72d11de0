/**
 * The message tables and translate: English and Chinese have the same keys, every {var} of an English message
 * appears in its Chinese text, and counts pick the plural form Intl.PluralRules gives ("1 cluster", "2 clusters").
 */
import { describe, expect, it } from 'vitest';
import { en } from '../../../../../renderer/src/i18n/en';
import { translate } from '../../../../../renderer/src/i18n/index';
import type { Message } from '../../../../../renderer/src/i18n/plural';
import { zh } from '../../../../../renderer/src/i18n/zh';

/** Every text of a message: the string itself, or all its plural forms. */
function texts(m: Message): string[] {
  if (typeof m === 'string') return [m];
  return [m.zero, m.one, m.two, m.few, m.many, m.other].flatMap((f) => (f === undefined ? [] : texts(f)));
}

function slots(m: Message): Set<string> {
  return new Set(texts(m).flatMap((t) => [...t.matchAll(/\{(\w+)\}/g)].map((x) => x[1])));
}

describe('message tables', () => {
  it('have the same keys in English and Chinese', () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
  });

  it('keep every {var} of the English text in the Chinese text', () => {
    const missing: string[] = [];
    for (const [key, message] of Object.entries(en)) {
      const chinese = slots(zh[key as keyof typeof en]);
      for (const v of slots(message)) if (!chinese.has(v)) missing.push(`${key}: {${v}}`);
    }
    expect(missing).toEqual([]);
  });

  it('give every plural form the same slots as the others', () => {
    for (const [key, message] of Object.entries(en)) {
      const all = slots(message);
      for (const t of texts(message)) expect(slots(t), `${key}: ${t}`).toEqual(all);
    }
  });
});

describe('translate', () => {
  it('picks the English plural form by the count', () => {
    expect(translate('en', 'regionsShown', { n: 1 })).toBe('1 region');
    expect(translate('en', 'regionsShown', { n: 2 })).toBe('2 regions');
    expect(translate('en', 'regionsShown', { n: 0 })).toBe('0 regions');
    expect(translate('en', 'clusterSummary', { n: 1, voxels: 1 })).toBe('1 cluster; 1 voxel passes the threshold.');
    expect(translate('en', 'clusterSummary', { n: 1, voxels: 12 })).toBe('1 cluster; 12 voxels pass the threshold.');
    expect(translate('en', 'clusterSummary', { n: 2, voxels: 12 })).toBe('2 clusters; 12 voxels pass the threshold.');
  });

  it('uses the one Chinese form for every count', () => {
    expect(translate('zh', 'clusterSummary', { n: 1, voxels: 1 })).toBe('1 个簇；1 个体素超过阈值。');
    expect(translate('zh', 'clusterSummary', { n: 2, voxels: 12 })).toBe('2 个簇；12 个体素超过阈值。');
  });

  it('fills slots and leaves a missing count on the "other" form', () => {
    expect(translate('en', 'mniAt', { x: 1, y: -2, z: 3 })).toBe('MNI 1, -2, 3');
    expect(translate('en', 'regionsShown')).toBe(' regions');
  });
});
