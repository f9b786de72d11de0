/**
 * Label-table format detection by content, and the one entry point that parses any supported table.
 *
 * Detection order (file name only breaks ties, and picks the parser that reports a corrupt file):
 *   1. text starting with '<'  → XML: <label index="…"> is FSL atlas XML; <label><index>… is SPM/AAL XML.
 *   2. text starting with '{'  → JSON with a "rois" object: neuroparc sidecar; with "labels", "R", "G", "B"
 *      arrays: NiiVue label colour map.
 *   3. first line "0=a,1=b,…" followed by integer codes → node list with a legend (Seitzman anatomical labels).
 *   4. every line one number → value column (AFNI .1D: line i gives label i a value, e.g. its community).
 *   5. first line a header (≥2 non-numeric cells) naming an integer index column → BIDS dseg.tsv when tab-separated
 *      with "index" and "name" columns, else a generic delimited table.
 *   6. otherwise every line is scored against each line format, and the best share of matching lines wins:
 *      Workbench label list (name line, then "index R G B A"), CBIG (tab-separated "index name R G B 0", no '#'
 *      comments; preferred over FreeSurfer when every such row uses tabs), FreeSurfer LUT ("value name R G B [A]"), FSLeyes LUT ("value r g b name", 0..1), MRIcron
 *      ("index name [code]"), neuroparc CSV ("value,name"), node list (one name per line).
 */
import { AtlasError } from '../../errors';
import { dataLines, jsonSyntaxProblem, readTableText, type NumberedLine, type TableInput } from './common';
import { isBidsDsegHeader, parseBidsDsegTsv } from './bids-dseg';
import { isCbigRow, parseCbigTxt } from './cbig-txt';
import { analyzeHeader, parseDelimited } from './delimited';
import { isFreeSurferLutRow, parseFreeSurferLut } from './freesurfer-lut';
import { parseFslXml } from './fsl-xml';
import { isFsleyesLutRow, parseFsleyesLut } from './fsleyes-lut';
import { isMricronRow, parseMricronLut, parseMricronTxt } from './mricron-txt';
import { isNeuroparcCsvRow, parseNeuroparcCsv } from './neuroparc-csv';
import { isNeuroparcJson, parseNeuroparcJson } from './neuroparc-json';
import { isNiivueLabelJson, parseNiivueJson } from './niivue-json';
import { isLegendLine, isNodeName, parseNodeList } from './node-list';
import { parseSpmXml } from './spm-xml';
import type { FileTableFormat, LabelTable, ParseOptions } from './types';
import { isValueLine, parseValueColumn } from './value-column';
import { isWorkbenchKeyLine, parseWorkbenchLabelList } from './workbench-label-list';
import { childElements, findAll, parseXml, rootElement } from './xml';

export {
  parseBidsDsegTsv,
  parseCbigTxt,
  parseDelimited,
  parseFreeSurferLut,
  parseFslXml,
  parseFsleyesLut,
  parseMricronLut,
  parseMricronTxt,
  parseNeuroparcCsv,
  parseNeuroparcJson,
  parseNiivueJson,
  parseNodeList,
  parseSpmXml,
  parseValueColumn,
  parseWorkbenchLabelList,
};

export type LabelTableParser = (input: TableInput, opts: ParseOptions) => LabelTable;

/** One parser per format. Each accepts bytes or already-decoded text. */
/** One parser per file format ('catalog' names come from the catalog, not a file). */
export const LABEL_TABLE_PARSERS: Record<FileTableFormat, LabelTableParser> = {
  'fsl-xml': parseFslXml,
  'spm-xml': parseSpmXml,
  'freesurfer-lut': parseFreeSurferLut,
  'cbig-txt': parseCbigTxt,
  'mricron-txt': parseMricronTxt,
  'fsleyes-lut': parseFsleyesLut,
  'neuroparc-csv': parseNeuroparcCsv,
  'neuroparc-json': parseNeuroparcJson,
  'niivue-json': parseNiivueJson,
  'bids-dseg-tsv': parseBidsDsegTsv,
  delimited: parseDelimited,
  'node-list': parseNodeList,
  'workbench-label-list': parseWorkbenchLabelList,
  'value-column': parseValueColumn,
};

