/**
 * The starter set (atlases/starter, shipped with the app): every file is the catalog's (size and sha256), comes from
 * a permissively licensed atlas, and makes a machine with nothing else answer: with BRAIN_ATLAS_PATH unset and an
 * empty cache the service lists the starter atlases as present, opens them at 2 mm and serves the template, and
 * `brain-atlas query` answers from them. Needs only the repository (no ../shared/atlases).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CatalogAtlas, CatalogFile } from '../../core/catalog/types';
import { validateCatalog } from '../../core/catalog/validate';
import { decodeTemplateImage } from '../../core/mesh/codec';
import { createAtlasService } from '../../main/services/create-service';
import { captureCli } from '../helpers/run-cli';

const repo = join(__dirname, '../..');
const starterDir = join(repo, 'atlases', 'starter');
const catalog = validateCatalog(JSON.parse(readFileSync(join(repo, 'atlases', 'catalog.json'), 'utf8')));
const STARTER_ATLASES = ['brodmann', 'yeo-7', 'yeo-17', 'schaefer-400-7', 'mni152'];
/** How the catalog's licence of an atlas in the starter set must begin. */
const PERMISSIVE = /^(MIT|BSD-3-Clause|Apache-2\.0|Permissive MNI\/ICBM copyright)\b/;

const starterFiles = new Map<string, { file: CatalogFile; atlases: CatalogAtlas[] }>();
for (const a of catalog.atlases) {
  for (const v of a.variants) {
    for (const f of v.files) {
      if (!f.starter) continue;
      const key = `${f.folder}/${f.name}`;
      const entry = starterFiles.get(key) ?? { file: f, atlases: [] };
      if (!entry.atlases.includes(a)) entry.atlases.push(a);
      starterFiles.set(key, entry);
    }
  }
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listFiles(join(dir, e.name)) : [relative(starterDir, join(dir, e.name)).split(/[\\/]/).join('/')],
  );
}

/** An environment with nothing but the app: no BRAIN_ATLAS_PATH, an empty cache and config, no FSL or MRIcron. */
function bareEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    BRAIN_ATLAS_CACHE: mkdtempSync(join(tmpdir(), 'bas-bare-cache-')),
    BRAIN_ATLAS_CONFIG: mkdtempSync(join(tmpdir(), 'bas-bare-config-')),
    BRAIN_ATLAS_NO_INSTALLED: '1',
  };
  for (const k of ['BRAIN_ATLAS_PATH', 'BRAIN_ATLAS_MIRROR', 'BRAIN_ATLAS_CATALOG', 'BRAIN_ATLAS_NO_STARTER'])
    delete env[k];
  return env;
}

