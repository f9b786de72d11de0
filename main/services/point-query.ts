/**
 * Point queries (`brain-atlas query`, the app's "What's here"): the region at each point in each atlas asked for,
 * or in every labels atlas on this machine.
 *
 * Fast path: a labels atlas whose decoded labels and names are in the cache (decoded-cache.ts) answers by reading
 * only the voxels asked for, without decoding the volume, parsing its tables or measuring its regions. Otherwise
 * (first query, a file changed, a cache file that fails its checks) the atlas is loaded in full as before, answers
 * from memory, and its labels and names are written to the cache for next time. Coordinate atlases and atlases with
 * probability maps always take the full load. Both paths give the same answers (tests/data/point-query-real.test.ts).
 */
import { stat } from 'node:fs/promises';
import type { AtlasHit, PointQueryResult, QueryRequest, Vec3 } from '../../core/api';
import type { CatalogAtlas, CatalogFile, CatalogVariant } from '../../core/catalog/types';
import { DECODED_VERSION } from '../../core/atlas/decoded-labels';
import { AtlasError } from '../../core/errors';
import { type DecodedCache, NAMES_VERSION, codeStamp, sha256Hex } from './decoded-cache';
import { type Loaded, hitAt } from './loaded-variant';

/** What the query needs from the atlas service. */
export interface PointQueryHost {
  atlas(id: string): CatalogAtlas;
  /** The variant a request for (res, variant id) of this atlas uses. */
  variantOf(atlas: CatalogAtlas, res?: number, variantId?: string): Promise<CatalogVariant>;
  /** The default set: every labels atlas with a variant on this machine, and that variant. */
  presentLabelVariants(res?: number): Promise<Array<{ atlas: CatalogAtlas; variant: CatalogVariant }>>;
  /** Paths of a variant's files, downloading what is missing. */
  files(atlas: CatalogAtlas, variant: CatalogVariant): Promise<Map<CatalogFile, string>>;
  /** Where an installed (FSL, MRIcron) atlas's files lie; undefined for catalog atlases. */
  installedPaths(atlasId: string): ReadonlyMap<CatalogFile, string> | undefined;
  /** The full load (cached in memory by the service). */
  load(atlas: CatalogAtlas, variant: CatalogVariant): Promise<Loaded>;
  /** The variant when it is already loaded in memory (the app's open atlases), else undefined. */
  inMemory(atlas: CatalogAtlas, variant: CatalogVariant): Loaded | undefined;
  /** The decoded-label cache, or null to always load in full. */
  cache(): DecodedCache | null;
}

interface Target {
  atlas: CatalogAtlas;
  variant: CatalogVariant;
  /** Known to be on this machine (the default set), so nothing needs locating or downloading first. */
  present: boolean;
}

/**
 * The answers of one atlas as a column: the distinct hits, and for each point the index of its hit in them
 * (points in one region share a hit, so ten thousand points cost a few hundred objects).
 */
export interface HitColumn {
  atlasId: string;
  hits: AtlasHit[];
  pointHits: Uint32Array;
}

export async function queryPoints(host: PointQueryHost, req: QueryRequest): Promise<PointQueryResult[]> {
  const columns = await queryColumns(host, req);
  return req.points.map(([x, y, z], i) => {
    const atlases: Record<string, AtlasHit> = {};
    for (const c of columns) atlases[c.atlasId] = c.hits[c.pointHits[i]];
    return { x, y, z, atlases };
  });
}

/** queryPoints without an object per point: what many points (`query --coords`) are written from. */
export async function queryColumns(host: PointQueryHost, req: QueryRequest): Promise<HitColumn[]> {
  let targets: Target[];
  if (req.atlases) {
    if (req.variant !== undefined && req.atlases.length !== 1) throw variantError();
    targets = await Promise.all(
      req.atlases.map(async (id) => {
        const atlas = host.atlas(id);
        return { atlas, variant: await host.variantOf(atlas, req.res, req.variant), present: false };
      }),
    );
  } else {
    const present = await host.presentLabelVariants(req.res);
    if (req.variant !== undefined && present.length !== 1) throw variantError();
    targets = await Promise.all(
      present.map(async ({ atlas, variant }) =>
        req.variant === undefined
          ? { atlas, variant, present: true }
          : { atlas, variant: await host.variantOf(atlas, req.res, req.variant), present: false },
      ),
    );
  }
  return Promise.all(targets.map(async (t) => ({ atlasId: t.atlas.id, ...(await atlasHits(host, t, req.points)) })));
}

function variantError(): AtlasError {
  return new AtlasError('invalid-argument', 'a variant can be chosen only when querying a single atlas');
}

