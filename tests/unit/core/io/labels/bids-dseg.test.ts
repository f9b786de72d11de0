import { describe, expect, it } from 'vitest';
import { parseBidsDsegTsv } from '../../../../../core/io/labels/bids-dseg';
import { detectLabelTableFormat } from '../../../../../core/io/labels/detect';

const enc = (s: string) => new TextEncoder().encode(s);
const DSEG =
  'index\tname\tabbreviation\tcolor\tmapping\n1\tGray Matter\tGM\t#ff0000\t8\n2\tWhite Matter\tWM\t#00FF00\t2\n3\tCSF\tCSF\tn/a\t\n';

describe('BIDS dseg.tsv', () => {
  it('reads index, name, abbreviation, #RRGGBB colour, and keeps other columns in extra', () => {
    const t = parseBidsDsegTsv(enc(DSEG), { fileName: 'sub-01_dseg.tsv' });
    expect(t.format).toBe('bids-dseg-tsv');
    expect(t.entries).toEqual([
      { value: 1, name: 'Gray Matter', abbreviation: 'GM', color: [255, 0, 0], extra: { mapping: '8' } },
      { value: 2, name: 'White Matter', abbreviation: 'WM', color: [0, 255, 0], extra: { mapping: '2' } },
      { value: 3, name: 'CSF', abbreviation: 'CSF' },
    ]);
    expect(t.warnings).toEqual([]);
  });

  it('is detected by its header, whatever the file name', () => {
    expect(detectLabelTableFormat(enc(DSEG), 'labels.txt')).toBe('bids-dseg-tsv');
    // index + node (xcp_d) is a generic delimited table, not BIDS
    expect(detectLabelTableFormat(enc('index\tnode\n1\tLH_Vis_1\n'), 'x_dseg.tsv')).toBe('delimited');
  });

  it('an unreadable colour is a warning, not an error', () => {
    const t = parseBidsDsegTsv('index\tname\tcolor\n1\tA\tnot-a-colour\n2\tB\t#0000ff\n', { fileName: 'x_dseg.tsv' });
    expect(t.entries[0].color).toBeUndefined();
    expect(t.entries[1].color).toEqual([0, 0, 255]);
    expect(t.warnings).toEqual(['the colour on line 2 could not be read, so those regions have no colour']);
  });
});
