import { describe, expect, it } from 'vitest';
import { detectLabelTableFormat, parseLabelTable } from '../../../../../core/io/labels/detect';
import type { LabelTableFormat } from '../../../../../core/io/labels/types';
import { isAtlasError } from '../../../../../core/errors';

const enc = (s: string) => new TextEncoder().encode(s);

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (isAtlasError(e)) return `${e.code}: ${e.message}`;
    throw e;
  }
  return 'no error';
}

/** One small sample per format, each named so the name does NOT give the format away. */
const SAMPLES: [LabelTableFormat, string][] = [
  ['fsl-xml', '<atlas><header><type>Label</type></header><data><label index="1">A</label></data></atlas>'],
  ['spm-xml', '<atlas><data><label><index>1</index><name>A</name></label></data></atlas>'],
  ['freesurfer-lut', '0 Unknown 0 0 0 0\n1 Left-Thalamus 0 118 14 0\n'],
  ['cbig-txt', '1\t7Networks_LH_Vis_1\t120\t17\t128\t0\n'],
  ['mricron-txt', '1 Precentral_L 2001\n2 Precentral_R 2002\n'],
  ['fsleyes-lut', '1 0.5 0.5 0.5 Frontal Pole\n'],
  ['neuroparc-csv', '0,empty\n1,Visual\n'],
  ['neuroparc-json', '{"rois": {"1": {"label": "A", "center": [1, 2, 3]}}}'],
  ['bids-dseg-tsv', 'index\tname\n1\tA\n'],
  ['delimited', 'label,ROI,hemi\n1,Precentral,L\n'],
  ['node-list', 'LH_Vis_1\nLH_Vis_2\n'],
  ['workbench-label-list', 'aHIP-rh\n1 144 246 45 255\n'],
];

describe('detectLabelTableFormat', () => {
  it.each(SAMPLES)('detects %s by content', (format, text) => {
    expect(detectLabelTableFormat(enc(text), 'table.dat')).toBe(format);
    const t = parseLabelTable(enc(text), { fileName: 'table.dat' });
    expect(t.format).toBe(format);
    expect(t.entries.length).toBeGreaterThan(0);
    expect(t.entries[0].value).toBe(1);
  });

  it.each(SAMPLES.filter(([f]) => !f.endsWith('json') && !f.endsWith('xml')))(
    'detects %s with CR-only line endings',
    (format, text) => {
      const cr = enc(`${text.replace(/\n/g, '\r')}${text.endsWith('\n') ? '' : '\r'}`);
      expect(detectLabelTableFormat(cr, 'table.dat')).toBe(format);
    },
  );

  it('uses the file name only to break ties', () => {
    // "1 A" is an MRIcron row and nothing else: a ".lut" name cannot override the content.
    expect(detectLabelTableFormat(enc('1 A\n2 B\n'), 'x.lut')).toBe('mricron-txt');
    // CBIG rows are also FreeSurfer-shaped: tabs decide, not the name; '#' comments mean FreeSurfer.
    expect(detectLabelTableFormat(enc('1\tA\t1\t2\t3\t0\n'), 'FreeSurferColorLUT.txt')).toBe('cbig-txt');
    expect(detectLabelTableFormat(enc('# LUT\n1\tA\t1\t2\t3\t0\n'), 'x.txt')).toBe('freesurfer-lut');
    expect(detectLabelTableFormat(enc('1 A 1 2 3 0\n'), 'Schaefer.txt')).toBe('freesurfer-lut');
    // Equal readings: the name decides (".nii.txt" is MRIcron, "_label.txt" a Workbench/Tian list).
    expect(detectLabelTableFormat(enc('1 A\n'), 'x.nii.txt')).toBe('mricron-txt');
  });

  it('returns null for unknown formats and binary files', () => {
    expect(detectLabelTableFormat(enc('<html><body>hi</body></html>'), 'x.xml')).toBeNull();
    expect(detectLabelTableFormat(new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0]), 'a.nii.gz')).toBeNull();
    expect(detectLabelTableFormat(new Uint8Array([1, 2, 0, 4, 5]), 'x.txt')).toBeNull();
  });
});

