import { describe, expect, it } from 'vitest';
import {
  NETWORK_ATLASES,
  SHEN8,
  groupByNetwork,
  nameCodedNetworks,
  networkName,
  networkPalette,
  rgbHex,
} from '../../../../core/atlas/network-atlases';
import { GORDON13, YEO7, YEO17 } from '../../../../core/atlas/networks';
import type { LabelTable } from '../../../../core/io/labels/types';

describe('nameCodedNetworks', () => {
  const table: LabelTable = {
    format: 'node-list',
    entries: [
      { value: 1, name: 'Node 1', network: '2' },
      { value: 2, name: 'Node 2', network: '8' },
      { value: 3, name: 'Node 3', network: '9' },
      { value: 4, name: 'Node 4' },
    ],
    warnings: [],
  };

  it("gives shen-268's network codes 1-8 Finn 2015's names", () => {
    expect(SHEN8.map((n) => `${n.code} ${n.name}`)).toEqual([
      '1 Medial frontal',
      '2 Frontoparietal',
      '3 Default mode',
      '4 Subcortical-cerebellum',
      '5 Motor',
      '6 Visual I',
      '7 Visual II',
      '8 Visual association',
    ]);
    expect(nameCodedNetworks('shen-268', table).entries.map((e) => e.network)).toEqual([
      'Frontoparietal',
      'Visual association',
      '9',
      undefined,
    ]);
  });

  it('leaves other atlases alone', () => {
    expect(nameCodedNetworks('aal3', table)).toBe(table);
  });
});

describe('networkPalette', () => {
  it('uses Yeo 7 or 17 from the catalog, else the known palette naming every network', () => {
    expect(networkPalette(7, [])).toBe(YEO7);
    expect(networkPalette(17, ['x'])).toBe(YEO17);
    expect(networkPalette(undefined, ['Default', 'Salience'])).toBe(GORDON13);
    expect(networkPalette(undefined, ['Motor', 'Visual II'])).toBe(SHEN8);
    expect(networkPalette(undefined, ['Motor', 'Mystery'])).toBeNull();
  });
});

describe('groupByNetwork', () => {
  it('groups regions in the palette order with its colours, counting those without a network', () => {
    const regions = [
      { value: 5, name: 'LH_Default_1', network: 'Default' },
      { value: 2, name: 'LH_Vis_2', network: 'Visual' },
      { value: 1, name: 'LH_Vis_1', network: 'Visual' },
      { value: 9, name: 'thalamus', network: null },
      { value: 7, name: 'odd', network: 'Mystery' },
    ];
    const { networks, unassigned } = groupByNetwork(regions, YEO7);
    expect(networks.map((n) => [n.network, n.regions.map((r) => r.value)])).toEqual([
      ['Visual', [1, 2]],
      ['Default', [5]],
      ['Mystery', [7]],
    ]);
    expect(networks[0].color).toEqual([120, 18, 134]);
    expect(networks[2].color).toHaveLength(3);
    expect(unassigned).toBe(1);
  });
});

describe('network atlases', () => {
  it('lists the six network atlases and says why Power has no networks', () => {
    expect(NETWORK_ATLASES.map((n) => n.id)).toEqual([
      'yeo-7',
      'yeo-17',
      'schaefer-400-7',
      'gordon-333',
      'shen-268',
      'power-264',
    ]);
    expect(NETWORK_ATLASES.find((n) => n.id === 'power-264')?.note).toMatch(/no network column/);
    expect(rgbHex([120, 18, 134])).toBe('#781286');
  });
});

describe('networkName', () => {
  it('gives every known network a Chinese name, a different one for each network of a list', () => {
    for (const list of [YEO7, YEO17, GORDON13, SHEN8]) {
      const zh = list.map((n) => networkName(n.name, 'zh'));
      for (const [i, n] of list.entries()) expect(zh[i], n.name).toMatch(/[\u4e00-\u9fff]/);
      expect(new Set(zh).size).toBe(list.length);
    }
  });

  it('names the Yeo 7 networks as the Chinese literature does, and leaves English and unknown names alone', () => {
    expect(YEO7.map((n) => networkName(n.name, 'zh'))).toEqual([
      '视觉网络',
      '躯体运动网络',
      '背侧注意网络',
      '腹侧注意网络',
      '边缘网络',
      '额顶控制网络',
      '默认网络',
    ]);
    expect(networkName('Default', 'en')).toBe('Default');
    expect(networkName('My network', 'zh')).toBe('My network');
  });
});
