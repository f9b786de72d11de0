/**
 * Checks atlases/catalog.json (or any catalog a caller hands over) field by field and turns it into a typed Catalog.
 * Every problem is reported with the atlas, variant and file it concerns:
 *   "catalog.json: atlas 'aal3' variant '1mm' file 'LUT.csv': sha256 must be 64 hex characters".
 * Also: findAtlas (with did-you-mean suggestions) and chooseVariant (by resolution).
 * Pure: no fs, no node built-ins.
 */
import { AtlasError } from '../errors';
import type {
  AtlasKind,
  Catalog,
  CatalogAtlas,
  CatalogFile,
  CatalogLabelName,
  CatalogVariant,
  FileRole,
} from './types';
import { type Obj, isObj, show } from '../validation';

export const ATLAS_KINDS: readonly AtlasKind[] = ['labels', 'probabilistic', 'coordinates', 'template', 'surface'];

export const FILE_ROLES: readonly FileRole[] = [
  'labels',
  'labeltable',
  'colortable',
  'probability',
  'template',
  'mask',
  'coordinates',
  'surface',
  'surface-labels',
  'network-assignment',
  'network-names',
  'metadata',
];

const ATLAS_KEYS = [
  'id',
  'name',
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
const VARIANT_KEYS = [
  'id',
  'resolutionMm',
  'space',
  'dims',
  'files',
  'namesFromVariant',
  'labelNames',
  'affine',
  'notes',
] as const;
const FILE_KEYS = ['name', 'folder', 'role', 'bytes', 'sha256', 'url', 'value', 'hemisphere', 'valueOffset'] as const;

const ATLAS_ID = /^[a-z0-9]+(?:[-.][a-z0-9]+)*$/;
const VARIANT_ID = /^[A-Za-z0-9]+(?:[-._][A-Za-z0-9]+)*$/;
const SHA256 = /^[0-9a-f]{64}$/;
const DOI = /^10\.\d{4,9}\/\S+$/;

/** Stops a validation pass early when the structure is too broken to go on; carries no message of its own. */
class Stop extends Error {}

class Checker {
  readonly errors: string[] = [];

  fail(where: string, what: string): void {
    this.errors.push(where ? `${where}: ${what}` : what);
  }

  unknownKeys(o: Obj, allowed: readonly string[], where: string): void {
    for (const k of Object.keys(o)) {
      if (!allowed.includes(k)) this.fail(where, `unknown field '${k}'`);
    }
  }

  text(o: Obj, key: string, where: string, optional = false): string | undefined {
    const v = o[key];
    if (v === undefined) {
      if (!optional) this.fail(where, `${key} is missing`);
      return undefined;
    }
    if (typeof v !== 'string' || v.trim() === '') {
      this.fail(where, `${key} must be a non-empty string, not ${show(v)}`);
      return undefined;
    }
    return v;
  }

  integer(o: Obj, key: string, where: string, min: number, max: number, optional = false): number | undefined {
    const v = o[key];
    if (v === undefined) {
      if (!optional) this.fail(where, `${key} is missing`);
      return undefined;
    }
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
      this.fail(where, `${key} must be a whole number from ${min} to ${max}, not ${show(v)}`);
      return undefined;
    }
    return v;
  }

  notes(o: Obj, where: string): string[] | undefined {
    const v = o.notes;
    if (v === undefined) return undefined;
    if (!Array.isArray(v) || v.some((n) => typeof n !== 'string' || n.trim() === '')) {
      this.fail(where, 'notes must be a list of non-empty strings');
      return undefined;
    }
    return v as string[];
  }
}

function atlasWhere(id: string | undefined, index: number): string {
  return id ? `atlas '${id}'` : `atlas #${index + 1}`;
}

