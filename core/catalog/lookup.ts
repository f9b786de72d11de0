/**
 * Looks atlases up in a validated catalog: findAtlas (with did-you-mean suggestions from suggestAtlasIds) and
 * chooseVariant (by resolution or variant id). Pure: no fs, no node built-ins.
 */
import { AtlasError } from '../errors';
import type { Catalog, CatalogAtlas, CatalogVariant } from './types';
import { show } from '../io/validation';

/** Edit distance (insertions, deletions, substitutions, adjacent swaps). */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Up to three catalog ids close to `query`, best first. */
export function suggestAtlasIds(catalog: Catalog, query: string, max = 3): string[] {
  const q = query.trim().toLowerCase();
  const qs = squash(q);
  if (!qs) return [];
  const scored: { id: string; score: number; lengthGap: number }[] = [];
  for (const { id } of catalog.atlases) {
    const ids = squash(id);
    let score = Math.min(editDistance(q, id), editDistance(qs, ids));
    // "schaefer-400" -> "schaefer-400-7", "glasser" -> "glasser-360": a whole-part prefix is a good match.
    if (qs.length >= 3 && (id.startsWith(`${q}-`) || ids.startsWith(qs)))
      score = Math.min(score, 0.5 + (ids.length - qs.length) / 100);
    const limit = Math.max(2, Math.floor(qs.length / 3));
    if (score <= limit) scored.push({ id, score, lengthGap: Math.abs(ids.length - qs.length) });
  }
  scored.sort((a, b) => a.score - b.score || a.lengthGap - b.lengthGap || a.id.localeCompare(b.id));
  return scored.slice(0, max).map((s) => s.id);
}

function quoteList(ids: string[]): string {
  const q = ids.map((i) => `'${i}'`);
  return q.length <= 1 ? q.join('') : `${q.slice(0, -1).join(', ')} or ${q[q.length - 1]}`;
}

/** The atlas with this id; AtlasError('not-found') with suggestions when there is none. */
export function findAtlas(catalog: Catalog, id: string): CatalogAtlas {
  const exact = catalog.atlases.find((a) => a.id === id);
  if (exact) return exact;
  const folded = catalog.atlases.find((a) => a.id === id.trim().toLowerCase());
  if (folded) return folded;
  const hints = suggestAtlasIds(catalog, id);
  const hint = hints.length ? `. Did you mean ${quoteList(hints)}?` : '';
  throw new AtlasError('not-found', `no atlas '${id}' in the catalog; run \`brain-atlas list\` to see the ids${hint}`);
}

function mm(r: number): string {
  return `${Number(r.toFixed(3))} mm`;
}

/**
 * The variant to load: the first (finest) when `res` is absent, else the first whose resolution is `res` mm.
 * AtlasError('not-found') listing what there is when nothing matches; 'invalid-argument' for a senseless `res`.
 */
export function chooseVariant(atlas: CatalogAtlas, res?: number, variantId?: string): CatalogVariant {
  if (atlas.variants.length === 0) throw new AtlasError('not-found', `atlas '${atlas.id}' has no variants`);
  if (variantId !== undefined) {
    const byId = atlas.variants.find(
      (v) => v.id === variantId && (res === undefined || Math.abs(v.resolutionMm - res) < 1e-6),
    );
    if (byId) return byId;
    throw new AtlasError(
      'not-found',
      `atlas '${atlas.id}' has no variant '${variantId}'${res === undefined ? '' : ` at ${mm(res)}`}; available: ${atlas.variants.map((v) => v.id).join(', ')}`,
    );
  }
  if (res === undefined) return atlas.variants[0];
  if (typeof res !== 'number' || !Number.isFinite(res) || res <= 0) {
    throw new AtlasError('invalid-argument', `resolution must be a positive number of millimetres, not ${show(res)}`);
  }
  const hit = atlas.variants.find((v) => Math.abs(v.resolutionMm - res) < 1e-6);
  if (hit) return hit;
  const grids = [...new Set(atlas.variants.filter((v) => v.resolutionMm > 0).map((v) => v.resolutionMm))];
  if (grids.length === 0) {
    throw new AtlasError(
      'not-found',
      `atlas '${atlas.id}' has no voxel grid (it is a ${atlas.kind} atlas); leave out the resolution`,
    );
  }
  throw new AtlasError(
    'not-found',
    `atlas '${atlas.id}' has no ${mm(res)} variant; available: ${grids.map(mm).join(', ')}`,
  );
}
