/**
 * `brain-atlas fetch` end to end as a new user behind a firewall would use it: an empty cache, no atlas folders,
 * and BRAIN_ATLAS_MIRROR pointing at a local mirror of ../shared/atlases served over HTTP. A corrupted file on the
 * mirror must fail with a clear message and never land in the cache.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, normalize } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureCli } from '../helpers/run-cli';
import { SHARED } from '../helpers/shared-atlases';

function serve(root: string): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const file = normalize(join(root, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)));
    if (!file.startsWith(root) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    const body = readFileSync(file);
    res.writeHead(200, { 'Content-Length': body.length }).end(body);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server }),
    ),
  );
}

const cli = (env: NodeJS.ProcessEnv, ...argv: string[]) => captureCli(env, argv);

describe.skipIf(!SHARED)('fetch from a mirror', () => {
  let good: { url: string; server: Server };
  let bad: { url: string; server: Server };
  const base = { BRAIN_ATLAS_PATH: '', BRAIN_ATLAS_NO_INSTALLED: '1' };

  beforeAll(async () => {
    good = await serve(SHARED as string);
    const corrupt = mkdtempSync(join(tmpdir(), 'bas-bad-mirror-'));
    mkdirSync(join(corrupt, 'aal3'));
    for (const f of readdirSync(join(SHARED as string, 'aal3')))
      copyFileSync(join(SHARED as string, 'aal3', f), join(corrupt, 'aal3', f));
    const victim = join(corrupt, 'aal3', 'AAL3v1_1mm.nii.gz');
    const bytes = readFileSync(victim);
    bytes[bytes.length >> 1] ^= 0xff;
    writeFileSync(victim, bytes);
    bad = await serve(corrupt);
  });
  afterAll(() => {
    good?.server.close();
    bad?.server.close();
  });

  it('downloads an atlas into an empty cache, verified, and then answers from it', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'bas-cache-'));
    const env = { ...base, BRAIN_ATLAS_CACHE: cache, BRAIN_ATLAS_MIRROR: good.url };
    const listed = JSON.parse((await cli(env, 'list', '--json')).out).find((a: { id: string }) => a.id === 'aal3');
    expect(listed.status).toBe('downloadable');
    const fetched = await cli(env, 'fetch', 'aal3');
    expect(fetched.code).toBe(0);
    expect(fetched.out).toBe('aal3: present');
    expect(existsSync(join(cache, 'aal3', 'AAL3v1_1mm.nii.gz'))).toBe(true);
    // Offline from now on: the mirror is gone, the cache is enough.
    const offline = { ...env, BRAIN_ATLAS_MIRROR: 'http://127.0.0.1:1' };
    const regions = JSON.parse((await cli(offline, 'regions', 'aal3', '--json')).out);
    expect(regions).toHaveLength(166);
    expect(regions[0]).toMatchObject({ value: 1, name: 'Precentral_L', hemisphere: 'left' });
  });

  it('refuses a corrupted file from the mirror and leaves nothing in the cache', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'bas-cache-'));
    const r = await cli(
      { ...base, BRAIN_ATLAS_CACHE: cache, BRAIN_ATLAS_MIRROR: bad.url },
      'fetch',
      'aal3',
      '--res',
      '1',
    );
    expect(r.code).toBe(1);
    // stderr holds the progress lines, then the error as one line.
    expect(r.err.split('\n').at(-1)).toMatch(/^brain-atlas: AAL3v1_1mm\.nii\.gz: .*sha256/);
    const left = existsSync(join(cache, 'aal3')) ? readdirSync(join(cache, 'aal3')) : [];
    expect(left.filter((f) => f.includes('AAL3v1_1mm.nii.gz'))).toEqual([]);
  });

  it('says so in one sentence when the mirror cannot be reached', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'bas-cache-'));
    const closed = await serve(tmpdir());
    closed.server.close(); // a port where nothing listens any more
    const r = await cli({ ...base, BRAIN_ATLAS_CACHE: cache, BRAIN_ATLAS_MIRROR: closed.url }, 'fetch', 'aal');
    expect(r.code).toBe(1);
    const errors = r.err.split('\n').filter((l) => l.startsWith('brain-atlas:'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /^brain-atlas: aal\.nii\.gz: could not download it from 127\.0\.0\.1:\d+ .*(offline|refused).*BRAIN_ATLAS_MIRROR/,
    );
  });
});
