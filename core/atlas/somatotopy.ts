/**
 * Somatotopy: the body-part subdivisions of the motor strip (area 4) and the sensory strip (areas 1/2/3) in the
 * Brainnetome atlas (Fan et al. 2016; BNA_subregions.csv: "A4hf, area 4(head and face region)", …), in the order
 * the body is laid out along the central sulcus from medial to lateral (lower limb, trunk, upper limb, head and
 * face, tongue and larynx: Penfield & Boldrey 1937), and the cytoarchitectonic areas of the Julich-Brain atlas
 * that make up the strips: 4a and 4p (Geyer et al. 1996), 3a, 3b, 1 and 2 (Geyer et al. 1999; Grefkes et al. 2001).
 * Brainnetome's sensory strip joins upper limb, head and face in one region (A1/2/3ulhf); its colour is the mean
 * of the two.
 */
import type { BodyPart, TopographyDefinition, TopographyEntry } from './topography-types';

const PART: Record<BodyPart, { en: string; zh: string; color: [number, number, number] }> = {
  'lower-limb': { en: 'Lower limb', zh: '下肢', color: [46, 134, 193] },
  trunk: { en: 'Trunk', zh: '躯干', color: [39, 174, 96] },
  'upper-limb': { en: 'Upper limb', zh: '上肢', color: [241, 196, 15] },
  'head-face': { en: 'Head and face', zh: '头面部', color: [230, 126, 34] },
  'tongue-larynx': { en: 'Tongue and larynx', zh: '舌与喉', color: [192, 57, 43] },
};

/** Medial to lateral along the central sulcus. */
export const BODY_PART_ORDER: BodyPart[] = ['lower-limb', 'trunk', 'upper-limb', 'head-face', 'tongue-larynx'];

const MOTOR_AREAS: [number, number, number] = [90, 90, 160];
const SENSORY_AREAS: [number, number, number] = [150, 90, 150];

function bnaLR(code: string) {
  return ['L', 'R'].map((s) => ({ atlas: 'brainnetome-246', name: `${code}_${s}` }));
}

function julichLR(area: string) {
  return ['left', 'right'].map((s) => ({ atlas: 'julich-brain', name: `${area} ${s}` }));
}

function mean(parts: BodyPart[]): [number, number, number] {
  const c = [0, 1, 2].map((k) => Math.round(parts.reduce((s, p) => s + PART[p].color[k], 0) / parts.length));
  return [c[0], c[1], c[2]];
}

function strip(code: string, parts: BodyPart[], kind: 'motor' | 'sensory'): TopographyEntry {
  const en = parts.map((p) => PART[p].en.toLowerCase()).join(', ');
  const zh = parts.map((p) => PART[p].zh).join('、');
  const where =
    kind === 'motor'
      ? { en: 'Motor strip (area 4)', zh: '运动带（4区）' }
      : { en: 'Sensory strip (areas 1/2/3)', zh: '感觉带（1/2/3区）' };
  return {
    id: `${kind}-${parts.join('-')}`,
    label: { en: `${where.en}: ${en}`, zh: `${where.zh}：${zh}` },
    group: parts[0],
    color: mean(parts),
    regions: bnaLR(code),
    bodyParts: parts,
    strip: kind,
    note: {
      en: `Brainnetome ${code}: the ${kind === 'motor' ? 'precentral' : 'postcentral'} subregion whose connectivity and activation map to the ${en} (Fan et al. 2016).`,
      zh: `脑网络组图谱${code}：${kind === 'motor' ? '中央前回' : '中央后回'}中连接与激活对应${zh}的亚区（Fan等，2016）。`,
    },
  };
}

function cyto(
  area: string,
  label: string,
  labelZh: string,
  kind: 'motor' | 'sensory',
  note: { en: string; zh: string },
) {
  return {
    id: `julich-${label.toLowerCase().replace(/\s+/g, '')}`,
    label: {
      en: `${label} (${kind === 'motor' ? 'motor' : 'sensory'})`,
      zh: `${labelZh}（${kind === 'motor' ? '运动' : '感觉'}）`,
    },
    group: kind === 'motor' ? 'motor-areas' : 'sensory-areas',
    color: kind === 'motor' ? MOTOR_AREAS : SENSORY_AREAS,
    regions: julichLR(area),
    strip: kind,
    note,
  } satisfies TopographyEntry;
}

