import { describe, expect, it } from 'vitest';
import { parseFslXml } from '../../../../../core/io/labels/fsl-xml';
import { detectLabelTableFormat, parseLabelTable } from '../../../../../core/io/labels/detect';
import { isAtlasError } from '../../../../../core/errors';

const enc = (s: string) => new TextEncoder().encode(s);

const atlas = (type: string, labels: string) => `<?xml version="1.0" encoding="ISO-8859-1"?>
<atlas version="1.0">
  <header>
    <name>Test &amp; Atlas</name>
    <shortname>TA</shortname>
    <type>${type}</type>
    <images>
      <imagefile>/TA/TA-prob-2mm</imagefile>
      <summaryimagefile>/TA/TA-maxprob-thr25-2mm</summaryimagefile>
    </images>
    <images>
      <imagefile>/TA/TA-prob-1mm</imagefile>
      <summaryimagefile>/TA/TA-maxprob-thr25-1mm</summaryimagefile>
    </images>
  </header>
  <data>
${labels}
  </data>
</atlas>
`;

const threeLabels = `    <label index="0" x="48" y="94" z="35">Frontal Pole</label>
    <label index="1" x="25" y="70" z="32">Insular Cortex</label>
    <!-- a comment -->
    <label index="2" x="10" y="2" z="3">Heschl&apos;s Gyrus &amp; Planum &#39;Polare&#x27; &lt;x&gt;</label>`;

describe('FSL atlas XML', () => {
  it('probabilistic: index i is frame i and value i+1 in the summary image', () => {
    const t = parseFslXml(enc(atlas('Probabilistic', threeLabels)), { fileName: 'TA.xml' });
    expect(t.format).toBe('fsl-xml');
    expect(t.probabilistic).toBe(true);
    expect(t.entries.map((e) => [e.value, e.frame, e.name])).toEqual([
      [1, 0, 'Frontal Pole'],
      [2, 1, 'Insular Cortex'],
      [3, 2, "Heschl's Gyrus & Planum 'Polare' <x>"],
    ]);
    expect(t.entries[0].extra).toEqual({ x: '48', y: '94', z: '35' });
    expect(t.meta).toMatchObject({
      name: 'Test & Atlas',
      shortname: 'TA',
      type: 'Probabilistic',
      imagefile: '/TA/TA-prob-2mm',
      summaryimagefile: '/TA/TA-maxprob-thr25-2mm',
      imagefiles: '/TA/TA-prob-2mm; /TA/TA-prob-1mm',
    });
    expect(t.warnings).toEqual([]);
  });

  it('label atlas: the index IS the value (no +1), and index 0 "Unclassified" is background', () => {
    const labels = `<label index="0" x="0" y="0" z="0">Unclassified</label>
<label index="1" x="1" y="1" z="1">Middle cerebellar peduncle</label>
<label index="2" x="1" y="1" z="1">Pontine crossing tract</label>`;
    const t = parseFslXml(atlas('Label', labels), { fileName: 'JHU-labels.xml' });
    expect(t.probabilistic).toBeUndefined();
    expect(t.entries.map((e) => [e.value, e.frame, e.name])).toEqual([
      [1, undefined, 'Middle cerebellar peduncle'],
      [2, undefined, 'Pontine crossing tract'],
    ]);
    expect(t.meta?.background).toBe('Unclassified');
  });

  it('statistic atlases are one frame per region too (value = index + 1), but not flagged probabilistic', () => {
    const t = parseFslXml(atlas('Statistic', '<label index="0">A</label><label index="4">B</label>'), {
      fileName: 's.xml',
    });
    expect(t.probabilistic).toBeUndefined();
    expect(t.entries.map((e) => [e.value, e.frame])).toEqual([
      [1, 0],
      [5, 4],
    ]);
  });

  it('probabilistic index 0 is a real region, never background', () => {
    const t = parseFslXml(atlas('Probabalistic', '<label index="0">Unknown thing</label>'), { fileName: 'a.xml' });
    expect(t.entries).toEqual([{ value: 1, frame: 0, name: 'Unknown thing' }]);
  });

  it('is detected by content, whatever the file name', () => {
    const bytes = enc(atlas('Label', threeLabels));
    expect(detectLabelTableFormat(bytes, 'whatever.txt')).toBe('fsl-xml');
    expect(parseLabelTable(bytes, { fileName: 'whatever.txt' }).entries[0]).toMatchObject({
      value: 0,
      name: 'Frontal Pole',
    });
  });

  it('duplicate indices keep the first and warn; a bad index is a warning naming the line', () => {
    const labels = `<label index="1">A</label>
<label index="1">B</label>
<label index="x">C</label>
<label index="2">D</label>
<label index="3">E</label>`;
    const t = parseFslXml(atlas('Label', labels), { fileName: 'a.xml' });
    expect(t.entries.map((e) => e.name)).toEqual(['A', 'D', 'E']);
    expect(t.warnings.some((w) => /value 1 appears again on line 18 \("B"\).*line 17 \("A"\), was kept/.test(w))).toBe(
      true,
    );
    expect(t.warnings.some((w) => /^line 19 skipped: .*index "x", which is not a non-negative integer/.test(w))).toBe(
      true,
    );
  });

  it('throws corrupt when most labels are unreadable, and when there are none', () => {
    const bad = atlas('Label', '<label index="a">A</label>\n<label index="-1">B</label>\n<label index="1">C</label>');
    expect(() => parseFslXml(bad, { fileName: 'bad.xml' })).toThrow(/bad\.xml: line 17: .*index "a".*2 of 3 rows/);
    try {
      parseFslXml(atlas('Label', ''), { fileName: 'empty.xml' });
      expect.unreachable();
    } catch (e) {
      expect(isAtlasError(e) && e.code).toBe('corrupt');
    }
  });
});
