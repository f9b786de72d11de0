/**
 * Decoded label volumes and region names kept in the user cache (`<cache>/decoded/`), so a point query from a cold
 * process reads a few bytes per atlas instead of inflating, decoding and measuring every label volume:
 *   <key>.labels       a label volume as raw integers behind a fixed header (core/atlas/decoded-labels.ts); the key
 *                      is a sha256 of what the voxels depend on (the label files' checksums, hemisphere offsets, a
 *                      catalog affine), never of the names;
 *   <key>.names.json   value -> name as the full load names them, keyed by everything the names depend on.
 * Files are written to a temp file and renamed (atomic). Every read is checked (magic, version, key, size, values
 * within the header's largest label; JSON shape for names): a file that fails is ignored, so the caller takes the
 * slow path and writes it again. A cache that cannot be written only costs time. Reads are synchronous (small local
 * files, read at once; see labelsAt), writes asynchronous.
 */
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, fstatSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DECODED_HEADER_BYTES,
  type DecodedHeader,
  decodeDecodedHeader,
  encodeDecodedLabels,
  labelsInRow,
  runsStart,
} from '../../core/atlas/decoded-labels';
import { type LabelVolume, voxelIndexAt } from '../../core/atlas/label-volume';
import type { Vec3 } from '../../core/types';

/** Bumped when the names a full load gives could change (label-table parsing, naming rules). */
export const NAMES_VERSION = 1;
const NAMES_FORMAT = 'brain-atlas-names';
/** Points in up to this many rows are read row by row; more read the whole file. */
const FEW_ROWS = 16;

let stamp: string | undefined;

/**
 * The code that decodes and names (this module's file: the bundle, in a build), by size and time: a new build
 * rebuilds the cache, so a change to a decoder or a table parser can never be hidden behind old answers.
 */
export function codeStamp(): string {
  if (stamp === undefined) {
    try {
      const st = statSync(fileURLToPath(import.meta.url));
      stamp = `${st.size}:${st.mtimeMs}`;
    } catch {
      stamp = 'unknown';
    }
  }
  return stamp;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export class DecodedCache {
  private readonly names = new Map<string, Map<number, string>>();

  /** `dir`: the user cache folder now (it can change with the settings), or null for no cache. */
  constructor(private readonly dir: () => string | null) {}

  private folder(): string | null {
    const d = this.dir();
    return d ? join(d, 'decoded') : null;
  }

  labelsPath(key: string): string | null {
    const f = this.folder();
    return f ? join(f, `${key}.labels`) : null;
  }

  namesPath(key: string): string | null {
    const f = this.folder();
    return f ? join(f, `${key}.names.json`) : null;
  }

  /**
   * The labels at each point (0 outside the grid), or null when there is no valid file for `key`. The file is read
   * with synchronous calls: a few small reads of a local cache file take microseconds each, where each asynchronous
   * one waits its turn in the thread pool (forty atlases, some three hundred round trips for one point).
   */
  async labelsAt(key: string, points: readonly Vec3[]): Promise<Uint32Array | null> {
    const path = this.labelsPath(key);
    if (!path) return null;
    let fd: number;
    try {
      fd = openSync(path, 'r');
    } catch {
      return null;
    }
    try {
      const size = fstatSync(fd).size;
      const head = new Uint8Array(DECODED_HEADER_BYTES);
      if (readSync(fd, head, 0, DECODED_HEADER_BYTES, 0) !== DECODED_HEADER_BYTES) return null;
      const header = decodeDecodedHeader(head, size, key);
      if (!header) return null;
      return readVoxels(fd, header, size, voxelIndices(header, points));
    } catch {
      return null;
    } finally {
      try {
        closeSync(fd);
      } catch {}
    }
  }

  /** Stores a label volume under `key` (atomically; failures are ignored). */
  async writeLabels(key: string, volume: LabelVolume): Promise<void> {
    const path = this.labelsPath(key);
    if (path) await writeAtomic(path, encodeDecodedLabels(volume, key));
  }

  /** The names stored under `key`, or null when there is no valid file. */
  async readNames(key: string): Promise<Map<number, string> | null> {
    const memo = this.names.get(key);
    if (memo) return memo;
    const path = this.namesPath(key);
    if (!path) return null;
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(path, 'utf8')); // a small local file: see labelsAt
    } catch {
      return null;
    }
    const names = namesFromJson(json, key);
    if (names) this.remember(key, names);
    return names;
  }

  async writeNames(key: string, names: ReadonlyMap<number, string>): Promise<void> {
    const path = this.namesPath(key);
    if (!path) return;
    const json = { format: NAMES_FORMAT, version: NAMES_VERSION, key, names: [...names] };
    await writeAtomic(path, new TextEncoder().encode(JSON.stringify(json)));
    this.remember(key, new Map(names));
  }

  private remember(key: string, names: Map<number, string>): void {
    this.names.set(key, names);
    while (this.names.size > 128) this.names.delete(this.names.keys().next().value as string);
  }
}

/** Voxel indices of points on a grid, computed once per grid for a list of points (atlases share grids). */
const indexMemo = new WeakMap<readonly Vec3[], Map<string, Int32Array>>();

