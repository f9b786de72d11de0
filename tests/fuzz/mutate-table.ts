/**
 * Label-table mutations as recipes (plain data, replayable from corpus.ts), applied to a copy of a seed table:
 * truncation, byte edits, line duplication and deletion, swapped delimiters, binary junk, odd encodings.
 */
import fc from 'fast-check';
import type { TableSeed } from './seeds';

export type TableMutation =
  | { k: 'truncate'; keep: number }
  | { k: 'byte'; at: number; value: number }
  | { k: 'insert'; at: number; bytes: readonly number[] }
  | { k: 'dupLine'; line: number }
  | { k: 'delLine'; line: number }
  | { k: 'swapLines'; a: number; b: number }
  /** Replaces every `from` delimiter with `to` (tab, comma, space, semicolon, '=' or '|'). */
  | { k: 'delim'; from: string; to: string }
  /** Replaces a line with `text`. */
  | { k: 'setLine'; line: number; text: string }
  /** Prepends a UTF-8 or UTF-16 byte-order mark. */
  | { k: 'bom'; bytes: readonly number[] };

export interface TableRecipe {
  seed: string;
  mutations: TableMutation[];
}

const NL = 0x0a;

function splitLinesKeep(b: Uint8Array): Uint8Array[] {
  const lines: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i < b.length; i++) {
    if (b[i] === NL) {
      lines.push(b.subarray(start, i + 1));
      start = i + 1;
    }
  }
  if (start < b.length) lines.push(b.subarray(start));
  return lines;
}

function concat(parts: ArrayLike<number>[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

const enc = (s: string) => new TextEncoder().encode(s);

export function applyTable(seed: TableSeed, mutations: TableMutation[]): Uint8Array {
  let b: Uint8Array = seed.bytes.slice();
  for (const m of mutations) {
    switch (m.k) {
      case 'truncate':
        b = b.slice(0, m.keep % (b.length + 1));
        break;
      case 'byte':
        if (b.length > 0) b[m.at % b.length] = m.value & 0xff;
        break;
      case 'insert': {
        const at = m.at % (b.length + 1);
        b = concat([b.subarray(0, at), m.bytes, b.subarray(at)]);
        break;
      }
      case 'dupLine':
      case 'delLine':
      case 'setLine':
      case 'swapLines': {
        const lines = splitLinesKeep(b);
        if (lines.length === 0) break;
        const i = (m.k === 'swapLines' ? m.a : m.line) % lines.length;
        if (m.k === 'dupLine') lines.splice(i, 0, lines[i]);
        else if (m.k === 'delLine') lines.splice(i, 1);
        else if (m.k === 'setLine') lines[i] = enc(`${m.text}\n`);
        else {
          const j = m.b % lines.length;
          [lines[i], lines[j]] = [lines[j], lines[i]];
        }
        b = concat(lines);
        break;
      }
      case 'delim': {
        const from = m.from.charCodeAt(0);
        const to = enc(m.to);
        const parts: ArrayLike<number>[] = [];
        let start = 0;
        for (let i = 0; i < b.length; i++) {
          if (b[i] === from) {
            parts.push(b.subarray(start, i), to);
            start = i + 1;
          }
        }
        parts.push(b.subarray(start));
        b = concat(parts);
        break;
      }
      case 'bom':
        b = concat([m.bytes, b]);
        break;
    }
  }
  return b;
}

// ---- arbitraries ----

const DELIMS = ['\t', ',', ' ', ';', '=', '|', '\n', '"', '<', '>', '{', '}', ':'];

/** Lines that look like rows of some format, or of none, to splice in. */
const lineText = fc.oneof(
  fc.constantFrom(
    '',
    '0',
    '-1 Negative 0 0 0 0',
    '4294967296 Huge 1 2 3 0',
    '1e3 Exp 1 2 3',
    '3 NaN NaN NaN NaN',
    '99999999999999999999,Huge',
    'index\tname',
    '<label index="x">Broken</label>',
    '<label><index>-5</index><name></name></label>',
    '{"rois": {"1": {"label": null}}}',
    '"unterminated,quote',
    '1\t\t\t\t\t',
    '# comment',
    '0=a,1=b',
    '\u0000\u0001\u0002',
    'Ω≈ç√∫ nämé',
  ),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
);

export const tableMutation: fc.Arbitrary<TableMutation> = fc.oneof(
  fc.record({ k: fc.constant('truncate' as const), keep: fc.nat() }),
  fc.record({ k: fc.constant('byte' as const), at: fc.nat(), value: fc.nat({ max: 255 }) }),
  fc.record({
    k: fc.constant('insert' as const),
    at: fc.nat(),
    bytes: fc.oneof(
      fc.array(fc.nat({ max: 255 }), { minLength: 1, maxLength: 64 }),
      fc.constantFrom([0, 0, 0, 0], [0xff, 0xfe], [0xc3, 0x28], [0x1f, 0x8b, 8, 0], [0xef, 0xbb, 0xbf]),
    ),
  }),
  fc.record({ k: fc.constant('dupLine' as const), line: fc.nat() }),
  fc.record({ k: fc.constant('delLine' as const), line: fc.nat() }),
  fc.record({ k: fc.constant('swapLines' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ k: fc.constant('delim' as const), from: fc.constantFrom(...DELIMS), to: fc.constantFrom(...DELIMS, '') }),
  fc.record({ k: fc.constant('setLine' as const), line: fc.nat(), text: lineText }),
  fc.record({
    k: fc.constant('bom' as const),
    bytes: fc.constantFrom([0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff]),
  }),
);

export function tableRecipe(seeds: string[]): fc.Arbitrary<TableRecipe> {
  return fc.record({
    seed: fc.constantFrom(...seeds),
    mutations: fc.array(tableMutation, { minLength: 1, maxLength: 4 }),
  });
}
