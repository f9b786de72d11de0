import { describe, expect, it } from 'vitest';
import { detectLabelTableFormat, parseLabelTable } from '../../../../../core/io/labels/detect';
import { parseNiivueJson } from '../../../../../core/io/labels/niivue-json';

const enc = (s: string) => new TextEncoder().encode(s);
const MAP = {
  R: [0, 71, 10, 200],
  G: [0, 46, 20, 201],
  B: [0, 154, 30, 202],
  A: [0, 64, 64, 64],
  labels: ['', 'Area 3b (PostCG)', '', 'Area 44 (IFG)'],
};

describe('NiiVue label colour map', () => {
  it('reads names and colours by index; unnamed indices and index 0 are not regions', () => {
    const t = parseNiivueJson(enc(JSON.stringify(MAP)), { fileName: 'Julich.json' });
    expect(t.format).toBe('niivue-json');
    expect(t.entries).toEqual([
      { value: 1, name: 'Area 3b (PostCG)', color: [71, 46, 154] },
      { value: 3, name: 'Area 44 (IFG)', color: [200, 201, 202] },
    ]);
    expect(t.warnings).toEqual([]);
  });

  it('takes the values from an "I" array when there is one', () => {
    const t = parseNiivueJson(JSON.stringify({ ...MAP, I: [0, 10, 20, 30] }), { fileName: 'x.json' });
    expect(t.entries.map((e) => e.value)).toEqual([10, 30]);
  });

  it('is detected by content, whatever the name', () => {
    expect(detectLabelTableFormat(enc(JSON.stringify(MAP)), 'colours.txt')).toBe('niivue-json');
    expect(parseLabelTable(enc(JSON.stringify(MAP)), { fileName: 'a.json' }).entries.length).toBe(2);
  });

  it('arrays of different lengths are corrupt, with the lengths named', () => {
    const bad = { ...MAP, G: [0, 1] };
    expect(() => parseLabelTable(enc(JSON.stringify(bad)), { fileName: 'b.json' })).toThrow(
      'b.json: the arrays have different lengths (labels 4, R 4, G 2, B 4)',
    );
  });

  it('a map with no names lists no regions: an error, not an empty atlas', () => {
    const empty = { R: [0, 1], G: [0, 1], B: [0, 1], labels: ['', ''] };
    expect(() => parseLabelTable(enc(JSON.stringify(empty)), { fileName: 'c.json' })).toThrow(/c\.json: /);
  });
});
