/**
 * NIfTI mutations as recipes: plain data (so a failing case can be written into corpus.ts and replayed), applied to
 * a copy of a seed. Header mutations write a value into a named field at its real offset (NIfTI-1 and NIfTI-2
 * layouts, in the file's byte order) of the uncompressed file; the file is then gzipped when the seed is; body
 * mutations (truncation, byte flips inside the gzip stream, appended junk) apply to the bytes as stored.
 */
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import type { NiftiSeed } from './seeds';

type FieldType = 'int16' | 'int32' | 'int64' | 'float32' | 'float64' | 'char';

interface FieldLayout {
  offset: number;
  type: FieldType;
  /** Elements in the field (dim and pixdim have 8, srow rows 4, magic 4 or 8 characters). */
  count: number;
}

/** The header fields the decoder reads, at their offsets in each version. */
export const FIELDS = {
  sizeof_hdr: { v1: { offset: 0, type: 'int32', count: 1 }, v2: { offset: 0, type: 'int32', count: 1 } },
  dim: { v1: { offset: 40, type: 'int16', count: 8 }, v2: { offset: 16, type: 'int64', count: 8 } },
  datatype: { v1: { offset: 70, type: 'int16', count: 1 }, v2: { offset: 12, type: 'int16', count: 1 } },
  bitpix: { v1: { offset: 72, type: 'int16', count: 1 }, v2: { offset: 14, type: 'int16', count: 1 } },
  pixdim: { v1: { offset: 76, type: 'float32', count: 8 }, v2: { offset: 104, type: 'float64', count: 8 } },
  vox_offset: { v1: { offset: 108, type: 'float32', count: 1 }, v2: { offset: 168, type: 'int64', count: 1 } },
  scl_slope: { v1: { offset: 112, type: 'float32', count: 1 }, v2: { offset: 176, type: 'float64', count: 1 } },
  scl_inter: { v1: { offset: 116, type: 'float32', count: 1 }, v2: { offset: 184, type: 'float64', count: 1 } },
  qform_code: { v1: { offset: 252, type: 'int16', count: 1 }, v2: { offset: 344, type: 'int32', count: 1 } },
  sform_code: { v1: { offset: 254, type: 'int16', count: 1 }, v2: { offset: 348, type: 'int32', count: 1 } },
  // quatern_b, quatern_c, quatern_d, qoffset_x, qoffset_y, qoffset_z
  quatern: { v1: { offset: 256, type: 'float32', count: 6 }, v2: { offset: 352, type: 'float64', count: 6 } },
  srow_x: { v1: { offset: 280, type: 'float32', count: 4 }, v2: { offset: 400, type: 'float64', count: 4 } },
  srow_y: { v1: { offset: 296, type: 'float32', count: 4 }, v2: { offset: 432, type: 'float64', count: 4 } },
  srow_z: { v1: { offset: 312, type: 'float32', count: 4 }, v2: { offset: 464, type: 'float64', count: 4 } },
  magic: { v1: { offset: 344, type: 'char', count: 4 }, v2: { offset: 4, type: 'char', count: 8 } },
} satisfies Record<string, { v1: FieldLayout; v2: FieldLayout }>;

export type FieldName = keyof typeof FIELDS;

export type HeaderMutation =
  /** Writes `value` into element `index` of a field (for 'magic', value is a character code). */
  | { k: 'field'; field: FieldName; index: number; value: number }
  /** Sets one raw byte of the header (offset wraps within the header plus the 4-byte extension flag). */
  | { k: 'byte'; offset: number; value: number }
  /** Appends `bytes` zero bytes to the uncompressed file: a stream longer than the header says (a gzip bomb). */
  | { k: 'pad'; bytes: number };

export type BodyMutation =
  /** Keeps the first `keep` bytes (modulo the length). */
  | { k: 'truncate'; keep: number }
  /** XORs one stored byte; in a .nii.gz that is a byte of the compressed stream (or its header or trailer). */
  | { k: 'flip'; at: number; xor: number }
  /** Overwrites the last bytes (the gzip trailer: CRC32 and ISIZE) with `bytes`. */
  | { k: 'tail'; bytes: number[] }
  /** Appends bytes after the end. */
  | { k: 'append'; bytes: number[] };

