import { describe, expect, it } from 'vitest';
import { parseNodeList } from '../../../../../core/io/labels/node-list';
import { detectLabelTableFormat, parseLabelTable } from '../../../../../core/io/labels/detect';

const enc = (s: string) => new TextEncoder().encode(s);

describe('one name per line', () => {
  it('line i is value i (1-based); a trailing empty line is not a label', () => {
    const t = parseNodeList(enc('LH_Vis_1\nLH_Vis_2\nRH_Default_PCC_9\n\n'), {
      fileName: 'schaefer400x7NodeNames.txt',
    });
    expect(t.format).toBe('node-list');
    expect(t.entries).toEqual([
      { value: 1, name: 'LH_Vis_1' },
      { value: 2, name: 'LH_Vis_2' },
      { value: 3, name: 'RH_Default_PCC_9' },
    ]);
    expect(t.warnings).toEqual([]);
  });

  it('Tian S1 label.txt (no final newline) is a plain list, detected by content', () => {
    const s1 = 'HIP-rh\nAMY-rh\npTHA-rh\naTHA-rh\nNAc-rh\nGP-rh\nPUT-rh\nCAU-rh';
    expect(detectLabelTableFormat(enc(s1), 'Tian_Subcortex_S1_3T_label.txt')).toBe('node-list');
    expect(parseLabelTable(enc(s1), { fileName: 'Tian_Subcortex_S1_3T_label.txt' }).entries[7]).toEqual({
      value: 8,
      name: 'CAU-rh',
    });
  });

  it('a blank line between names is skipped with a warning (numbering continues)', () => {
    const t = parseNodeList('A\n\nB\n', { fileName: 'x.txt' });
    expect(t.entries).toEqual([
      { value: 1, name: 'A' },
      { value: 2, name: 'B' },
    ]);
    expect(t.warnings).toEqual([
      'blank line 2 between names was skipped; names after it are numbered as if it were absent',
    ]);
  });

  it('a legend line then codes (Seitzman anatomical labels)', () => {
    const text = '0=cortexMid,1=cortexL,2=cortexR\n1\n2\n0\n';
    expect(detectLabelTableFormat(enc(text), 'x.txt')).toBe('node-list');
    const t = parseLabelTable(enc(text), { fileName: 'x.txt' });
    expect(t.entries).toEqual([
      { value: 1, name: 'cortexL', extra: { code: '1' } },
      { value: 2, name: 'cortexR', extra: { code: '2' } },
      { value: 3, name: 'cortexMid', extra: { code: '0' } },
    ]);
  });
});
