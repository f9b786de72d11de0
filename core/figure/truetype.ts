/**
 * Just enough of the sfnt font format to pick a font a PDF can embed for Chinese text: jsPDF embeds TrueType
 * outlines only (a 'glyf' table; not CFF, as in Noto CJK's .otf/.ttc), one font per file. `sfntFonts` splits a
 * TrueType collection (.ttc, e.g. WenQuanYi Micro Hei) into standalone fonts; `truetypeProblem` says why a font
 * will not do (CFF outlines, a missing table, characters it has no glyph for), or null when it will.
 */

const u16 = (b: Uint8Array, o: number) => (b[o] << 8) | b[o + 1];
const u32 = (b: Uint8Array, o: number) => ((b[o] << 24) | (b[o + 1] << 16) | (b[o + 2] << 8) | b[o + 3]) >>> 0;
const tag = (b: Uint8Array, o: number) => String.fromCharCode(b[o], b[o + 1], b[o + 2], b[o + 3]);

interface TableRecord {
  tag: string;
  checksum: number;
  offset: number;
  length: number;
}

function tables(b: Uint8Array, at: number): TableRecord[] | null {
  if (at + 12 > b.length) return null;
  const n = u16(b, at + 4);
  if (at + 12 + 16 * n > b.length) return null;
  const out: TableRecord[] = [];
  for (let i = 0; i < n; i++) {
    const r = at + 12 + 16 * i;
    const t = { tag: tag(b, r), checksum: u32(b, r + 4), offset: u32(b, r + 8), length: u32(b, r + 12) };
    if (t.offset + t.length > b.length) return null;
    out.push(t);
  }
  return out;
}

/** The font starting at `at` of a file, as a standalone sfnt (tables copied, 4-byte aligned, offsets rewritten). */
function standalone(b: Uint8Array, at: number): Uint8Array | null {
  const list = tables(b, at);
  if (!list) return null;
  const head = 12 + 16 * list.length;
  let size = head;
  for (const t of list) size += (t.length + 3) & ~3;
  const out = new Uint8Array(size);
  out.set(b.subarray(at, at + 12), 0);
  let offset = head;
  list.forEach((t, i) => {
    const r = 12 + 16 * i;
    out.set(b.subarray(at + 12 + 16 * i, at + 12 + 16 * i + 8), r);
    const view = new DataView(out.buffer);
    view.setUint32(r + 8, offset);
    view.setUint32(r + 12, t.length);
    out.set(b.subarray(t.offset, t.offset + t.length), offset);
    offset += (t.length + 3) & ~3;
  });
  return out;
}

/** The fonts in a font file: a .ttf/.otf as it is, each font of a .ttc on its own; [] when it is neither. */
export function sfntFonts(bytes: Uint8Array): Uint8Array[] {
  if (bytes.length < 12) return [];
  if (tag(bytes, 0) === 'ttcf') {
    const n = u32(bytes, 8);
    const out: Uint8Array[] = [];
    for (let i = 0; i < n && 12 + 4 * i + 4 <= bytes.length; i++) {
      const font = standalone(bytes, u32(bytes, 12 + 4 * i));
      if (font) out.push(font);
    }
    return out;
  }
  const version = u32(bytes, 0);
  return version === 0x00010000 || tag(bytes, 0) === 'true' || tag(bytes, 0) === 'OTTO' ? [bytes] : [];
}

/** The glyph index of a code point in a cmap subtable of format 4 or 12 (0 when none). */
function glyphOf(b: Uint8Array, sub: number, cp: number): number {
  const format = u16(b, sub);
  if (format === 4) {
    if (cp > 0xffff) return 0;
    const segs = u16(b, sub + 6) / 2;
    const ends = sub + 14;
    const starts = ends + 2 * segs + 2;
    const deltas = starts + 2 * segs;
    const ranges = deltas + 2 * segs;
    for (let i = 0; i < segs; i++) {
      if (u16(b, ends + 2 * i) < cp) continue;
      const start = u16(b, starts + 2 * i);
      if (start > cp) return 0;
      const delta = u16(b, deltas + 2 * i);
      const range = u16(b, ranges + 2 * i);
      if (range === 0) return (cp + delta) & 0xffff;
      const at = ranges + 2 * i + range + 2 * (cp - start);
      const g = at + 2 <= b.length ? u16(b, at) : 0;
      return g === 0 ? 0 : (g + delta) & 0xffff;
    }
    return 0;
  }
  if (format === 12) {
    const groups = u32(b, sub + 12);
    for (let i = 0; i < groups; i++) {
      const g = sub + 16 + 12 * i;
      if (cp >= u32(b, g) && cp <= u32(b, g + 4)) return u32(b, g + 8) + cp - u32(b, g);
    }
  }
  return 0;
}

/**
 * Why this font cannot carry `text` in a PDF made by jsPDF, or null when it can: TrueType outlines, the tables
 * jsPDF reads, and a glyph for every character of `text` (through a Unicode cmap of format 4 or 12).
 */
export function truetypeProblem(font: Uint8Array, text: string): string | null {
  if (font.length >= 4 && tag(font, 0) === 'OTTO') return 'it has CFF (PostScript) outlines, which jsPDF cannot embed';
  const list = tables(font, 0);
  if (!list) return 'it is not a TrueType font';
  const byTag = new Map(list.map((t) => [t.tag, t]));
  for (const need of ['cmap', 'glyf', 'loca', 'head', 'hhea', 'hmtx', 'maxp'])
    if (!byTag.has(need)) return `it has no '${need}' table`;
  const cmap = byTag.get('cmap') as TableRecord;
  let best = -1;
  let bestRank = -1;
  const n = u16(font, cmap.offset + 2);
  for (let i = 0; i < n; i++) {
    const r = cmap.offset + 4 + 8 * i;
    const platform = u16(font, r);
    const encoding = u16(font, r + 2);
    const sub = cmap.offset + u32(font, r + 4);
    if (sub + 2 > font.length) continue;
    const format = u16(font, sub);
    const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
    const rank = !unicode ? -1 : format === 12 ? 2 : format === 4 ? 1 : -1;
    if (rank > bestRank) {
      best = sub;
      bestRank = rank;
    }
  }
  if (best < 0) return 'it has no Unicode character map';
  for (const ch of text) {
    if (glyphOf(font, best, ch.codePointAt(0) as number) === 0)
      return `it has no glyph for '${ch}' (U+${(ch.codePointAt(0) as number).toString(16).toUpperCase()})`;
  }
  return null;
}
