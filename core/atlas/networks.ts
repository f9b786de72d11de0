/**
 * Yeo 2011 functional networks: canonical names and colours (Yeo et al. 2011, CBIG colour tables), and reading
 * the network out of Schaefer 2018 parcel names ("7Networks_LH_SalVentAttn_FrOperIns_1", "LH_Vis_3"); Gordon
 * 2016's communities, and giving a table's labels their networks from an assignment column.
 */
import type { LabelTable, Rgb } from '../io/labels/types';
import { labelColor } from './palette';

export interface NetworkInfo {
  /** The code used in Schaefer names: "Vis", "SalVentAttnA"… */
  code: string;
  /** Display name. */
  name: string;
  /** The name in Simplified Chinese, for the networks this app knows. */
  zh?: string;
  color: Rgb;
}

/** Yeo 7, in the order of the Yeo 2011 label values 1..7. */
export const YEO7: NetworkInfo[] = [
  { code: 'Vis', name: 'Visual', zh: '视觉网络', color: [120, 18, 134] },
  { code: 'SomMot', name: 'Somatomotor', zh: '躯体运动网络', color: [70, 130, 180] },
  { code: 'DorsAttn', name: 'Dorsal Attention', zh: '背侧注意网络', color: [0, 118, 14] },
  { code: 'SalVentAttn', name: 'Ventral Attention', zh: '腹侧注意网络', color: [196, 58, 250] },
  { code: 'Limbic', name: 'Limbic', zh: '边缘网络', color: [220, 248, 164] },
  { code: 'Cont', name: 'Frontoparietal Control', zh: '额顶控制网络', color: [230, 148, 34] },
  { code: 'Default', name: 'Default', zh: '默认网络', color: [205, 62, 78] },
];

/**
 * Yeo 17, in the order of the Yeo 2011 label values 1..17 (CBIG Yeo2011_17Networks_ColorLUT). Values 9 and 10 are
 * the temporal-pole and orbitofrontal limbic networks: checked against the Schaefer 17-network parcels by overlap.
 */
export const YEO17: NetworkInfo[] = [
  { code: 'VisCent', name: 'Visual A (central)', zh: '视觉A（中央）', color: [120, 18, 134] },
  { code: 'VisPeri', name: 'Visual B (peripheral)', zh: '视觉B（外周）', color: [255, 0, 0] },
  { code: 'SomMotA', name: 'Somatomotor A', zh: '躯体运动A', color: [70, 130, 180] },
  { code: 'SomMotB', name: 'Somatomotor B', zh: '躯体运动B', color: [42, 204, 164] },
  { code: 'DorsAttnA', name: 'Dorsal Attention A', zh: '背侧注意A', color: [74, 155, 60] },
  { code: 'DorsAttnB', name: 'Dorsal Attention B', zh: '背侧注意B', color: [0, 118, 14] },
  { code: 'SalVentAttnA', name: 'Salience / Ventral Attention A', zh: '突显/腹侧注意A', color: [196, 58, 250] },
  { code: 'SalVentAttnB', name: 'Salience / Ventral Attention B', zh: '突显/腹侧注意B', color: [255, 152, 213] },
  { code: 'LimbicA', name: 'Limbic A (temporal pole)', zh: '边缘A（颞极）', color: [220, 248, 164] },
  { code: 'LimbicB', name: 'Limbic B (orbitofrontal)', zh: '边缘B（眶额）', color: [122, 135, 50] },
  { code: 'ContC', name: 'Control C', zh: '控制C', color: [119, 140, 176] },
  { code: 'ContA', name: 'Control A', zh: '控制A', color: [230, 148, 34] },
  { code: 'ContB', name: 'Control B', zh: '控制B', color: [135, 50, 74] },
  { code: 'TempPar', name: 'Temporal Parietal', zh: '颞顶', color: [12, 48, 255] },
  { code: 'DefaultC', name: 'Default C', zh: '默认C', color: [0, 0, 130] },
  { code: 'DefaultA', name: 'Default A', zh: '默认A', color: [255, 255, 0] },
  { code: 'DefaultB', name: 'Default B', zh: '默认B', color: [205, 62, 78] },
];

const BY_CODE = new Map<string, NetworkInfo>([...YEO7, ...YEO17].map((n) => [n.code.toLowerCase(), n]));

/**
 * The network of a Schaefer parcel from its name, or null when the name does not follow Schaefer's pattern.
 * Accepts "7Networks_LH_Vis_1", "17Networks_RH_DefaultA_PFCm_2", "LH_Cont_Par_1" (xcp_d node names).
 */
export function schaeferNetwork(name: string): NetworkInfo | null {
  const m = /^(?:(?:7|17)Networks_)?[LR]H_([A-Za-z]+)_/.exec(name);
  if (!m) return null;
  return BY_CODE.get(m[1].toLowerCase()) ?? null;
}

