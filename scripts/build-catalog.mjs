#!/usr/bin/env node
/**
 * Builds atlases/catalog.json from the hand-written spec in scripts/catalog/ and the shared data manifest.
 *
 *   node scripts/build-catalog.mjs [path/to/manifest.json]      (default: ../shared/atlases/manifest.json)
 *
 * The spec says what each public atlas is (id, names, years, DOIs, licences, notes) and which stored files form each
 * variant. Everything that can be read off the data is filled in mechanically from the manifest: the folder (the
 * manifest atlas id), role, bytes, sha256, the download URL (from the file's source) and the grid dims. A file the
 * spec names but the manifest lacks stops the build.
 *
 * The spec is JSON, kept beside this script (build input, not app data: atlases/ holds what the app ships and Biome
 * skips it, while scripts/catalog/ is format-checked with the code):
 *   index.json       `families`: the family files in catalog order; `citation`, `license`, `note`: shared text.
 *   <family>.json    the atlases of one family (the family is the file's name, the manifest atlas id and the folder
 *                    its files are looked up in). `about`: remarks the build ignores; `define`: values for this file's
 *                    references; `atlases`: atlas entries, in order. An entry { forEach: [vars...], atlas } stands
 *                    for one copy of `atlas` per vars object.
 * In entries, a string "${a.b}" is replaced by that value of the vars, the file's `define` or index.json (any JSON
 * value: numbers, arrays of label names); "${a.b}" inside a longer string is replaced by the value's text. The vars
 * of a forEach may themselves refer to `define` and index.json.
 * Variant files: "name" (in the atlas's family folder) or "folder/name"; objects add `value` (probability maps),
 * `role`, `hemisphere` or `valueOffset`. The grid that gives a variant's dims is its labels file's, else its first
 * template's, else its first volume's.
 *
 * The starter set (scripts/catalog/starter.json, see starter-set.mjs): its files get `starter: true`, their copies
 * under atlases/starter are checked against the catalog, and atlases/starter/README.md is written.
 *
 * It also rewrites the table between `<!-- atlases:begin -->` and `<!-- atlases:end -->` in README.md when both
 * markers are there; otherwise it prints the table so it can be pasted.
 *
 * Pairings of volumes and label tables in the spec were checked against the data (value sets, hemisphere of each
 * named region's centre of mass, overlaps with other atlases); the reasons are in the notes that go into the catalog.
 * Plain Node, no dependencies.
 */
import { readFileSync, writeFileSync, existsSync, renameSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { applyStarterSet, starterPaths } from './starter-set.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const specDir = resolve(repoRoot, 'scripts', 'catalog');

// ---------------------------------------------------------------------------------------------------------------
// The spec
// ---------------------------------------------------------------------------------------------------------------

function readJson(path) {
  if (!existsSync(path)) fail(`no file ${path}`);
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    fail(`${path}: not valid JSON (${e.message})`);
  }
}

/** The value a "${a.b}" reference names in `scope`; a reference to nothing stops the build. */
function lookup(path, scope, where) {
  const value = path.split('.').reduce((o, k) => (o !== null && typeof o === 'object' ? o[k] : undefined), scope);
  if (value === undefined) fail(`${where}: \${${path}} refers to nothing`);
  return value;
}

/** A copy of `value` with its "${...}" references replaced (see the header). */
function fill(value, scope, where) {
  if (typeof value === 'string') {
    const whole = /^\$\{([\w.]+)\}$/.exec(value);
    if (whole) return lookup(whole[1], scope, where);
    return value.replace(/\$\{([\w.]+)\}/g, (_, path) => {
      const v = lookup(path, scope, where);
      if (typeof v !== 'string' && typeof v !== 'number') fail(`${where}: \${${path}} inside a text is not text`);
      return String(v);
    });
  }
  if (Array.isArray(value)) return value.map((v) => fill(v, scope, where));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, scope, where)]));
  }
  return value;
}

