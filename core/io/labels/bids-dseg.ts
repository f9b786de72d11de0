/**
 * BIDS discrete-segmentation table (*_dseg.tsv): tab-separated, header with `index` and `name` columns and
 * optionally `abbreviation`, `color` (#RRGGBB), and any other columns (kept in extra). Read by the same
 * machinery as other headered tables (see delimited.ts); only the format tag differs.
 */
import { readTableText, splitRow, type TableInput } from './common';
import { parseWithLayout } from './delimited';
import type { LabelTable, ParseOptions } from './types';

/** True when a header line is a BIDS dseg.tsv header: tab-separated with "index" and "name" columns. */
export function isBidsDsegHeader(line: string): boolean {
  if (!line.includes('\t')) return false;
  const cells = splitRow(line.trim(), '\t').map((c) => c.toLowerCase());
  return cells.includes('index') && cells.includes('name');
}

export function parseBidsDsegTsv(input: TableInput, opts: ParseOptions): LabelTable {
  const { text, warnings } = readTableText(input, opts.fileName);
  return parseWithLayout(text, warnings, opts, 'bids-dseg-tsv', 'a dseg.tsv row (index<TAB>name…)');
}
