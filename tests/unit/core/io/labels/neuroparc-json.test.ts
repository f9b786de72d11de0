import { describe, expect, it } from 'vitest';
import { parseNeuroparcJson } from '../../../../../core/io/labels/neuroparc-json';
import { detectLabelTableFormat, parseLabelTable } from '../../../../../core/io/labels/detect';

const enc = (s: string) => new TextEncoder().encode(s);
const SIDE = JSON.stringify({
  MetaData: { AtlasName: 'Desikan', Description: '', 'Number of Regions': '70' },
  rois: {
    '0': { label: 'empty', center: null },
    '1': { label: 'L_white_matter', center: [-19.4, -9.5, 1.25], size: 80613 },
    '2035': { label: null, center: [37.5, 2.2, 0.2], size: 8155 },
  },
});

describe('neuroparc JSON sidecar', () => {
  it('reads rois with centres (extra.center) and sizes; null labels get "Region <value>" and a warning', () => {
    const t = parseNeuroparcJson(enc(SIDE), { fileName: 'Desikan_space-MNI152NLin6_res-1x1x1.json' });
    expect(t.format).toBe('neuroparc-json');
    expect(t.entries).toEqual([
      { value: 1, name: 'L_white_matter', extra: { center: '-19.4,-9.5,1.25', size: '80613' } },
      { value: 2035, name: 'Region 2035', extra: { center: '37.5,2.2,0.2', size: '8155' } },
    ]);
    expect(t.meta).toEqual({ background: 'empty', AtlasName: 'Desikan', name: 'Desikan', 'Number of Regions': '70' });
    expect(t.warnings).toEqual([
      '1 region has no label in the file and is named "Region <value>"; look for a separate name table',
    ]);
  });

  it('is detected by content; other JSON is unsupported, broken JSON is corrupt', () => {
    expect(detectLabelTableFormat(enc(SIDE), 'x.txt')).toBe('neuroparc-json');
    expect(() => parseLabelTable(enc('{"a": 1}'), { fileName: 'a.json' })).toThrow(
      /^a\.json: this JSON has neither a "rois" object nor "labels" with "R", "G", "B" arrays, so this is not a label table format I know/,
    );
    try {
      parseLabelTable(enc('{"rois": {'), { fileName: 'b.json' });
      expect.unreachable();
    } catch (e) {
      expect((e as { code: string }).code).toBe('corrupt');
    }
  });

  it('a non-integer key is a warning', () => {
    const t = parseNeuroparcJson('{"rois": {"1": {"label": "A"}, "x": {"label": "B"}, "2": {"label": "C"}}}', {
      fileName: 'x.json',
    });
    expect(t.entries.map((e) => e.value)).toEqual([1, 2]);
    expect(t.warnings).toEqual(['region "x" skipped: "x" is not a non-negative integer value']);
  });
});
