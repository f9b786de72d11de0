/**
 * neuroparc label CSV, no header (Yeo-7-liberal.csv, Brodmann.csv, HarvardOxfordcort-maxprob.csv):
 *   0,empty
 *   1,Brodmann_area_1
 * "value,name"; CSV quoting is honoured, and an unquoted comma in the name is kept as part of the name.
 * Value-0 background rows (empty, null) are left out.
 */
import {
  isInteger,
  isNumber,
  parseValue,
  readTableText,
  dataLines,
  splitCsvLine,
  TableBuilder,
  type TableInput,
} from './common';
import type { LabelTable, ParseOptions } from './types';

const ROW = 'a "value,name" row';

/** True for a "value,name" CSV line (used by format detection). */
export function isNeuroparcCsvRow(line: string): boolean {
  const f = splitCsvLine(line);
  return f.length >= 2 && isInteger(f[0]) && f[1] !== '' && !isNumber(f[1]);
}

export function parseNeuroparcCsv(input: TableInput, opts: ParseOptions): LabelTable {
  const { text, warnings } = readTableText(input, opts.fileName);
  const b = new TableBuilder('neuroparc-csv', opts.fileName, ROW, warnings);
  for (const { line, text: row } of dataLines(text)) {
    const f = splitCsvLine(row);
    if (f.length < 2) {
      b.fail(line, row, 'has no comma between value and name');
      continue;
    }
    const value = parseValue(f[0]);
    if (value === null) {
      b.fail(line, row, `has value "${f[0]}", which is not a non-negative integer`);
      continue;
    }
    // "5,Inferior Frontal Gyrus, pars triangularis": an unquoted comma belongs to the name.
    const rest = row.slice(row.indexOf(',') + 1).trim();
    const name = f.length === 2 || rest.startsWith('"') ? f.slice(1).join(', ') : rest;
    b.add({ value, name }, line, row);
  }
  return b.finish();
}
