/**
 * One fuzz case through the code the app and the CLI run: decodeNifti → toStatMap → findClusters (and what the
 * clusters hit) → toLabelVolume → buildAtlas → regionAt → buildRegionMeshes (small volumes only); or
 * parseLabelTable → buildAtlas for tables. Each case must end in a result that passes the invariants below or in
 * one AtlasError that reads like the others (one line, names the file, no raw JavaScript error text); it must
 * finish within CASE_LIMIT_MS and never hold more than the memory ceiling.
 */
import { expect } from 'vitest';
import { type LoadedAtlas, buildAtlas, regionAt } from '../../core/atlas/atlas';
import { type LabelVolume, toLabelVolume } from '../../core/atlas/label-volume';
import { AtlasError, isAtlasError } from '../../core/errors';
import { parseLabelTable } from '../../core/io/labels/detect';
import type { LabelTable } from '../../core/io/labels/types';
import { type NiftiImage, decodeNifti } from '../../core/io/nifti/decode';
import { clusterAtlasInfo } from '../../core/maps/cluster-atlas';
import { findClusters } from '../../core/maps/clusters';
import { toStatMap } from '../../core/maps/stat-map';
import { buildRegionMeshes } from '../../core/mesh/pipeline';
import { nodeInflate } from '../../main/services/volume-io';

/** Each case: decode, regions, queries, clusters and meshing together. */
export const CASE_LIMIT_MS = 5000;
/** The decoder's memory ceiling during fuzzing. */
export const FUZZ_MAX_BYTES = 64 * 1024 * 1024;
/** Volumes up to this many voxels are meshed too (about 40³). */
export const MESH_MAX_VOXELS = 40 ** 3;

/** Raw JavaScript errors, or their traces, leaking into a message. */
const RAW_TEXT =
  /\b(TypeError|RangeError|ReferenceError|SyntaxError|undefined|\[object \w+\])|\(\S+:\d+:\d+\)|\.(ts|js|mjs|cjs):\d+|(?<!holds )\b(NaN|-?Infinity)\b/;

/** A message without the file's own text it quotes ("…"), which may hold anything. */
const ours = (msg: string) => msg.replace(/"[^"]*"/g, '""');

/** Asserts that `e` is the one clear error a user may see about `fileName`. */
export function expectCleanError(e: unknown, fileName: string): AtlasError {
  if (!isAtlasError(e)) {
    throw new Error(
      `expected an AtlasError about ${fileName}, got ${(e as Error)?.name ?? typeof e}: ${(e as Error)?.message ?? e}\n${(e as Error)?.stack ?? ''}`,
    );
  }
  const msg = e.message;
  expect(msg, 'one line').not.toMatch(/[\r\n]/);
  expect(msg.startsWith(`${fileName}: `), `names the file: ${msg}`).toBe(true);
  expect(ours(msg), 'no raw JavaScript error text').not.toMatch(RAW_TEXT);
  expect(msg.length, 'short enough to read').toBeLessThan(1000);
  return e;
}

/** The outcome of one case, for statistics: which stage refused it (an error code) or how far it got. */
export type Outcome = { ok: true; stage: 'decoded' | 'labels' | 'meshed' } | { ok: false; code: string };

/** toLabelVolume's refusal of an image that decoded fine: the case still counts as a result. */
class NotLabels extends Error {
  constructor(readonly error: AtlasError) {
    super(error.message);
  }
}

/** An AtlasError from meshing, which names no file. */
class MeshRefused extends Error {
  constructor(readonly error: AtlasError) {
    super(error.message);
  }
}

/** Node's zlib (as the CLI and the app's main process decode) with the output size recorded. */
function countingInflate(record: (n: number) => void) {
  return (gz: Uint8Array, maxOutput?: number): Uint8Array => {
    const out = nodeInflate(gz, maxOutput);
    record(out.byteLength);
    return out;
  };
}

export interface NiftiCaseOptions {
  fileName: string;
  table?: { fileName: string; bytes: Uint8Array };
  /** 'node': Node's zlib (CLI, app); 'portable': core's default (fflate, the renderer and web workers). */
  inflater?: 'node' | 'portable';
  maxBytes?: number;
}