/** A Yeo network by its label value in a Yeo 2011 7- or 17-network volume. */
export function yeoNetwork(networks: 7 | 17, value: number): NetworkInfo | null {
  const list = networks === 7 ? YEO7 : YEO17;
  return list[value - 1] ?? null;
}

/**
 * Gordon 2016's 13 communities, in the order of gordon333CommunityNames.txt (community k is line k), keyed by the
 * file's names. Colours follow the figures of Gordon et al. 2016 (Default red, Visual blue, Fronto-parietal yellow,
 * Dorsal attention green, Somatomotor hand cyan, Somatomotor mouth orange, …); "None" marks parcels with no
 * community (low signal) and is grey.
 */
export const GORDON13: (NetworkInfo & { file: string })[] = [
  { file: 'default', code: 'Default', name: 'Default', zh: '默认网络', color: [255, 0, 0] },
  { file: 'somatomotorHand', code: 'SMhand', name: 'Somatomotor hand', zh: '躯体运动（手）', color: [0, 255, 255] },
  { file: 'somatomotorMouth', code: 'SMmouth', name: 'Somatomotor mouth', zh: '躯体运动（口）', color: [255, 128, 0] },
  { file: 'visual', code: 'Visual', name: 'Visual', zh: '视觉网络', color: [0, 0, 255] },
  { file: 'frontoparietal', code: 'FrontoParietal', name: 'Fronto-parietal', zh: '额顶网络', color: [255, 255, 0] },
  { file: 'auditory', code: 'Auditory', name: 'Auditory', zh: '听觉网络', color: [255, 0, 255] },
  {
    file: 'cinguloparietal',
    code: 'CinguloParietal',
    name: 'Cingulo-parietal',
    zh: '扣带-顶叶网络',
    color: [128, 128, 255],
  },
  {
    file: 'retrosplenialTemporal',
    code: 'RetrosplenialTemporal',
    name: 'Retrosplenial temporal',
    zh: '压后-颞叶网络',
    color: [255, 200, 160],
  },
  {
    file: 'cinguloopercular',
    code: 'CinguloOperc',
    name: 'Cingulo-opercular',
    zh: '扣带-岛盖网络',
    color: [128, 0, 160],
  },
  {
    file: 'ventralAttention',
    code: 'VentralAttn',
    name: 'Ventral attention',
    zh: '腹侧注意网络',
    color: [0, 160, 160],
  },
  { file: 'salience', code: 'Salience', name: 'Salience', zh: '突显网络', color: [40, 40, 40] },
  { file: 'dorsalAttention', code: 'DorsalAttn', name: 'Dorsal attention', zh: '背侧注意网络', color: [0, 160, 0] },
  { file: 'none', code: 'None', name: 'None', zh: '无归属（低信号）', color: [200, 200, 200] },
];

const GORDON_BY_FILE_NAME = new Map(GORDON13.map((n) => [n.file.toLowerCase(), n]));

/**
 * Gives each entry of `table` its network from an assignment column (entry value v: the network number of label
 * v) and the table naming those numbers (entry k: network k). Known network names (Gordon's communities) take their
 * display name and colour. Entries the assignment does not cover keep what they had; the returned warnings say
 * which labels had no or an unnamed network number.
 */
export function assignNetworks(
  table: LabelTable,
  assignment: LabelTable,
  names: LabelTable,
): { table: LabelTable; networks: NetworkInfo[]; warnings: string[] } {
  const nameOf = new Map(names.entries.map((e) => [e.value, e.name]));
  const numberOf = new Map(assignment.entries.map((e) => [e.value, Number(e.extra?.value ?? e.name)]));
  const networks = new Map<number, NetworkInfo>();
  for (const [k, name] of nameOf) {
    const known = GORDON_BY_FILE_NAME.get(name.toLowerCase());
    networks.set(
      k,
      known ? { code: known.code, name: known.name, color: known.color } : { code: name, name, color: labelColor(k) },
    );
  }
  const unassigned: number[] = [];
  const unnamed = new Set<number>();
  const entries = table.entries.map((e) => {
    const k = numberOf.get(e.value);
    if (k === undefined) {
      unassigned.push(e.value);
      return e;
    }
    const net = networks.get(k);
    if (!net) {
      unnamed.add(k);
      return e;
    }
    return { ...e, network: net.name };
  });
  const warnings: string[] = [];
  if (unassigned.length > 0)
    warnings.push(`${unassigned.length} label(s) have no network number: ${unassigned.slice(0, 10).join(', ')}`);
  if (unnamed.size > 0) warnings.push(`network number(s) ${[...unnamed].join(', ')} have no name in the network table`);
  return { table: { ...table, entries }, networks: [...networks.values()], warnings };
}
