import { describe, expect, it } from 'vitest';
import { parseWorkbenchLabelList } from '../../../../../core/io/labels/workbench-label-list';
import { detectLabelTableFormat } from '../../../../../core/io/labels/detect';

const enc = (s: string) => new TextEncoder().encode(s);
const TIAN = 'aHIP-rh\n1 144 246 45 255\npHIP-rh\n2 34 165 59 255\n7Networks_LH_Vis_1\n33 120 18 129 255\n';

describe('Connectome Workbench label list', () => {
  it('reads a name line, then "index R G B A"', () => {
    const t = parseWorkbenchLabelList(enc(TIAN), {
      fileName: 'Schaefer2018_100Parcels_7Networks_order_Tian_Subcortex_S2_label.txt',
    });
    expect(t.format).toBe('workbench-label-list');
    expect(t.entries).toEqual([
      { value: 1, name: 'aHIP-rh', color: [144, 246, 45] },
      { value: 2, name: 'pHIP-rh', color: [34, 165, 59] },
      { value: 33, name: '7Networks_LH_Vis_1', color: [120, 18, 129] },
    ]);
  });

  it('is detected by content, and told apart from a plain name list', () => {
    expect(detectLabelTableFormat(enc(TIAN), 'x_label.txt')).toBe('workbench-label-list');
    expect(detectLabelTableFormat(enc('aHIP-rh\npHIP-rh\n'), 'x_label.txt')).toBe('node-list');
  });

  it('a name without its key line is a warning', () => {
    const t = parseWorkbenchLabelList(`${TIAN}orphan\n`, { fileName: 'x.txt' });
    expect(t.entries).toHaveLength(3);
    expect(t.warnings).toEqual(['line 7 skipped: "orphan" is a name with no "index R G B A" line after it']);
  });
});
