/**
 * One name per line; line i is label i, counting from 1 (xcp_abcd schaefer400x7NodeNames.txt, Tian S1-S4
 * Tian_Subcortex_S1_3T_label.txt). Blank lines are skipped (a warning says so when one sits between names, since
 * that shifts the numbering) and '#' lines are comments.
 *
 * A variant with a legend on the first line and one code per line (seitzman_2018_ROIs_anatomicalLabels.txt):
 *   0=cortexMid,1=cortexL,2=cortexR,…
 *   1
 *   2
 * gives label i the legend's name for its code ("cortexL"), with the code in extra.code.
 */
import { readTableText, TableBuilder, type TableInput } from './common';
import { splitLines } from '../text';
import type { LabelTable, ParseOptions } from './types';

const LEGEND = /^\s*\d+\s*=\s*[^,=]*[^,=\s][^,=]*(\s*,\s*\d+\s*=\s*[^,=]*[^,=\s][^,=]*)+\s*,?\s*$/;

/** True for a "0=name,1=name,…" legend line. */
export function isLegendLine(line: string): boolean {
  return LEGEND.test(line);
}

/** True for a line that reads as a region name: has a letter, no tab, not too long, does not start with a number column. */
export function isNodeName(line: string): boolean {
  const t = line.trim();
  return (
    t.length > 0 &&
    t.length <= 80 &&
    /\p{L}/u.test(t) &&
    !t.includes('\t') &&
    !/^[-+]?\d+(\.\d*)?([\s,;=]|$)/.test(t) &&
    t.split(/\s+/).length <= 6
  );
}

export function parseNodeList(input: TableInput, opts: ParseOptions): LabelTable {
  const { text, warnings } = readTableText(input, opts.fileName);
  const lines = splitLines(text);
  let first = lines.findIndex((l) => l.trim() !== '' && !l.trim().startsWith('#'));
  const legend = first >= 0 && isLegendLine(lines[first]) ? readLegend(lines[first]) : null;
  const b = new TableBuilder(
    'node-list',
    opts.fileName,
    legend ? 'a code from the legend on the first line' : 'a region name',
    warnings,
  );
  if (legend) first++;
  else first = 0;
  let value = 0;
  let pendingBlank: number[] = [];
  const blanksInside: number[] = [];
  for (let i = Math.max(first, 0); i < lines.length; i++) {
    const t = lines[i].trim();
    if (t === '') {
      pendingBlank.push(i + 1);
      continue;
    }
    if (t.startsWith('#')) continue;
    if (value > 0) blanksInside.push(...pendingBlank);
    pendingBlank = [];
    value++;
    if (legend) {
      const name = legend.get(t);
      if (name === undefined) {
        b.fail(i + 1, t, 'is not a code from the legend on the first line');
        continue;
      }
      b.add({ value, name, extra: { code: t } }, i + 1, t);
    } else if (t.includes('\t') || /^[-+]?\d+(\.\d*)?([\s,;=]|$)/.test(t)) {
      b.fail(i + 1, t, 'looks like a row of numbers or columns, not a region name');
    } else {
      b.add({ value, name: t }, i + 1, t);
    }
  }
  if (blanksInside.length > 0) {
    b.warn(
      `blank line${blanksInside.length > 1 ? 's' : ''} ${blanksInside.slice(0, 10).join(', ')} between names ${blanksInside.length > 1 ? 'were' : 'was'} skipped; names after ${blanksInside.length > 1 ? 'them' : 'it'} are numbered as if ${blanksInside.length > 1 ? 'they were' : 'it were'} absent`,
    );
  }
  return b.finish();
}

function readLegend(line: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const part of line.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    m.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return m;
}
