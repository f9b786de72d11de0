/**
 * SPM / AAL style atlas XML (AAL3v1_1mm.xml, CPP_ROI's *_dseg.xml):
 *   <atlas><header>…<type>Label</type>…</header>
 *   <data><label><index>1</index><name>Precentral_L</name></label>…</data></atlas>
 * The index is the voxel value. Other simple children of <label> go to `extra`; a <color>/<rgb> child
 * ("r g b", 0..255, or #RRGGBB) becomes the colour.
 */
import { AtlasError } from '../../errors';
import { parseColorText, parseValue, readTableText, TableBuilder, type TableInput } from './common';
import type { LabelEntry, LabelTable, ParseOptions } from './types';
import { childElements, findAll, findFirst, firstChild, parseXml, readAtlasHeader, textOf } from './xml';

export function parseSpmXml(input: TableInput, opts: ParseOptions): LabelTable {
  const { text, warnings } = readTableText(input, opts.fileName);
  const doc = parseXml(text);
  const root = findFirst(doc, 'atlas') ?? doc;
  const meta = readAtlasHeader(root);
  const b = new TableBuilder(
    'spm-xml',
    opts.fileName,
    'an atlas label (<label><index>N</index><name>Name</name></label>)',
    warnings,
  );
  const labels = findAll(findFirst(root, 'data') ?? root, 'label').filter((el) => childElements(el).length > 0);
  if (labels.length === 0) {
    throw new AtlasError('corrupt', 'this atlas XML has no <label> elements, so it names no regions', opts.fileName);
  }
  for (const el of labels) {
    const indexEl = firstChild(el, 'index');
    const nameEl = firstChild(el, 'name');
    const indexText = indexEl ? textOf(indexEl).trim() : '';
    const name = nameEl ? textOf(nameEl).trim() : '';
    const raw = `<label><index>${indexText}</index><name>${name}</name></label>`;
    const value = parseValue(indexText);
    if (value === null) {
      b.fail(
        el.line,
        raw,
        indexEl ? `has index "${indexText}", which is not a non-negative integer` : 'has no <index>',
      );
      continue;
    }
    const entry: LabelEntry = { value, name };
    const extra: Record<string, string> = {};
    for (const c of childElements(el)) {
      if (c.name === 'index' || c.name === 'name' || childElements(c).length > 0) continue;
      const t = textOf(c).trim();
      if (t === '') continue;
      if (c.name === 'color' || c.name === 'colour' || c.name === 'rgb') {
        const rgb = parseColorText(t);
        if (rgb) {
          entry.color = rgb;
          continue;
        }
      }
      extra[c.name] = t;
    }
    if (Object.keys(extra).length > 0) entry.extra = extra;
    b.add(entry, el.line, raw);
  }
  return b.finish({ meta });
}
