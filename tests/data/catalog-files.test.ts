/**
 * The shipped catalog (atlases/catalog.json): it validates, it has every public id with the right kind, and — where
 * the curated data is on this machine (BRAIN_ATLAS_PATH, else ../shared/atlases) — every file it lists is there
 * with exactly the catalog's size and sha256, and each variant's dims match its volume's NIfTI header.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { constants as zlib, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { AtlasKind, Catalog, CatalogFile } from '../../core/catalog/types';
import { chooseVariant, findAtlas } from '../../core/catalog/lookup';
import { validateCatalog } from '../../core/catalog/validate';

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const catalogPath = join(repoRoot, 'atlases', 'catalog.json');
const catalog: Catalog = validateCatalog(JSON.parse(readFileSync(catalogPath, 'utf8')), 'atlases/catalog.json');

function dataRoots(): string[] {
  const env = process.env.BRAIN_ATLAS_PATH;
  if (env && env.trim()) return env.split(delimiter).filter((p) => p.trim() && existsSync(p));
  const fallback = resolve(repoRoot, '..', 'shared', 'atlases');
  return existsSync(fallback) ? [fallback] : [];
}
const roots = dataRoots();
const noData = roots.length === 0;
if (noData)
  console.warn(
    'catalog-files: no atlas data (set BRAIN_ATLAS_PATH or provide ../shared/atlases); on-disk checks skipped',
  );

const REQUIRED: Record<string, AtlasKind> = {
  brodmann: 'labels',
  aal3: 'labels',
  aal: 'labels',
  'yeo-7': 'labels',
  'yeo-17': 'labels',
  'schaefer-200-7': 'labels',
  'schaefer-400-7': 'labels',
  'harvard-oxford-cortical': 'labels',
  'harvard-oxford-subcortical': 'labels',
  'desikan-killiany': 'labels',
  'glasser-360': 'labels',
  'brainnetome-246': 'labels',
  'tian-s1': 'labels',
  'tian-s2': 'labels',
  'tian-s3': 'labels',
  'tian-s4': 'labels',
  'craddock-200': 'labels',
  aicha: 'labels',
  'jhu-wm': 'labels',
  wang2015: 'probabilistic',
  'power-264': 'coordinates',
  'dosenbach-160': 'coordinates',
  'seitzman-300': 'coordinates',
  mni152: 'template',
  colin27: 'template',
};
for (let n = 100; n <= 1000; n += 100) REQUIRED[`schaefer-${n}-17`] = 'labels';

describe('atlases/catalog.json', () => {
  it('has every public id with the right kind', () => {
    for (const [id, kind] of Object.entries(REQUIRED)) {
      expect(findAtlas(catalog, id).kind, id).toBe(kind);
    }
  });

  it('gives every parcellation and coordinate set its region count', () => {
    for (const a of catalog.atlases) {
      if (a.kind === 'labels' || a.kind === 'probabilistic' || a.kind === 'coordinates')
        expect(a.parcels, a.id).toBeGreaterThan(0);
    }
  });

  it('gives Yeo and Schaefer atlases their network count', () => {
    for (const a of catalog.atlases) {
      if (/^schaefer-\d+-17$/.test(a.id) || a.id === 'yeo-17') expect(a.networks, a.id).toBe(17);
      if (/^schaefer-\d+-7($|-)/.test(a.id) || a.id === 'yeo-7') expect(a.networks, a.id).toBe(7);
    }
  });

  it('picks variants by resolution', () => {
    expect(chooseVariant(findAtlas(catalog, 'aal3')).id).toBe('1mm');
    expect(chooseVariant(findAtlas(catalog, 'aal3'), 2).id).toBe('2mm');
    expect(chooseVariant(findAtlas(catalog, 'brainnetome-246')).resolutionMm).toBe(1.25);
    expect(() => chooseVariant(findAtlas(catalog, 'aal3'), 3)).toThrow(
      "atlas 'aal3' has no 3 mm variant; available: 1 mm, 2 mm",
    );
  });

  it('takes Schaefer 1000x17 1 mm names from the 2 mm variant (old label order)', () => {
    const v = chooseVariant(findAtlas(catalog, 'schaefer-1000-17'), 1);
    expect(v.namesFromVariant).toBe('2mm');
    expect(v.files.some((f) => f.role === 'labeltable')).toBe(false);
  });

  it('gives glasser-360 its 360-region volume and table', () => {
    const a = findAtlas(catalog, 'glasser-360');
    expect(a.parcels).toBe(360);
    const names = chooseVariant(a).files.map((f) => f.name);
    expect(names).toContain('Glasser_360Parcels_FSLMNI152_1mm.nii.gz');
    expect(names).toContain('Glasser_360Parcels_info.tsv');
  });

  it('maps the 50 Wang 2015 probability maps onto the 49 max-probability labels', () => {
    const v = chooseVariant(findAtlas(catalog, 'wang2015'), 1);
    const maps = v.files.filter((f) => f.role === 'probability');
    expect(maps).toHaveLength(50);
    const values = maps.map((f) => f.value).filter((x): x is number => x !== undefined);
    expect(values.sort((a, b) => a - b)).toEqual(Array.from({ length: 49 }, (_, i) => i + 1));
    const value = (name: string) => maps.find((f) => f.name === name)?.value;
    expect(value('perc_VTPM_vol_roi1_lh.nii.gz')).toBe(1); // L_V1v
    expect(value('perc_VTPM_vol_roi23_lh.nii.gz')).toBeUndefined(); // left IPS5: no label
    expect(value('perc_VTPM_vol_roi25_lh.nii.gz')).toBe(24); // L_FEF
    expect(value('perc_VTPM_vol_roi1_rh.nii.gz')).toBe(25); // R_V1v
    expect(value('perc_VTPM_vol_roi25_rh.nii.gz')).toBe(49); // R_FEF
  });

  it('uses only raw.githubusercontent.com addresses pinned to a commit, or none', () => {
    for (const a of catalog.atlases)
      for (const v of a.variants)
        for (const f of v.files) {
          if (f.url !== null)
            expect(f.url, `${a.id}/${v.id}/${f.name}`).toMatch(
              /^https:\/\/raw\.githubusercontent\.com\/[^/]+\/[^/]+\/[0-9a-f]{40}\/\S+$/,
            );
        }
  });

  it('is what scripts/build-catalog.mjs would write (no hand edits)', () => {
    // Stable formatting: two-space JSON with a final newline, atlases in the generator's order.
    const text = readFileSync(catalogPath, 'utf8');
    expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
  });
});

/** NIfTI-1 dims from the header of a .nii or .nii.gz file. */
function niftiDims(bytes: Buffer, name: string): [number, number, number] {
  // The header is the first 348 bytes: inflate only the start of a .gz file.
  const raw = name.endsWith('.gz') ? gunzipSync(bytes.subarray(0, 8192), { finishFlush: zlib.Z_SYNC_FLUSH }) : bytes;
  if (raw.length < 348) throw new Error(`${name}: header ends early`);
  const little = raw.readInt32LE(0) === 348;
  if (!little && raw.readInt32BE(0) !== 348) throw new Error(`${name}: not a NIfTI-1 header`);
  const at = (i: number) => (little ? raw.readInt16LE(40 + 2 * i) : raw.readInt16BE(40 + 2 * i));
  return [at(1), at(2), at(3)];
}

