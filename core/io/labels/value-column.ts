/**
 * A column of values, one per label: line i describes label i, counting from 1 (AFNI .1D files such as Gordon
 * 2016's gordon333CommunityAffiliation.1D, which gives each parcel's community index). The names are the values
 * as written ("3"), also in extra.value; an atlas pairs such a column with the table that names what the values
 * mean (catalog role 'network-assignment' beside 'network-names'). '#' lines are AFNI comments; blank lines are
 * skipped with a warning, as they shift the numbering.
 */
import { readTableText, TableBuilder, type TableInput } from './common';
import { splitLines } from '../text';
import type { LabelTable, ParseOptions } from './types';

const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

/** True for a line holding one number and nothing else. */
export function isValueLine(line: string): boolean {
  return NUMBER.test(line.trim());
}

export function parseValueColumn(input: TableInput, opts: ParseOptions): LabelTable {
  const { text, warnings } = readTableText(input, opts.fileName);
  const b = new TableBuilder('value-column', opts.fileName, 'one number', warnings);
  const lines = splitLines(text);
  let value = 0;
  let pendingBlank: number[] = [];
  const blanksInside: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i].trim();
    if (t === '') {
      pendingBlank.push(i + 1);
      continue;
    }
    if (t.startsWith('#')) continue;
    if (value > 0) blanksInside.push(...pendingBlank);
    pendingBlank = [];
    value++;
    if (!isValueLine(t)) {
      b.fail(i + 1, t);
      continue;
    }
    b.add({ value, name: t, extra: { value: t } }, i + 1, t);
  }
  if (blanksInside.length > 0) {
    b.warn(
      `blank line${blanksInside.length === 1 ? '' : 's'} ${blanksInside.slice(0, 10).join(', ')} skipped: each line is one label, so check the numbering`,
    );
  }
  return b.finish();
}