const KNOWN_FORMATS =
  'expected FSL or SPM atlas XML, a FreeSurfer LUT, CBIG/Schaefer .txt, MRIcron .nii.txt, FSLeyes .lut, neuroparc CSV or JSON, a NiiVue label colour map (.json), BIDS dseg.tsv, a CSV/TSV with index and name columns, a one-name-per-line list, a one-value-per-line column (AFNI .1D) or a Workbench label list';

interface Detection {
  format: FileTableFormat | null;
  /** Why nothing matched, completing "…, so this is not a label table format I know". */
  why?: string;
  code?: 'unsupported' | 'corrupt';
}

type LineFormat = 'cbig-txt' | 'freesurfer-lut' | 'fsleyes-lut' | 'mricron-txt' | 'neuroparc-csv' | 'node-list';

/** Line classifiers, in priority order for ties (CBIG rows are also FreeSurfer-shaped; tabs make them CBIG). */
const LINE_TESTS: [LineFormat, (line: string) => boolean][] = [
  ['cbig-txt', isCbigRow],
  ['freesurfer-lut', isFreeSurferLutRow],
  ['fsleyes-lut', isFsleyesLutRow],
  ['mricron-txt', isMricronRow],
  ['neuroparc-csv', isNeuroparcCsvRow],
  ['node-list', isNodeName],
];

/** Formats the file name suggests, most likely first. Used only to break ties between equally good readings. */
function nameHints(fileName: string): FileTableFormat[] {
  const f = fileName.toLowerCase();
  const out: FileTableFormat[] = [];
  if (/\.nii(\.gz)?\.txt$/.test(f)) out.push('mricron-txt');
  if (/dseg\.tsv$/.test(f)) out.push('bids-dseg-tsv');
  if (/\.lut$/.test(f)) out.push('fsleyes-lut', 'freesurfer-lut');
  if (/lut\.txt$/.test(f)) out.push('freesurfer-lut');
  if (/_label\.txt$/.test(f)) out.push('workbench-label-list', 'node-list');
  if (/nodenames\.txt$/.test(f)) out.push('node-list');
  if (/\.csv$/.test(f)) out.push('neuroparc-csv', 'delimited');
  if (/\.tsv$/.test(f)) out.push('delimited');
  if (/\.json$/.test(f)) out.push('neuroparc-json');
  if (/\.txt$/.test(f)) out.push('cbig-txt', 'mricron-txt', 'node-list');
  return out;
}

function workbenchScore(lines: NumberedLine[]): number {
  if (lines.length < 2) return 0;
  let good = 0;
  const pairs = Math.ceil(lines.length / 2);
  for (let i = 0; i + 1 < lines.length; i += 2) {
    if (!isWorkbenchKeyLine(lines[i].text) && isWorkbenchKeyLine(lines[i + 1].text)) good++;
  }
  return good / pairs;
}

