/**
 * Real-data check of downloads: serves the curated atlas folder (BRAIN_ATLAS_PATH or ../shared/atlases) over a
 * local http server as a mirror and downloads a few small real files into a temp cache, checked against the
 * sha256/bytes in that folder's manifest.json. A corrupted copy (written to a temp folder; the shared folder is
 * never modified) must never land in the cache.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import crypto from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CatalogFile } from '../../core/catalog/types';
import { AtlasError } from '../../core/errors';
import { downloadFile, ensureFiles } from '../../main/services/atlas-download';
import { locateFile, type FileLocations } from '../../main/services/atlas-locations';
import { verifyFile } from '../../main/services/atlas-verify';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function findAtlasRoot(): string | null {
  const fromEnv = (process.env.BRAIN_ATLAS_PATH ?? '')
    .split(path.delimiter)
    .filter((s) => s.trim() !== '')
    .map((s) => path.resolve(s.trim()));
  for (const root of [...fromEnv, path.resolve(repoRoot, '..', 'shared', 'atlases')]) {
    if (existsSync(path.join(root, 'manifest.json'))) return root;
  }
  return null;
}

const atlasRoot = findAtlasRoot();
const WANTED: Array<[string, string]> = [
  ['aal3', 'LUT.csv'],
  ['aal3', 'AAL3v1.nii.gz'],
  ['aal3', 'AAL3v1_1mm.xml'],
];

interface ManifestFile {
  file: string;
  role: string;
  bytes: number;
  sha256: string;
}

function manifestFiles(root: string): CatalogFile[] {
  const manifest = JSON.parse(readFileSync(path.join(root, 'manifest.json'), 'utf8')) as {
    atlases: Array<{ id: string; files: ManifestFile[] }>;
  };
  return WANTED.map(([folder, name]) => {
    const entry = manifest.atlases.find((a) => a.id === folder)?.files.find((f) => f.file === name);
    if (!entry) throw new Error(`${folder}/${name} is not in ${root}/manifest.json`);
    return { name, folder, role: 'labeltable', bytes: entry.bytes, sha256: entry.sha256, url: null };
  });
}

async function serveFolder(root: string): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer(async (req, res) => {
    const rel = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const p = path.join(root, path.normalize(rel));
    if (!p.startsWith(root + path.sep)) return void res.writeHead(403).end();
    try {
      const data = await fs.readFile(p);
      res.writeHead(200, { 'content-length': data.length }).end(data);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

if (!atlasRoot) {
  console.warn('tests/data/mirror.test.ts: skipped — no manifest.json under BRAIN_ATLAS_PATH or ../shared/atlases');
}

describe.skipIf(!atlasRoot)('downloads from a mirror of the real atlas folder', () => {
  let tmp: string;
  let files: CatalogFile[];
  const closers: Array<() => Promise<void>> = [];

  beforeAll(async () => {
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'atlas-mirror-'));
    files = manifestFiles(atlasRoot!);
  });
  afterAll(async () => {
    await Promise.all(closers.map((c) => c()));
    await fs.rm(tmp, { recursive: true, force: true });
  });

  it('fetches real files into an empty cache with the right sha256', async () => {
    const mirror = await serveFolder(atlasRoot!);
    closers.push(mirror.close);
    const loc: FileLocations = { cacheDir: path.join(tmp, 'cache'), searchPaths: [], mirror: mirror.url };
    for (const f of files) expect(await locateFile(f, loc)).toBeNull();

    const map = await ensureFiles(files, loc, { retryDelayMs: 1 });
    for (const f of files) {
      const p = map.get(f)!;
      expect(p).toBe(path.join(loc.cacheDir, f.folder, f.name));
      const sum = crypto
        .createHash('sha256')
        .update(await fs.readFile(p))
        .digest('hex');
      expect(sum).toBe(f.sha256);
      await verifyFile(p, f);
      expect(await locateFile(f, loc)).toEqual({ path: p, source: 'cache' });
    }
    expect((await fs.readdir(path.join(loc.cacheDir, 'aal3'))).sort()).toEqual(files.map((f) => f.name).sort());
  });

  it('never lets a corrupted copy land in the cache', async () => {
    const nii = files.find((f) => f.name === 'AAL3v1.nii.gz')!;
    const bad = Buffer.from(await fs.readFile(path.join(atlasRoot!, nii.folder, nii.name)));
    bad[Math.floor(bad.length / 2)] ^= 0x55;
    const badRoot = path.join(tmp, 'bad-mirror');
    await fs.mkdir(path.join(badRoot, nii.folder), { recursive: true });
    await fs.writeFile(path.join(badRoot, nii.folder, nii.name), bad);
    const mirror = await serveFolder(badRoot);
    closers.push(mirror.close);
    const loc: FileLocations = { cacheDir: path.join(tmp, 'cache-bad'), searchPaths: [], mirror: mirror.url };

    const err = await downloadFile(nii, loc, { retryDelayMs: 1 }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AtlasError);
    expect((err as AtlasError).code).toBe('checksum');
    expect((err as AtlasError).message).toMatch(
      /^AAL3v1\.nii\.gz: the download from .* has sha256 .* but the catalog expects 5821336edf1d…/,
    );
    expect(await fs.readdir(path.join(loc.cacheDir, nii.folder))).toEqual([]);
    expect(await locateFile(nii, loc)).toBeNull();
  });
});
