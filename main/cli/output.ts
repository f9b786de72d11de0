/** Plain-text output shared by the `brain-atlas` commands: aligned tables and CSV rows. */

/** Rows as columns padded to the widest cell (the last column is not padded), two spaces apart. */
export function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows
    .map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]))).join('  '))
    .join('\n');
}

/** One CSV line; cells holding a quote, comma or newline are quoted. */
export function csvRow(cells: string[]): string {
  return cells.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',');
}
