import { describe, expect, it } from 'vitest';
import { parseFreeSurferLut } from '../../../../../core/io/labels/freesurfer-lut';
import { detectLabelTableFormat, parseLabelTable } from '../../../../../core/io/labels/detect';

const enc = (s: string) => new TextEncoder().encode(s);

const LUT = `#$Id: FreeSurferColorLUT.txt
#No. Label Name:                            R   G   B   A

0   Unknown                                 0   0   0   0
1   Left-Cerebral-Exterior                  70  130 180 0
2   Left-Cerebral-White-Matter              245 245 245 0

1000    ctx-lh-unknown                      25  5   25  0
2035    ctx-rh-insula                       255 192 32  0
`;

describe('FreeSurfer colour LUT', () => {
  it('reads value name R G B A, skips comments and blank lines, drops 0 Unknown', () => {
    const t = parseFreeSurferLut(enc(LUT), { fileName: 'FreeSurferColorLUT.txt' });
    expect(t.format).toBe('freesurfer-lut');
    expect(t.entries).toEqual([
      { value: 1, name: 'Left-Cerebral-Exterior', color: [70, 130, 180] },
      { value: 2, name: 'Left-Cerebral-White-Matter', color: [245, 245, 245] },
      { value: 1000, name: 'ctx-lh-unknown', color: [25, 5, 25] },
      { value: 2035, name: 'ctx-rh-insula', color: [255, 192, 32] },
    ]);
    expect(t.meta?.background).toBe('Unknown');
    expect(t.warnings).toEqual([]);
  });

  it('is detected by content (space-separated, unlike CBIG tabs), e.g. Brainnetome BN_Atlas_246_LUT.txt', () => {
    const bn = '0 Unknown 25 5 25 0\n1 A8m_L 0 255 0 0\n2 A8m_R 0 0 255 0\n';
    expect(detectLabelTableFormat(enc(bn), 'BN_Atlas_246_LUT.txt')).toBe('freesurfer-lut');
    expect(detectLabelTableFormat(enc(LUT), 'no-extension')).toBe('freesurfer-lut');
    expect(parseLabelTable(enc(bn), { fileName: 'x' }).entries[1]).toEqual({
      value: 2,
      name: 'A8m_R',
      color: [0, 0, 255],
    });
  });

  it('bad rows and out-of-range colours become warnings with line numbers', () => {
    const t = parseFreeSurferLut('1 A 1 2 3 0\n-2 B 1 2 3 0\n3 C 300 2 3 0\n4 D 1 2 3 0\n', { fileName: 'x.txt' });
    expect(t.entries.map((e) => e.value)).toEqual([1, 3, 4]);
    expect(t.entries[1].color).toBeUndefined();
    expect(t.warnings).toEqual([
      'line 3: colour "300 2 3" is not three 0..255 integers, so region 3 has no colour',
      'line 2 skipped: "-2 B 1 2 3 0" has value "-2", which is not a non-negative integer',
    ]);
  });

  it('throws corrupt naming the first bad line when more than half fail', () => {
    expect(() => parseFreeSurferLut('1 A 1 2 3 0\nfoo bar\nbaz\n', { fileName: 'x.txt' })).toThrow(
      /^x\.txt: line 2: "foo bar" is not a FreeSurfer LUT row .*2 of 3 rows could not be read/,
    );
  });
});
