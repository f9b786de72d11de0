/**
 * A tiny sfnt font made in code, for the font tests: the tables jsPDF reads (empty glyphs), with a format 4 Unicode
 * cmap mapping the given characters (Basic Multilingual Plane) to glyphs 1, 2, …; 'OTTO' gives a CFF-flavoured
 * header with a 'CFF ' table instead of 'glyf'/'loca'. And a .ttc collection of such fonts.
 */

function table(bytes: number[]): Uint8Array {
  return new Uint8Array(bytes);
}

const be16 = (v: number) => [(v >> 8) & 0xff, v & 0xff];
const be32 = (v: number) => [(v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];

/** A format 4 cmap (platform 3, encoding 1) mapping each character to its own glyph, one segment each. */
function cmap(chars: string): Uint8Array {
  const codes = [...new Set([...chars].map((c) => c.codePointAt(0) as number))].sort((a, b) => a - b);
  const segs = codes.length + 1;
  const ends = [...codes, 0xffff];
  const starts = [...codes, 0xffff];
  const deltas = [...codes.map((c, i) => (i + 1 - c) & 0xffff), 1];
  const sub = [
    ...be16(4),
    ...be16(16 + 8 * segs),
    ...be16(0),
    ...be16(2 * segs),
    ...be16(0),
    ...be16(0),
    ...be16(0),
    ...ends.flatMap(be16),
    ...be16(0),
    ...starts.flatMap(be16),
    ...deltas.flatMap(be16),
    ...Array(segs).fill(0).flatMap(be16),
  ];
  return table([...be16(0), ...be16(1), ...be16(3), ...be16(1), ...be32(12), ...sub]);
}

export function tinyFont(chars: string, flavour: 'true' | 'OTTO' = 'true'): Uint8Array {
  const tags =
    flavour === 'OTTO'
      ? ['CFF ', 'cmap', 'head', 'hhea', 'hmtx', 'maxp']
      : ['cmap', 'glyf', 'head', 'hhea', 'hmtx', 'loca', 'maxp'];
  const bodies = tags.map((t) => (t === 'cmap' ? cmap(chars) : table(Array(t === 'head' ? 54 : 8).fill(0))));
  const head = 12 + 16 * tags.length;
  const out: number[] = [...(flavour === 'OTTO' ? [0x4f, 0x54, 0x54, 0x4f] : be32(0x00010000))];
  out.push(...be16(tags.length), ...be16(0), ...be16(0), ...be16(0));
  let offset = head;
  const records: number[] = [];
  const data: number[] = [];
  tags.forEach((t, i) => {
    records.push(...[...t].map((c) => c.charCodeAt(0)), ...be32(0), ...be32(offset), ...be32(bodies[i].length));
    const padded = [...bodies[i], ...Array((4 - (bodies[i].length % 4)) % 4).fill(0)];
    data.push(...padded);
    offset += padded.length;
  });
  return new Uint8Array([...out, ...records, ...data]);
}

/** A TrueType collection of these fonts (each font's tables kept after the header, offsets from the file start). */
export function tinyCollection(fonts: Uint8Array[]): Uint8Array {
  const header = 12 + 4 * fonts.length;
  const parts: number[] = [];
  const starts: number[] = [];
  let at = header;
  for (const f of fonts) {
    starts.push(at);
    // Rebase the font's table offsets onto the file.
    const copy = new Uint8Array(f);
    const view = new DataView(copy.buffer);
    const n = view.getUint16(4);
    for (let i = 0; i < n; i++) view.setUint32(12 + 16 * i + 8, view.getUint32(12 + 16 * i + 8) + at);
    parts.push(...copy);
    at += copy.length;
  }
  return new Uint8Array([
    0x74,
    0x74,
    0x63,
    0x66,
    ...be32(0x00010000),
    ...be32(fonts.length),
    ...starts.flatMap(be32),
    ...parts,
  ]);
}
