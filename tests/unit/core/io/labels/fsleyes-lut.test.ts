import { describe, expect, it } from 'vitest';
import { parseFsleyesLut } from '../../../../../core/io/labels/fsleyes-lut';
import { detectLabelTableFormat } from '../../../../../core/io/labels/detect';

const enc = (s: string) => new TextEncoder().encode(s);
const HO = `1  0.00000 0.93333 0.00000 Frontal Pole
2  0.62745 0.32157 0.17647 Insular Cortex
5  0.49804 1.00000 0.83137 Inferior Frontal Gyrus, pars triangularis
`;

describe('FSLeyes .lut', () => {
  it('reads value r g b name with 0..1 colours scaled to 0..255 and names with spaces', () => {
    const t = parseFsleyesLut(enc(HO), { fileName: 'harvard-oxford-cortical.lut' });
    expect(t.format).toBe('fsleyes-lut');
    expect(t.entries).toEqual([
      { value: 1, name: 'Frontal Pole', color: [0, 238, 0] },
      { value: 2, name: 'Insular Cortex', color: [160, 82, 45] },
      { value: 5, name: 'Inferior Frontal Gyrus, pars triangularis', color: [127, 255, 212] },
    ]);
  });

  it('is detected by content', () => {
    expect(detectLabelTableFormat(enc(HO), 'table.txt')).toBe('fsleyes-lut');
  });

  it('a colour outside 0..1 is a skipped row with a warning', () => {
    const t = parseFsleyesLut(`${HO}6 2.5 0 0 Bad\n`, { fileName: 'x.lut' });
    expect(t.entries).toHaveLength(3);
    expect(t.warnings).toEqual(['line 4 skipped: "6 2.5 0 0 Bad" has a colour that is not three numbers in 0..1']);
  });
});
