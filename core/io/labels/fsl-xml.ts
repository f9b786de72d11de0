/**
 * FSL atlas XML ($FSLDIR/data/atlases/*.xml):
 *   <atlas><header><name>…</name><type>Probabilistic|Label|Statistic</type>
 *     <images><imagefile>…</imagefile><summaryimagefile>…</summaryimagefile></images></header>
 *   <data><label index="0" x="…" y="…" z="…">Name</label>…</data></atlas>
 *
 * The trap: in probabilistic (and statistic) atlases `index` is the 0-based frame of the 4D image and the region's
 * value in the summary (max-probability) image is index + 1; in label atlases the index IS the voxel value.
 * x, y, z (voxel coordinates of a representative voxel in the first image) are kept in `extra`.
 */
import { AtlasError } from '../../errors';
import { parseValue, readTableText, TableBuilder, type TableInput } from './common';
import type { LabelEntry, LabelTable, ParseOptions } from './types';
import { findAll, findFirst, parseXml, readAtlasHeader, textOf } from './xml';

export function parseFslXml(input: TableInput, opts: ParseOptions): LabelTable {
  const { text, warnings } = readTableText(input, opts.fileName);
  const doc = parseXml(text);
  const root = findFirst(doc, 'atlas') ?? doc;
  const meta = readAtlasHeader(root);
  const type = (meta.type ?? '').toLowerCase();
  // "Probabalistic" is a spelling found in the wild.
  const probabilistic = type.startsWith('prob');
  const perFrame = probabilistic || type.startsWith('stat');
  const b = new TableBuilder('fsl-xml', opts.fileName, 'an FSL atlas label (<label index="N">Name</label>)', warnings);
  const labels = findAll(findFirst(root, 'data') ?? root, 'label');
  if (labels.length === 0) {
    throw new AtlasError('corrupt', 'this atlas XML has no <label> elements, so it names no regions', opts.fileName);
  }
  if (meta.type === undefined)
    b.warn('the atlas header gives no <type>; it was read as a label atlas (index = voxel value)');
  else if (!perFrame && type !== 'label') {
    b.warn(`the atlas type "${meta.type}" is not one I know; it was read as a label atlas (index = voxel value)`);
  }
  for (const el of labels) {
    const name = textOf(el).trim();
    const raw = `<label index="${el.attrs.index ?? ''}">${name}</label>`;
    const index = parseValue(el.attrs.index);
    if (index === null) {
      b.fail(
        el.line,
        raw,
        el.attrs.index === undefined
          ? 'has no index attribute'
          : `has index "${el.attrs.index}", which is not a non-negative integer`,
      );
      continue;
    }
    const entry: LabelEntry = perFrame ? { value: index + 1, name, frame: index } : { value: index, name };
    const extra: Record<string, string> = {};
    for (const k of ['x', 'y', 'z']) if (el.attrs[k] !== undefined && el.attrs[k] !== '') extra[k] = el.attrs[k];
    if (Object.keys(extra).length > 0) entry.extra = extra;
    b.add(entry, el.line, raw);
  }
  return b.finish({ probabilistic: probabilistic ? true : undefined, meta });
}
