/**
 * Any TSV/CSV label table with a header that names an index column and (usually) a name column:
 *   index<TAB>node                                  (xcp_d *_info.tsv)
 *   label,ROI,hemi                                  (AAL3 LUT.csv: "1,Precentral,L" → "Precentral_L", left)
 *   label,description,ROI                           (Glasser_LUT.csv: name V1, abbreviation V1, description)
 *   label,hemisphere,short_name,description,…       (Brainnetome BNA_subregions.csv; gyrus, lobe… in extra)
 *   Node,Network                                    (Shen: CR line endings, no names → "Node 1", network "2")
 *
 * Columns are recognised by their header, case and punctuation ignored ("ROI Label" = "roilabel"):
 *   index        index, label_index, label_value, label_id, value, label, id, key, number, roi, node, parcel_id…
 *                (the first of these whose cells are integers), or any header ending in id/index/value/number/label
 *   name         name, label_name, region_name, roi_name, node_name, structure, region, roi, node, area, parcel,
 *                label, short_name, abbreviation, description… (the first whose cells are not integers)
 *   abbreviation abbreviation, abbrev, abbr, acronym, short_name (or the name column when it is ROI/short_name and
 *                a separate description column exists)
 *   description  description, desc, long_name, full_name
 *   hemisphere   hemisphere, hemi, side (L/left/lh, R/right/rh, B/both/bilateral; n/a and empty mean none)
 *   network      network, network_name, net, net_name, community, system
 *   colour       color/colour/hex ("#RRGGBB" or "r g b"), or r/red g/green b/blue columns
 * Every other column is kept in extra under its header. When a hemisphere column is present and the same name
 * occurs in both hemispheres ("Precentral" L and R), "_L"/"_R" is appended so names stay unique, as AAL does.
 *
 * Rows with more fields than the header are taken to have an unquoted delimiter inside the name (AAL3 LUT.csv
 * writes "Thal_LP_L" as "Thal,LP,L"): the extra fields are joined back into the name column, with "_" when that
 * column holds identifier-like names (no spaces, some underscores), and a warning lists the lines.
 * An index column must hold integers, mostly distinct (a network-code column is not an index).
 */
import { AtlasError } from '../../errors';
import {
  dataLines,
  isInteger,
  listLines,
  parseColorText,
  parseRgb,
  parseValue,
  readTableText,
  splitRow,
  TableBuilder,
  type NumberedLine,
  type TableInput,
} from './common';
import type { Hemisphere, LabelEntry, LabelTable, LabelTableFormat, ParseOptions } from './types';

export type Delimiter = '\t' | ',' | ';' | ' ';

export interface Layout {
  delimiter: Delimiter;
  /** Header cells as written. */
  header: string[];
  index: number;
  /** -1 where a role has no column. */
  name: number;
  abbreviation: number;
  description: number;
  hemisphere: number;
  network: number;
  color: number;
  rgb: [number, number, number] | null;
  alpha: number;
  /** The name column holds short names (ROI, short_name) and a description column exists: name doubles as abbreviation. */
  nameIsAbbreviation: boolean;
}

const INDEX_KEYS = [
  'index',
  'labelindex',
  'labelvalue',
  'labelid',
  'labelnumber',
  'labelno',
  'value',
  'label',
  'id',
  'key',
  'number',
  'num',
  'no',
  'nr',
  'idx',
  'roilabel',
  'roiid',
  'roinumber',
  'roiindex',
  'roivalue',
  'roi',
  'node',
  'nodeid',
  'nodenumber',
  'nodeindex',
  'parcel',
  'parcelid',
  'parcelnumber',
  'parcelindex',
  'regionid',
  'regionnumber',
  'regionindex',
  'regionvalue',
  'intensity',
  'greyvalue',
  'grayvalue',
];
const NAME_KEYS = [
  'name',
  'labelname',
  'regionname',
  'roiname',
  'nodename',
  'parcelname',
  'areaname',
  'structurename',
  'structure',
  'region',
  'roi',
  'node',
  'area',
  'parcel',
  'label',
  'anatomy',
  'anatomicallabel',
  'shortname',
  'abbreviation',
  'abbrev',
  'abbr',
  'acronym',
  'description',
  'longname',
  'fullname',
];
const SHORT_NAME_KEYS = ['roi', 'shortname', 'abbreviation', 'abbrev', 'abbr', 'acronym'];
const ABBR_KEYS = ['abbreviation', 'abbrev', 'abbr', 'acronym', 'shortname', 'short'];
const DESC_KEYS = ['description', 'desc', 'longname', 'fullname', 'long'];
const HEMI_KEYS = ['hemisphere', 'hemi', 'side', 'hem'];
const NET_KEYS = ['network', 'networkname', 'net', 'netname', 'community', 'system'];
const COLOR_KEYS = ['color', 'colour', 'hex', 'hexcolor', 'colorhex', 'rgb'];
const R_KEYS = ['r', 'red'];
const G_KEYS = ['g', 'green'];
const B_KEYS = ['b', 'blue'];
const ALPHA_KEYS = ['a', 'alpha'];
const KNOWN = new Set([
  ...INDEX_KEYS,
  ...NAME_KEYS,
  ...ABBR_KEYS,
  ...DESC_KEYS,
  ...HEMI_KEYS,
  ...NET_KEYS,
  ...COLOR_KEYS,
]);

