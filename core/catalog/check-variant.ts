/**
 * Checks one variant of a catalog atlas (its resolution, grid, label names and affine) and each file it lists
 * (name, folder, role, size, checksum, URL), turning them into typed CatalogVariant and CatalogFile objects.
 * Pure: no fs, no node built-ins.
 */
import type { AtlasKind, CatalogFile, CatalogLabelName, CatalogVariant, FileRole } from './types';
import { isObj, show } from '../io/validation';
import type { Checker } from './checker';

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
const FILE_KEYS = [
  'name',
  'folder',
  'role',
  'bytes',
  'sha256',
  'url',
  'value',
  'hemisphere',
  'valueOffset',
  'starter',
] as const;
const VARIANT_ID = /^[A-Za-z0-9]+(?:[-._][A-Za-z0-9]+)*$/;
const SHA256 = /^[0-9a-f]{64}$/;

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
  if (raw.starter !== undefined && raw.starter !== true) {
    c.fail(w, `starter must be true (a file that ships with the app) or left out, not ${show(raw.starter)}`);
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
  if (raw.starter === true) file.starter = true;
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

/** One variant of an atlas of `kind`; undefined (with the problems in `c`) when it is too broken to use. */
export function checkVariant(
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