/** Runs one NIfTI case through the pipeline and checks the invariants; returns how it ended. */
export function runNiftiCase(bytes: Uint8Array, o: NiftiCaseOptions): Outcome {
  const t0 = performance.now();
  const maxBytes = o.maxBytes ?? FUZZ_MAX_BYTES;
  let inflated = 0;
  let outcome: Outcome;
  try {
    outcome = niftiPipeline(bytes, o, maxBytes, (n) => {
      inflated = Math.max(inflated, n);
    });
  } catch (e) {
    if (e instanceof NotLabels) {
      expectCleanError(e.error, o.fileName);
      outcome = { ok: true, stage: 'decoded' };
    } else if (e instanceof MeshRefused) {
      expectCleanError(new AtlasError(e.error.code, e.error.message, o.fileName), o.fileName);
      outcome = { ok: false, code: `mesh ${e.error.code}` };
    } else outcome = { ok: false, code: expectCleanError(e, o.fileName).code };
  }
  const ms = performance.now() - t0;
  expect(ms, `case took ${Math.round(ms)} ms`).toBeLessThan(CASE_LIMIT_MS);
  expect(inflated, 'inflated past the memory ceiling').toBeLessThanOrEqual(maxBytes);
  return outcome;
}

function niftiPipeline(bytes: Uint8Array, o: NiftiCaseOptions, maxBytes: number, record: (n: number) => void): Outcome {
  const { fileName } = o;
  const img = decodeNifti(bytes, {
    fileName,
    maxBytes,
    inflate: o.inflater === 'portable' ? undefined : countingInflate(record),
  });
  checkImage(img, maxBytes);

  // Clusters of the image read as a statistical map (what `clusters` and the app's map panel do).
  const map = toStatMap(img, { fileName });
  const clusters = findClusters(map, { threshold: 0, sign: 'both', connectivity: 26 });
  let passing = 0;
  for (const v of map.values) if (v > 0 || v < 0) passing++;
  expect(clusters.suprathreshold).toBe(passing);
  expect(clusters.clusters.reduce((a, c) => a + c.voxels, 0)).toBe(passing);
  for (const c of clusters.clusters) {
    expect(Math.abs(c.peak.value)).toBeGreaterThan(0);
    expect(c.members.length).toBe(c.voxels);
  }

  let volume: LabelVolume;
  try {
    volume = toLabelVolume(img, fileName);
  } catch (e) {
    // Not a label volume (a statistical map): the decoded stages above still had to hold.
    if (isAtlasError(e)) throw new NotLabels(e);
    throw e;
  }
  let table: LabelTable | null = null;
  if (o.table) table = parseLabelTable(o.table.bytes, { fileName: o.table.fileName });
  const atlas = buildAtlas({ volume, table });
  checkAtlas(atlas);
  checkQueries(atlas);
  const hits = clusterAtlasInfo(map, clusters.clusters, { atlasId: 'fuzz', volume, names: atlas.names });
  expect(hits.length).toBe(clusters.clusters.length);

  const [nx, ny, nz] = volume.dims;
  if (nx * ny * nz <= MESH_MAX_VOXELS) {
    let meshes: ReturnType<typeof buildRegionMeshes>;
    try {
      meshes = buildRegionMeshes(volume);
    } catch (e) {
      // core/mesh does not know the file: its refusals (label values past 2^24…) name none; the callers add it.
      if (isAtlasError(e)) throw new MeshRefused(e);
      throw e;
    }
    checkMeshes(meshes, atlas);
    return { ok: true, stage: 'meshed' };
  }
  return { ok: true, stage: 'labels' };
}

function checkImage(img: NiftiImage, maxBytes: number): void {
  const [nx, ny, nz] = img.dims;
  expect(img.data.length).toBe(nx * ny * nz * img.frames);
  // What the image holds on to (a view into the inflated file, or a copy) stays under the ceiling.
  expect(img.data.buffer.byteLength, 'image buffer past the memory ceiling').toBeLessThanOrEqual(maxBytes);
  for (let i = 0; i < 12; i++) expect(Number.isFinite(img.header.affine[i]), 'affine is finite').toBe(true);
}

function checkAtlas(atlas: LoadedAtlas): void {
  const labels = atlas.volume.labels;
  let nonzero = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] !== 0) nonzero++;
  expect(
    atlas.regions.reduce((a, r) => a + r.voxels, 0),
    'region voxels sum to the labelled voxels',
  ).toBe(nonzero);
  const seen = new Set<number>();
  for (const r of atlas.regions) {
    expect(Number.isInteger(r.value) && r.value > 0).toBe(true);
    expect(seen.has(r.value)).toBe(false);
    seen.add(r.value);
    expect(r.voxels).toBeGreaterThan(0);
    expect(typeof r.name === 'string' && r.name.length > 0).toBe(true);
    expect(Number.isFinite(r.volumeMm3)).toBe(true);
    for (const c of r.centroid) expect(Number.isFinite(c), `centroid of ${r.value}`).toBe(true);
  }
  expect(Number.isFinite(atlas.volume.voxelVolume) && atlas.volume.voxelVolume > 0).toBe(true);
}

