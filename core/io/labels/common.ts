/**
 * Shared pieces of the label-table parsers: turning bytes into text with a clear error for binary files, and a
 * builder that applies the common rules (non-negative integer values, trimmed names, background rows dropped,
 * duplicate values keep the first, unreadable lines become warnings, and more than half unreadable is an error).
 */
import { AtlasError } from '../../errors';
import { decodeText, splitLines } from '../text';
import type { LabelEntry, LabelTable, LabelTableFormat, Rgb } from './types';

/** What every parser accepts: the file's bytes, or text already decoded (as parseLabelTable passes it). */
export type TableInput = Uint8Array | string;

export interface TableText {
  text: string;
  /** Encoding guesses worth telling the user about. */
  warnings: string[];
}

const MAX_LISTED = 10;

/** Decodes a label table's bytes, refusing binary files with a message that says what the file seems to be. */
export function readTableText(input: TableInput, fileName: string): TableText {
  if (typeof input === 'string') return { text: stripBom(input), warnings: [] };
  const bytes = input;
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    throw new AtlasError(
      'unsupported',
      'this file is gzip-compressed (probably an image such as .nii.gz), not a label table; choose the table (.txt, .csv, .tsv, .xml, .lut or .json) instead',
      fileName,
    );
  }
  if (looksLikeNifti(bytes)) {
    throw new AtlasError(
      'unsupported',
      'this file is a NIfTI image, not a label table; choose the table (.txt, .csv, .tsv, .xml, .lut or .json) that comes with it',
      fileName,
    );
  }
  if (bytes.length === 768 && hasControlBytes(bytes)) {
    throw new AtlasError(
      'unsupported',
      'this 768-byte binary file looks like an MRIcron colour table (.lut), not a label table; open the matching .nii.txt and give this file as its colours',
      fileName,
    );
  }
  // XML that declares a Latin-1 encoding is read as declared (AAL3 and CPP_ROI files say ISO-8859-1).
  const head = new TextDecoder('windows-1252').decode(bytes.subarray(0, 200));
  const declared = /^\s*<\?xml[^>]*encoding\s*=\s*["']\s*(iso-8859-1|latin-?1|windows-1252|cp1252)\s*["']/i.exec(head);
  if (declared && !isValidUtf8(bytes)) {
    const text = new TextDecoder('windows-1252').decode(bytes);
    return { text: stripBom(text), warnings: [] };
  }
  const decoded = decodeText(bytes, fileName);
  if (controlCharShare(decoded.text) > 0.1) {
    throw new AtlasError('unsupported', 'this is a binary file, not a text label table', fileName);
  }
  const warnings: string[] = [];
  if (decoded.encoding === 'windows-1252') {
    warnings.push(
      'the file is not valid UTF-8, so it was read as Windows-1252 (Latin-1); check that accented names look right',
    );
  }
  return { text: stripBom(decoded.text), warnings };
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function looksLikeNifti(bytes: Uint8Array): boolean {
  if (bytes.length < 348) return false;
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const le = dv.getInt32(0, true);
  const be = dv.getInt32(0, false);
  const magic1 = String.fromCharCode(bytes[344], bytes[345], bytes[346]);
  if ((le === 348 || be === 348) && (magic1 === 'n+1' || magic1 === 'ni1')) return true;
  if ((le === 540 || be === 540) && bytes.length >= 8) {
    const magic2 = String.fromCharCode(bytes[4], bytes[5], bytes[6]);
    return magic2 === 'n+2' || magic2 === 'ni2';
  }
  return false;
}

function hasControlBytes(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) return true;
  }
  return false;
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function controlCharShare(text: string): number {
  const n = Math.min(text.length, 4096);
  if (n === 0) return 0;
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || c === 0xfffd) bad++;
  }
  return bad / n;
}

/** A text line with its 1-based line number in the file. */
export interface NumberedLine {
  line: number;
  text: string;
}

/**
 * The lines that carry data: trimmed (unless untrimmed), blank lines dropped, and (unless keepHash) lines starting with '#' dropped.
 * Line numbers count every line of the file, whatever its line ending (LF, CRLF or CR).
 */
export function dataLines(text: string, opts: { keepHash?: boolean; untrimmed?: boolean } = {}): NumberedLine[] {
  const out: NumberedLine[] = [];
  const lines = splitLines(text);
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i].trim();
    if (t === '') continue;
    if (!opts.keepHash && t.startsWith('#')) continue;
    out.push({ line: i + 1, text: opts.untrimmed ? lines[i] : t });
  }
  return out;
}

/** A voxel value: a non-negative integer ("12", "+12", "12.0"); null for anything else. */
export function parseValue(s: string | undefined): number | null {
  if (s === undefined) return null;
  const t = s.trim();
  const m = /^\+?(\d+)(?:\.0*)?$/.exec(t);
  if (!m) return null;
  const v = Number(m[1]);
  return Number.isSafeInteger(v) ? v : null;
}

/** True when the text is an integer (possibly negative): used to tell value columns from name columns. */
export function isInteger(s: string | undefined): boolean {
  return s !== undefined && /^[-+]?\d+(?:\.0*)?$/.test(s.trim());
}