export function normalizeHeader(h: string): string {
  return h.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** The delimiter a header line uses: tab, else comma, else semicolon, else runs of spaces. */
export function headerDelimiter(line: string): Delimiter | null {
  if (line.includes('\t')) return '\t';
  if (line.includes(',')) return ',';
  if (line.includes(';')) return ';';
  if (/\S\s+\S/.test(line.trim())) return ' ';
  return null;
}

export type HeaderAnalysis =
  | { kind: 'layout'; layout: Layout }
  /** A header naming known columns but no integer index column. */
  | { kind: 'no-index'; header: string[] }
  | null;

/**
 * Reads the first data line as a header, if it is one: at least two cells, none of them a number, with a
 * recognised index column whose cells (in the next rows) are integers.
 */
export function analyzeHeader(lines: NumberedLine[]): HeaderAnalysis {
  if (lines.length === 0) return null;
  const first = lines[0].text;
  const delimiter = headerDelimiter(first);
  if (!delimiter) return null;
  const header = splitRow(first, delimiter);
  if (header.length < 2 || header.some((h) => /^[-+]?(\d+\.?\d*|\.\d+)$/.test(h.trim()))) return null;
  const norm = header.map(normalizeHeader);
  const rows = lines.slice(1, 101).map((l) => splitRow(l.text, delimiter));
  const share = (c: number, test: (s: string) => boolean): number => {
    let n = 0;
    let k = 0;
    for (const r of rows) {
      const v = r[c];
      if (v === undefined || v.trim() === '') continue;
      n++;
      if (test(v)) k++;
    }
    return n === 0 ? 1 : k / n;
  };
  const intCol = (c: number) => share(c, (s) => isInteger(s)) >= 0.5;
  // An index column holds distinct values (a network or lobe code column does not).
  const distinct = (c: number) => {
    const vals = rows.map((r) => r[c]?.trim() ?? '').filter((v) => v !== '');
    return vals.length === 0 || new Set(vals).size >= 0.9 * vals.length;
  };
  const indexCol = (c: number) => intCol(c) && distinct(c);
  const textCol = (c: number) => share(c, (s) => !isInteger(s)) >= 0.5;

  let index = -1;
  for (const key of INDEX_KEYS) {
    const c = norm.indexOf(key);
    if (c >= 0 && indexCol(c)) {
      index = c;
      break;
    }
  }
  if (index < 0) index = norm.findIndex((h, c) => /(index|idx|id|value|number|num|label)$/.test(h) && indexCol(c));
  if (index < 0) {
    const known = norm.filter((h) => KNOWN.has(h)).length;
    return known >= 2 ? { kind: 'no-index', header } : null;
  }

  let name = -1;
  for (const key of NAME_KEYS) {
    const c = norm.indexOf(key);
    if (c >= 0 && c !== index && textCol(c)) {
      name = c;
      break;
    }
  }
  if (name < 0) name = norm.findIndex((h, c) => c !== index && /(name|label|region)$/.test(h) && textCol(c));

  const used = new Set([index, name]);
  const pick = (keys: string[]): number => {
    for (const key of keys) {
      const c = norm.indexOf(key);
      if (c >= 0 && !used.has(c)) {
        used.add(c);
        return c;
      }
    }
    return -1;
  };
  const abbreviation = pick(ABBR_KEYS);
  const description = pick(DESC_KEYS);
  const hemisphere = pick(HEMI_KEYS);
  const network = pick(NET_KEYS);
  const color = pick(COLOR_KEYS);
  let rgb: [number, number, number] | null = null;
  const r = R_KEYS.map((k) => norm.indexOf(k)).find((c) => c >= 0 && !used.has(c));
  const g = G_KEYS.map((k) => norm.indexOf(k)).find((c) => c >= 0 && !used.has(c));
  const b = B_KEYS.map((k) => norm.indexOf(k)).find((c) => c >= 0 && !used.has(c));
  if (r !== undefined && g !== undefined && b !== undefined && intCol(r) && intCol(g) && intCol(b)) {
    rgb = [r, g, b];
    used.add(r).add(g).add(b);
  }
  const alpha = rgb ? pick(ALPHA_KEYS) : -1;
  const nameKey = name >= 0 ? norm[name] : '';
  const nameIsAbbreviation =
    name >= 0 && abbreviation < 0 && SHORT_NAME_KEYS.includes(nameKey) && (description >= 0 || nameKey !== 'roi');
  return {
    kind: 'layout',
    layout: {
      delimiter,
      header,
      index,
      name,
      abbreviation,
      description,
      hemisphere,
      network,
      color,
      rgb,
      alpha,
      nameIsAbbreviation,
    },
  };
}

/** A cell with content: not missing, empty or BIDS's "n/a". */
function present(v: string | undefined): v is string {
  return v !== undefined && v !== '' && v.toLowerCase() !== 'n/a';
}

function parseHemisphere(s: string): Hemisphere | null | undefined {
  const t = s.trim().toLowerCase();
  if (t === '' || t === 'n/a' || t === 'na' || t === '-' || t === 'none' || t === 'nan') return undefined;
  if (['l', 'left', 'lh', 'lhs'].includes(t)) return 'left';
  if (['r', 'right', 'rh', 'rhs'].includes(t)) return 'right';
  if (['b', 'both', 'bilateral', 'bi', 'lr', 'rl', 'l+r', 'l/r'].includes(t)) return 'bilateral';
  return null; // something else: kept in extra
}

/** Parses a headered table whose header has already been recognised (shared with the BIDS dseg.tsv parser). */
export function parseWithLayout(
  text: string,
  warnings: string[],
  opts: ParseOptions,
  format: LabelTableFormat,
  rowKind: string,
): LabelTable {
  const lines = dataLines(text, { untrimmed: true });
  const analysis = analyzeHeader(lines.map((l) => ({ line: l.line, text: l.text.trim() })));
  if (!analysis || analysis.kind === 'no-index') {
    const head = lines[0] ? `"${lines[0].text.trim().slice(0, 80)}"` : 'nothing';
    throw new AtlasError(
      'unsupported',
      `the header ${head} names no column of integer label values (expected one such as index, label, value or id)`,
      opts.fileName,
    );
  }
  const L = analysis.layout;
  const b = new TableBuilder(format, opts.fileName, rowKind, warnings);
  const width = L.header.length;
  const rows = lines.slice(1).map((l) => ({ line: l.line, raw: l.text.trim(), cells: splitRow(l.text, L.delimiter) }));
  for (const r of rows) while (r.cells.length > width && r.cells[r.cells.length - 1] === '') r.cells.pop();

  // How to re-join a name split by unquoted delimiters: "_" for identifier-like names (AAL3), else the delimiter.
  let joiner = L.delimiter === ',' ? ', ' : L.delimiter === ';' ? '; ' : ' ';
  if (L.name >= 0) {
    const ok = rows.filter((r) => r.cells.length === width).map((r) => r.cells[L.name] ?? '');
    const spaced = ok.filter((s) => /\s/.test(s)).length;
    if (ok.length > 0 && spaced <= 0.1 * ok.length && ok.some((s) => s.includes('_'))) joiner = '_';
  }

  const overflow: number[] = [];
  const short: number[] = [];
  const badColour: number[] = [];
  const built: { entry: LabelEntry; line: number; raw: string }[] = [];
  const indexHeader = L.header[L.index].trim() || 'Region';
  for (const { line, raw, cells } of rows) {
    if (cells.length > width) {
      if (L.name < 0) {
        b.fail(line, raw, `has ${cells.length} fields where the header has ${width}`);
        continue;
      }
      const extraCount = cells.length - width;
      cells.splice(L.name, extraCount + 1, cells.slice(L.name, L.name + extraCount + 1).join(joiner));
      overflow.push(line);
    } else if (cells.length < width) {
      short.push(line);
    }
    const valueText = cells[L.index];
    const value = parseValue(valueText);
    if (value === null) {
      b.fail(
        line,
        raw,
        valueText === undefined || valueText === ''
          ? `has no value in the "${L.header[L.index]}" column`
          : `has value "${valueText}", which is not a non-negative integer`,
      );
      continue;
    }
    const name = L.name >= 0 ? (cells[L.name] ?? '') : `${indexHeader} ${value}`;
    const entry: LabelEntry = { value, name };
    const extra: Record<string, string> = {};
    if (L.abbreviation >= 0 && present(cells[L.abbreviation])) entry.abbreviation = cells[L.abbreviation];
    else if (L.nameIsAbbreviation && name) entry.abbreviation = name;
    if (L.description >= 0 && present(cells[L.description])) entry.description = cells[L.description];
    if (L.network >= 0 && present(cells[L.network])) entry.network = cells[L.network];
    if (L.hemisphere >= 0 && cells[L.hemisphere] !== undefined) {
      const h = parseHemisphere(cells[L.hemisphere]);
      if (h) entry.hemisphere = h;
      else if (h === null) extra[L.header[L.hemisphere]] = cells[L.hemisphere];
    }
    if (L.color >= 0 && present(cells[L.color])) {
      const c = parseColorText(cells[L.color]);
      if (c) entry.color = c;
      else badColour.push(line);
    } else if (L.rgb) {
      const c = parseRgb(cells[L.rgb[0]], cells[L.rgb[1]], cells[L.rgb[2]]);
      if (c) entry.color = c;
      else if (L.rgb.some((c) => present(cells[c]))) badColour.push(line);
    }
    const roles = new Set([
      L.index,
      L.name,
      L.abbreviation,
      L.description,
      L.hemisphere,
      L.network,
      L.color,
      L.alpha,
      ...(L.rgb ?? []),
    ]);
    for (let c = 0; c < width; c++) {
      if (roles.has(c)) continue;
      const v = cells[c];
      if (present(v)) extra[L.header[c].trim() || `column ${c + 1}`] = v;
    }
    if (Object.keys(extra).length > 0) entry.extra = extra;
    built.push({ entry, line, raw });
  }

  // "Precentral" in both hemispheres → "Precentral_L" / "Precentral_R".
  if (L.hemisphere >= 0 && L.name >= 0) {
    const sides = new Map<string, Set<Hemisphere>>();
    for (const { entry } of built) {
      if (entry.hemisphere !== 'left' && entry.hemisphere !== 'right') continue;
      const s = sides.get(entry.name) ?? new Set<Hemisphere>();
      s.add(entry.hemisphere);
      sides.set(entry.name, s);
    }
    for (const { entry } of built) {
      if ((entry.hemisphere === 'left' || entry.hemisphere === 'right') && sides.get(entry.name)?.size === 2) {
        entry.name = `${entry.name}_${entry.hemisphere === 'left' ? 'L' : 'R'}`;
      }
    }
  }
  for (const { entry, line, raw } of built) b.add(entry, line, raw);

  if (L.name < 0 && built.length > 0) {
    b.warn(`the table has no name column, so regions are named "${indexHeader} <value>"`);
  }
  if (overflow.length > 0) {
    b.warn(
      `line${overflow.length > 1 ? 's' : ''} ${listLines(overflow)} ha${overflow.length > 1 ? 've' : 's'} more fields than the header (${width}); the extra fields were joined into the "${L.header[L.name]}" column with "${joiner}" (an unquoted "${L.delimiter === '\t' ? 'tab' : L.delimiter}" in a name?)`,
    );
  }
  if (short.length > 0) {
    b.warn(
      `line${short.length > 1 ? 's' : ''} ${listLines(short)} ha${short.length > 1 ? 've' : 's'} fewer fields than the header (${width}); the missing columns were left empty`,
    );
  }
  if (badColour.length > 0) {
    b.warn(
      `the colour on line${badColour.length > 1 ? 's' : ''} ${listLines(badColour)} could not be read, so those regions have no colour`,
    );
  }
  return b.finish();
}

export function parseDelimited(input: TableInput, opts: ParseOptions): LabelTable {
  const { text, warnings } = readTableText(input, opts.fileName);
  return parseWithLayout(text, warnings, opts, 'delimited', 'a row of the table (index, name, …)');
}
