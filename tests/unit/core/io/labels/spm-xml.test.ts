import { describe, expect, it } from 'vitest';
import { parseSpmXml } from '../../../../../core/io/labels/spm-xml';
import { detectLabelTableFormat, parseLabelTable } from '../../../../../core/io/labels/detect';

const enc = (s: string) => new TextEncoder().encode(s);

const AAL = `<?xml version="1.0" encoding="ISO-8859-1"?>
<atlas version="2.0">
	<header>
		<name>AAL3v1_1mm</name>
		<type>Label</type>
		<images>
			<imagefile>AAL3v1_1mm.nii</imagefile>
		</images>
	</header>
	<data>
		<label><index>1</index><name>Precentral_L</name></label>
		<label><index>2</index><name>Precentral_R</name></label>
		<label><index>37</index><name>Hippocampus_L</name><x>-25</x><color>#ff8000</color></label>
	</data>
</atlas>
`;

describe('SPM / AAL XML', () => {
  it('reads index and name children; the index is the value', () => {
    const t = parseSpmXml(enc(AAL), { fileName: 'AAL3v1_1mm.xml' });
    expect(t.format).toBe('spm-xml');
    expect(t.probabilistic).toBeUndefined();
    expect(t.entries).toEqual([
      { value: 1, name: 'Precentral_L' },
      { value: 2, name: 'Precentral_R' },
      { value: 37, name: 'Hippocampus_L', color: [255, 128, 0], extra: { x: '-25' } },
    ]);
    expect(t.meta).toEqual({ name: 'AAL3v1_1mm', type: 'Label', imagefile: 'AAL3v1_1mm.nii' });
  });

  it('is told apart from FSL XML by its <index> children (same <atlas><header> wrapper)', () => {
    expect(detectLabelTableFormat(enc(AAL), 'x.xml')).toBe('spm-xml');
    // A bare <label> list without a wrapper (and without an XML declaration) is still SPM style.
    const bare = '<data><label><index>4</index><name>3rd Ventricle</name></label></data>';
    expect(parseLabelTable(enc(bare), { fileName: 'labels.xml' }).entries).toEqual([
      { value: 4, name: '3rd Ventricle' },
    ]);
  });

  it('decodes a Latin-1 name as the XML declaration says, without an encoding warning', () => {
    const head = enc(
      '<?xml version="1.0" encoding="ISO-8859-1"?><atlas><data><label><index>5</index><name>Hippocampe_Gauche_',
    );
    const tail = enc('</name></label></data></atlas>');
    const bytes = new Uint8Array([...head, 0xe9, ...tail]);
    const t = parseLabelTable(bytes, { fileName: 'fr.xml' });
    expect(t.entries[0].name).toBe('Hippocampe_Gauche_é');
    expect(t.warnings).toEqual([]);
  });

  it('a label without <index> is a warning naming its line', () => {
    const xml = `<atlas><data>
<label><index>1</index><name>A</name></label>
<label><name>B</name></label>
<label><index>3</index><name>C</name></label>
</data></atlas>`;
    const t = parseSpmXml(xml, { fileName: 'x.xml' });
    expect(t.entries.map((e) => e.value)).toEqual([1, 3]);
    expect(t.warnings).toEqual(['line 3 skipped: "<label><index></index><name>B</name></label>" has no <index>']);
  });
});
