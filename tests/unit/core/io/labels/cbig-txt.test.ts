import { describe, expect, it } from 'vitest';
import { parseCbigTxt } from '../../../../../core/io/labels/cbig-txt';
import { detectLabelTableFormat, parseLabelTable } from '../../../../../core/io/labels/detect';

const enc = (s: string) => new TextEncoder().encode(s);
const SCHAEFER =
  '1\t7Networks_LH_Vis_1\t120\t17\t128\t0\n2\t7Networks_LH_Vis_2\t120\t17\t129\t0\n3\t7Networks_RH_Default_PCC_9\t208\t64\t77\t0';

describe('CBIG / Schaefer .txt', () => {
  it('reads index name R G B 0 (no trailing newline)', () => {
    const t = parseCbigTxt(enc(SCHAEFER), { fileName: 'Schaefer2018_400Parcels_7Networks_order.txt' });
    expect(t.format).toBe('cbig-txt');
    expect(t.entries).toEqual([
      { value: 1, name: '7Networks_LH_Vis_1', color: [120, 17, 128] },
      { value: 2, name: '7Networks_LH_Vis_2', color: [120, 17, 129] },
      { value: 3, name: '7Networks_RH_Default_PCC_9', color: [208, 64, 77] },
    ]);
    expect(t.warnings).toEqual([]);
  });

  it('is detected by its tabs even with a misleading name, and with CRLF endings', () => {
    expect(detectLabelTableFormat(enc(SCHAEFER), 'atlas.lut')).toBe('cbig-txt');
    expect(parseLabelTable(enc(SCHAEFER.replace(/\n/g, '\r\n')), { fileName: 'a.txt' }).entries).toHaveLength(3);
  });

  it('a row with too few fields is a warning; most rows short is corrupt', () => {
    const t = parseCbigTxt(`${SCHAEFER}\n4\tshort\t1`, { fileName: 's.txt' });
    expect(t.entries).toHaveLength(3);
    expect(t.warnings).toEqual([
      'line 4 skipped: "4 short 1" has 3 tab-separated fields where a CBIG row has 6 (index name R G B 0)',
    ]);
    expect(() => parseCbigTxt('1\ta\n2\tb\n3\tc\t1\t2\t3\t0', { fileName: 's.txt' })).toThrow(
      /s\.txt: line 1: .*2 of 3 rows/,
    );
  });
});