/** Every answer is background or a region of the atlas; a voxel's own centre answers with its own label. */
function checkQueries(atlas: LoadedAtlas): void {
  const vol = atlas.volume;
  const m = vol.affine;
  const [nx, ny] = vol.dims;
  const world = (i: number, j: number, k: number): [number, number, number] => [
    m[0] * i + m[1] * j + m[2] * k + m[3],
    m[4] * i + m[5] * j + m[6] * k + m[7],
    m[8] * i + m[9] * j + m[10] * k + m[11],
  ];
  const points: [number, number, number][] = [
    [0, 0, 0],
    [-1e9, 3, 7],
    world(-1, -1, -1),
    ...atlas.regions.slice(0, 5).map((r) => r.centroid),
  ];
  for (const [x, y, z] of points) {
    const hit = regionAt(atlas, x, y, z);
    if (hit.value === 0) expect(hit.name).toBeNull();
    else {
      expect(atlas.byValue.has(hit.value), `query answer ${hit.value} is a region`).toBe(true);
      expect(hit.name).toBe(atlas.byValue.get(hit.value)?.name);
    }
  }
  // Round trip from voxel centres, where the affine is well conditioned enough for it to be exact.
  if (conditionOk(m, vol.inverse)) {
    const labels = vol.labels;
    const step = Math.max(1, Math.floor(labels.length / 7));
    for (let idx = 0; idx < labels.length; idx += step) {
      const i = idx % nx,
        j = Math.floor(idx / nx) % ny,
        k = Math.floor(idx / (nx * ny));
      const [x, y, z] = world(i, j, k);
      expect(regionAt(atlas, x, y, z).value, `voxel (${i}, ${j}, ${k})`).toBe(labels[idx]);
    }
  }
}

function conditionOk(m: ArrayLike<number>, inv: ArrayLike<number>): boolean {
  const norm = (a: ArrayLike<number>) =>
    Math.max(...[0, 1, 2].map((r) => Math.abs(a[4 * r]) + Math.abs(a[4 * r + 1]) + Math.abs(a[4 * r + 2])));
  const offsets = Math.max(Math.abs(m[3]), Math.abs(m[7]), Math.abs(m[11]));
  return norm(m) * norm(inv) < 1e6 && offsets < 1e6 && norm(m) > 1e-6 && norm(m) < 1e6;
}

function checkMeshes(meshes: ReturnType<typeof buildRegionMeshes>, atlas: LoadedAtlas): void {
  for (const r of meshes.regions) expect(atlas.byValue.has(r.value), `mesh of ${r.value} is a region`).toBe(true);
  expect(meshes.indices.length % 3).toBe(0);
  const vertices = meshes.positions.length / 3;
  for (let i = 0; i < meshes.indices.length; i++) expect(meshes.indices[i]).toBeLessThan(vertices);
}

/** Runs one label-table case: parse, then build an atlas with it over a small volume. */
export function runTableCase(bytes: Uint8Array, fileName: string, volume: LabelVolume): Outcome {
  const t0 = performance.now();
  let outcome: Outcome;
  try {
    const table = parseLabelTable(bytes, { fileName });
    checkTable(table);
    const atlas = buildAtlas({ volume, table });
    checkAtlas(atlas);
    for (const r of atlas.regions) {
      const entry = table.entries.find((e) => e.value === r.value);
      if (entry) expect(r.name).toBe(entry.name);
    }
    outcome = { ok: true, stage: 'labels' };
  } catch (e) {
    outcome = { ok: false, code: expectCleanError(e, fileName).code };
  }
  const ms = performance.now() - t0;
  expect(ms, `case took ${Math.round(ms)} ms`).toBeLessThan(CASE_LIMIT_MS);
  return outcome;
}

function checkTable(t: LabelTable): void {
  // Value 0 may carry a name (FSL label atlases), but a table must name some region an atlas can show.
  expect(
    t.entries.some((e) => e.value > 0),
    'a table that parses names a region',
  ).toBe(true);
  const seen = new Set<number>();
  for (const e of t.entries) {
    expect(Number.isSafeInteger(e.value) && e.value >= 0, `entry value ${e.value}`).toBe(true);
    expect(seen.has(e.value), `value ${e.value} listed once`).toBe(false);
    seen.add(e.value);
    expect(typeof e.name).toBe('string');
    expect(e.name.trim().length, `entry ${e.value} has a name`).toBeGreaterThan(0);
    if (e.color) for (const c of e.color) expect(Number.isInteger(c) && c >= 0 && c <= 255, `colour ${c}`).toBe(true);
  }
  for (const w of t.warnings) {
    expect(typeof w).toBe('string');
    expect(w, 'one line').not.toMatch(/[\r\n]/);
    expect(ours(w), 'warning text').not.toMatch(RAW_TEXT);
  }
}