/** True when the text is a plain number (integer or decimal). */
export function isNumber(s: string | undefined): boolean {
  return s !== undefined && /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/.test(s.trim());
}

/** A 0..255 channel: an integer in range, else null. */
export function parseByte(s: string | undefined): number | null {
  if (s === undefined || !/^\+?\d+(?:\.0*)?$/.test(s.trim())) return null;
  const v = Number(s.trim().replace(/\.0*$/, ''));
  return v >= 0 && v <= 255 ? v : null;
}

/** Three 0..255 channels, else null. */
export function parseRgb(r: string | undefined, g: string | undefined, b: string | undefined): Rgb | null {
  const R = parseByte(r);
  const G = parseByte(g);
  const B = parseByte(b);
  return R === null || G === null || B === null ? null : [R, G, B];
}

/** "#RRGGBB", "RRGGBB", "#RGB", "r g b", "r,g,b" or "(r, g, b)" with 0..255 channels; null if unreadable. */
export function parseColorText(s: string): Rgb | null {
  const t = s.trim();
  let m = /^#?([0-9a-fA-F]{6})$/.exec(t);
  if (m) {
    const n = parseInt(m[1], 16);
    return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  }
  m = /^#([0-9a-fA-F]{3})$/.exec(t);
  if (m) {
    const [r, g, b] = m[1].split('').map((c) => parseInt(c + c, 16));
    return [r, g, b];
  }
  const parts = t
    .replace(/^[([]|[)\]]$/g, '')
    .split(/[\s,;]+/)
    .filter((p) => p !== '');
  if (parts.length === 3 || parts.length === 4) return parseRgb(parts[0], parts[1], parts[2]);
  return null;
}

/** Names that mean "no region" when they sit on value 0 (FreeSurfer "Unknown", JHU "Unclassified", neuroparc "empty"). */
export function isBackgroundName(name: string | null | undefined): boolean {
  if (name === null || name === undefined) return true;
  const t = name.trim().toLowerCase();
  return (
    t === '' ||
    /^(unclassified|unknown|background|empty|null|none|nan|n\/a|bg|clear ?label|unlabell?ed|no ?label|outside|exterior)$/.test(
      t,
    ) ||
    /^[*.?\-_ ]+$/.test(t) // "*.*.*.*.*" (Talairach), "???", "-"
  );
}

/**
 * Why JSON.parse refused `text`, as a short phrase with the line and column: "expected ',' or '}' after property
 * value at line 3, column 12". The engine's own message can quote the text around the error, line breaks, control
 * characters and all, so only its reason is kept.
 */
export function jsonSyntaxProblem(e: unknown, text: string): string {
  const msg = e instanceof Error ? e.message : String(e);
  if (/unexpected end of json/i.test(msg)) return 'it ends before the JSON is complete (is the file cut short?)';
  const at = /\bat position (\d+)/.exec(msg);
  if (at) {
    const pos = Math.min(Number(at[1]), text.length);
    const before = text.slice(0, pos);
    const line = before.split(/\r\n|\r|\n/).length;
    const column = pos - Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r'));
    const reason = msg.replace(/\s*in JSON at position.*$/s, '').replace(/\s*at position.*$/s, '');
    return `${clip(reason, 80).replace(/^./, (c) => c.toLowerCase())} at line ${line}, column ${column}`;
  }
  const token = /^Unexpected token '([\s\S]+?)',/.exec(msg);
  if (token) {
    const c = token[1];
    const shown = /^[\x21-\x7e]$/.test(c)
      ? `"${c}"`
      : `U+${c.codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0')}`;
    const pos = text.indexOf(c);
    if (pos >= 0) {
      const before = text.slice(0, pos);
      const line = before.split(/\r\n|\r|\n/).length;
      return `unexpected character ${shown} at line ${line}`;
    }
    return `unexpected character ${shown}`;
  }
  return 'a syntax error';
}

/** A line shortened for an error message. */
export function clip(text: string, max = 60): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/** "3, 7, 9 and 4 more" */
export function listLines(lines: number[]): string {
  const shown = lines.slice(0, MAX_LISTED).join(', ');
  return lines.length > MAX_LISTED ? `${shown} and ${lines.length - MAX_LISTED} more` : shown;
}

/** Where a row came from: a line number, or a description for formats without lines (JSON keys). */
export type Where = number | string;

function whereText(where: Where): string {
  return typeof where === 'number' ? `line ${where}` : where;
}

/**
 * Collects entries while applying the rules every format shares. `rowKind` names a good row for messages:
 * 'a FreeSurfer LUT row ("value name R G B A")'.
 */
export class TableBuilder {
  readonly entries: LabelEntry[] = [];
  readonly warnings: string[];
  readonly meta: Record<string, string> = {};
  private readonly seen = new Map<number, { where: Where; name: string }>();
  private readonly duplicates: string[] = [];
  private readonly bad: { where: Where; text: string; why: string | undefined }[] = [];
  private rows = 0;

  constructor(
    readonly format: LabelTableFormat,
    readonly fileName: string,
    readonly rowKind: string,
    warnings: string[] = [],
  ) {
    this.warnings = [...warnings];
  }

