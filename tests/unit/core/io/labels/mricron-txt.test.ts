import { describe, expect, it } from 'vitest';
import { parseMricronLut, parseMricronTxt } from '../../../../../core/io/labels/mricron-txt';
import { detectLabelTableFormat, parseLabelTable } from '../../../../../core/io/labels/detect';
import { AtlasError } from '../../../../../core/errors';

const enc = (s: string) => new TextEncoder().encode(s);

/** A 768-byte MRIcron .lut where value v has colour (v, 2v mod 256, 255 - v). */
function makeLut(): Uint8Array {
  const lut = new Uint8Array(768);
  for (let v = 0; v < 256; v++) {
    lut[v] = v;
    lut[256 + v] = (2 * v) % 256;
    lut[512 + v] = 255 - v;
  }
  return lut;
}

describe('MRIcron .nii.txt', () => {
  it('reads AAL "index name code" lines (CRLF) and colours them from the .lut', () => {
    const aal = '1 Precentral_L 2001\r\n2 Precentral_R 2002\r\n116 Vermis_10 9170\r\n\r\n';
    const t = parseMricronTxt(enc(aal), { fileName: 'aal.nii.txt', colorLut: makeLut() });
    expect(t.format).toBe('mricron-txt');
    expect(t.entries).toEqual([
      { value: 1, name: 'Precentral_L', extra: { code: '2001' }, color: [1, 2, 254] },
      { value: 2, name: 'Precentral_R', extra: { code: '2002' }, color: [2, 4, 253] },
      { value: 116, name: 'Vermis_10', extra: { code: '9170' }, color: [116, 232, 139] },
    ]);
    expect(t.warnings).toEqual([]);
  });

  it('reads JHU tab-separated lines and drops the 0 Unclassified background row', () => {
    const jhu = '0\tUnclassified\r\n1\tMiddle_cerebellar_peduncle\r\n2\tPontine_crossing_tract_(a_part_of_MCP)\r\n';
    const t = parseMricronTxt(jhu, { fileName: 'JHU-WhiteMatter-labels-1mm.nii.txt' });
    expect(t.entries).toEqual([
      { value: 1, name: 'Middle_cerebellar_peduncle' },
      { value: 2, name: 'Pontine_crossing_tract_(a_part_of_MCP)' },
    ]);
    expect(t.meta).toEqual({ background: 'Unclassified' });
  });

  it('reads AICHA lines with a group number', () => {
    const t = parseMricronTxt('1 G_Frontal_Sup-1 2\n2 G_Frontal_Sup-2 3\n', { fileName: 'AICHAmc.nii.txt' });
    expect(t.entries[1]).toEqual({ value: 2, name: 'G_Frontal_Sup-2', extra: { code: '3' } });
  });

  it('is detected by content; the file name only breaks ties', () => {
    const txt = enc('1 Precentral_L 2001\n2 Precentral_R 2002\n');
    expect(detectLabelTableFormat(txt, 'aal.nii.txt')).toBe('mricron-txt');
    expect(detectLabelTableFormat(txt, 'labels.dat')).toBe('mricron-txt');
    const t = parseLabelTable(txt, { fileName: 'aal.nii.txt', colorLut: makeLut() });
    expect(t.entries[0].color).toEqual([1, 2, 254]);
  });

  it('decodes Windows-1252 names without throwing and says which encoding was assumed', () => {
    const bytes = new Uint8Array([...enc('1 Hippocampe_Gauche_'), 0xe9, ...enc(' 4101\n2 Hippocampe_Droit 4102\n')]);
    const t = parseLabelTable(bytes, { fileName: 'fr.nii.txt' });
    expect(t.entries[0].name).toBe('Hippocampe_Gauche_é');
    expect(t.warnings).toEqual([
      'the file is not valid UTF-8, so it was read as Windows-1252 (Latin-1); check that accented names look right',
    ]);
  });

  it('a colour table of the wrong size is ignored with a warning; values above 255 get no colour', () => {
    const t = parseMricronTxt('1 A\n300 B\n', { fileName: 'x.nii.txt', colorLut: new Uint8Array(10) });
    expect(t.entries.every((e) => e.color === undefined)).toBe(true);
    expect(t.warnings[0]).toMatch(/colour table was ignored: .*768 bytes .*this one is 10 bytes/);
    const u = parseMricronTxt('1 A\n300 B\n', { fileName: 'x.nii.txt', colorLut: makeLut() });
    expect(u.entries[1].color).toBeUndefined();
    expect(u.warnings).toEqual([
      'values 300 are above 255, beyond the 256 colours of the .lut, so they have no colour',
    ]);
  });
});

describe('parseMricronLut', () => {
  it('reads 256 R, then 256 G, then 256 B', () => {
    const c = parseMricronLut(makeLut());
    expect(c).toHaveLength(256);
    expect(c[0]).toEqual([0, 0, 255]);
    expect(c[200]).toEqual([200, 144, 55]);
  });
  it('rejects anything but 768 bytes', () => {
    expect(() => parseMricronLut(new Uint8Array(767), 'aal.nii.lut')).toThrow(AtlasError);
    expect(() => parseMricronLut(new Uint8Array(767), 'aal.nii.lut')).toThrow(/^aal\.nii\.lut: .*767 bytes/);
  });
});