describe('parseLabelTable errors', () => {
  it('an unknown format names the formats it knows', () => {
    const prose =
      'This is a README file that explains, at considerable length and in full sentences, how the atlas was made.\n' +
      'It has no label rows at all; every line is much longer than any region name would ever be in a table.\n';
    expect(code(() => parseLabelTable(enc(prose), { fileName: 'README.txt' }))).toMatch(
      /^unsupported: README\.txt: this is not a label table format I know \(expected FSL or SPM atlas XML, a FreeSurfer LUT, CBIG\/Schaefer \.txt, /,
    );
    expect(code(() => parseLabelTable(enc('<gifti><LabelTable/></gifti>'), { fileName: 'lh.label.gii' }))).toMatch(
      /^unsupported: lh\.label\.gii: this is a GIFTI surface file .*not a label table format I know/,
    );
  });

  it('binary input gets a clear message: gzip, NIfTI, MRIcron .lut, other', () => {
    expect(code(() => parseLabelTable(new Uint8Array([0x1f, 0x8b, 8, 0]), { fileName: 'aal.nii.gz' }))).toMatch(
      /^unsupported: aal\.nii\.gz: this file is gzip-compressed/,
    );
    const nii = new Uint8Array(352);
    new DataView(nii.buffer).setInt32(0, 348, true);
    nii.set(enc('n+1\0'), 344);
    expect(code(() => parseLabelTable(nii, { fileName: 'aal.nii' }))).toMatch(
      /^unsupported: aal\.nii: this file is a NIfTI image/,
    );
    expect(code(() => parseLabelTable(new Uint8Array(768), { fileName: 'aal.nii.lut' }))).toMatch(
      /^unsupported: aal\.nii\.lut: .*MRIcron colour table/,
    );
    const junk = new Uint8Array(1000).map((_, i) => (i * 37 + 11) % 256);
    expect(code(() => parseLabelTable(junk, { fileName: 'junk.bin' }))).toMatch(
      /^unsupported: junk\.bin: this is a binary file/,
    );
  });

  it('empty and comment-only files are corrupt', () => {
    expect(code(() => parseLabelTable(enc(' \n\n'), { fileName: 'e.txt' }))).toBe(
      'corrupt: e.txt: the file is empty; expected a label table',
    );
    expect(code(() => parseLabelTable(enc('# only\n# comments\n'), { fileName: 'c.txt' }))).toMatch(
      /^corrupt: c\.txt: the file holds only comments/,
    );
  });

  it('a table whose first row fits a format but most rows do not is corrupt, naming the first bad line', () => {
    const text = '1 Left-Thalamus 0 118 14 0\n2 Right-Thalamus 0 118\nfoo 1 2 3 4 5\n';
    expect(code(() => parseLabelTable(enc(text), { fileName: 'lut.txt' }))).toBe(
      'corrupt: lut.txt: line 2: "2 Right-Thalamus 0 118" is not a FreeSurfer LUT row ("value name R G B A"), and 2 of 3 rows could not be read, so this is not a table I can use',
    );
  });

  it('a table with only a background row is invalid-labels', () => {
    expect(code(() => parseLabelTable(enc('0,empty\n'), { fileName: 'x.csv' }))).toMatch(
      /^invalid-labels: x\.csv: .*only background/,
    );
  });

  it('a table naming only value 0 (background in every label volume) is invalid-labels', () => {
    expect(code(() => parseLabelTable(enc('0,Something\n'), { fileName: 'x.csv' }))).toBe(
      'invalid-labels: x.csv: this table names only value 0, which is the background of a label volume, so it names no regions',
    );
    expect(code(() => parseLabelTable(enc('0,empt'), { fileName: 'x.csv' }))).toMatch(/^invalid-labels: x\.csv: /);
  });

  it('broken JSON is one line giving the line and column, never the engine message with the text it quotes', () => {
    const text = '{"rois": {"1": {"label": "A"},\n x\n "2": {"label": "B"}}}';
    expect(code(() => parseLabelTable(enc(text), { fileName: 'j.json' }))).toMatch(
      /^corrupt: j\.json: this looks like JSON but does not parse \([^\n]*line 2[^\n]*\); expected a label table$/,
    );
    expect(code(() => parseLabelTable(enc('{"rois": {"1": '), { fileName: 'j.json' }))).toMatch(
      /does not parse \(it ends before the JSON is complete/,
    );
  });

  it('a bad field quoted in a warning stays on one line', () => {
    const xml =
      '<atlas><data><label><index>1</index><name>A</name></label><label><index>x\n2</index><name>B</name></label><label><index>3</index><name>C</name></label></data></atlas>';
    const t = parseLabelTable(enc(xml), { fileName: 'a.xml' });
    expect(t.entries.map((e) => e.value)).toEqual([1, 3]);
    expect(t.warnings).toHaveLength(1);
    expect(t.warnings[0]).not.toMatch(/\n/);
  });

  it('a colour table given with a non-MRIcron table is ignored with a warning', () => {
    const t = parseLabelTable(enc('0,empty\n1,A\n'), { fileName: 'x.csv', colorLut: new Uint8Array(768) });
    expect(t.warnings).toEqual([
      'the colour table was ignored: only MRIcron .nii.txt tables take one, and this is a neuroparc-csv table',
    ]);
  });

  it('strings are accepted as well as bytes (a UTF-8 BOM is dropped)', () => {
    expect(parseLabelTable('\ufeffindex\tname\n1\tA\n', { fileName: 'x' }).entries).toEqual([{ value: 1, name: 'A' }]);
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...enc('1,A\n')]);
    expect(parseLabelTable(bom, { fileName: 'x.csv' }).entries).toEqual([{ value: 1, name: 'A' }]);
  });
});