/** The atlas specs, in catalog order, each with its `family`. */
function readSpec() {
  const index = readJson(resolve(specDir, 'index.json'));
  if (!Array.isArray(index.families)) fail(`${specDir}/index.json: no "families" array`);
  return index.families.flatMap((family) => {
    const path = resolve(specDir, `${family}.json`);
    const file = readJson(path);
    if (!Array.isArray(file.atlases)) fail(`${path}: no "atlases" array`);
    const scope = { ...index, ...file.define };
    return file.atlases.flatMap((entry) => {
      const copies = entry.forEach
        ? entry.forEach.map((vars) => [entry.atlas, { ...scope, ...fill(vars, scope, path) }])
        : [[entry, scope]];
      return copies.map(([atlas, s]) => ({ ...fill(atlas, s, path), family }));
    });
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Build
// ---------------------------------------------------------------------------------------------------------------

const ROLE_FROM_MANIFEST = {
  labels: 'labels',
  labeltable: 'labeltable',
  colortable: 'colortable',
  probabilistic: 'probability',
  probability: 'probability',
  template: 'template',
  mask: 'mask',
  coordinates: 'coordinates',
  surface: 'surface',
  'surface-labels': 'surface-labels',
  metadata: 'metadata',
};

function fail(message) {
  console.error(`build-catalog: ${message}`);
  process.exit(1);
}

/** GitHub OWNER/REPO @ COMMIT : PATH -> raw URL; null for anything that is not those exact bytes at that path. */
function urlFromSource(source, fileName) {
  const m = /^GitHub ([^/\s]+)\/([^\s@]+) @ ([0-9a-f]{40}) : (.+)$/.exec(source);
  if (!m) {
    if (source.startsWith('GitHub')) fail(`${fileName}: cannot read the source "${source}"`);
    return null; // Debian package and other local-only sources
  }
  const [, owner, repo, commit, rest] = m;
  if (rest.includes(' :: ')) return null; // a member of an archive: the raw URL would fetch the archive
  const pm = /^(\S+)(?: \((.*)\))?$/.exec(rest);
  if (!pm) fail(`${fileName}: cannot read the path in the source "${source}"`);
  const [, path, remark = ''] = pm;
  if (/convert/i.test(remark)) return null; // bytes were changed by the curators
  return `https://raw.githubusercontent.com/${owner}/${repo}/${commit}/${path}`;
}

function build(specs, manifest) {
  /** name -> { folder, entry } and folder/name -> same */
  const byName = new Map();
  for (const atlas of manifest.atlases) {
    for (const f of atlas.files) {
      byName.set(`${atlas.id}/${f.file}`, { folder: atlas.id, entry: f });
      if (!byName.has(f.file)) byName.set(f.file, { folder: atlas.id, entry: f });
    }
  }
  const manifestIds = new Set(manifest.atlases.map((a) => a.id));

  const used = new Set();
  const atlases = specs.map((spec) => {
    if (!manifestIds.has(spec.family)) fail(`atlas '${spec.id}': family '${spec.family}' is not a manifest atlas id`);
    const variants = spec.variants.map((vs) => {
      const files = vs.files.map((ref) => {
        const r = typeof ref === 'string' ? { name: ref } : ref;
        const key = r.name.includes('/') ? r.name : `${spec.family}/${r.name}`;
        const hit = byName.get(key);
        if (!hit)
          fail(`atlas '${spec.id}' variant '${vs.id}': file '${r.name}' is not in the manifest (looked for ${key})`);
        const e = hit.entry;
        const role = r.role ?? ROLE_FROM_MANIFEST[e.role];
        if (!role) fail(`${e.file}: unknown manifest role '${e.role}'`);
        used.add(`${hit.folder}/${e.file}`);
        const file = {
          name: e.file,
          folder: hit.folder,
          role,
          bytes: e.bytes,
          sha256: e.sha256,
          url: urlFromSource(e.source, e.file),
        };
        if (r.hemisphere !== undefined) file.hemisphere = r.hemisphere;
        if (r.valueOffset !== undefined) file.valueOffset = r.valueOffset;
        if (r.value !== undefined) {
          if (role !== 'probability') fail(`atlas '${spec.id}': ${e.file} has a value but role '${role}'`);
          file.value = r.value;
        }
        return { file, entry: e };
      });
      const mainRef =
        files.find((f) => f.file.role === 'labels') ??
        files.find((f) => f.file.role === 'template') ??
        files.find((f) => f.entry.nifti);
      const variant = { id: vs.id, resolutionMm: vs.resolutionMm };
      if (vs.space) variant.space = vs.space;
      if (mainRef?.entry.nifti) {
        const d = mainRef.entry.nifti.dims;
        if (!Array.isArray(d) || d.length < 3) fail(`${mainRef.entry.file}: manifest has no dims`);
        variant.dims = [d[0], d[1], d[2]];
        const vox = mainRef.entry.nifti.voxel_mm;
        if (Array.isArray(vox) && vs.resolutionMm > 0 && vox.some((v) => Math.abs(v - vs.resolutionMm) > 1e-6)) {
          fail(
            `atlas '${spec.id}' variant '${vs.id}': ${mainRef.entry.file} has ${vox.join('x')} mm voxels, not ${vs.resolutionMm} mm`,
          );
        }
      }
      variant.files = files.map((f) => f.file);
      if (vs.namesFromVariant) variant.namesFromVariant = vs.namesFromVariant;
      if (vs.labelNames) variant.labelNames = vs.labelNames;
      if (vs.affine) variant.affine = vs.affine;
      if (vs.notes?.length) variant.notes = vs.notes;

      // Cross-checks against the manifest's label counts.
      const labels = files.find((f) => f.file.role === 'labels');
      if (labels && typeof labels.entry.labelCount === 'number' && vs.labelNames) {
        if (vs.labelNames.length !== labels.entry.labelCount)
          fail(
            `atlas '${spec.id}' variant '${vs.id}': ${vs.labelNames.length} labelNames for ${labels.entry.labelCount} labels`,
          );
      }
      return variant;
    });

    const atlas = {
      id: spec.id,
      name: spec.name,
      family: spec.family,
      year: spec.year,
      citation: spec.citation,
      doi: spec.doi,
      license: spec.license,
      space: spec.space,
      kind: spec.kind,
    };
    if (spec.nameZh !== undefined) atlas.nameZh = spec.nameZh;
    if (spec.parcels !== undefined) atlas.parcels = spec.parcels;
    if (spec.networks !== undefined) atlas.networks = spec.networks;
    atlas.description = spec.description;
    atlas.variants = variants;
    if (spec.notes?.length) atlas.notes = spec.notes;

    // parcels should be what the default variant's label volume holds.
    const first = spec.variants[0];
    // Hemisphere files each hold their side's labels: the atlas has their sum.
    const firstLabels = variants[0].files.filter((f) => f.role === 'labels');
    if (firstLabels.length > 0 && spec.parcels !== undefined) {
      const counts = firstLabels.map((f) => byName.get(`${f.folder}/${f.name}`).entry.labelCount);
      const count = counts.reduce((a, b) => a + b, 0);
      if (counts.every((c) => typeof c === 'number') && count !== spec.parcels)
        fail(
          `atlas '${spec.id}': parcels ${spec.parcels} but ${firstLabels.map((f) => f.name).join(' + ')} (variant '${first.id}') has ${count} labels`,
        );
    }
    return atlas;
  });

  const ids = new Set();
  for (const a of atlases) {
    if (ids.has(a.id)) fail(`duplicate atlas id '${a.id}'`);
    ids.add(a.id);
  }
  const families = new Set(atlases.flatMap((a) => a.variants.flatMap((v) => v.files.map((f) => f.folder))));
  for (const id of manifestIds) if (!families.has(id)) fail(`no catalog entry uses the shared atlas folder '${id}'`);

  const unused = manifest.atlases.flatMap((a) => a.files.map((f) => `${a.id}/${f.file}`)).filter((k) => !used.has(k));
  return { catalog: { version: 1, atlases }, unused };
}

// ---------------------------------------------------------------------------------------------------------------
// README table
// ---------------------------------------------------------------------------------------------------------------

function cell(s) {
  return String(s).replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();
}

/** "Rolls ET, Huang CC, ... (2020)" -> "Rolls et al. 2020"; two authors -> "Klein and Tourville 2012". */
function shortCitation(spec) {
  if (spec.cite) return spec.cite;
  const authors = spec.citation
    .split('(')[0]
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  const surname = (a) => a.split(' ')[0];
  if (authors.length === 2 && !/et al/.test(authors[1]))
    return `${surname(authors[0])} and ${surname(authors[1])} ${spec.year}`;
  return `${surname(authors[0])}${authors.length > 1 || / et al/.test(spec.citation) ? ' et al.' : ''} ${spec.year}`;
}

function resolutions(atlas) {
  const parts = [];
  for (const v of atlas.variants) {
    if (v.resolutionMm === 0) continue;
    const label = `${v.resolutionMm} mm${v.space ? ` (${v.space.split(/[ ,]/)[0]})` : ''}`;
    if (!parts.includes(label)) parts.push(label);
  }
  if (parts.length === 0) return atlas.kind === 'surface' ? 'surface' : 'coordinates';
  return parts.join(', ');
}

function readmeTable(specs, atlases) {
  const lines = ['| id | name | year | kind | resolutions | licence | citation |', '|---|---|---|---|---|---|---|'];
  for (const a of atlases) {
    const cite = shortCitation(specs.find((s) => s.id === a.id));
    const doi = a.doi
      ? ` [doi:${cell(a.doi)}](https://doi.org/${encodeURI(a.doi).replace(/[()]/g, (c) => (c === '(' ? '%28' : '%29'))})`
      : '';
    lines.push(
      `| \`${a.id}\` | ${cell(a.name)} | ${a.year} | ${a.kind} | ${cell(resolutions(a))} | ${cell(a.license)} | ${cell(cite)}${doi} |`,
    );
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------------------------

function writeAtomically(path, text) {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

function main() {
  const arg = process.argv[2];
  const manifestPath = arg
    ? resolve(process.cwd(), arg)
    : resolve(repoRoot, '..', 'shared', 'atlases', 'manifest.json');
  if (!existsSync(manifestPath)) fail(`no manifest at ${manifestPath}`);
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  } catch (e) {
    fail(`${manifestPath}: not valid JSON (${e.message})`);
  }
  if (!manifest || !Array.isArray(manifest.atlases)) fail(`${manifestPath}: no "atlases" array`);

  const specs = readSpec();
  const { catalog, unused } = build(specs, manifest);
  const starter = starterPaths(repoRoot);
  const starterReadme = applyStarterSet(catalog, starter.spec, starter.dir, fail);
  writeAtomically(starter.readme, starterReadme);
  const out = resolve(repoRoot, 'atlases', 'catalog.json');
  writeAtomically(out, `${JSON.stringify(catalog, null, 2)}\n`);
  const fileCount = catalog.atlases.reduce((n, a) => n + a.variants.reduce((m, v) => m + v.files.length, 0), 0);
  console.error(`build-catalog: wrote ${out} (${catalog.atlases.length} atlases, ${fileCount} file entries)`);
  if (unused.length) console.error(`build-catalog: shared files not in the catalog: ${unused.join(', ')}`);

  const table = readmeTable(specs, catalog.atlases);
  const readme = resolve(repoRoot, 'README.md');
  const BEGIN = '<!-- atlases:begin -->';
  const END = '<!-- atlases:end -->';
  const text = existsSync(readme) ? readFileSync(readme, 'utf8') : '';
  const b = text.indexOf(BEGIN);
  const e = text.indexOf(END);
  if (b >= 0 && e > b) {
    const next = `${text.slice(0, b + BEGIN.length)}\n${table}\n${text.slice(e)}`;
    if (next !== text) writeAtomically(readme, next);
    console.error(`build-catalog: updated the atlas table in ${readme}`);
  } else {
    console.error(`build-catalog: README.md has no ${BEGIN} / ${END} markers; the table follows:\n`);
    console.log(table);
  }
}

main();