export interface NiftiRecipe {
  seed: string;
  header: HeaderMutation[];
  body: BodyMutation[];
}

export function versionOf(raw: Uint8Array): { version: 1 | 2; le: boolean } {
  const dv = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const le = dv.getInt32(0, true);
  if (le === 348 || le === 540) return { version: le === 348 ? 1 : 2, le: true };
  return { version: dv.getInt32(0, false) === 540 ? 2 : 1, le: false };
}

const SIZE: Record<FieldType, number> = { int16: 2, int32: 4, int64: 8, float32: 4, float64: 8, char: 1 };

function writeField(dv: DataView, f: FieldLayout, index: number, value: number, le: boolean): void {
  const at = f.offset + SIZE[f.type] * (index % f.count);
  switch (f.type) {
    case 'int16':
      dv.setInt16(at, clampInt(value, 16), le);
      break;
    case 'int32':
      dv.setInt32(at, clampInt(value, 32), le);
      break;
    case 'int64': {
      const lim = 2n ** 63n;
      let v = Number.isFinite(value) ? BigInt(Math.trunc(value)) : value > 0 ? lim - 1n : -lim;
      if (v >= lim) v = lim - 1n;
      if (v < -lim) v = -lim;
      dv.setBigInt64(at, v, le);
      break;
    }
    case 'float32':
      dv.setFloat32(at, value, le);
      break;
    case 'float64':
      dv.setFloat64(at, value, le);
      break;
    case 'char':
      dv.setUint8(at, value & 0xff);
      break;
  }
}

function clampInt(v: number, bits: number): number {
  if (!Number.isFinite(v)) return v > 0 ? 2 ** (bits - 1) - 1 : -(2 ** (bits - 1));
  return Math.max(-(2 ** (bits - 1)), Math.min(2 ** (bits - 1) - 1, Math.trunc(v)));
}

/** The mutated file, as it would be stored on disk. */
export function applyNifti(seed: NiftiSeed, recipe: Pick<NiftiRecipe, 'header' | 'body'>): Uint8Array {
  const pad = recipe.header.reduce((a, m) => a + (m.k === 'pad' ? m.bytes : 0), 0);
  const raw = new Uint8Array(seed.raw.length + pad);
  raw.set(seed.raw);
  const { version, le } = versionOf(seed.raw);
  const dv = new DataView(raw.buffer);
  const headerEnd = (version === 1 ? 348 : 540) + 4;
  for (const m of recipe.header) {
    if (m.k === 'field') writeField(dv, FIELDS[m.field][version === 1 ? 'v1' : 'v2'], m.index, m.value, le);
    else if (m.k === 'byte') raw[m.offset % headerEnd] = m.value & 0xff;
  }
  let out = seed.gzip ? new Uint8Array(gzipSync(raw, { level: 1 })) : raw;
  for (const m of recipe.body) {
    if (m.k === 'truncate') out = out.slice(0, m.keep % (out.length + 1));
    else if (m.k === 'flip') {
      if (out.length > 0) out[m.at % out.length] ^= m.xor & 0xff || 1;
    } else if (m.k === 'tail') {
      for (let i = 0; i < m.bytes.length && i < out.length; i++) out[out.length - m.bytes.length + i] = m.bytes[i];
    } else {
      const longer = new Uint8Array(out.length + m.bytes.length);
      longer.set(out);
      longer.set(m.bytes, out.length);
      out = longer;
    }
  }
  return out;
}

// ---- arbitraries ----

const INTERESTING_INTS = [-1, 0, 1, 2, 3, 4, 7, 8, 16, 64, 255, 256, 348, 540, 1024, 32767, -32768, 65535, 2 ** 31 - 1];
const INTERESTING_FLOATS = [
  0,
  -0,
  1,
  -1,
  0.5,
  2,
  1e-30,
  -1e-30,
  1e30,
  3.4e38,
  -3.4e38,
  1e300,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  1.4e-45,
  352,
  353,
  351,
];

