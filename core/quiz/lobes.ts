/**
 * The lobe of a region, from its name, for atlases named anatomically (AAL, AAL3, Harvard-Oxford,
 * Desikan-Killiany and the like) and for Brodmann areas by number: what a quiz's "lobe" pool draws from. Names
 * that say no lobe (network parcels such as "7Networks_LH_Vis_1", numbered ROIs) have none.
 */

export const LOBES = [
  'frontal',
  'parietal',
  'temporal',
  'occipital',
  'insula',
  'limbic',
  'subcortical',
  'cerebellum',
] as const;
export type Lobe = (typeof LOBES)[number];

/** Brodmann areas by lobe (the cingulate, retrosplenial and parahippocampal areas as limbic). */
const BRODMANN_LOBES: Record<Lobe, number[]> = {
  frontal: [4, 6, 8, 9, 10, 11, 12, 44, 45, 46, 47],
  parietal: [1, 2, 3, 5, 7, 39, 40, 43],
  temporal: [20, 21, 22, 37, 38, 41, 42, 52],
  occipital: [17, 18, 19],
  insula: [13, 14, 15, 16],
  limbic: [23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36],
  subcortical: [],
  cerebellum: [],
};

/** Checked in order: the first that matches names the lobe ("precuneus" before "cuneus"). */
const NAME_RULES: [Lobe, RegExp][] = [
  ['cerebellum', /cerebell|vermis/],
  [
    'subcortical',
    /thal|caudate|putamen|pallid|accumbens|\bn acc\b|\bvta\b|\bsn p[cr]\b|\bred n\b|\blc\b|raphe|brain ?stem|ventral ?dc|striatum/,
  ],
  ['limbic', /cingul|\bacc (sub|pre|sup)\b|hippocamp|amygdal/],
  ['insula', /insul/],
  ['parietal', /precune|pariet|postcentral|supra ?marginal|angular/],
  ['occipital', /occipit|calcarine|cuneus|lingual/],
  ['temporal', /tempor|heschl|fusiform|bankssts|entorhinal|planum/],
  ['frontal', /front|precentral|rolandic|supp motor|olfactor|rectus|\bofc|orbit|paracentral/],
];

export function lobeOf(name: string): Lobe | null {
  const n = name.toLowerCase().replace(/[_-]+/g, ' ');
  const area = /^brodmann area (\d+)/.exec(n);
  if (area) {
    const num = Number(area[1]);
    return LOBES.find((l) => BRODMANN_LOBES[l].includes(num)) ?? null;
  }
  for (const [lobe, rule] of NAME_RULES) if (rule.test(n)) return lobe;
  return null;
}
