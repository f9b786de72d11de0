/**
 * The decoded-label file: a label volume run-length encoded row by row behind a small fixed header, so a point
 * lookup reads one row's few runs at a known offset instead of inflating and decoding the NIfTI file, and many
 * points read a file about a tenth of the raw labels' size (the Node side keeps these files in the user cache,
 * main/services/decoded-cache.ts). The header says nothing about label names: the same file serves whatever table
 * names its values.
 *
 * Layout (little-endian; a row is the nx voxels of one (y, z), rows in NIfTI order, row r = y + ny * z):
 *   0    magic "BALABELS" (8 bytes)         32   key: the sha256 the file is stored under (32 bytes)
 *   8    version u32                        64   voxel -> mm affine, 16 float64 (row-major 4x4)
 *   12   bytes per value u32 (1, 2 or 4)    192  bytes of runs, float64 (a whole number)
 *   16   nx, ny, nz u32 x3                  200  row index: ny * nz + 1 u32, where each row's runs start
 *   28   maxLabel u32                       ...  runs: [length u16][value, 1, 2 or 4 bytes], lengths sum to nx
 * Pure: no fs, no node built-ins.
 */
import { type Mat4, invertAffine } from '../affine';
import type { Vec3 } from '../types';
import type { LabelVolume } from './label-volume';

export const DECODED_MAGIC = 'BALABELS';
/** Bumped whenever the layout or what the labels mean changes; files of another version are rebuilt. */
export const DECODED_VERSION = 1;
export const DECODED_HEADER_BYTES = 200;
/** Grids larger than this are not believed (a corrupt header must not make the reader allocate gigabytes). */
const MAX_VOXELS = 2 ** 31;
const MAX_RUN = 0xffff;

export interface DecodedHeader {
  dims: Vec3;
  affine: Mat4;
  inverse: Mat4;
  bytesPerVoxel: 1 | 2 | 4;
  maxLabel: number;
  /** The sha256 (64 hex characters) the file was written under. */
  key: string;
  /** Bytes of run data after the row index. */
  runBytes: number;
}