const anyInt = fc.oneof(
  fc.constantFrom(...INTERESTING_INTS),
  fc.integer({ min: -40000, max: 70000 }),
  fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
);
const anyFloat = fc.oneof(
  fc.constantFrom(...INTERESTING_FLOATS),
  fc.double({ noDefaultInfinity: false }),
  fc.double({ min: -1000, max: 1000, noNaN: true }),
);

const ALL_FIELDS = Object.keys(FIELDS) as FieldName[];
const INT_FIELDS: FieldName[] = ['sizeof_hdr', 'dim', 'datatype', 'bitpix', 'qform_code', 'sform_code'];

const fieldMutation: fc.Arbitrary<HeaderMutation> = fc.constantFrom(...ALL_FIELDS).chain((field) =>
  fc.record({
    k: fc.constant('field' as const),
    field: fc.constant(field),
    index: fc.nat({ max: 7 }),
    value:
      field === 'datatype'
        ? fc.oneof(fc.constantFrom(0, 1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 768, 1024, 1280, 1536, 2304), anyInt)
        : field === 'dim'
          ? fc.oneof(fc.constantFrom(0, 1, 2, 3, 4, 5, 7, 8, 32767, 65535, 2 ** 31 - 1, -1), anyInt)
          : field === 'magic'
            ? fc.oneof(fc.constantFrom(0, 0x6e, 0x69, 0x2b, 0x31, 0x32), fc.nat({ max: 255 }))
            : field === 'vox_offset'
              ? fc.oneof(fc.constantFrom(0, 348, 352, 353, 540, 544, 545, 1e9, -1), anyFloat)
              : INT_FIELDS.includes(field)
                ? anyInt
                : anyFloat,
  }),
);

const byteMutation: fc.Arbitrary<HeaderMutation> = fc.record({
  k: fc.constant('byte' as const),
  offset: fc.nat({ max: 543 }),
  value: fc.nat({ max: 255 }),
});

const padMutation: fc.Arbitrary<HeaderMutation> = fc.record({
  k: fc.constant('pad' as const),
  bytes: fc.integer({ min: 1, max: 4096 }),
});

export const headerMutations: fc.Arbitrary<HeaderMutation[]> = fc.array(
  fc.oneof(
    { weight: 8, arbitrary: fieldMutation },
    { weight: 2, arbitrary: byteMutation },
    { weight: 1, arbitrary: padMutation },
  ),
  { minLength: 0, maxLength: 4 },
);

const junk = fc.array(fc.nat({ max: 255 }), { minLength: 1, maxLength: 16 });

export const bodyMutations: fc.Arbitrary<BodyMutation[]> = fc.array(
  fc.oneof(
    fc.record({ k: fc.constant('truncate' as const), keep: fc.nat() }),
    fc.record({ k: fc.constant('flip' as const), at: fc.nat(), xor: fc.integer({ min: 1, max: 255 }) }),
    fc.record({
      k: fc.constant('tail' as const),
      bytes: fc.array(fc.nat({ max: 255 }), { minLength: 1, maxLength: 8 }),
    }),
    fc.record({ k: fc.constant('append' as const), bytes: junk }),
  ),
  { minLength: 0, maxLength: 2 },
);

/** A recipe over one of the given seeds, with at least one mutation. */
export function niftiRecipe(seeds: string[]): fc.Arbitrary<NiftiRecipe> {
  return fc
    .record({ seed: fc.constantFrom(...seeds), header: headerMutations, body: bodyMutations })
    .filter((r) => r.header.length + r.body.length > 0);
}

/** Dimensions that claim far more than the memory ceiling (the decoder must refuse before allocating). */
export function hugeDimsRecipe(seeds: string[]): fc.Arbitrary<NiftiRecipe> {
  return fc.record({
    seed: fc.constantFrom(...seeds),
    header: fc
      .tuple(
        fc.integer({ min: 2000, max: 32767 }),
        fc.integer({ min: 2000, max: 32767 }),
        fc.integer({ min: 17, max: 32767 }),
      )
      .map(([a, b, c]): HeaderMutation[] => [
        { k: 'field', field: 'dim', index: 1, value: a },
        { k: 'field', field: 'dim', index: 2, value: b },
        { k: 'field', field: 'dim', index: 3, value: c },
      ]),
    body: fc.constant([]),
  });
}
