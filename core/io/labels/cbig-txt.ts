/**
 * CBIG / Schaefer 2018 label text (Schaefer2018_400Parcels_7Networks_order.txt):
 *   1<TAB>7Networks_LH_Vis_1<TAB>120<TAB>17<TAB>128<TAB>0
 * "index name R G B 0", tab-separated, no header, no background row.
 */
import {
  isInteger,
  isNumber,
  parseRgb,
  parseValue,
  readTableText,
  dataLines,
  TableBuilder,
  type TableInput,
} from './common';
import type { LabelEntry, LabelTable, ParseOptions } from './types';

const ROW = 'a CBIG row ("index<TAB>name<TAB>R<TAB>G<TAB>B<TAB>0")';

/** True for a tab-separated "index name R G B [0]" line (used by format detection). */
export function isCbigRow(line: string): boolean {
  const f = line
    .trim()
    .split('\t')
    .map((x) => x.trim());
  return (
    (f.length === 5 || f.length === 6) &&
    isInteger(f[0]) &&
    f[1] !== '' &&
    !isNumber(f[1]) &&
    f.slice(2).every((x) => isInteger(x))
  );
}

export function parseCbigTxt(input: TableInput, opts: ParseOptions): LabelTable {
  const { text, warnings } = readTableText(input, opts.fileName);
  const b = new TableBuilder('cbig-txt', opts.fileName, ROW, warnings);
  for (const { line, text: row } of dataLines(text)) {
    const f = row.split('\t').map((x) => x.trim());
    if (f.length < 5) {
      b.fail(line, row, `has ${f.length} tab-separated fields where a CBIG row has 6 (index name R G B 0)`);
      continue;
    }
    const value = parseValue(f[0]);
    if (value === null) {
      b.fail(line, row, `has value "${f[0]}", which is not a non-negative integer`);
      continue;
    }
    const entry: LabelEntry = { value, name: f[1] };
    const rgb = parseRgb(f[2], f[3], f[4]);
    if (rgb) entry.color = rgb;
    else
      b.warn(
        `line ${line}: colour "${f.slice(2, 5).join(' ')}" is not three 0..255 integers, so region ${value} has no colour`,
      );
    b.add(entry, line, row);
  }
  return b.finish();
}