function locate(f: CatalogFile): string | undefined {
  for (const root of roots) {
    const p = join(root, f.folder, f.name);
    if (existsSync(p)) return p;
  }
  return undefined;
}

describe.skipIf(noData)(
  `catalog files on disk${noData ? ' (skipped: set BRAIN_ATLAS_PATH or provide ../shared/atlases)' : ` (${roots.join(delimiter)})`}`,
  () => {
    const unique = new Map<string, CatalogFile>();
    for (const a of catalog.atlases)
      for (const v of a.variants) for (const f of v.files) unique.set(`${f.folder}/${f.name}`, f);

    it('has every file with the catalog size and sha256', () => {
      const problems: string[] = [];
      for (const [key, f] of unique) {
        const p = locate(f);
        if (!p) {
          problems.push(`${key}: missing`);
          continue;
        }
        const bytes = readFileSync(p);
        if (bytes.length !== f.bytes) problems.push(`${key}: ${bytes.length} bytes, catalog says ${f.bytes}`);
        const sha = createHash('sha256').update(bytes).digest('hex');
        if (sha !== f.sha256) problems.push(`${key}: sha256 ${sha}, catalog says ${f.sha256}`);
      }
      expect(problems).toEqual([]);
    });

    it("gives each variant the dims of its main volume's header", () => {
      const problems: string[] = [];
      for (const a of catalog.atlases)
        for (const v of a.variants) {
          if (!v.dims) continue;
          const main = v.files.find((f) => f.role === 'labels') ?? v.files.find((f) => f.role === 'template');
          if (!main) {
            problems.push(`${a.id}/${v.id}: dims but no labels or template volume`);
            continue;
          }
          const p = locate(main);
          if (!p) continue; // reported by the test above
          const dims = niftiDims(readFileSync(p), main.name);
          if (dims.join('x') !== v.dims.join('x'))
            problems.push(`${a.id}/${v.id}: ${main.name} is ${dims.join('x')}, catalog says ${v.dims.join('x')}`);
        }
      expect(problems).toEqual([]);
    });

    it('represents every shared atlas folder', () => {
      const manifestPath = roots.map((r) => join(r, 'manifest.json')).find((p) => existsSync(p));
      if (!manifestPath) return;
      const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { atlases: { id: string }[] };
      const folders = new Set([...unique.values()].map((f) => f.folder));
      expect(manifest.atlases.map((a) => a.id).filter((id) => !folders.has(id))).toEqual([]);
    });
  },
);