function hexToBytes(hex: string): Uint8Array {
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

function bytesToHex(b: Uint8Array): string {
  let s = '';
  for (const x of b) s += x.toString(16).padStart(2, '0');
  return s;
}

/** The smallest width that holds every label of the volume. */
export function bytesPerVoxelFor(maxLabel: number): 1 | 2 | 4 {
  return maxLabel <= 0xff ? 1 : maxLabel <= 0xffff ? 2 : 4;
}

/** Where the runs of the file start: after the header and the row index. */
export function runsStart(dims: Vec3): number {
  return DECODED_HEADER_BYTES + 4 * (dims[1] * dims[2] + 1);
}

/** Header, row index and runs as one file's bytes, stored under `key` (64 hex characters). */
export function encodeDecodedLabels(volume: LabelVolume, key: string): Uint8Array {
  if (!/^[0-9a-f]{64}$/.test(key)) throw new RangeError('the key of a decoded-label file is a sha256 in hex');
  const [nx, ny, nz] = volume.dims;
  const rows = ny * nz;
  const labels = volume.labels;
  const bpv = bytesPerVoxelFor(volume.maxLabel);
  const runSize = 2 + bpv;
  // First pass: the runs of each row, to size the file.
  const index = new Uint32Array(rows + 1);
  let runs = 0;
  for (let r = 0; r < rows; r++) {
    index[r] = runs * runSize;
    const base = r * nx;
    for (let i = 0; i < nx; ) {
      const v = labels[base + i];
      let end = i + 1;
      while (end < nx && labels[base + end] === v && end - i < MAX_RUN) end++;
      runs++;
      i = end;
    }
  }
  index[rows] = runs * runSize;
  const start = runsStart(volume.dims);
  const out = new Uint8Array(start + runs * runSize);
  const view = new DataView(out.buffer);
  for (let i = 0; i < 8; i++) out[i] = DECODED_MAGIC.charCodeAt(i);
  view.setUint32(8, DECODED_VERSION, true);
  view.setUint32(12, bpv, true);
  for (let a = 0; a < 3; a++) view.setUint32(16 + 4 * a, volume.dims[a], true);
  view.setUint32(28, volume.maxLabel, true);
  out.set(hexToBytes(key), 32);
  for (let i = 0; i < 16; i++) view.setFloat64(64 + 8 * i, volume.affine[i], true);
  view.setFloat64(192, runs * runSize, true);
  for (let r = 0; r <= rows; r++) view.setUint32(DECODED_HEADER_BYTES + 4 * r, index[r], true);
  // Second pass: the runs.
  let at = start;
  for (let r = 0; r < rows; r++) {
    const base = r * nx;
    for (let i = 0; i < nx; ) {
      const v = labels[base + i];
      let end = i + 1;
      while (end < nx && labels[base + end] === v && end - i < MAX_RUN) end++;
      view.setUint16(at, end - i, true);
      if (bpv === 1) out[at + 2] = v;
      else if (bpv === 2) view.setUint16(at + 2, v, true);
      else view.setUint32(at + 2, v, true);
      at += runSize;
      i = end;
    }
  }
  return out;
}

/**
 * The header at the start of `bytes` (at least DECODED_HEADER_BYTES of the file), or null when it is not a
 * decoded-label file of this version, says another key than `key`, or does not fit a file of `fileSize` bytes.
 */
export function decodeDecodedHeader(bytes: Uint8Array, fileSize: number, key: string): DecodedHeader | null {
  if (bytes.length < DECODED_HEADER_BYTES) return null;
  for (let i = 0; i < 8; i++) if (bytes[i] !== DECODED_MAGIC.charCodeAt(i)) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, DECODED_HEADER_BYTES);
  if (view.getUint32(8, true) !== DECODED_VERSION) return null;
  const bpv = view.getUint32(12, true);
  if (bpv !== 1 && bpv !== 2 && bpv !== 4) return null;
  const dims: Vec3 = [view.getUint32(16, true), view.getUint32(20, true), view.getUint32(24, true)];
  if (dims.some((d) => d < 1) || dims[0] * dims[1] * dims[2] > MAX_VOXELS) return null;
  const runBytes = view.getFloat64(192, true);
  if (!Number.isInteger(runBytes) || runBytes < 0 || runBytes % (2 + bpv) !== 0) return null;
  if (fileSize !== runsStart(dims) + runBytes) return null;
  const maxLabel = view.getUint32(28, true);
  if (maxLabel >= 2 ** (8 * bpv)) return null;
  if (bytesToHex(bytes.subarray(32, 64)) !== key) return null;
  const affine: Mat4 = new Float64Array(16);
  for (let i = 0; i < 16; i++) affine[i] = view.getFloat64(64 + 8 * i, true);
  if (!affine.every(Number.isFinite) || affine[12] !== 0 || affine[13] !== 0 || affine[14] !== 0 || affine[15] !== 1)
    return null;
  let inverse: Mat4;
  try {
    inverse = invertAffine(affine);
  } catch {
    return null;
  }
  return { dims, affine, inverse, bytesPerVoxel: bpv, maxLabel, key, runBytes };
}

/**
 * Reads one row's runs (`length` bytes at `offset` of `bytes`) and writes the label of each wanted voxel of that row
 * to `out[points[k]]`. The wanted voxels are `voxels[first..last)`, ascending (so all in this row, columns in
 * order), each the voxel of point `points[k]`. False when the runs are not a row of this file (not whole runs,
 * lengths that do not sum to nx, a value past maxLabel): the file is then not to be trusted.
 */
export function labelsInRow(
  bytes: Uint8Array,
  offset: number,
  length: number,
  header: DecodedHeader,
  voxels: Int32Array,
  points: Int32Array,
  first: number,
  last: number,
  out: { [point: number]: number },
): boolean {
  const bpv = header.bytesPerVoxel;
  const nx = header.dims[0];
  const maxLabel = header.maxLabel;
  const size = 2 + bpv;
  if (length % size !== 0 || offset + length > bytes.length || first >= last) return false;
  const rowStart = voxels[first] - (voxels[first] % nx);
  let k = first;
  let end = rowStart; // the voxel after the runs read so far
  for (let at = offset, stop = offset + length; at < stop; at += size) {
    const run = bytes[at] | (bytes[at + 1] << 8);
    const value =
      bpv === 1
        ? bytes[at + 2]
        : bpv === 2
          ? bytes[at + 2] | (bytes[at + 3] << 8)
          : (bytes[at + 2] | (bytes[at + 3] << 8) | (bytes[at + 4] << 16)) + bytes[at + 5] * 0x1000000;
    if (run === 0 || value > maxLabel) return false;
    end += run;
    for (; k < last && voxels[k] < end; k++) out[points[k]] = value;
  }
  return end - rowStart === nx && k === last;
}
