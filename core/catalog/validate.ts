import type { AtlasKind, Catalog, CatalogAtlas, CatalogVariant } from './types';
import { isObj, problemsError, show } from '../io/validation';
import { Checker } from './checker';
import { checkVariant } from './check-variant';

export const ATLAS_KINDS: readonly AtlasKind[] = ['labels', 'probabilistic', 'coordinates', 'template', 'surface'];

const ATLAS_KEYS = [
  'id',
  'name',
  'nameZh',
  'family',
  'year',
  'citation',
  'doi',
  'license',
  'space',
  'kind',
  'parcels',
  'networks',
  'description',
  'variants',
  'notes',
] as const;

const ATLAS_ID = /^[a-z0-9]+(?:[-.][a-z0-9]+)*$/;
const DOI = /^10\.\d{4,9}\/\S+$/;

/** Stops a validation pass early when the structure is too broken to go on; carries no message of its own. */
class Stop extends Error {}

function atlasWhere(id: string | undefined, index: number): string {
  return id ? `atlas '${id}'` : `atlas #${index + 1}`;
}

function checkAtlas(c: Checker, raw: unknown, index: number): CatalogAtlas | undefined {
  if (!isObj(raw)) {
    c.fail(`atlas #${index + 1}`, `must be an object, not ${show(raw)}`);
    return undefined;
  }
  const id = c.text(raw, 'id', `atlas #${index + 1}`);
  const w = atlasWhere(id, index);
  if (id && !ATLAS_ID.test(id))
    c.fail(w, 'id must be lower-case letters and digits joined by single - or . (e.g. "schaefer-400-7")');
  c.unknownKeys(raw, ATLAS_KEYS, w);

  const name = c.text(raw, 'name', w);
  const nameZh = c.text(raw, 'nameZh', w, true);
  const family = c.text(raw, 'family', w);
  const year = c.integer(raw, 'year', w, 1800, 2100);
  const citation = c.text(raw, 'citation', w);
  let doi: string | null | undefined;
  if (raw.doi === undefined) c.fail(w, 'doi is missing (write null when there is none)');
  else if (raw.doi === null) doi = null;
  else if (typeof raw.doi !== 'string' || !DOI.test(raw.doi)) {
    c.fail(w, `doi must look like "10.1093/cercor/bhx179" (no "doi:" or URL), or be null, not ${show(raw.doi)}`);
  } else doi = raw.doi;
  const license = c.text(raw, 'license', w);
  const space = c.text(raw, 'space', w);

  let kind: AtlasKind | undefined;
  if (raw.kind === undefined) c.fail(w, 'kind is missing');
  else if (typeof raw.kind !== 'string' || !(ATLAS_KINDS as readonly string[]).includes(raw.kind)) {
    c.fail(w, `kind must be one of ${ATLAS_KINDS.join(', ')}, not ${show(raw.kind)}`);
  } else kind = raw.kind as AtlasKind;

  const parcels = c.integer(raw, 'parcels', w, 1, 1_000_000, true);
  let networks: 7 | 17 | undefined;
  if (raw.networks !== undefined) {
    if (raw.networks !== 7 && raw.networks !== 17) c.fail(w, `networks must be 7 or 17, not ${show(raw.networks)}`);
    else networks = raw.networks;
  }
  const description = c.text(raw, 'description', w);
  const notes = c.notes(raw, w);

  const variants: CatalogVariant[] = [];
  if (!Array.isArray(raw.variants) || raw.variants.length === 0) {
    c.fail(w, 'variants must be a non-empty list (finest first)');
  } else {
    const seen = new Set<string>();
    raw.variants.forEach((rv, i) => {
      const label = isObj(rv) && typeof rv.id === 'string' && rv.id.trim() ? w : `${w} variant #${i + 1}`;
      const v = checkVariant(c, rv, label, kind);
      if (!v) return;
      if (seen.has(v.id)) c.fail(w, `variant id '${v.id}' is used twice`);
      seen.add(v.id);
      variants.push(v);
    });
    for (let i = 1; i < variants.length; i++) {
      if (variants[i].resolutionMm < variants[i - 1].resolutionMm) {
        c.fail(
          w,
          `variants must be finest first: '${variants[i].id}' (${variants[i].resolutionMm} mm) comes after '${variants[i - 1].id}' (${variants[i - 1].resolutionMm} mm)`,
        );
        break;
      }
    }
    for (const v of variants) {
      if (v.namesFromVariant === undefined) continue;
      const vw = `${w} variant '${v.id}'`;
      if (v.namesFromVariant === v.id) {
        c.fail(vw, 'namesFromVariant points to itself');
        continue;
      }
      const target = variants.find((t) => t.id === v.namesFromVariant);
      if (!target) {
        c.fail(
          vw,
          `namesFromVariant '${v.namesFromVariant}' is not a variant of this atlas (${variants.map((t) => t.id).join(', ')})`,
        );
      } else if (!target.files.some((f) => f.role === 'labeltable') && !target.labelNames) {
        c.fail(vw, `namesFromVariant '${v.namesFromVariant}' has no label table or labelNames to take names from`);
      } else if (!target.files.some((f) => f.role === 'labels')) {
        c.fail(vw, `namesFromVariant '${v.namesFromVariant}' has no 'labels' volume to overlap with`);
      }
    }
  }

  if (!id || !name || !family || year === undefined || !citation || doi === undefined || !license || !space)
    return undefined;
  if (!kind || !description) return undefined;
  const atlas: CatalogAtlas = { id, name, family, year, citation, doi, license, space, kind, description, variants };
  if (nameZh !== undefined) atlas.nameZh = nameZh;
  if (parcels !== undefined) atlas.parcels = parcels;
  if (networks !== undefined) atlas.networks = networks;
  if (notes) atlas.notes = notes;
  return atlas;
}

/**
 * Validates a parsed catalog. Throws AtlasError('corrupt') naming the first problem (and how many more there are);
 * returns the catalog typed, with nothing but the known fields.
 */
export function validateCatalog(json: unknown, fileName = 'catalog.json'): Catalog {
  const c = new Checker();
  let catalog: Catalog | undefined;
  try {
    if (!isObj(json)) {
      c.fail('', `must be a JSON object with "version" and "atlases", not ${show(json)}`);
      throw new Stop();
    }
    c.unknownKeys(json, ['version', 'atlases'], '');
    if (json.version !== 1) c.fail('', `version must be 1, not ${show(json.version)}`);
    if (!Array.isArray(json.atlases)) {
      c.fail('', 'atlases must be a list');
      throw new Stop();
    }
    const atlases: CatalogAtlas[] = [];
    const seen = new Set<string>();
    json.atlases.forEach((raw, i) => {
      const a = checkAtlas(c, raw, i);
      const id = isObj(raw) && typeof raw.id === 'string' ? raw.id : undefined;
      if (id !== undefined) {
        if (seen.has(id)) c.fail(`atlas '${id}'`, 'id is used by more than one atlas');
        seen.add(id);
      }
      if (a) atlases.push(a);
    });
    catalog = { version: 1, atlases };
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
  }
  if (c.errors.length > 0 || !catalog) {
    throw problemsError(c.errors, fileName, 'not a catalog');
  }
  return catalog;
}
