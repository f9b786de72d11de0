/**
 * Yeo 2011 functional networks: canonical names and colours (Yeo et al. 2011, CBIG colour tables), and reading
 * the network out of Schaefer 2018 parcel names ("7Networks_LH_SalVentAttn_FrOperIns_1", "LH_Vis_3").
 */
import type { Rgb } from './labels/types';

export interface NetworkInfo {
  /** The code used in Schaefer names: "Vis", "SalVentAttnA"… */
  code: string;
  /** Display name. */
  name: string;
  color: Rgb;
}

/** Yeo 7, in the order of the Yeo 2011 label values 1..7. */
export const YEO7: NetworkInfo[] = [
  { code: 'Vis', name: 'Visual', color: [120, 18, 134] },
  { code: 'SomMot', name: 'Somatomotor', color: [70, 130, 180] },
  { code: 'DorsAttn', name: 'Dorsal Attention', color: [0, 118, 14] },
  { code: 'SalVentAttn', name: 'Ventral Attention', color: [196, 58, 250] },
  { code: 'Limbic', name: 'Limbic', color: [220, 248, 164] },
  { code: 'Cont', name: 'Frontoparietal Control', color: [230, 148, 34] },
  { code: 'Default', name: 'Default', color: [205, 62, 78] },
];

/**
 * Yeo 17, in the order of the Yeo 2011 label values 1..17 (CBIG Yeo2011_17Networks_ColorLUT). Values 9 and 10 are
 * the temporal-pole and orbitofrontal limbic networks: checked against the Schaefer 17-network parcels by overlap.
 */
export const YEO17: NetworkInfo[] = [
  { code: 'VisCent', name: 'Visual A (central)', color: [120, 18, 134] },
  { code: 'VisPeri', name: 'Visual B (peripheral)', color: [255, 0, 0] },
  { code: 'SomMotA', name: 'Somatomotor A', color: [70, 130, 180] },
  { code: 'SomMotB', name: 'Somatomotor B', color: [42, 204, 164] },
  { code: 'DorsAttnA', name: 'Dorsal Attention A', color: [74, 155, 60] },
  { code: 'DorsAttnB', name: 'Dorsal Attention B', color: [0, 118, 14] },
  { code: 'SalVentAttnA', name: 'Salience / Ventral Attention A', color: [196, 58, 250] },
  { code: 'SalVentAttnB', name: 'Salience / Ventral Attention B', color: [255, 152, 213] },
  { code: 'LimbicA', name: 'Limbic A (temporal pole)', color: [220, 248, 164] },
  { code: 'LimbicB', name: 'Limbic B (orbitofrontal)', color: [122, 135, 50] },
  { code: 'ContC', name: 'Control C', color: [119, 140, 176] },
  { code: 'ContA', name: 'Control A', color: [230, 148, 34] },
  { code: 'ContB', name: 'Control B', color: [135, 50, 74] },
  { code: 'TempPar', name: 'Temporal Parietal', color: [12, 48, 255] },
  { code: 'DefaultC', name: 'Default C', color: [0, 0, 130] },
  { code: 'DefaultA', name: 'Default A', color: [255, 255, 0] },
  { code: 'DefaultB', name: 'Default B', color: [205, 62, 78] },
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
