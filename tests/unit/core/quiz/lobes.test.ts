import { describe, expect, it } from 'vitest';
import { lobeOf } from '../../../../core/quiz/lobes';
import { isQuizPool, quizPool } from '../../../../core/quiz/quiz';

describe('lobeOf', () => {
  it('places AAL3 regions by name, precuneus in the parietal lobe and cuneus in the occipital', () => {
    const cases: [string, string | null][] = [
      ['Precentral_L', 'frontal'],
      ['Frontal_Inf_Oper_R', 'frontal'],
      ['OFCmed_L', 'frontal'],
      ['Paracentral_Lobule_L', 'frontal'],
      ['Postcentral_R', 'parietal'],
      ['Precuneus_L', 'parietal'],
      ['SupraMarginal_R', 'parietal'],
      ['Cuneus_L', 'occipital'],
      ['Calcarine_R', 'occipital'],
      ['Heschl_L', 'temporal'],
      ['Fusiform_R', 'temporal'],
      ['Insula_L', 'insula'],
      ['Cingulate_Post_L', 'limbic'],
      ['ACC_sub_R', 'limbic'],
      ['ParaHippocampal_L', 'limbic'],
      ['Thal_LGN_L', 'subcortical'],
      ['N_Acc_R', 'subcortical'],
      ['Vermis_4_5', 'cerebellum'],
      ['7Networks_LH_Vis_1', null],
    ];
    for (const [name, lobe] of cases) expect(lobeOf(name), name).toBe(lobe);
  });

  it('places Harvard-Oxford, Desikan-Killiany and Brodmann names', () => {
    expect(lobeOf('Lateral Occipital Cortex, superior division')).toBe('occipital');
    expect(lobeOf('Superior Frontal Gyrus')).toBe('frontal');
    expect(lobeOf('ctx-lh-superiortemporal')).toBe('temporal');
    expect(lobeOf('Brodmann_area_17')).toBe('occipital');
    expect(lobeOf('Brodmann_area_44')).toBe('frontal');
    expect(lobeOf('Brodmann_area_23_31')).toBe('limbic');
    expect(lobeOf('Brodmann_area_41')).toBe('temporal');
  });

  it('makes the lobe pools of a quiz', () => {
    const regions = ['Cuneus_L', 'Precuneus_L', 'Lingual_R', 'Insula_L'].map((name, i) => ({ value: i + 1, name }));
    expect(quizPool(regions, 'lobe:occipital').map((r) => r.name)).toEqual(['Cuneus_L', 'Lingual_R']);
    expect(isQuizPool('lobe:occipital')).toBe(true);
    expect(isQuizPool('lobe:elbow')).toBe(false);
  });
});
