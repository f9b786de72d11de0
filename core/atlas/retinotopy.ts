/**
 * Retinotopy: the 25 visual field maps of Wang et al. 2015 (wang2015 atlas, label names L_<area> and R_<area>),
 * each with the part of the (opposite) visual field it represents, its step in the visual hierarchy and its stream.
 *
 * Field, following Wang 2015 and the studies that defined each map:
 * - V1, V2 and V3 are split along the horizontal meridian: their ventral halves (V1v, V2v, V3v, below the calcarine
 *   sulcus) map the upper quarter-field, their dorsal halves (V1d, V2d, V3d) the lower quarter-field (Wandell,
 *   Dumoulin & Brewer 2007).
 * - Every other map holds a whole hemifield, upper and lower quarters together: hV4 (Wandell 2007), VO-1/VO-2
 *   (Brewer et al. 2005), PHC-1/PHC-2 (Arcaro et al. 2009), LO-1/LO-2 (Larsson & Heeger 2006), TO-1/TO-2 (Amano
 *   et al. 2009; the atlas names them hMT and MST), V3A/V3B (Tootell et al. 1997; Wandell 2007), IPS0-IPS5 and
 *   SPL1 (Swisher et al. 2007; Konen & Kastner 2008) and FEF (Kastner et al. 2007).
 * Level: V1 → V2 → V3 → the first maps beyond V3 (hV4, V3A/V3B, LO-1) → the next along each stream; a teaching
 * order that follows the sequence of maps along each stream (Wang 2015 Fig. 1), not a measured hierarchy.
 * The left hemisphere's IPS5 has no label in the atlas (it never wins the maximum-probability vote), so its entry
 * names only R_IPS5.
 */
import type { TopographyDefinition, TopographyEntry, VisualField } from './topography-types';

const FIELD_COLOR: Record<VisualField, [number, number, number]> = {
  upper: [214, 69, 65],
  lower: [52, 120, 214],
  both: [86, 170, 90],
};

type Stream = NonNullable<TopographyEntry['stream']>;

const NOTES = {
  ventralHalf: {
    en: 'Ventral half of the map, below the calcarine sulcus: represents the upper quarter of the opposite visual field.',
    zh: '该视野图的腹侧半，位于距状沟下方：表征对侧视野的上四分之一。',
  },
  dorsalHalf: {
    en: 'Dorsal half of the map, above the calcarine sulcus: represents the lower quarter of the opposite visual field.',
    zh: '该视野图的背侧半，位于距状沟上方：表征对侧视野的下四分之一。',
  },
  hemifield: (source: string) => ({
    en: `Holds a whole hemifield map, upper and lower quarters of the opposite visual field together (${source}).`,
    zh: `含完整的半视野图，同时表征对侧视野的上、下四分之一（${source}）。`,
  }),
};

function area(
  wang: string,
  atlasName: string,
  en: string,
  zh: string,
  field: VisualField,
  level: number,
  stream: Stream,
  note: { en: string; zh: string },
  sides: ('L' | 'R')[] = ['L', 'R'],
): TopographyEntry {
  return {
    id: wang,
    label: { en, zh },
    group: field,
    color: FIELD_COLOR[field],
    regions: sides.map((s) => ({ atlas: 'wang2015', name: `${s}_${atlasName}` })),
    field,
    level,
    stream,
    note,
  };
}

const ips = NOTES.hemifield('Swisher et al. 2007; Konen & Kastner 2008');