describe('the starter set', () => {
  it('holds exactly the catalog files marked starter, byte for byte, under a few MB', () => {
    expect([...starterFiles.keys()].sort()).toEqual(
      listFiles(starterDir)
        .filter((f) => f !== 'README.md')
        .sort(),
    );
    let total = 0;
    for (const [key, { file }] of starterFiles) {
      const bytes = readFileSync(join(starterDir, key));
      expect(bytes.length, key).toBe(file.bytes);
      expect(createHash('sha256').update(bytes).digest('hex'), key).toBe(file.sha256);
      total += bytes.length;
    }
    expect(total).toBeLessThan(3 * 1024 * 1024);
    const readme = readFileSync(join(starterDir, 'README.md'), 'utf8');
    for (const [key, { file }] of starterFiles) {
      expect(readme).toContain(`\`${key}\``);
      expect(readme).toContain(file.sha256);
      expect(readme).toContain(`| ${file.bytes} |`);
    }
  });

  it('comes only from permissively licensed atlases; AAL3, Harvard-Oxford and Julich-Brain stay download-only', () => {
    for (const [key, { atlases }] of starterFiles) {
      for (const a of atlases) expect(a.license, `${key} (${a.id})`).toMatch(PERMISSIVE);
      expect(key).not.toMatch(/^(aal3|aal|harvard-oxford|julich-brain)\//);
      expect(key).not.toBe('mni152/MNI152_T1_2mm.nii.gz'); // FSL's head image: FSL licence
    }
    const ids = new Set([...starterFiles.values()].flatMap((e) => e.atlases.map((a) => a.id)));
    expect([...ids].sort()).toEqual([...STARTER_ATLASES].sort());
    for (const a of catalog.atlases.filter((x) => /^(aal3|harvard-oxford|julich-brain)/.test(x.id))) {
      expect(a.variants.flatMap((v) => v.files).some((f) => f.starter)).toBe(false);
    }
  });

  it('makes the starter atlases present on a bare machine, at 2 mm, with the template', {
    timeout: 120_000,
  }, async () => {
    const service = await createAtlasService(bareEnv());
    const listings = await service.listAtlases();
    const present = listings.filter((l) => l.status === 'present').map((l) => l.id);
    expect(present.sort()).toEqual([...STARTER_ATLASES].sort());
    for (const id of STARTER_ATLASES) {
      const v = listings.find((l) => l.id === id)?.variants.find((x) => x.id === '2mm');
      expect(v, id).toMatchObject({ status: 'present', starter: true });
    }
    expect(listings.find((l) => l.id === 'mni152')?.variants.find((v) => v.id === '2mm-head')?.status).not.toBe(
      'present',
    );
    expect((await service.presentLabelAtlases()).sort()).toEqual(['brodmann', 'schaefer-400-7', 'yeo-17', 'yeo-7']);

    const brodmann = await service.openAtlas({ id: 'brodmann', res: 2 });
    expect(brodmann.regions).toHaveLength(41);
    expect(brodmann.dims).toEqual([91, 109, 91]);
    // Without a resolution the finest variant on this machine opens, rather than a download of the 1 mm one.
    expect((await service.openAtlas({ id: 'brodmann' })).variant).toBe('2mm');
    expect((await service.openAtlas({ id: 'schaefer-400-7' })).regions).toHaveLength(400);

    const template = decodeTemplateImage(await service.getTemplateImage({}));
    expect(template.dims).toEqual([91, 109, 91]);
    const mask = await service.labelVolume({ id: 'mni152' });
    expect(mask.volume.dims).toEqual([91, 109, 91]);
    expect(mask.volume.maxLabel).toBe(1);

    const [hit] = await service.query({ points: [[-44, 14, 8]] });
    expect(Object.keys(hit.atlases).sort()).toEqual(['brodmann', 'schaefer-400-7', 'yeo-17', 'yeo-7']);
    expect(hit.atlases['yeo-7'].value).toBeGreaterThan(0);
  });

  it('is left out with BRAIN_ATLAS_NO_STARTER=1', async () => {
    const out = await captureCli({ ...bareEnv(), BRAIN_ATLAS_NO_STARTER: '1' }, ['query', '-44', '14', '8']);
    expect(out.code).toBe(1);
    expect(out.err).toMatch(/no labels atlas is on this machine/);
  });

  it('answers `brain-atlas query -44 14 8` with no BRAIN_ATLAS_PATH', { timeout: 120_000 }, async () => {
    const env = bareEnv();
    const inProcess = await captureCli(env, ['query', '-44', '14', '8', '--json']);
    expect(inProcess.code).toBe(0);
    const answer = JSON.parse(inProcess.out);
    expect(Object.keys(answer.atlases).sort()).toEqual(['brodmann', 'schaefer-400-7', 'yeo-17', 'yeo-7']);
    const bin = join(repo, 'bin', 'brain-atlas.js');
    if (!existsSync(join(repo, 'dist', 'node', 'cli.js'))) return; // the built command: after `npm run build:node`
    const run = spawnSync(process.execPath, [bin, 'query', '-44', '14', '8', '--json'], { env, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(answer);
  });
});
