/**
 * MRIcron label text (aal.nii.txt, AICHAmc.nii.txt, JHU-WhiteMatter-labels-1mm.nii.txt):
 *   1 Precentral_L 2001          (AAL: the third column is an anatomical code)
 *   1 G_Frontal_Sup-1 2          (AICHA)
 *   0<TAB>Unclassified           (JHU: a value-0 background row, left out)
 * "index name [code]", separated by spaces or tabs (with tabs a name may contain spaces). The optional third
 * column is kept as extra.code. Colours come from the optional binary .lut next to the image (opts.colorLut):
 * 768 bytes, 256 red, then 256 green, then 256 blue; the colour of value v is (R[v], G[v], B[v]).
 */
import { AtlasError } from '../../errors';
import { isInteger, isNumber, parseValue, readTableText, dataLines, TableBuilder, type TableInput } from './common';
import type { LabelEntry, LabelTable, ParseOptions, Rgb } from './types';

const ROW = 'an MRIcron row ("index name [code]")';

function split(line: string): string[] {
  const t = line.trim();
  if (t.includes('\t'))
    return t
      .split('\t')
      .map((x) => x.trim())
      .filter((x) => x !== '');
  return t.split(/\s+/);
}

/** True for an "index name [integer]" line (used by format detection). */
export function isMricronRow(line: string): boolean {
  const f = split(line);
  return (f.length === 2 || (f.length === 3 && isInteger(f[2]))) && isInteger(f[0]) && !isNumber(f[1]);
}

/**
 * Reads MRIcron's binary colour table: 768 bytes, 256 R then 256 G then 256 B. Returns 256 colours, index = value.
 */
export function parseMricronLut(bytes: Uint8Array, fileName?: string): Rgb[] {
  if (bytes.length !== 768) {
    throw new AtlasError(
      'corrupt',
      `an MRIcron colour table (.lut) is 768 bytes (256 red, 256 green, 256 blue), but this one is ${bytes.length} bytes`,
      fileName,
    );
  }
  const out: Rgb[] = [];
  for (let v = 0; v < 256; v++) out.push([bytes[v], bytes[256 + v], bytes[512 + v]]);
  return out;
}

export function parseMricronTxt(input: TableInput, opts: ParseOptions): LabelTable {
  const { text, warnings } = readTableText(input, opts.fileName);
  const b = new TableBuilder('mricron-txt', opts.fileName, ROW, warnings);
  let colours: Rgb[] | undefined;
  if (opts.colorLut) {
    try {
      colours = parseMricronLut(opts.colorLut);
    } catch (e) {
      b.warn(`the colour table was ignored: ${(e as Error).message}`);
    }
  }
  const beyondLut: number[] = [];
  for (const { line, text: row } of dataLines(text)) {
    const f = split(row);
    const value = parseValue(f[0]);
    if (value === null) {
      b.fail(line, row, isInteger(f[0]) ? `has value "${f[0]}", which is not a non-negative integer` : undefined);
      continue;
    }
    let name: string;
    let code: string | undefined;
    if (f.length >= 3 && isInteger(f[f.length - 1])) {
      code = f[f.length - 1];
      name = f.slice(1, -1).join(' ');
    } else {
      name = f.slice(1).join(' ');
    }
    const entry: LabelEntry = { value, name };
    if (code !== undefined) entry.extra = { code };
    if (colours) {
      if (value < 256) entry.color = colours[value];
      else beyondLut.push(value);
    }
    b.add(entry, line, row);
  }
  if (beyondLut.length > 0) {
    b.warn(
      `values ${beyondLut.slice(0, 10).join(', ')}${beyondLut.length > 10 ? '…' : ''} are above 255, beyond the 256 colours of the .lut, so they have no colour`,
    );
  }
  return b.finish();
}