function detectText(text: string, fileName: string): Detection {
  const start = text.trimStart();
  if (start === '') return { format: null, why: 'the file is empty', code: 'corrupt' };

  if (start.startsWith('<')) {
    const doc = parseXml(text);
    const labels = findAll(doc, 'label');
    if (labels.some((l) => l.attrs.index !== undefined)) return { format: 'fsl-xml' };
    if (labels.some((l) => childElements(l, 'index').length > 0)) return { format: 'spm-xml' };
    const root = rootElement(doc);
    if (root?.name === 'gifti') {
      return { format: null, why: 'this is a GIFTI surface file (its label table belongs to a surface)' };
    }
    return { format: null, why: `this XML${root ? ` (<${root.name}>)` : ''} has no atlas <label> elements` };
  }

  if (start.startsWith('{') || start.startsWith('[')) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      return {
        format: null,
        why: `this looks like JSON but does not parse (${jsonSyntaxProblem(e, text)})`,
        code: 'corrupt',
      };
    }
    if (isNeuroparcJson(json)) return { format: 'neuroparc-json' };
    if (isNiivueLabelJson(json)) return { format: 'niivue-json' };
    return { format: null, why: 'this JSON has neither a "rois" object nor "labels" with "R", "G", "B" arrays' };
  }

  const allLines = dataLines(text);
  const lines = allLines.slice(0, 4000);
  if (lines.length === 0) return { format: null, why: 'the file holds only comments', code: 'corrupt' };

  if (isLegendLine(lines[0].text)) {
    const codes = lines.slice(1).filter((l) => /^\d+$/.test(l.text)).length;
    if (lines.length > 1 && codes * 2 >= lines.length - 1) return { format: 'node-list' };
  }

  // One number per line and nothing else: a value column (AFNI .1D), line i for label i.
  if (lines.every((l) => isValueLine(l.text))) return { format: 'value-column' };

  const header = analyzeHeader(lines);
  if (header?.kind === 'layout') {
    return { format: isBidsDsegHeader(lines[0].text) ? 'bids-dseg-tsv' : 'delimited' };
  }
  if (header?.kind === 'no-index') {
    return {
      format: null,
      why: `its header ("${header.header.join(', ').slice(0, 80)}") names no column of integer label values such as index, label, value or id`,
    };
  }

  const hints = nameHints(fileName);
  const scores = new Map<FileTableFormat, number>();
  scores.set('workbench-label-list', workbenchScore(lines));
  // CBIG rows are FreeSurfer rows separated by tabs; comment lines are a FreeSurfer trait, so they rule CBIG out.
  const hasComments = dataLines(text, { keepHash: true }).length > allLines.length;
  for (const [format, test] of LINE_TESTS) {
    let n = 0;
    if (format !== 'cbig-txt' || !hasComments) for (const l of lines) if (test(l.text)) n++;
    scores.set(format, n / lines.length);
  }
  // Same share of lines (all tab-separated): the content says CBIG, whatever the name.
  if ((scores.get('cbig-txt') ?? 0) >= 0.5 && scores.get('cbig-txt') === scores.get('freesurfer-lut')) {
    scores.set('freesurfer-lut', 0);
  }
  const order: FileTableFormat[] = ['workbench-label-list', ...LINE_TESTS.map(([f]) => f)];
  const best = Math.max(...scores.values());
  const rank = (f: FileTableFormat) => {
    const h = hints.indexOf(f);
    return h >= 0 ? h : hints.length + order.indexOf(f);
  };
  if (best >= 0.5) {
    const top = order.filter((f) => (scores.get(f) ?? 0) >= best - 1e-9).sort((a, b) => rank(a) - rank(b));
    return { format: top[0] };
  }
  // Nothing fits most lines. If the first line is a row of some format (not a bare name), read it as that format:
  // its parser then reports which line is wrong and how many failed.
  const firstFits = LINE_TESTS.filter(([f, test]) => f !== 'node-list' && test(lines[0].text)).map(([f]) => f);
  if (firstFits.length > 0) return { format: firstFits.sort((a, b) => rank(a) - rank(b))[0] };
  return { format: null };
}

/**
 * The format of a label table, judged by its content (the file name only breaks ties), or null when it is not a
 * label table format this program reads (binary files included).
 */
export function detectLabelTableFormat(bytes: TableInput, fileName: string): FileTableFormat | null {
  let text: string;
  try {
    text = readTableText(bytes, fileName).text;
  } catch {
    return null;
  }
  return detectText(text, fileName).format;
}

/**
 * Parses any supported label table. Throws AtlasError: 'unsupported' for binary files and unknown formats,
 * 'corrupt' when most rows cannot be read (the message names the first bad line), 'invalid-labels' when the table
 * lists only background.
 */
export function parseLabelTable(bytes: TableInput, opts: ParseOptions): LabelTable {
  const { text, warnings } = readTableText(bytes, opts.fileName);
  const d = detectText(text, opts.fileName);
  if (!d.format) {
    const why = d.why ? `${d.why}, so this` : 'this';
    if (d.code === 'corrupt')
      throw new AtlasError('corrupt', `${d.why ?? 'the file is unreadable'}; expected a label table`, opts.fileName);
    throw new AtlasError('unsupported', `${why} is not a label table format I know (${KNOWN_FORMATS})`, opts.fileName);
  }
  const table = LABEL_TABLE_PARSERS[d.format](text, opts);
  if (opts.colorLut && d.format !== 'mricron-txt') {
    warnings.push(
      `the colour table was ignored: only MRIcron .nii.txt tables take one, and this is a ${d.format} table`,
    );
  }
  table.warnings.unshift(...warnings);
  return table;
}