function checkFile(c: Checker, raw: unknown, variantWhere: string, index: number): CatalogFile | undefined {
  const numbered = `${variantWhere} file #${index + 1}`;
  if (!isObj(raw)) {
    c.fail(numbered, `must be an object, not ${show(raw)}`);
    return undefined;
  }
  const name = c.text(raw, 'name', numbered);
  const w = name ? `${variantWhere} file '${name}'` : numbered;
  c.unknownKeys(raw, FILE_KEYS, w);
  if (name && (/[/\\]/.test(name) || name === '.' || name === '..'))
    c.fail(w, 'name must be a plain file name (no folders)');
  const folder = c.text(raw, 'folder', w);
  if (folder && (/[/\\]/.test(folder) || folder === '.' || folder === '..')) {
    c.fail(w, 'folder must be a single folder name (no slashes, not . or ..)');
  }
  const role = raw.role;
  if (role === undefined) c.fail(w, 'role is missing');
  else if (typeof role !== 'string' || !(FILE_ROLES as readonly string[]).includes(role)) {
    c.fail(w, `role must be one of ${FILE_ROLES.join(', ')}, not ${show(role)}`);
  }
  const bytes = c.integer(raw, 'bytes', w, 1, Number.MAX_SAFE_INTEGER);
  const sha = raw.sha256;
  if (sha === undefined) c.fail(w, 'sha256 is missing');
  else if (typeof sha !== 'string' || !SHA256.test(sha)) c.fail(w, 'sha256 must be 64 hex characters');
  const url = raw.url;
  if (url === undefined) c.fail(w, 'url is missing (write null for a local-only file)');
  else if (url !== null && (typeof url !== 'string' || !/^https:\/\/[^\s/]+\/\S+$/.test(url))) {
    c.fail(w, `url must be an https:// address or null, not ${show(url)}`);
  }
  if (raw.value !== undefined) {
    if (role !== 'probability') c.fail(w, "value is only allowed on 'probability' files");
    else c.integer(raw, 'value', w, 1, 2 ** 31 - 1);
  }
  if (raw.hemisphere !== undefined) {
    if (role !== 'labels') c.fail(w, "hemisphere is only allowed on 'labels' files");
    else if (raw.hemisphere !== 'left' && raw.hemisphere !== 'right') {
      c.fail(w, `hemisphere must be 'left' or 'right', not ${show(raw.hemisphere)}`);
    }
  }
  if (raw.valueOffset !== undefined) {
    if (raw.hemisphere === undefined) c.fail(w, 'valueOffset is only allowed on a hemisphere file');
    else c.integer(raw, 'valueOffset', w, 0, 2 ** 30);
  }
  if (!name || !folder || bytes === undefined || typeof sha !== 'string') return undefined;
  const file: CatalogFile = {
    name,
    folder,
    role: role as FileRole,
    bytes,
    sha256: sha as string,
    url: (url ?? null) as string | null,
  };
  if (typeof raw.value === 'number') file.value = raw.value;
  if (raw.hemisphere === 'left' || raw.hemisphere === 'right') file.hemisphere = raw.hemisphere;
  if (typeof raw.valueOffset === 'number') file.valueOffset = raw.valueOffset;
  return file;
}

function checkLabelNames(c: Checker, raw: unknown, where: string): CatalogLabelName[] | undefined {
  if (!Array.isArray(raw) || raw.length === 0) {
    c.fail(where, 'labelNames must be a non-empty list of { value, name }');
    return undefined;
  }
  const seen = new Set<number>();
  const out: CatalogLabelName[] = [];
  raw.forEach((e, i) => {
    const w = `${where} labelNames[${i}]`;
    if (!isObj(e)) {
      c.fail(w, 'must be an object { value, name }');
      return;
    }
    c.unknownKeys(e, ['value', 'name'], w);
    const value = c.integer(e, 'value', w, 0, 2 ** 31 - 1);
    const name = c.text(e, 'name', w);
    if (value !== undefined) {
      if (seen.has(value)) c.fail(where, `labelNames gives value ${value} twice`);
      seen.add(value);
    }
    if (value !== undefined && name !== undefined) out.push({ value, name });
  });
  return out;
}

