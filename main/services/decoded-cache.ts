/**
 * Decoded label volumes and region names kept in the user cache (`<cache>/decoded/`), so a point query from a cold
 * process reads a few bytes per atlas instead of inflating, decoding and measuring every label volume:
 *   <key>.labels       a label volume as raw integers behind a fixed header (core/atlas/decoded-labels.ts); the key
 *                      is a sha256 of what the voxels depend on (the label files' checksums, hemisphere offsets, a
 *                      catalog affine), never of the names;
 *   <key>.names.json   value -> name as the full load names them, keyed by everything the names depend on.
 * Files are written to a temp file and renamed (atomic). Every read is checked (magic, version, key, size, values
 * within the header's largest label; JSON shape for names): a file that fails is ignored, so the caller takes the
 * slow path and writes it again. A cache that cannot be written only costs time.
 */
import { createHash, randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import { mkdir, open, readFile, rename, rm, writeFile } from 'node:fs/promises';
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
import { BufferPool } from './buffer-pool';

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

  /** The labels at each point (0 outside the grid), or null when there is no valid file for `key`. */
  async labelsAt(key: string, points: readonly Vec3[]): Promise<Uint32Array | null> {
    const path = this.labelsPath(key);
    if (!path) return null;
    let fh: Awaited<ReturnType<typeof open>>;
    try {
      fh = await open(path, 'r');
    } catch {
      return null;
    }
    try {
      const size = (await fh.stat()).size;
      const head = new Uint8Array(DECODED_HEADER_BYTES);
      if ((await fh.read(head, 0, DECODED_HEADER_BYTES, 0)).bytesRead !== DECODED_HEADER_BYTES) return null;
      const header = decodeDecodedHeader(head, size, key);
      if (!header) return null;
      const indices = voxelIndices(header, points);
      return await readVoxels(fh, header, size, indices);
    } catch {
      return null;
    } finally {
      await fh.close().catch(() => {});
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
      json = JSON.parse(await readFile(path, 'utf8'));
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

/** Buffers for whole-file reads, shared by every cache (a query reads its atlases a few at a time). */
const wholeFiles = new BufferPool(4);

/**
 * The labels at voxel `indices` (-1: outside the grid, answered 0), row by row in order of the voxels: points in a
 * few rows read each row by itself (its two row-index entries, then its runs), more read the whole file once. Null
 * when the file fails a check.
 */
async function readVoxels(
  fh: Awaited<ReturnType<typeof open>>,
  header: DecodedHeader,
  size: number,
  indices: Int32Array,
): Promise<Uint32Array | null> {
  const nx = header.dims[0];
  const { voxels, points, starts } = readPlan(indices, nx);
  const out = new Uint32Array(indices.length);
  const start = runsStart(header.dims);
  const rowOf = (r: number) => Math.floor(voxels[starts[r]] / nx);
  const entry = (bytes: Uint8Array, at: number) =>
    bytes[at] + bytes[at + 1] * 0x100 + bytes[at + 2] * 0x10000 + bytes[at + 3] * 0x1000000;
  /** The runs of the row whose index entry is at `at`, as [from, to) within the run bytes; null when not believable. */
  const span = (bytes: Uint8Array, at: number): [number, number] | null => {
    const from = entry(bytes, at);
    const to = entry(bytes, at + 4);
    return from <= to && to <= header.runBytes ? [from, to] : null;
  };
  const rows = starts.length - 1;
  if (rows > FEW_ROWS) {
    return wholeFiles.with(size, async (whole) => {
      if ((await fh.read(whole, 0, size, 0)).bytesRead !== size) return null;
      for (let r = 0; r < rows; r++) {
        const at = DECODED_HEADER_BYTES + 4 * rowOf(r);
        const from = entry(whole, at);
        const to = entry(whole, at + 4);
        if (from > to || to > header.runBytes) return null;
        if (!labelsInRow(whole, start + from, to - from, header, voxels, points, starts[r], starts[r + 1], out))
          return null;
      }
      return out;
    });
  }
  const readAt = async (position: number, length: number): Promise<Uint8Array | null> => {
    const buf = new Uint8Array(length);
    return (await fh.read(buf, 0, length, position)).bytesRead === length ? buf : null;
  };
  const ok = await Promise.all(
    Array.from({ length: rows }, async (_, r) => {
      const index = await readAt(DECODED_HEADER_BYTES + 4 * rowOf(r), 8);
      const sp = index && span(index, 0);
      const runs = sp && (await readAt(start + sp[0], sp[1] - sp[0]));
      return !!runs && labelsInRow(runs, 0, runs.length, header, voxels, points, starts[r], starts[r + 1], out);
    }),
  );
  return ok.every(Boolean) ? out : null;
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

async function writeAtomic(path: string, bytes: Uint8Array): Promise<void> {
  const tmp = `${path}.${randomBytes(6).toString('hex')}.part`;
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(tmp, bytes);
    await rename(tmp, path);
  } catch {
    await rm(tmp, { force: true }).catch(() => {});
  }
}
