/**
 * Connectome Workbench label-import list (wb_command -volume-label-import; the Schaefer+Tian *_label.txt files):
 *   aHIP-rh
 *   1 144 246 45 255
 *   pHIP-rh
 *   2 34 165 59 255
 * A name line, then "index R G B A" (0..255); repeat. The alpha channel is ignored.
 */
import { isInteger, parseRgb, parseValue, readTableText, dataLines, TableBuilder, type TableInput } from './common';
import type { LabelTable, ParseOptions } from './types';

const ROW = 'a Workbench label pair (a name line, then "index R G B A")';

/** True for an "index R G B [A]" line of a Workbench label list. */
export function isWorkbenchKeyLine(line: string): boolean {
  const f = line.trim().split(/\s+/);
  return (f.length === 4 || f.length === 5) && f.every((x) => isInteger(x));
}

export function parseWorkbenchLabelList(input: TableInput, opts: ParseOptions): LabelTable {
  const { text, warnings } = readTableText(input, opts.fileName);
  const b = new TableBuilder('workbench-label-list', opts.fileName, ROW, warnings);
  let pending: { line: number; name: string } | null = null;
  for (const { line, text: row } of dataLines(text, { keepHash: true })) {
    if (!isWorkbenchKeyLine(row)) {
      if (pending) b.fail(pending.line, pending.name, 'is a name with no "index R G B A" line after it');
      pending = { line, name: row };
      continue;
    }
    const f = row.split(/\s+/);
    if (!pending) {
      b.fail(line, row, 'is an "index R G B A" line with no name line before it');
      continue;
    }
    const value = parseValue(f[0]);
    if (value === null) {
      b.fail(line, row, `has value "${f[0]}", which is not a non-negative integer`);
      pending = null;
      continue;
    }
    const rgb = parseRgb(f[1], f[2], f[3]);
    if (!rgb)
      b.warn(
        `line ${line}: colour "${f.slice(1, 4).join(' ')}" is not three 0..255 integers, so region ${value} has no colour`,
      );
    b.add(
      rgb ? { value, name: pending.name, color: rgb } : { value, name: pending.name },
      line,
      `${pending.name} / ${row}`,
    );
    pending = null;
  }
  if (pending) b.fail(pending.line, pending.name, 'is a name with no "index R G B A" line after it');
  return b.finish();
}