export const SOMATOTOPY: TopographyDefinition = {
  map: 'somatotopy',
  title: { en: 'Somatotopy: the body along the central sulcus', zh: '躯体定位：沿中央沟排布的身体' },
  description: {
    en: 'The motor strip in front of the central sulcus and the sensory strip behind it each map the opposite half of the body. From medial to lateral: lower limb (in the paracentral lobule), trunk, upper limb, head and face, then tongue and larynx above the Sylvian fissure.',
    zh: '中央沟前方的运动带和后方的感觉带各自表征对侧半身。从内侧到外侧依次为：下肢（位于旁中央小叶）、躯干、上肢、头面部，以及外侧裂上方的舌与喉。',
  },
  citation:
    'Fan L, Li H, Zhuo J, et al. (2016). The Human Brainnetome Atlas: a new brain atlas based on connectional architecture. Cerebral Cortex 26(8):3508-3526. doi:10.1093/cercor/bhw157; Penfield W, Boldrey E (1937). Brain 60(4):389-443.',
  groups: [
    ...BODY_PART_ORDER.map((p) => ({ id: p, label: { en: PART[p].en, zh: PART[p].zh }, color: PART[p].color })),
    {
      id: 'motor-areas',
      label: { en: 'Motor cytoarchitecture (4a, 4p)', zh: '运动皮层细胞构筑（4a、4p）' },
      color: MOTOR_AREAS,
    },
    {
      id: 'sensory-areas',
      label: { en: 'Sensory cytoarchitecture (3a, 3b, 1, 2)', zh: '感觉皮层细胞构筑（3a、3b、1、2）' },
      color: SENSORY_AREAS,
    },
  ],
  entries: [
    strip('A4ll', ['lower-limb'], 'motor'),
    strip('A1/2/3ll', ['lower-limb'], 'sensory'),
    strip('A4t', ['trunk'], 'motor'),
    strip('A1/2/3tru', ['trunk'], 'sensory'),
    strip('A4ul', ['upper-limb'], 'motor'),
    strip('A1/2/3ulhf', ['upper-limb', 'head-face'], 'sensory'),
    strip('A4hf', ['head-face'], 'motor'),
    strip('A4tl', ['tongue-larynx'], 'motor'),
    strip('A1/2/3tonIa', ['tongue-larynx'], 'sensory'),
    cyto('Area 4a (PreCG)', 'Area 4a', '4a区', 'motor', {
      en: 'Anterior part of the primary motor cortex, on the crown and anterior wall of the precentral gyrus (Geyer et al. 1996).',
      zh: '初级运动皮层的前部，位于中央前回顶部和前壁（Geyer等，1996）。',
    }),
    cyto('Area 4p (PreCG)', 'Area 4p', '4p区', 'motor', {
      en: 'Posterior part of the primary motor cortex, deep in the anterior bank of the central sulcus (Geyer et al. 1996).',
      zh: '初级运动皮层的后部，位于中央沟前壁深处（Geyer等，1996）。',
    }),
    cyto('Area 3a (PostCG)', 'Area 3a', '3a区', 'sensory', {
      en: 'At the fundus of the central sulcus; receives proprioceptive input from muscles (Geyer et al. 1999).',
      zh: '位于中央沟底部；接受来自肌肉的本体感觉传入（Geyer等，1999）。',
    }),
    cyto('Area 3b (PostCG)', 'Area 3b', '3b区', 'sensory', {
      en: 'Posterior wall of the central sulcus; the core of touch processing (Geyer et al. 1999).',
      zh: '位于中央沟后壁；是触觉加工的核心（Geyer等，1999）。',
    }),
    cyto('Area 1 (PostCG)', 'Area 1', '1区', 'sensory', {
      en: 'Crown of the postcentral gyrus; surface texture (Geyer et al. 1999).',
      zh: '位于中央后回顶部；加工物体表面质地（Geyer等，1999）。',
    }),
    cyto('Area 2 (PostCS)', 'Area 2', '2区', 'sensory', {
      en: 'Anterior wall of the postcentral sulcus; size and shape of held objects (Grefkes et al. 2001).',
      zh: '位于中央后沟前壁；感知所握物体的大小和形状（Grefkes等，2001）。',
    }),
  ],
};