export const RETINOTOPY: TopographyDefinition = {
  map: 'retinotopy',
  title: { en: 'Retinotopy: visual field maps', zh: '视网膜拓扑：视野图' },
  description: {
    en: 'Each area maps the opposite half of the visual field. V1, V2 and V3 split it: their ventral parts map the upper field and their dorsal parts the lower field; higher areas each map a whole hemifield. Areas are listed from V1 up the visual hierarchy.',
    zh: '每个视区表征对侧半视野。V1、V2和V3将其一分为二：腹侧部分表征上视野，背侧部分表征下视野；更高级的视区各自表征完整的半视野。视区按视觉层级从V1开始依次列出。',
  },
  citation:
    'Wang L, Mruczek REB, Arcaro MJ, Kastner S (2015). Probabilistic maps of visual topography in human cortex. Cerebral Cortex 25(10):3911-3931. doi:10.1093/cercor/bhu277',
  groups: [
    { id: 'upper', label: { en: 'Upper visual field', zh: '上视野' }, color: FIELD_COLOR.upper },
    { id: 'lower', label: { en: 'Lower visual field', zh: '下视野' }, color: FIELD_COLOR.lower },
    {
      id: 'both',
      label: { en: 'Whole hemifield (upper and lower)', zh: '完整半视野（上与下）' },
      color: FIELD_COLOR.both,
    },
  ],
  entries: [
    area('V1v', 'V1v', 'V1 ventral (V1v)', 'V1腹侧（V1v）', 'upper', 1, 'early', NOTES.ventralHalf),
    area('V1d', 'V1d', 'V1 dorsal (V1d)', 'V1背侧（V1d）', 'lower', 1, 'early', NOTES.dorsalHalf),
    area('V2v', 'V2v', 'V2 ventral (V2v)', 'V2腹侧（V2v）', 'upper', 2, 'early', NOTES.ventralHalf),
    area('V2d', 'V2d', 'V2 dorsal (V2d)', 'V2背侧（V2d）', 'lower', 2, 'early', NOTES.dorsalHalf),
    area('V3v', 'V3v', 'V3 ventral (V3v)', 'V3腹侧（V3v）', 'upper', 3, 'early', NOTES.ventralHalf),
    area('V3d', 'V3d', 'V3 dorsal (V3d)', 'V3背侧（V3d）', 'lower', 3, 'early', NOTES.dorsalHalf),
    area('hV4', 'hV4', 'hV4', 'hV4', 'both', 4, 'ventral', NOTES.hemifield('Wandell et al. 2007')),
    area('LO1', 'LO1', 'LO-1', 'LO-1', 'both', 4, 'lateral', NOTES.hemifield('Larsson & Heeger 2006')),
    area('V3a', 'V3a', 'V3A', 'V3A', 'both', 4, 'dorsal', NOTES.hemifield('Tootell et al. 1997')),
    area('V3b', 'V3b', 'V3B', 'V3B', 'both', 4, 'dorsal', NOTES.hemifield('Wandell et al. 2007')),
    area('VO1', 'VO1', 'VO-1', 'VO-1', 'both', 5, 'ventral', NOTES.hemifield('Brewer et al. 2005')),
    area('LO2', 'LO2', 'LO-2', 'LO-2', 'both', 5, 'lateral', NOTES.hemifield('Larsson & Heeger 2006')),
    area(
      'TO1',
      'hMT',
      'TO-1 (hMT, V5/MT)',
      'TO-1（hMT，V5/MT）',
      'both',
      5,
      'lateral',
      NOTES.hemifield('Amano et al. 2009'),
    ),
    area('IPS0', 'IPS0', 'IPS0', 'IPS0', 'both', 5, 'dorsal', ips),
    area('VO2', 'VO2', 'VO-2', 'VO-2', 'both', 6, 'ventral', NOTES.hemifield('Brewer et al. 2005')),
    area('TO2', 'MST', 'TO-2 (MST)', 'TO-2（MST）', 'both', 6, 'lateral', NOTES.hemifield('Amano et al. 2009')),
    area('IPS1', 'IPS1', 'IPS1', 'IPS1', 'both', 6, 'dorsal', ips),
    area('PHC1', 'PHC1', 'PHC-1', 'PHC-1', 'both', 7, 'ventral', NOTES.hemifield('Arcaro et al. 2009')),
    area('IPS2', 'IPS2', 'IPS2', 'IPS2', 'both', 7, 'dorsal', ips),
    area('PHC2', 'PHC2', 'PHC-2', 'PHC-2', 'both', 8, 'ventral', NOTES.hemifield('Arcaro et al. 2009')),
    area('IPS3', 'IPS3', 'IPS3', 'IPS3', 'both', 8, 'dorsal', ips),
    area('IPS4', 'IPS4', 'IPS4', 'IPS4', 'both', 9, 'dorsal', ips),
    area(
      'IPS5',
      'IPS5',
      'IPS5',
      'IPS5',
      'both',
      10,
      'dorsal',
      {
        en: `${ips.en} The left IPS5 has no label in the atlas (it never has the highest probability), so only the right one is drawn.`,
        zh: `${ips.zh}左侧IPS5在图谱中没有标签（其概率从不最高），因此只显示右侧。`,
      },
      ['R'],
    ),
    area('SPL1', 'SPL1', 'SPL1', 'SPL1', 'both', 11, 'dorsal', NOTES.hemifield('Konen & Kastner 2008')),
    area(
      'FEF',
      'FEF',
      'FEF (frontal eye field)',
      'FEF（额眼区）',
      'both',
      12,
      'dorsal',
      NOTES.hemifield('Kastner et al. 2007'),
    ),
  ],
};
