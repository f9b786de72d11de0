/**
 * Every fuzz case that ever failed, kept as a recipe over a seed made in code (no binary files): corpus.test.ts
 * runs each through the same checks as the fuzzers, plus the outcome it must now have. Add a case here whenever
 * `npm run fuzz` finds one (fast-check prints its counterexample in exactly this shape), with what was wrong.
 */
import type { AtlasErrorCode } from '../../core/errors';
import type { NiftiRecipe } from './mutate-nifti';
import type { TableRecipe } from './mutate-table';

interface Case {
  name: string;
  /** What went wrong before the fix. */
  was: string;
  /** The outcome now: an error code, or 'ok' for a result that passes the invariants. */
  expect: AtlasErrorCode | 'ok';
}

export interface NiftiCorpusCase extends Case {
  nifti: NiftiRecipe;
  inflater: 'node' | 'portable';
  /** The memory ceiling for this case, when not the fuzzers' 64 MiB (a small one keeps gzip bombs quick). */
  maxBytes?: number;
}

export interface TableCorpusCase extends Case {
  table: TableRecipe;
}

/** A header whose qform is chosen and gives a voxel volume past the largest float (two cases below). */
const QFORM_PAST_FLOAT: NiftiRecipe['header'] = [
  { k: 'field', field: 'dim', index: 4, value: 4 },
  { k: 'field', field: 'sform_code', index: 0, value: -1116 },
  { k: 'byte', offset: 253, value: 30 },
];

export const NIFTI_CORPUS: NiftiCorpusCase[] = [
  {
    name: 'gzip trailer ISIZE top byte set to 4',
    was: "fflate's gunzipSync allocated the 64 MiB the trailer claims for a 1.7 kB image (past the memory ceiling)",
    nifti: { seed: 'v1-uint8-gz', header: [], body: [{ k: 'tail', bytes: [4] }] },
    inflater: 'portable',
    // Since the trailer is checked (decode.ts), a length that does not match is damage, said as such.
    expect: 'corrupt',
  },
  {
    name: 'gzip trailer ISIZE set to 0xFFFFFFFF',
    was: 'the same allocation at 4 GiB: out of memory, or a raw "Array buffer allocation failed"',
    nifti: { seed: 'v1-stat-4d-gz', header: [], body: [{ k: 'tail', bytes: [0xff, 0xff, 0xff, 0xff] }] },
    inflater: 'portable',
    expect: 'corrupt',
  },
  {
    name: 'gzip bomb: 4 MiB of zeros after a small image, 1 MiB ceiling (Node zlib)',
    was: "Node's zlib inflated all of it, past the memory ceiling, though the header needs 1.7 kB",
    nifti: { seed: 'v1-uint8-gz', header: [{ k: 'pad', bytes: 4 * 1024 * 1024 }], body: [] },
    inflater: 'node',
    maxBytes: 1024 * 1024,
    expect: 'ok',
  },
  {
    name: 'gzip bomb: 4 MiB of zeros after a small image, 1 MiB ceiling (portable)',
    was: "fflate's gunzipSync inflated all of it, past the memory ceiling",
    nifti: { seed: 'v2-uint16-gz', header: [{ k: 'pad', bytes: 4 * 1024 * 1024 }], body: [] },
    inflater: 'portable',
    maxBytes: 1024 * 1024,
    expect: 'ok',
  },
  {
    name: 'NIfTI-2 dim[1] past 2^53 (big-endian, one bit flipped)',
    was: 'the message said "header dim[1] is NaN"',
    nifti: { seed: 'v2-float64-be', header: [], body: [{ k: 'flip', at: 24, xor: 1 }] },
    inflater: 'node',
    expect: 'corrupt',
  },
  {
    name: 'NIfTI-2 float64 labels read as uint32 (label values past 2^24)',
    was: "meshing refuses such labels with an AtlasError that names no file (core/mesh's; reported, not changed)",
    nifti: { seed: 'v2-float64-be', header: [{ k: 'field', field: 'datatype', index: 0, value: 768 }], body: [] },
    inflater: 'node',
    expect: 'invalid-labels',
  },
  {
    name: 'qform chosen, with a voxel volume past the largest float (and a damaged stream)',
    was: 'a raw RangeError "the affine is singular" from toStatMap: the header check let an infinite determinant through',
    nifti: {
      seed: 'v1-float32-scaled-gz',
      header: QFORM_PAST_FLOAT,
      body: [{ k: 'flip', at: 590898315, xor: 87 }],
    },
    inflater: 'portable',
    // The damaged stream is now found by its CRC-32 first: the next case keeps the header check's.
    expect: 'corrupt',
  },
  {
    name: 'qform chosen, with a voxel volume past the largest float',
    was: 'the case above, with its stream whole (the trailer check, added later, refuses the damaged one first)',
    nifti: {
      seed: 'v1-float32-scaled-gz',
      header: QFORM_PAST_FLOAT,
      body: [],
    },
    inflater: 'portable',
    expect: 'ok',
  },
  {
    name: 'no transform and voxel sizes of 1e-30 mm',
    was: 'a raw RangeError "the affine is singular" from toLabelVolume: the pixdim fallback had no volume',
    nifti: {
      seed: 'v1-qform-only',
      header: [
        { k: 'field', field: 'qform_code', index: 0, value: 0 },
        { k: 'field', field: 'pixdim', index: 1, value: 1e-30 },
        { k: 'field', field: 'pixdim', index: 2, value: 1e-30 },
        { k: 'field', field: 'pixdim', index: 3, value: 1e-30 },
      ],
      body: [],
    },
    inflater: 'node',
    expect: 'ok',
  },
];

export const TABLE_CORPUS: TableCorpusCase[] = [
  {
    name: 'neuroparc CSV cut inside its background row ("0,empt")',
    was: 'parsed as a table whose one entry is value 0, so `regions --labels` printed unnamed regions',
    table: { seed: 'neuroparc-csv', mutations: [{ k: 'truncate', keep: 6 }] },
    expect: 'invalid-labels',
  },
  {
    name: 'neuroparc CSV naming only value 0 ("0,Something")',
    was: 'the same: a table that names no region the volume can hold',
    table: {
      seed: 'neuroparc-csv',
      mutations: [
        { k: 'setLine', line: 0, text: '0,Something' },
        { k: 'delLine', line: 1 },
        { k: 'delLine', line: 1 },
      ],
    },
    expect: 'invalid-labels',
  },
  {
    name: 'neuroparc JSON with a line break and a stray byte inside',
    was: "the message quoted V8's JSON error, source text and line breaks included (two lines on stderr)",
    table: { seed: 'neuroparc-json', mutations: [{ k: 'insert', at: 40, bytes: [0x0a, 0x78, 0x0a] }] },
    expect: 'corrupt',
  },
  {
    name: 'SPM XML whose index holds a NUL and a line break',
    was: 'the "line 6 skipped" warning quoted the index with its line break (two lines)',
    table: { seed: 'spm-xml', mutations: [{ k: 'insert', at: 1639297547, bytes: [0, 10, 128] }] },
    expect: 'ok',
  },
];
