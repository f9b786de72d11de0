import { describe, expect, it } from 'vitest';
import { detectLabelTableFormat, parseLabelTable } from '../../../../../core/io/labels/detect';
import { parseValueColumn } from '../../../../../core/io/labels/value-column';

const enc = (s: string) => new TextEncoder().encode(s);

describe('value column (AFNI .1D)', () => {
  it('line i gives label i its value, the value also being its name', () => {
    const t = parseValueColumn(enc('1\n2\r\n13\n'), { fileName: 'gordon333CommunityAffiliation.1D' });
    expect(t.format).toBe('value-column');
    expect(t.entries).toEqual([
      { value: 1, name: '1', extra: { value: '1' } },
      { value: 2, name: '2', extra: { value: '2' } },
      { value: 3, name: '13', extra: { value: '13' } },
    ]);
  });

  it('comments are skipped; a blank line between values is warned about, as it shifts the numbering', () => {
    const t = parseValueColumn('# communities\n4\n\n5\n', { fileName: 'a.1D' });
    expect(t.entries.map((e) => [e.value, e.name])).toEqual([
      [1, '4'],
      [2, '5'],
    ]);
    expect(t.warnings).toEqual(['blank line 3 skipped: each line is one label, so check the numbering']);
  });

  it('is detected when every line is one number; names beside numbers are not a column', () => {
    expect(detectLabelTableFormat(enc('3\n1\n2\n'), 'x.txt')).toBe('value-column');
    expect(detectLabelTableFormat(enc('1 Precentral_L\n2 Precentral_R\n'), 'x.txt')).not.toBe('value-column');
  });

  it('mostly unreadable lines are an error naming the first', () => {
    expect(() => parseValueColumn('1\nx\ny\n', { fileName: 'b.1D' })).toThrow(/^b\.1D: line 2: "x" is not one number/);
  });
});
