/**
 * Tonotopy: the auditory core, belt and parabelt as three atlases draw them (Kaas & Hackett 2000). Julich-Brain's
 * Te 1.0, 1.1 and 1.2 are the three parts of area Te1, the primary auditory cortex on Heschl's gyrus (Morosan et
 * al. 2001); HCP-MMP1.0 names its early auditory areas A1 (core), the medial and lateral belt (MBelt, LBelt), the
 * retroinsular area RI beside the belt, and the parabelt PBelt (Glasser et al. 2016); the Brainnetome atlas has
 * TE1.0/TE1.2 on Heschl's gyrus and A41/42 behind and lateral to it (Fan et al. 2016). Each region's role only:
 * no frequency gradient is drawn, since none of these atlases maps one.
 */
import type { AuditoryRole, TopographyDefinition, TopographyEntry } from './topography-types';

const ROLE: Record<AuditoryRole, { en: string; zh: string; color: [number, number, number] }> = {
  core: { en: 'Core (primary auditory cortex)', zh: '核心区（初级听皮层）', color: [200, 40, 40] },
  belt: { en: 'Belt', zh: '带区', color: [240, 150, 40] },
  parabelt: { en: 'Parabelt', zh: '旁带区', color: [245, 215, 90] },
};

function entry(
  id: string,
  atlas: string,
  names: [string, string],
  label: { en: string; zh: string },
  role: AuditoryRole,
  note: { en: string; zh: string },
): TopographyEntry {
  return {
    id,
    label,
    group: role,
    color: ROLE[role].color,
    regions: names.map((name) => ({ atlas, name })),
    role,
    note,
  };
}

const julich = (area: string): [string, string] => [`Area ${area} (HESCHL) left`, `Area ${area} (HESCHL) right`];
const glasser = (area: string): [string, string] => [`Left_${area}`, `Right_${area}`];
const te1 = {
  en: "Part of area Te1, the primary auditory cortex on Heschl's gyrus (Morosan et al. 2001).",
  zh: '属于Te1区，即颞横回上的初级听皮层（Morosan等，2001）。',
};

export const TONOTOPY: TopographyDefinition = {
  map: 'tonotopy',
  title: { en: 'Tonotopy: auditory core, belt and parabelt', zh: '音调拓扑：听觉核心区、带区与旁带区' },
  description: {
    en: "Sound frequency is mapped in the auditory core on Heschl's gyrus, and again in the belt around it; the parabelt on the lateral superior temporal gyrus combines their output. The regions are shown by role only: the atlases do not map frequency.",
    zh: '声音频率在颞横回上的听觉核心区形成拓扑图，并在其周围的带区中再次表征；颞上回外侧的旁带区整合二者的输出。此处仅按功能层级显示各区域：这些图谱并未绘制频率分布。',
  },
  citation:
    'Kaas JH, Hackett TA (2000). Subdivisions of auditory cortex and processing streams in primates. PNAS 97(22):11793-11799. doi:10.1073/pnas.97.22.11793',
  groups: (['core', 'belt', 'parabelt'] as const).map((r) => ({
    id: r,
    label: { en: ROLE[r].en, zh: ROLE[r].zh },
    color: ROLE[r].color,
  })),
  entries: [
    entry('julich-te1.0', 'julich-brain', julich('Te 1.0'), { en: 'Te 1.0 (Julich)', zh: 'Te 1.0（Julich）' }, 'core', {
      en: `${te1.en} Te 1.0, in the middle of the gyrus, is its most granular part.`,
      zh: `${te1.zh}Te 1.0位于该回中部，颗粒层最发达。`,
    }),
    entry('julich-te1.1', 'julich-brain', julich('Te 1.1'), { en: 'Te 1.1 (Julich)', zh: 'Te 1.1（Julich）' }, 'core', {
      en: `${te1.en} Te 1.1 is its posteromedial part.`,
      zh: `${te1.zh}Te 1.1为其后内侧部。`,
    }),
    entry('julich-te1.2', 'julich-brain', julich('Te 1.2'), { en: 'Te 1.2 (Julich)', zh: 'Te 1.2（Julich）' }, 'core', {
      en: `${te1.en} Te 1.2 is its anterolateral part.`,
      zh: `${te1.zh}Te 1.2为其前外侧部。`,
    }),
    entry('glasser-a1', 'glasser-360', glasser('A1'), { en: 'A1 (HCP-MMP)', zh: 'A1（HCP-MMP）' }, 'core', {
      en: 'Primary auditory cortex of the HCP multi-modal parcellation (Glasser et al. 2016).',
      zh: 'HCP多模态分区中的初级听皮层（Glasser等，2016）。',
    }),
    entry(
      'bna-te1',
      'brainnetome-246',
      ['TE1.0/TE1.2_L', 'TE1.0/TE1.2_R'],
      { en: 'TE1.0/TE1.2 (Brainnetome)', zh: 'TE1.0/TE1.2（脑网络组）' },
      'core',
      {
        en: "Brainnetome's subregion of Heschl's gyrus, named after Julich areas Te 1.0 and Te 1.2 (Fan et al. 2016).",
        zh: '脑网络组图谱中颞横回的亚区，以Julich的Te 1.0和Te 1.2区命名（Fan等，2016）。',
      },
    ),
    entry(
      'glasser-mbelt',
      'glasser-360',
      glasser('MBelt'),
      { en: 'Medial belt (HCP-MMP)', zh: '内侧带区（HCP-MMP）' },
      'belt',
      {
        en: 'Belt area medial to A1 (Glasser et al. 2016).',
        zh: '位于A1内侧的带区（Glasser等，2016）。',
      },
    ),
    entry(
      'glasser-lbelt',
      'glasser-360',
      glasser('LBelt'),
      { en: 'Lateral belt (HCP-MMP)', zh: '外侧带区（HCP-MMP）' },
      'belt',
      {
        en: 'Belt area lateral to A1 (Glasser et al. 2016).',
        zh: '位于A1外侧的带区（Glasser等，2016）。',
      },
    ),
    entry(
      'glasser-ri',
      'glasser-360',
      glasser('RI'),
      { en: 'Retroinsular area RI (HCP-MMP)', zh: '岛后区RI（HCP-MMP）' },
      'belt',
      {
        en: 'Retroinsular area, grouped with the belt among the early auditory areas (Glasser et al. 2016).',
        zh: '岛后区，与带区同属早期听觉区（Glasser等，2016）。',
      },
    ),
    entry(
      'bna-a41-42',
      'brainnetome-246',
      ['A41/42_L', 'A41/42_R'],
      { en: 'A41/42 (Brainnetome)', zh: 'A41/42（脑网络组）' },
      'belt',
      {
        en: "Named after areas 41 and 42 but, with TE1.0/TE1.2 holding Heschl's gyrus, it covers the belt behind and lateral to it (Fan et al. 2016).",
        zh: '以41区和42区命名，但颞横回已由TE1.0/TE1.2占据，故该区覆盖其后方和外侧的带区（Fan等，2016）。',
      },
    ),
    entry(
      'glasser-pbelt',
      'glasser-360',
      glasser('PBelt'),
      { en: 'Parabelt (HCP-MMP)', zh: '旁带区（HCP-MMP）' },
      'parabelt',
      {
        en: 'Parabelt complex on the lateral superior temporal gyrus, beyond the lateral belt (Glasser et al. 2016).',
        zh: '位于颞上回外侧、外侧带区之外的旁带复合区（Glasser等，2016）。',
      },
    ),
  ],
};
