/**
 * FreeSurfer colour lookup table (FreeSurferColorLUT.txt; also Brainnetome's BN_Atlas_246_LUT.txt):
 *   # comment
 *   0   Unknown          0   0   0   0
 *   1   Left-Cerebral-Exterior 70 130 180 0
 * "value name R G B A", whitespace-separated; A is FreeSurfer's transparency and is ignored. Value-0 background
 * rows ("Unknown") are left out. A name with spaces is tolerated when the row ends in R G B A.
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

const ROW = 'a FreeSurfer LUT row ("value name R G B A")';

interface Row {
  value: string;
  name: string;
  rgb: [string, string, string];
}

function split(line: string): Row | null {
  const t = line.trim().split(/\s+/);
  if (t.length < 5) return null;
  // value name R G B (5), value name R G B A (6), or a name with spaces followed by R G B A.
  const colourStart = t.length === 5 ? 2 : t.length === 6 ? 2 : t.length - 4;
  const name = t.slice(1, colourStart).join(' ');
  return { value: t[0], name, rgb: [t[colourStart], t[colourStart + 1], t[colourStart + 2]] };
}

/** True for a line shaped like "value name R G B [A]" (used by format detection). */
export function isFreeSurferLutRow(line: string): boolean {
  const r = split(line);
  if (!r || !isInteger(r.value) || r.name === '' || isNumber(r.name)) return false;
  const t = line.trim().split(/\s+/);
  const tail = t.slice(t.length === 5 ? 2 : t.length === 6 ? 2 : t.length - 4);
  return tail.every((x) => isInteger(x));
}

export function parseFreeSurferLut(input: TableInput, opts: ParseOptions): LabelTable {
  const { text, warnings } = readTableText(input, opts.fileName);
  const b = new TableBuilder('freesurfer-lut', opts.fileName, ROW, warnings);
  for (const { line, text: row } of dataLines(text)) {
    const r = split(row);
    if (!r) {
      b.fail(line, row);
      continue;
    }
    const value = parseValue(r.value);
    if (value === null) {
      b.fail(line, row, `has value "${r.value}", which is not a non-negative integer`);
      continue;
    }
    const entry: LabelEntry = { value, name: r.name };
    const rgb = parseRgb(...r.rgb);
    if (rgb) entry.color = rgb;
    else
      b.warn(
        `line ${line}: colour "${r.rgb.join(' ')}" is not three 0..255 integers, so region ${value} has no colour`,
      );
    b.add(entry, line, row);
  }
  return b.finish();
}
