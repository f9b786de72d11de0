import { describe, expect, it } from 'vitest';
import { parseNeuroparcCsv } from '../../../../../core/io/labels/neuroparc-csv';
import { detectLabelTableFormat } from '../../../../../core/io/labels/detect';

const enc = (s: string) => new TextEncoder().encode(s);

describe('neuroparc CSV (no header)', () => {
  it('reads value,name and drops the 0,empty background row', () => {
    const t = parseNeuroparcCsv(enc('0,empty\n1,Brodmann_area_1\n2,Brodmann_area_2\n'), { fileName: 'Brodmann.csv' });
    expect(t.format).toBe('neuroparc-csv');
    expect(t.entries).toEqual([
      { value: 1, name: 'Brodmann_area_1' },
      { value: 2, name: 'Brodmann_area_2' },
    ]);
    expect(t.meta).toEqual({ background: 'empty' });
  });

  it('honours quoting and keeps an unquoted comma in the name', () => {
    const t = parseNeuroparcCsv('1,"Frontal ""Pole"", left"\n5,Inferior Frontal Gyrus, pars triangularis\n', {
      fileName: 'x.csv',
    });
    expect(t.entries.map((e) => e.name)).toEqual(['Frontal "Pole", left', 'Inferior Frontal Gyrus, pars triangularis']);
  });

  it('is detected by content (CRLF, as in HarvardOxfordcort-maxprob.csv)', () => {
    expect(detectLabelTableFormat(enc('0,null\r\n1,Frontal_Pole\r\n2,Insular_Cortex\r\n'), 'x.txt')).toBe(
      'neuroparc-csv',
    );
  });

  it('duplicate values keep the first and warn', () => {
    const t = parseNeuroparcCsv('1,A\n2,B\n1,C\n', { fileName: 'x.csv' });
    expect(t.entries.map((e) => e.name)).toEqual(['A', 'B']);
    expect(t.warnings).toEqual(['value 1 appears again on line 3 ("C"); the first, on line 1 ("A"), was kept']);
  });
});
