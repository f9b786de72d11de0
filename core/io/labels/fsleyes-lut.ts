/**
 * FSLeyes lookup table (.lut, e.g. harvard-oxford-cortical.lut):
 *   1  0.00000 0.93333 0.00000 Frontal Pole
 * "value r g b name" with r, g, b in 0..1 and a name that may contain spaces. Colours are scaled to 0..255.
 */
import { isInteger, isNumber, parseValue, readTableText, dataLines, TableBuilder, type TableInput } from './common';
import type { LabelEntry, LabelTable, ParseOptions, Rgb } from './types';

const ROW = 'an FSLeyes LUT row ("value r g b name", r g b in 0..1)';
const RE = /^(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(.*\S)\s*$/;

function unit(s: string): number | null {
  if (!isNumber(s)) return null;
  const v = Number(s);
  return v >= 0 && v <= 1 ? v : null;
}

/** True for a "value r g b name" line with 0..1 colours (used by format detection). */
export function isFsleyesLutRow(line: string): boolean {
  const m = RE.exec(line.trim());
  return !!m && isInteger(m[1]) && unit(m[2]) !== null && unit(m[3]) !== null && unit(m[4]) !== null && !isNumber(m[5]);
}

export function parseFsleyesLut(input: TableInput, opts: ParseOptions): LabelTable {
  const { text, warnings } = readTableText(input, opts.fileName);
  const b = new TableBuilder('fsleyes-lut', opts.fileName, ROW, warnings);
  for (const { line, text: row } of dataLines(text)) {
    const m = RE.exec(row);
    if (!m) {
      b.fail(line, row);
      continue;
    }
    const value = parseValue(m[1]);
    if (value === null) {
      b.fail(line, row, `has value "${m[1]}", which is not a non-negative integer`);
      continue;
    }
    const r = unit(m[2]);
    const g = unit(m[3]);
    const bl = unit(m[4]);
    if (r === null || g === null || bl === null) {
      b.fail(line, row, 'has a colour that is not three numbers in 0..1');
      continue;
    }
    const color: Rgb = [Math.round(r * 255), Math.round(g * 255), Math.round(bl * 255)];
    const entry: LabelEntry = { value, name: m[5], color };
    b.add(entry, line, row);
  }
  return b.finish();
}