/** Whether the variant's answers are a label and its name only (no probabilities, no ROI spheres). */
function labelsOnly(atlas: CatalogAtlas, variant: CatalogVariant): boolean {
  if (atlas.kind !== 'labels' && atlas.kind !== 'probabilistic') return false;
  return variant.files.some((f) => f.role === 'labels') && !variant.files.some((f) => f.role === 'probability');
}

type Hits = Omit<HitColumn, 'atlasId'>;

async function atlasHits(host: PointQueryHost, t: Target, points: readonly Vec3[]): Promise<Hits> {
  const { atlas, variant } = t;
  const held = host.inMemory(atlas, variant);
  if (held) return hitsOf(held, points);
  const cache = host.cache();
  if (!cache || !labelsOnly(atlas, variant)) return hitsOf(await host.load(atlas, variant), points);
  if (!t.present) await host.files(atlas, variant); // locate (and download) as a full load would
  const keys = await cacheKeys(atlas, variant, host.installedPaths(atlas.id));
  let values: Uint32Array | null = null;
  let names: Map<number, string> | null = null;
  if (keys) {
    [values, names] = await Promise.all([cache.labelsAt(keys.labels, points), cache.readNames(keys.names)]);
    if (values && names) return hitsOfValues(values, names);
  }
  const loaded = await host.load(atlas, variant);
  if (keys && loaded.type === 'labels') {
    await Promise.all([
      values ? null : cache.writeLabels(keys.labels, loaded.atlas.volume),
      names ? null : cache.writeNames(keys.names, loaded.atlas.names),
    ]);
  }
  return hitsOf(loaded, points);
}

/** One hit object per distinct value. */
function hitsOfValues(values: Uint32Array, names: ReadonlyMap<number, string>): Hits {
  const indexOf = new Map<number, number>();
  const hits: AtlasHit[] = [];
  const pointHits = new Uint32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    let at = indexOf.get(v);
    if (at === undefined) {
      indexOf.set(v, (at = hits.length));
      hits.push(v === 0 ? { value: 0, name: null } : { value: v, name: names.get(v) ?? `Label ${v}` });
    }
    pointHits[i] = at;
  }
  return { hits, pointHits };
}

function hitsOf(loaded: Loaded, points: readonly Vec3[]): Hits {
  const hits = points.map((p) => hitAt(loaded, p));
  return { hits, pointHits: Uint32Array.from(hits, (_, i) => i) };
}

/**
 * The cache keys of a variant: `labels` from what its voxels depend on (the label files, hemisphere offsets, a
 * catalog affine), `names` from everything its names depend on (every file, catalog names, the variant names are
 * taken from), both with the code that makes them (codeStamp). Catalog files are known by their sha256; installed
 * files by path, size and modification time. Null when an installed file cannot be seen.
 */
export async function cacheKeys(
  atlas: CatalogAtlas,
  variant: CatalogVariant,
  installed?: ReadonlyMap<CatalogFile, string>,
): Promise<{ labels: string; names: string } | null> {
  const stamps = new Map<CatalogFile, string>();
  for (const f of variant.files) {
    const stamp = await stampOf(f, installed);
    if (stamp === null) return null;
    stamps.set(f, stamp);
  }
  const labelFiles = variant.files
    .filter((f) => f.role === 'labels')
    .map((f) => [stamps.get(f), f.hemisphere ?? null, f.valueOffset ?? 0]);
  const code = codeStamp();
  const labels = sha256Hex(JSON.stringify(['labels', DECODED_VERSION, code, labelFiles, variant.affine ?? null]));
  const describe = (v: CatalogVariant, own: Map<CatalogFile, string> | null): unknown => [
    v.id,
    v.files.map((f) => [
      f.role,
      f.name,
      own?.get(f) ?? `sha256:${f.sha256}`,
      f.hemisphere ?? null,
      f.valueOffset ?? 0,
      f.value ?? null,
    ]),
    v.labelNames ?? null,
    v.affine ?? null,
  ];
  const source = variant.namesFromVariant
    ? atlas.variants.find((v) => v.id === variant.namesFromVariant && v !== variant)
    : undefined;
  if (variant.namesFromVariant && (!source || source.namesFromVariant || installed)) return null;
  const names = sha256Hex(
    JSON.stringify([
      'names',
      NAMES_VERSION,
      code,
      atlas.kind,
      describe(variant, stamps),
      source ? describe(source, null) : null,
    ]),
  );
  return { labels, names };
}

async function stampOf(f: CatalogFile, installed?: ReadonlyMap<CatalogFile, string>): Promise<string | null> {
  if (f.sha256) return `sha256:${f.sha256}`;
  const path = installed?.get(f);
  if (!path) return null;
  try {
    const st = await stat(path);
    return `file:${path}:${st.size}:${st.mtimeMs}`;
  } catch {
    return null;
  }
}