function voxelIndices(header: DecodedHeader, points: readonly Vec3[]): Int32Array {
  let byGrid = indexMemo.get(points);
  if (!byGrid) indexMemo.set(points, (byGrid = new Map()));
  const grid = `${header.dims.join(',')}:${header.affine.join(',')}`;
  let indices = byGrid.get(grid);
  if (!indices) {
    indices = new Int32Array(points.length);
    for (let i = 0; i < points.length; i++) indices[i] = voxelIndexAt(header, points[i][0], points[i][1], points[i][2]);
    byGrid.set(grid, indices);
  }
  return indices;
}

/** The points of one grid in read order, made once per grid and set of points (atlases often share a grid). */
interface ReadPlan {
  /** The voxels of the points inside the grid, ascending: rows in order, columns ascending within them. */
  voxels: Int32Array;
  /** The point of each of those voxels. */
  points: Int32Array;
  /** Where each row's voxels start in `voxels`, then voxels.length. */
  starts: Int32Array;
}

const planMemo = new WeakMap<Int32Array, ReadPlan>();

function readPlan(indices: Int32Array, nx: number): ReadPlan {
  const memo = planMemo.get(indices);
  if (memo) return memo;
  const n = indices.length;
  // (voxel, point) pairs as one number each, sorted natively, then taken apart again.
  let inside = 0;
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) if (indices[i] >= 0) keys[inside++] = indices[i] * n + i;
  const sorted = keys.subarray(0, inside).sort();
  const voxels = new Int32Array(inside);
  const points = new Int32Array(inside);
  let rows = 0;
  for (let p = 0; p < inside; p++) {
    const voxel = Math.floor(sorted[p] / n);
    voxels[p] = voxel;
    points[p] = sorted[p] - voxel * n;
    if (p === 0 || Math.floor(voxel / nx) !== Math.floor(voxels[p - 1] / nx)) rows++;
  }
  const starts = new Int32Array(rows + 1);
  for (let p = 0, r = 0; p < inside; p++)
    if (p === 0 || Math.floor(voxels[p] / nx) !== Math.floor(voxels[p - 1] / nx)) starts[r++] = p;
  starts[rows] = inside;
  const plan = { voxels, points, starts };
  planMemo.set(indices, plan);
  return plan;
}

/**
 * The buffer whole files are read into, kept for the next file: a query over forty atlases would otherwise touch
 * some 30 MB of fresh memory, at a page fault per 4 KiB (on the machines measured, slower than the reads). Files
 * past KEEP_BYTES get a buffer of their own, so a long-lived process holds at most that much.
 */
let wholeFile = new Uint8Array(0);
const KEEP_BYTES = 16 << 20;

/**
 * The labels at voxel `indices` (-1: outside the grid, answered 0), row by row in order of the voxels: points in a
 * few rows read each row by itself (its two row-index entries, then its runs), more read the whole file once. Null
 * when the file fails a check.
 */
function readVoxels(fd: number, header: DecodedHeader, size: number, indices: Int32Array): Uint32Array | null {
  const nx = header.dims[0];
  const { voxels, points, starts } = readPlan(indices, nx);
  const out = new Uint32Array(indices.length);
  const start = runsStart(header.dims);
  const rowOf = (r: number) => Math.floor(voxels[starts[r]] / nx);
  const entry = (bytes: Uint8Array, at: number) =>
    bytes[at] + bytes[at + 1] * 0x100 + bytes[at + 2] * 0x10000 + bytes[at + 3] * 0x1000000;
  const rows = starts.length - 1;
  const many = rows > FEW_ROWS;
  let whole = wholeFile;
  if (many) {
    if (whole.length < size) whole = size <= KEEP_BYTES ? (wholeFile = new Uint8Array(size)) : new Uint8Array(size);
    if (readSync(fd, whole, 0, size, 0) !== size) return null;
  }
  const index = new Uint8Array(8);
  for (let r = 0; r < rows; r++) {
    const at = DECODED_HEADER_BYTES + 4 * rowOf(r);
    let bytes = whole;
    let indexAt = at;
    if (!many) {
      if (readSync(fd, index, 0, 8, at) !== 8) return null;
      bytes = index;
      indexAt = 0;
    }
    const from = entry(bytes, indexAt);
    const to = entry(bytes, indexAt + 4);
    if (from > to || to > header.runBytes) return null;
    let runsAt = start + from;
    if (!many) {
      bytes = new Uint8Array(to - from);
      if (readSync(fd, bytes, 0, to - from, start + from) !== to - from) return null;
      runsAt = 0;
    }
    if (!labelsInRow(bytes, runsAt, to - from, header, voxels, points, starts[r], starts[r + 1], out)) return null;
  }
  return out;
}

function namesFromJson(json: unknown, key: string): Map<number, string> | null {
  if (typeof json !== 'object' || json === null) return null;
  const o = json as Record<string, unknown>;
  if (o.format !== NAMES_FORMAT || o.version !== NAMES_VERSION || o.key !== key || !Array.isArray(o.names)) return null;
  const names = new Map<number, string>();
  for (const e of o.names) {
    if (!Array.isArray(e) || e.length !== 2) return null;
    const [v, n] = e;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || typeof n !== 'string') return null;
    names.set(v, n);
  }
  return names;
}

/** Writes `bytes` to a temp file beside `path`, then renames it over `path`; failures are ignored (only a cache). */
export async function writeAtomic(path: string, bytes: Uint8Array): Promise<void> {
  const tmp = `${path}.${randomBytes(6).toString('hex')}.part`;
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(tmp, bytes);
    await rename(tmp, path);
  } catch {
    await rm(tmp, { force: true }).catch(() => {});
  }
}