  /** Adds a region. Value-0 background rows are noted in meta.background and left out; repeated values keep the first. */
  add(entry: LabelEntry, where: Where, raw = ''): void {
    this.rows++;
    const name = entry.name.trim();
    if (entry.value === 0 && isBackgroundName(name)) {
      this.meta.background = name === '' ? '(unnamed)' : name;
      return;
    }
    if (name === '') {
      this.bad.push({ where, text: raw, why: 'has no name' });
      return;
    }
    const first = this.seen.get(entry.value);
    if (first) {
      this.duplicates.push(
        `value ${entry.value} appears again on ${whereText(where)} ("${clip(name, 40)}"); the first, on ${whereText(first.where)} ("${clip(first.name, 40)}"), was kept`,
      );
      return;
    }
    this.seen.set(entry.value, { where, name });
    this.entries.push({ ...entry, name });
  }

  /** Records a row that could not be read. `why` completes the sentence `line N: "text" …`; by default "is not <rowKind>". */
  fail(where: Where, text: string, why?: string): void {
    this.rows++;
    this.bad.push({ where, text, why });
  }

  warn(message: string): void {
    this.warnings.push(message);
  }

  /** Number of rows seen so far (good, bad, background and duplicates). */
  get rowCount(): number {
    return this.rows;
  }

  finish(extra: Partial<Pick<LabelTable, 'probabilistic' | 'meta'>> = {}): LabelTable {
    if (this.rows === 0) {
      throw new AtlasError('corrupt', `this table has no label rows (expected ${this.rowKind})`, this.fileName);
    }
    if (this.bad.length * 2 > this.rows) {
      const b = this.bad[0];
      throw new AtlasError(
        'corrupt',
        `${whereText(b.where)}: ${this.describe(b)}, and ${this.bad.length} of ${this.rows} rows could not be read, so this is not a table I can use`,
        this.fileName,
      );
    }
    const warnings = [...this.warnings];
    for (const b of this.bad.slice(0, MAX_LISTED)) warnings.push(`${whereText(b.where)} skipped: ${this.describe(b)}`);
    if (this.bad.length > MAX_LISTED)
      warnings.push(`${this.bad.length - MAX_LISTED} more unreadable rows were skipped`);
    for (const d of this.duplicates.slice(0, MAX_LISTED)) warnings.push(d);
    if (this.duplicates.length > MAX_LISTED) {
      warnings.push(`${this.duplicates.length - MAX_LISTED} more repeated values were ignored`);
    }
    if (this.entries.length === 0) {
      throw new AtlasError('invalid-labels', 'this table lists no regions, only background', this.fileName);
    }
    // Value 0 is background in every label volume: a table naming nothing else names no region.
    if (this.entries.every((e) => e.value === 0)) {
      throw new AtlasError(
        'invalid-labels',
        'this table names only value 0, which is the background of a label volume, so it names no regions',
        this.fileName,
      );
    }
    const meta = { ...this.meta, ...(extra.meta ?? {}) };
    const table: LabelTable = { format: this.format, entries: this.entries, warnings };
    if (extra.probabilistic !== undefined) table.probabilistic = extra.probabilistic;
    if (Object.keys(meta).length > 0) table.meta = meta;
    return table;
  }

  private describe(b: { text: string; why: string | undefined }): string {
    const quoted = b.text === '' ? 'the row' : `"${clip(b.text)}"`;
    // `why` may quote a field of the row ("has index \"…\""): one line, whatever the field holds.
    return `${quoted} ${(b.why ?? `is not ${this.rowKind}`).replace(/\s+/g, ' ')}`;
  }
}

/** Splits one CSV line (RFC 4180 quoting: "a, b" and "" for a quote). Fields are trimmed. */
export function splitCsvLine(line: string, delimiter = ','): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  let wasQuoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"') {
        if (line[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"' && field.trim() === '') {
      quoted = true;
      wasQuoted = true;
      field = '';
    } else if (c === delimiter) {
      out.push(wasQuoted ? field : field.trim());
      field = '';
      wasQuoted = false;
    } else if (!(wasQuoted && /\s/.test(c))) field += c;
  }
  out.push(wasQuoted ? field : field.trim());
  return out;
}

/** Splits a row by the given delimiter: CSV quoting for ',' and ';', plain split (outer quotes removed) for tabs, runs of spaces for ' '. */
export function splitRow(line: string, delimiter: string): string[] {
  if (delimiter === ',' || delimiter === ';') return splitCsvLine(line, delimiter);
  const parts = delimiter === ' ' ? line.trim().split(/\s+/) : line.split(delimiter);
  return parts.map((p) => {
    const t = p.trim();
    return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1).replace(/""/g, '"') : t;
  });
}

/** True for a plain JSON object (not null, not an array). */
export function isJsonObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** A JSON label table's text parsed, or a 'corrupt' error saying where it breaks. */
export function parseTableJson(text: string, fileName: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new AtlasError('corrupt', `this is not valid JSON (${jsonSyntaxProblem(e, text)})`, fileName);
  }
}