function checkVariant(
  c: Checker,
  raw: unknown,
  where: string,
  kind: AtlasKind | undefined,
): CatalogVariant | undefined {
  if (!isObj(raw)) {
    c.fail(where, `must be an object, not ${show(raw)}`);
    return undefined;
  }
  const id = c.text(raw, 'id', where);
  const w = id ? `${where} variant '${id}'` : where;
  c.unknownKeys(raw, VARIANT_KEYS, w);
  if (id && !VARIANT_ID.test(id)) c.fail(w, 'id must be letters, digits and single . - _ separators (e.g. "1mm")');

  const res = raw.resolutionMm;
  let resolutionMm: number | undefined;
  if (res === undefined) c.fail(w, 'resolutionMm is missing');
  else if (typeof res !== 'number' || !Number.isFinite(res) || res < 0 || res > 100) {
    c.fail(w, `resolutionMm must be a number of millimetres from 0 to 100, not ${show(res)}`);
  } else resolutionMm = res;
  if (resolutionMm !== undefined) {
    const gridless = kind === 'coordinates' || kind === 'surface';
    if (gridless && resolutionMm !== 0) c.fail(w, `resolutionMm must be 0 for a ${kind} atlas`);
    if (!gridless && kind !== undefined && resolutionMm === 0)
      c.fail(w, `resolutionMm must be above 0 for a ${kind} atlas`);
  }

  const space = c.text(raw, 'space', w, true);

  let dims: [number, number, number] | undefined;
  if (raw.dims !== undefined) {
    const d = raw.dims;
    if (!Array.isArray(d) || d.length !== 3 || d.some((n) => typeof n !== 'number' || !Number.isInteger(n) || n < 1)) {
      c.fail(w, 'dims must be three positive whole numbers');
    } else dims = [d[0], d[1], d[2]];
  }

  const files: CatalogFile[] = [];
  const rawFiles = raw.files;
  if (!Array.isArray(rawFiles) || rawFiles.length === 0) {
    c.fail(w, 'files must be a non-empty list');
  } else {
    const seen = new Set<string>();
    rawFiles.forEach((f, i) => {
      const file = checkFile(c, f, w, i);
      if (!file) return;
      const key = `${file.folder}/${file.name}`;
      if (seen.has(key)) c.fail(w, `file '${file.name}' (folder '${file.folder}') is listed twice`);
      seen.add(key);
      files.push(file);
    });
  }

  const byRole = (r: FileRole) => files.filter((f) => f.role === r);
  const labelFiles = byRole('labels');
  const hemispheres = labelFiles
    .map((f) => f.hemisphere)
    .sort()
    .join(',');
  if (kind === 'labels' && labelFiles.length === 0) c.fail(w, "a labels atlas needs a 'labels' file in every variant");
  else if (labelFiles.length === 2 && hemispheres !== 'left,right') {
    c.fail(w, "two 'labels' files must be one per hemisphere: give one hemisphere 'left' and the other 'right'");
  } else if (labelFiles.length > 2 || (kind === 'probabilistic' && labelFiles.length > 1)) {
    c.fail(w, "has more than one 'labels' file");
  } else if (labelFiles.length === 1 && labelFiles[0].hemisphere) {
    c.fail(w, `a single 'labels' file covers both hemispheres; drop its hemisphere '${labelFiles[0].hemisphere}'`);
  }
  if (hemispheres === 'left,right' && (labelFiles[0].valueOffset ?? 0) === (labelFiles[1].valueOffset ?? 0)) {
    c.fail(w, 'the two hemisphere files need different valueOffsets, or their regions would share values');
  }
  if (byRole('network-assignment').length > 0 !== byRole('network-names').length > 0) {
    c.fail(
      w,
      "'network-assignment' and 'network-names' files come together: one gives each label a network number, the other names the numbers",
    );
  }
  if (kind === 'probabilistic') {
    if (labelFiles.length === 0 && byRole('probability').length === 0) {
      c.fail(w, "a probabilistic atlas needs a 'labels' or 'probability' file in every variant");
    }
  }
  if (kind === 'coordinates' && byRole('coordinates').length === 0)
    c.fail(w, "a coordinates atlas needs a 'coordinates' file");
  if (kind === 'template' && byRole('template').length === 0) c.fail(w, "a template needs a 'template' file");
  if (kind === 'surface' && byRole('surface').length === 0) c.fail(w, "a surface atlas needs a 'surface' file");

  const values = new Map<number, string>();
  for (const f of byRole('probability')) {
    if (f.value === undefined) continue;
    const other = values.get(f.value);
    if (other) c.fail(w, `files '${other}' and '${f.name}' both claim value ${f.value}`);
    values.set(f.value, f.name);
  }

  let labelNames: CatalogLabelName[] | undefined;
  if (raw.labelNames !== undefined) {
    labelNames = checkLabelNames(c, raw.labelNames, w);
    if (byRole('labeltable').length > 0) c.fail(w, "has both a 'labeltable' file and labelNames; keep one");
    if (labelFiles.length === 0) c.fail(w, "labelNames needs a 'labels' file to name");
  }

  let namesFromVariant: string | undefined;
  if (raw.namesFromVariant !== undefined) {
    namesFromVariant = c.text(raw, 'namesFromVariant', w);
    if (raw.labelNames !== undefined) c.fail(w, 'has both namesFromVariant and labelNames; keep one');
  }

  let affine: number[] | undefined;
  if (raw.affine !== undefined) {
    const a = raw.affine;
    if (!Array.isArray(a) || a.length !== 12 || !a.every((x) => typeof x === 'number' && Number.isFinite(x))) {
      c.fail(w, 'affine must be 12 finite numbers (a row-major 3x4 voxel-to-MNI matrix)');
    } else {
      affine = a as number[];
    }
  }

  const notes = c.notes(raw, w);
  if (!id || resolutionMm === undefined) return undefined;
  const v: CatalogVariant = { id, resolutionMm, files };
  if (space !== undefined) v.space = space;
  if (dims) v.dims = dims;
  if (namesFromVariant !== undefined) v.namesFromVariant = namesFromVariant;
  if (labelNames) v.labelNames = labelNames;
  if (affine) v.affine = affine;
  if (notes) v.notes = notes;
  return v;
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
    const [first, ...rest] = c.errors;
    const more =
      rest.length === 0
        ? ''
        : ` (and ${rest.length} more: ${rest.slice(0, 5).join('; ')}${rest.length > 5 ? '; …' : ''})`;
    throw new AtlasError('corrupt', `${first ?? 'not a catalog'}${more}`, fileName);
  }
  return catalog;
}

// ---------------------------------------------------------------------------------------------------------------
// Lookup
// ---------------------------------------------------------------------------------------------------------------

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
