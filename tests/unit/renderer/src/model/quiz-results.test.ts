import { describe, expect, it } from 'vitest';
import { formatTableRows } from '../../../../../core/maps/cluster-report';
import { quizResultRows } from '../../../../../renderer/src/model/quiz-results';

describe('quizResultRows', () => {
  it('gives one CSV row per answer, quoted where a name needs it', () => {
    const rows = quizResultRows('aal3', 42, [
      { value: 1, name: 'Precentral_L', given: 'precentral l', right: true, ms: 2340 },
      { value: 5, name: 'Frontal_Mid_2_L', given: 'Frontal, middle', right: false, ms: 15_049 },
    ]);
    expect(formatTableRows(rows, 'csv').trim().split('\n')).toEqual([
      'question,atlas,seed,value,region,answer,right,seconds',
      '1,aal3,42,1,Precentral_L,precentral l,yes,2.3',
      '2,aal3,42,5,Frontal_Mid_2_L,"Frontal, middle",no,15.0',
    ]);
  });
});
