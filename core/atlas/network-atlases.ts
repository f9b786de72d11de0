/**
 * Which functional networks an atlas has and which of its regions belong to each: Yeo 7 and 17 (their label
 * values are the networks), Schaefer 2018 (parcels grouped by the network in their names), Gordon 2016 (the 13
 * communities of its .1D assignment), Shen 2013 (Finn 2015's 8 networks, whose table gives only codes 1-8) and
 * Power 2011 (whose shared file has no network column). Pure: works on region records, whoever loaded them.
 */
import type { LabelTable, Rgb } from '../io/labels/types';
import { GORDON13, type NetworkInfo, YEO7, YEO17 } from './networks';
import { labelColor } from './palette';

/**
 * Finn et al. 2015's eight networks of the Shen 268 nodes, in the order of their codes 1-8 (the network column of
 * shen_268_parcellation_networklabels.csv). Colours are this app's own fixed palette, not the paper's: where a
 * network matches a Yeo network (frontoparietal, default, motor, visual I) it takes the Yeo colour; the others
 * are picked to stay apart from them.
 */
export const SHEN8: NetworkInfo[] = [
  { code: '1', name: 'Medial frontal', zh: '内侧额叶网络', color: [155, 89, 182] },
  { code: '2', name: 'Frontoparietal', zh: '额顶网络', color: [230, 148, 34] },
  { code: '3', name: 'Default mode', zh: '默认模式网络', color: [205, 62, 78] },
  { code: '4', name: 'Subcortical-cerebellum', zh: '皮层下-小脑网络', color: [140, 110, 80] },
  { code: '5', name: 'Motor', zh: '运动网络', color: [70, 130, 180] },
  { code: '6', name: 'Visual I', zh: '视觉I', color: [120, 18, 134] },
  { code: '7', name: 'Visual II', zh: '视觉II', color: [190, 100, 210] },
  { code: '8', name: 'Visual association', zh: '视觉联合网络', color: [240, 170, 240] },
];

const ZH_NAMES = new Map(
  [...YEO7, ...YEO17, ...GORDON13, ...SHEN8].flatMap((n): [string, string][] => (n.zh ? [[n.name, n.zh]] : [])),
);

/**
 * A network's name in `lang`: the Chinese name of a network this app knows (Yeo 7 and 17, Gordon's communities,
 * Shen's eight), else the name as the atlas gives it. Names stay English everywhere they are keys (hidden networks,
 * sessions, the CLI).
 */
export function networkName(name: string, lang: 'en' | 'zh'): string {
  return lang === 'zh' ? (ZH_NAMES.get(name) ?? name) : name;
}

/**
 * The Yeo 7 network a region of the yeo-7 atlas is: its label names are the network's number and a word or two
 * ("3_Dorsal_Area", and "5_Lymbic_Area" as shipped), which the app shows as the network's name ("Dorsal Attention").
 * Null for other atlases and names. (Yeo 17's shipped names number the networks otherwise than CBIG's colour table,
 * which YEO17 follows, so they are left as they are.)
 */
export function yeo7Network(atlasId: string, regionName: string): NetworkInfo | null {
  if (atlasId !== 'yeo-7') return null;
  const m = /^([1-7])_/.exec(regionName);
  return m ? YEO7[Number(m[1]) - 1] : null;
}

/** The network atlases the app shows as such, with their display names (English and Chinese). */
export interface NetworkAtlas {
  id: string;
  label: { en: string; zh: string };
  /** Why the atlas lists no networks, when its files carry none. */
  note?: string;
}

export const POWER_NO_NETWORKS =
  "power-264 has no network assignment here: the shared power_2011.csv (nilearn's copy) holds only the ROI centres (ROI, X, Y, Z), no network column, so no networks are listed rather than invented";

export const NETWORK_ATLASES: NetworkAtlas[] = [
  { id: 'yeo-7', label: { en: 'Yeo 7', zh: 'Yeo 7网络' } },
  { id: 'yeo-17', label: { en: 'Yeo 17', zh: 'Yeo 17网络' } },
  { id: 'schaefer-400-7', label: { en: 'Schaefer by network', zh: 'Schaefer（按网络）' } },
  { id: 'gordon-333', label: { en: 'Gordon 13', zh: 'Gordon 13社区' } },
  { id: 'shen-268', label: { en: 'Shen 8', zh: 'Shen 8网络' } },
  { id: 'power-264', label: { en: 'Power', zh: 'Power' }, note: POWER_NO_NETWORKS },
];

/**
 * A label table whose network column holds codes, with the codes turned into names for atlases whose codes are
 * known (shen-268: Finn 2015's 1-8). Entries without a code, or with an unknown one, are left as they are.
 */
export function nameCodedNetworks(atlasId: string, table: LabelTable): LabelTable {
  if (atlasId !== 'shen-268') return table;
  const byCode = new Map(SHEN8.map((n) => [n.code, n.name]));
  return {
    ...table,
    entries: table.entries.map((e) => {
      const name = e.network === undefined ? undefined : byCode.get(e.network.trim());
      return name ? { ...e, network: name } : e;
    }),
  };
}

/**
 * The palette for an atlas's networks: Yeo 7 or 17 when the catalog says the atlas has 7 or 17 networks, else the
 * first known palette (Gordon 13, Shen 8) that names every network found, else null.
 */
export function networkPalette(networks: 7 | 17 | undefined, names: readonly string[]): NetworkInfo[] | null {
  if (networks === 7) return YEO7;
  if (networks === 17) return YEO17;
  for (const palette of [GORDON13, SHEN8]) {
    const known = new Set(palette.map((n) => n.name));
    if (names.length > 0 && names.every((n) => known.has(n))) return palette;
  }
  return null;
}

export interface NetworkRegion {
  value: number;
  name: string;
}

export interface NetworkGroup {
  network: string;
  color: Rgb;
  regions: NetworkRegion[];
}

/**
 * The regions grouped by network, networks in the palette's order (others after, by name), regions by value.
 * Regions without a network are left out; `unassigned` counts them.
 */
export function groupByNetwork(
  regions: readonly { value: number; name: string; network: string | null }[],
  palette: readonly NetworkInfo[] | null,
): { networks: NetworkGroup[]; unassigned: number } {
  const groups = new Map<string, NetworkRegion[]>();
  let unassigned = 0;
  for (const r of regions) {
    if (!r.network) {
      unassigned++;
      continue;
    }
    let g = groups.get(r.network);
    if (!g) groups.set(r.network, (g = []));
    g.push({ value: r.value, name: r.name });
  }
  const order = new Map((palette ?? []).map((n, i) => [n.name, i]));
  const names = [...groups.keys()].sort((a, b) => {
    const ia = order.get(a) ?? Number.MAX_SAFE_INTEGER;
    const ib = order.get(b) ?? Number.MAX_SAFE_INTEGER;
    return ia - ib || a.localeCompare(b);
  });
  const networks = names.map((network, i) => {
    const known = palette?.find((n) => n.name === network);
    return {
      network,
      color: known ? ([...known.color] as Rgb) : labelColor(i + 1),
      regions: (groups.get(network) as NetworkRegion[]).sort((a, b) => a.value - b.value),
    };
  });
  return { networks, unassigned };
}

/** "#7b1286" for [123, 18, 134]. */
export function rgbHex(c: Rgb): string {
  return `#${c.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}
