import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import crypto from 'node:crypto';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CatalogFile } from '../../../../core/catalog/types';
import { AtlasError } from '../../../../core/errors';
import {
  cachePath,
  downloadFile,
  ensureFiles,
  fileStatus,
  formatProgressBar,
  locateFile,
  locationsFromEnv,
  verifyFile,
  type FileLocations,
} from '../../../../main/services/atlas-files';
import { defaultCacheDir } from '../../../../main/services/user-dirs';

// ---------------------------------------------------------------------------------------------------------------
// helpers

const sha256 = (b: Uint8Array) => crypto.createHash('sha256').update(b).digest('hex');

function bytesOf(n: number, seed: number): Buffer {
  const b = Buffer.alloc(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    b[i] = x >>> 24;
  }
  return b;
}

function catalogFile(name: string, folder: string, data: Uint8Array, url: string | null = null): CatalogFile {
  return { name, folder, role: 'labels', bytes: data.byteLength, sha256: sha256(data), url };
}

let tmpRoot: string;
beforeEach(async () => {
  tmpRoot = await fs.mkdtemp(path.join(os.tmpdir(), 'atlas-files-'));
});
afterEach(async () => {
  await fs.rm(tmpRoot, { recursive: true, force: true });
});

async function writeAt(root: string, rel: string, data: Uint8Array): Promise<string> {
  const p = path.join(root, rel);
  await fs.mkdir(path.dirname(p), { recursive: true });
  await fs.writeFile(p, data);
  return p;
}

/** Everything under a folder, relative paths, including hidden (.part) files. */
async function listAll(root: string): Promise<string[]> {
  const out: string[] = [];
  async function walk(d: string) {
    let entries: import('node:fs').Dirent[];
    try {
      entries = await fs.readdir(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else out.push(path.relative(root, p));
    }
  }
  await walk(root);
  return out.sort();
}

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, hit: number) => unknown;

interface TestServer {
  url: string;
  hits: Map<string, number>;
  close(): Promise<void>;
}

const servers: TestServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

async function startServer(handler: Handler): Promise<TestServer> {
  const hits = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const key = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const n = (hits.get(key) ?? 0) + 1;
    hits.set(key, n);
    Promise.resolve(handler(req, res, n)).catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const s: TestServer = {
    url: `http://127.0.0.1:${port}`,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  servers.push(s);
  return s;
}

/** Serves a folder like a static mirror: GET /<folder>/<name>. */
function serveFolder(root: string): Handler {
  return async (req, res) => {
    const rel = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const p = path.join(root, path.normalize(rel));
    try {
      const data = await fs.readFile(p);
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': data.length });
      // several writes so progress gets several callbacks
      for (let i = 0; i < data.length; i += 16 * 1024) res.write(data.subarray(i, i + 16 * 1024));
      res.end();
    } catch {
      res.writeHead(404).end('not found');
    }
  };
}

async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function rejection(p: Promise<unknown>): Promise<AtlasError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(AtlasError);
    return e as AtlasError;
  }
  throw new Error('expected a rejection');
}

function locs(over: Partial<FileLocations> = {}): FileLocations {
  return { cacheDir: path.join(tmpRoot, 'cache'), searchPaths: [], mirror: null, ...over };
}

const fast = { retryDelayMs: 1 };

// ---------------------------------------------------------------------------------------------------------------

describe('defaultCacheDir', () => {
  it('uses XDG_DATA_HOME on Linux when absolute, else ~/.local/share', () => {
    expect(defaultCacheDir('linux', { HOME: '/home/ann', XDG_DATA_HOME: '/data/ann' })).toBe(
      '/data/ann/brain-atlas-studio/atlases',
    );
    expect(defaultCacheDir('linux', { HOME: '/home/ann' })).toBe('/home/ann/.local/share/brain-atlas-studio/atlases');
    expect(defaultCacheDir('linux', { HOME: '/home/ann', XDG_DATA_HOME: 'relative' })).toBe(
      '/home/ann/.local/share/brain-atlas-studio/atlases',
    );
  });
  it('uses Application Support on macOS and LOCALAPPDATA on Windows', () => {
    expect(defaultCacheDir('darwin', { HOME: '/Users/ann' })).toBe(
      '/Users/ann/Library/Application Support/brain-atlas-studio/atlases',
    );
    expect(defaultCacheDir('win32', { LOCALAPPDATA: 'C:\\Users\\ann\\AppData\\Local' })).toBe(
      'C:\\Users\\ann\\AppData\\Local\\brain-atlas-studio\\atlases',
    );
    expect(defaultCacheDir('win32', { USERPROFILE: 'C:\\Users\\bob' })).toBe(
      'C:\\Users\\bob\\AppData\\Local\\brain-atlas-studio\\atlases',
    );
  });
});

describe('locationsFromEnv', () => {
  it('splits BRAIN_ATLAS_PATH on the platform delimiter, ignores empty entries and resolves relative ones', () => {
    const d = path.delimiter;
    const cwd = path.join(tmpRoot, 'work');
    const loc = locationsFromEnv(
      { HOME: tmpRoot, BRAIN_ATLAS_PATH: `${d}/abs/one${d}${d}rel/two${d} ./three ${d}` },
      cwd,
    );
    expect(loc.searchPaths).toEqual([path.resolve('/abs/one'), path.join(cwd, 'rel/two'), path.join(cwd, 'three')]);
    expect(loc.mirror).toBeNull();
    expect(loc.cacheDir).toBe(defaultCacheDir(process.platform, { HOME: tmpRoot }));
  });

  it('reads BRAIN_ATLAS_CACHE', () => {
    expect(locationsFromEnv({ BRAIN_ATLAS_CACHE: 'c' }, '/w').cacheDir).toBe(path.resolve('/w/c'));
    expect(locationsFromEnv({ BRAIN_ATLAS_CACHE: '~/atl', HOME: '/h' }, '/w').cacheDir).toBe(path.resolve('/h/atl'));
  });

  it('accepts a mirror as http(s) URL, file:// URL or folder, trailing slash tolerated', () => {
    expect(locationsFromEnv({ BRAIN_ATLAS_MIRROR: 'https://example.org/atlases/' }).mirror).toBe(
      'https://example.org/atlases',
    );
    expect(locationsFromEnv({ BRAIN_ATLAS_MIRROR: 'http://127.0.0.1:8080//' }).mirror).toBe('http://127.0.0.1:8080');
    const folder = path.join(tmpRoot, 'mirror');
    expect(locationsFromEnv({ BRAIN_ATLAS_MIRROR: pathToFileURL(folder).href + '/' }).mirror).toBe(folder);
    expect(locationsFromEnv({ BRAIN_ATLAS_MIRROR: folder + path.sep }).mirror).toBe(folder);
    expect(locationsFromEnv({ BRAIN_ATLAS_MIRROR: 'm' }, tmpRoot).mirror).toBe(path.join(tmpRoot, 'm'));
    expect(locationsFromEnv({ BRAIN_ATLAS_MIRROR: '  ' }).mirror).toBeNull();
    expect(() => locationsFromEnv({ BRAIN_ATLAS_MIRROR: 'ftp://example.org/x' })).toThrow(
      /only http\(s\) URLs and local folders/,
    );
  });
});

describe('locateFile', () => {
  const data = bytesOf(1000, 1);
  const file = catalogFile('A.nii.gz', 'aal3', data);

  it('looks in the cache first, then each search path in order', async () => {
    const cache = path.join(tmpRoot, 'cache');
    const p1 = path.join(tmpRoot, 'p1');
    const p2 = path.join(tmpRoot, 'p2');
    const loc = locs({ cacheDir: cache, searchPaths: [p1, p2] });
    expect(await locateFile(file, loc)).toBeNull();
    await writeAt(p2, 'aal3/A.nii.gz', data);
    expect(await locateFile(file, loc)).toEqual({ path: path.join(p2, 'aal3', 'A.nii.gz'), source: 'path' });
    await writeAt(p1, 'aal3/A.nii.gz', data);
    expect(await locateFile(file, loc)).toEqual({ path: path.join(p1, 'aal3', 'A.nii.gz'), source: 'path' });
    await writeAt(cache, 'aal3/A.nii.gz', data);
    expect(await locateFile(file, loc)).toEqual({ path: path.join(cache, 'aal3', 'A.nii.gz'), source: 'cache' });
  });

  it('skips candidates of the wrong size (and folders of the right name)', async () => {
    const cache = path.join(tmpRoot, 'cache');
    const p1 = path.join(tmpRoot, 'p1');
    const p2 = path.join(tmpRoot, 'p2');
    await writeAt(cache, 'aal3/A.nii.gz', data.subarray(0, 999));
    await fs.mkdir(path.join(p1, 'aal3', 'A.nii.gz'), { recursive: true });
    await writeAt(p2, 'aal3/A.nii.gz', data);
    const found = await locateFile(file, locs({ cacheDir: cache, searchPaths: [p1, p2] }));
    expect(found).toEqual({ path: path.join(p2, 'aal3', 'A.nii.gz'), source: 'path' });
  });

  it('refuses catalog names that would climb out of a root', async () => {
    const bad = { ...file, name: '../../etc/passwd' };
    await expect(locateFile(bad, locs())).rejects.toMatchObject({ code: 'invalid-argument' });
    await expect(locateFile({ ...file, folder: '../x' }, locs())).rejects.toMatchObject({ code: 'invalid-argument' });
  });
});

describe('verifyFile', () => {
  it('passes a good file and names size or hash mismatches', async () => {
    const data = bytesOf(5000, 2);
    const file = catalogFile('AAL3v1.nii.gz', 'aal3', data);
    const p = await writeAt(tmpRoot, 'good', data);
    await expect(verifyFile(p, file)).resolves.toBeUndefined();

    const bad = Buffer.from(data);
    bad[100] ^= 0xff;
    const q = await writeAt(tmpRoot, 'bad', bad);
    const e = await rejection(verifyFile(q, file));
    expect(e.code).toBe('checksum');
    expect(e.message).toContain(
      `AAL3v1.nii.gz: sha256 is ${sha256(bad).slice(0, 12)}… but the catalog expects ${file.sha256.slice(0, 12)}…`,
    );
    expect(e.message).toContain('delete it and fetch again');

    const r = await writeAt(tmpRoot, 'short', data.subarray(0, 10));
    expect((await rejection(verifyFile(r, file))).message).toMatch(/is 10 bytes but the catalog expects 5 000/);
    expect((await rejection(verifyFile(path.join(tmpRoot, 'nope'), file))).code).toBe('not-found');
  });
});

describe('downloadFile', () => {
  it('downloads from an http mirror atomically, with monotonic progress ending at the total', async () => {
    const mirrorDir = path.join(tmpRoot, 'mirror');
    const data = bytesOf(200_000, 3);
    await writeAt(mirrorDir, 'aal3/AAL3v1.nii.gz', data);
    const srv = await startServer(serveFolder(mirrorDir));
    const file = catalogFile('AAL3v1.nii.gz', 'aal3', data, 'https://never.invalid/should-not-be-used');
    const loc = locs({ mirror: srv.url + '/' });
    const target = cachePath(file, loc);
    const seen: Array<[number, number]> = [];
    let finalExistedEarly = false;

    const p = await downloadFile(file, loc, {
      ...fast,
      onProgress: (received, total) => {
        seen.push([received, total]);
        if (received < total) finalExistedEarly ||= existsSync(target);
      },
    });

    expect(p).toBe(target);
    expect(sha256(await fs.readFile(p))).toBe(file.sha256);
    expect(finalExistedEarly).toBe(false);
    expect(await listAll(loc.cacheDir)).toEqual([path.join('aal3', 'AAL3v1.nii.gz')]);
    expect(seen.length).toBeGreaterThan(2);
    expect(seen.every(([, t]) => t === data.length)).toBe(true);
    for (let i = 1; i < seen.length; i++) expect(seen[i][0]).toBeGreaterThan(seen[i - 1][0]);
    expect(seen[0][0]).toBe(0);
    expect(seen[seen.length - 1][0]).toBe(data.length);
    expect(srv.hits.get('/aal3/AAL3v1.nii.gz')).toBe(1);
  });

  it('replaces a wrong-size file already in the cache', async () => {
    const mirrorDir = path.join(tmpRoot, 'mirror');
    const data = bytesOf(3000, 4);
    await writeAt(mirrorDir, 'f/x.csv', data);
    const srv = await startServer(serveFolder(mirrorDir));
    const file = catalogFile('x.csv', 'f', data);
    const loc = locs({ mirror: srv.url });
    await writeAt(loc.cacheDir, 'f/x.csv', Buffer.from('old'));
    expect(await locateFile(file, loc)).toBeNull();
    const p = await downloadFile(file, loc, fast);
    expect(Buffer.compare(await fs.readFile(p), data)).toBe(0);
  });

  it('never lets corrupted bytes from a mirror land in the cache (retries once, then "checksum")', async () => {
    const data = bytesOf(50_000, 5);
    const corrupted = Buffer.from(data);
    corrupted[12_345] ^= 0x01;
    const mirrorDir = path.join(tmpRoot, 'mirror');
    await writeAt(mirrorDir, 'aal3/AAL3v1.nii.gz', corrupted);
    const srv = await startServer(serveFolder(mirrorDir));
    const file = catalogFile('AAL3v1.nii.gz', 'aal3', data);
    const loc = locs({ mirror: srv.url });

    const e = await rejection(downloadFile(file, loc, fast));
    expect(e.code).toBe('checksum');
    expect(e.message).toMatch(
      /^AAL3v1\.nii\.gz: the download from 127\.0\.0\.1:\d+ has sha256 [0-9a-f]{12}… but the catalog expects/,
    );
    expect(e.message).toContain('(tried 2 times)');
    expect(srv.hits.get('/aal3/AAL3v1.nii.gz')).toBe(2);
    expect(await listAll(loc.cacheDir)).toEqual([]);
  });

  it('refuses a mirror file of another size without downloading it twice', async () => {
    const data = bytesOf(4000, 6);
    const mirrorDir = path.join(tmpRoot, 'mirror');
    await writeAt(mirrorDir, 'a/b.txt', Buffer.concat([data, Buffer.from('extra')]));
    const srv = await startServer(serveFolder(mirrorDir));
    const loc = locs({ mirror: srv.url });
    const e = await rejection(downloadFile(catalogFile('b.txt', 'a', data), loc, { ...fast, retries: 0 }));
    expect(e.code).toBe('checksum');
    expect(e.message).toMatch(/is 4 005 bytes but the catalog expects 4 000/);
    expect(await listAll(loc.cacheDir)).toEqual([]);
  });

  it('retries a body cut short, then fails with one sentence and leaves nothing behind', async () => {
    const data = bytesOf(100_000, 7);
    const srv = await startServer((_req, res) => {
      res.writeHead(200, { 'content-length': data.length });
      res.write(data.subarray(0, 30_000), () => res.socket?.destroy());
    });
    const file = catalogFile('AAL3v1.nii.gz', 'aal3', data, `${srv.url}/aal3/AAL3v1.nii.gz`);
    const loc = locs();
    const e = await rejection(downloadFile(file, loc, { ...fast, retries: 2 }));
    expect(e.code).toBe('network');
    expect(e.message).toMatch(
      /^AAL3v1\.nii\.gz: the download from 127\.0\.0\.1:\d+ ended early at byte [\d ]+ of 100 000/,
    );
    expect(e.message).toContain('(the connection was closed) (tried 3 times)');
    expect(srv.hits.get('/aal3/AAL3v1.nii.gz')).toBe(3);
    expect(await listAll(loc.cacheDir)).toEqual([]);
  });

  it('treats a body that ends cleanly but short (no content-length) as truncated, and recovers', async () => {
    const data = bytesOf(40_000, 8);
    const srv = await startServer((_req, res, hit) => {
      res.writeHead(200, { connection: 'close' });
      res.end(hit === 1 ? data.subarray(0, 1000) : data);
    });
    const file = catalogFile('t.bin', 'x', data, `${srv.url}/x/t.bin`);
    const loc = locs();
    const p = await downloadFile(file, loc, fast);
    expect(sha256(await fs.readFile(p))).toBe(file.sha256);
    expect(srv.hits.get('/x/t.bin')).toBe(2);
    expect(await listAll(loc.cacheDir)).toEqual([path.join('x', 't.bin')]);
  });

  it('retries HTTP 500 and 429 and then succeeds', async () => {
    const data = bytesOf(10_000, 9);
    const srv = await startServer((_req, res, hit) => {
      if (hit <= 2) res.writeHead(500).end('boom');
      else if (hit === 3) res.writeHead(429, { 'retry-after': '0' }).end('slow down');
      else res.writeHead(200, { 'content-length': data.length }).end(data);
    });
    const file = catalogFile('LUT.csv', 'aal3', data, `${srv.url}/up/LUT.csv`);
    const loc = locs();
    const p = await downloadFile(file, loc, fast);
    expect(sha256(await fs.readFile(p))).toBe(file.sha256);
    expect(srv.hits.get('/up/LUT.csv')).toBe(4);
  });

  it('gives up on repeated 5xx, naming the status and URL', async () => {
    const srv = await startServer((_req, res) => res.writeHead(503).end());
    const data = bytesOf(10, 10);
    const file = catalogFile('LUT.csv', 'aal3', data, `${srv.url}/up/LUT.csv`);
    const e = await rejection(downloadFile(file, locs(), { ...fast, retries: 1 }));
    expect(e.message).toBe(
      `LUT.csv: the server answered 503 Service Unavailable for ${srv.url}/up/LUT.csv (tried 2 times); try again later, or set BRAIN_ATLAS_MIRROR to a local mirror or put the file in a folder on BRAIN_ATLAS_PATH`,
    );
  });

  it('fails a 404 at once with one clear sentence', async () => {
    const srv = await startServer((_req, res) => res.writeHead(404).end('nope'));
    const data = bytesOf(10, 11);
    const file = catalogFile('LUT.csv', 'aal3', data);
    const loc = locs({ mirror: srv.url });
    const e = await rejection(downloadFile(file, loc, fast));
    expect(e.code).toBe('not-found');
    expect(e.message).toBe(
      `LUT.csv: the server answered 404 Not Found for ${srv.url}/aal3/LUT.csv; the mirror does not have it — add it there as aal3/LUT.csv or unset BRAIN_ATLAS_MIRROR`,
    );
    expect(srv.hits.get('/aal3/LUT.csv')).toBe(1);
    expect(await listAll(loc.cacheDir)).toEqual([]);
  });

  it('says the network is unreachable in one sentence when nothing answers', async () => {
    const port = await closedPort();
    const data = bytesOf(10, 12);
    const file = catalogFile('AAL3v1.nii.gz', 'aal3', data, `http://127.0.0.1:${port}/AAL3v1.nii.gz`);
    const started = Date.now();
    const e = await rejection(downloadFile(file, locs(), { retryDelayMs: 2000 }));
    expect(Date.now() - started).toBeLessThan(1500); // no backoff when offline
    expect(e.code).toBe('network');
    expect(e.message).toBe(
      `AAL3v1.nii.gz: could not download it from 127.0.0.1:${port} because the connection was refused (are you offline?); set BRAIN_ATLAS_MIRROR to a local mirror or put the file in a folder on BRAIN_ATLAS_PATH`,
    );

    // a mirror that is down gets advice about the mirror
    const e2 = await rejection(downloadFile(file, locs({ mirror: `http://127.0.0.1:${port}` }), fast));
    expect(e2.message).toContain('check that the mirror in BRAIN_ATLAS_MIRROR is up');
  });

  it('recognises a DNS failure behind fetch\'s "fetch failed"', async () => {
    const data = bytesOf(10, 13);
    const file = catalogFile('AAL3v1.nii.gz', 'aal3', data, 'https://raw.githubusercontent.com/x/AAL3v1.nii.gz');
    let calls = 0;
    const fetchImpl = (async () => {
      calls++;
      throw new TypeError('fetch failed', {
        cause: Object.assign(new Error('getaddrinfo ENOTFOUND raw.githubusercontent.com'), { code: 'ENOTFOUND' }),
      });
    }) as unknown as typeof fetch;
    const e = await rejection(downloadFile(file, locs(), { ...fast, fetchImpl }));
    expect(calls).toBe(1);
    expect(e.message).toBe(
      'AAL3v1.nii.gz: could not download it from raw.githubusercontent.com because the host name could not be resolved (are you offline?); set BRAIN_ATLAS_MIRROR to a local mirror or put the file in a folder on BRAIN_ATLAS_PATH',
    );
  });

  it('says what to do when a file has no URL and no mirror is set', async () => {
    const file = catalogFile('Brodmann.nii.gz', 'brodmann', bytesOf(10, 14), null);
    const e = await rejection(downloadFile(file, locs()));
    expect(e.code).toBe('not-found');
    expect(e.message).toBe(
      'Brodmann.nii.gz: not on this machine, and it has no public download URL; put it in a folder on BRAIN_ATLAS_PATH (as brodmann/Brodmann.nii.gz) or set BRAIN_ATLAS_MIRROR',
    );
  });

  it('copies from a local mirror folder (path or file:// URL), checking the hash', async () => {
    const data = bytesOf(70_000, 15);
    const mirrorDir = path.join(tmpRoot, 'local mirror');
    await writeAt(mirrorDir, 'aal3/AAL3v1.nii.gz', data);
    const file = catalogFile('AAL3v1.nii.gz', 'aal3', data, null);

    for (const mirror of [mirrorDir, pathToFileURL(mirrorDir).href]) {
      const loc = locs({ cacheDir: path.join(tmpRoot, `cache-${mirror.length}`), mirror });
      const seen: number[] = [];
      const p = await downloadFile(file, loc, { onProgress: (r) => seen.push(r) });
      expect(sha256(await fs.readFile(p))).toBe(file.sha256);
      expect(seen[seen.length - 1]).toBe(data.length);
      expect(await listAll(loc.cacheDir)).toEqual([path.join('aal3', 'AAL3v1.nii.gz')]);
    }

    // via the environment
    const envLoc = locationsFromEnv({
      BRAIN_ATLAS_MIRROR: mirrorDir + '/',
      BRAIN_ATLAS_CACHE: path.join(tmpRoot, 'c3'),
    });
    expect(await downloadFile(file, envLoc)).toBe(path.join(tmpRoot, 'c3', 'aal3', 'AAL3v1.nii.gz'));

    // missing in the mirror, and corrupted in the mirror
    const missing = catalogFile('LUT.csv', 'aal3', data, 'https://example.org/LUT.csv');
    const loc = locs({ mirror: mirrorDir });
    const e1 = await rejection(downloadFile(missing, loc));
    expect(e1.code).toBe('not-found');
    expect(e1.message).toContain('LUT.csv: not in the mirror folder');
    const bad = Buffer.from(data);
    bad[0] ^= 0x80;
    await writeAt(mirrorDir, 'aal3/bad.nii.gz', bad);
    const e2 = await rejection(downloadFile({ ...file, name: 'bad.nii.gz' }, loc));
    expect(e2.code).toBe('checksum');
    expect(await listAll(loc.cacheDir)).toEqual([]);
  });

  it('stops on abort and leaves nothing behind', async () => {
    const data = bytesOf(300_000, 16);
    const srv = await startServer((_req, res) => {
      res.writeHead(200, { 'content-length': data.length });
      res.write(data.subarray(0, 1000)); // then hang
    });
    const file = catalogFile('big.nii.gz', 'x', data, `${srv.url}/big.nii.gz`);
    const loc = locs();
    const ac = new AbortController();
    const run = downloadFile(file, loc, {
      ...fast,
      signal: ac.signal,
      onProgress: (r) => {
        if (r > 0) ac.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(await listAll(loc.cacheDir)).toEqual([]);
  });
});

describe('ensureFiles and fileStatus', () => {
  it('returns located paths and downloads only what is missing, with combined progress', async () => {
    const a = bytesOf(1000, 20);
    const b = bytesOf(40_000, 21);
    const c = bytesOf(20_000, 22);
    const fa = catalogFile('a.csv', 'fam', a);
    const fb = catalogFile('b.nii.gz', 'fam', b);
    const fc = catalogFile('c.nii.gz', 'fam', c);
    const local = path.join(tmpRoot, 'local');
    const mirrorDir = path.join(tmpRoot, 'mirror');
    await writeAt(local, 'fam/a.csv', a);
    await writeAt(mirrorDir, 'fam/b.nii.gz', b);
    await writeAt(mirrorDir, 'fam/c.nii.gz', c);
    const srv = await startServer(serveFolder(mirrorDir));
    const loc = locs({ searchPaths: [local], mirror: srv.url });

    expect(await fileStatus([fa, fb, fc], loc)).toBe('downloadable');
    const events: Array<{ name: string; received: number; total: number; fileIndex: number; fileCount: number }> = [];
    const map = await ensureFiles([fa, fb, fc, { ...fb }], loc, {
      ...fast,
      onProgress: (p) =>
        events.push({
          name: p.file.name,
          received: p.received,
          total: p.total,
          fileIndex: p.fileIndex,
          fileCount: p.fileCount,
        }),
    });
    expect(map.get(fa)).toBe(path.join(local, 'fam', 'a.csv'));
    expect(map.get(fb)).toBe(path.join(loc.cacheDir, 'fam', 'b.nii.gz'));
    expect(map.get(fc)).toBe(path.join(loc.cacheDir, 'fam', 'c.nii.gz'));
    expect(map.size).toBe(4);
    expect(srv.hits.get('/fam/b.nii.gz')).toBe(1); // the duplicate entry is fetched once
    expect(events.every((e) => e.fileCount === 2)).toBe(true);
    expect(events.filter((e) => e.name === 'b.nii.gz').every((e) => e.fileIndex === 0 && e.total === b.length)).toBe(
      true,
    );
    expect(events[events.length - 1]).toEqual({
      name: 'c.nii.gz',
      received: c.length,
      total: c.length,
      fileIndex: 1,
      fileCount: 2,
    });
    expect(await fileStatus([fa, fb, fc], loc)).toBe('present');
  });

  it('reports missing when a file has neither a copy, a URL nor a mirror', async () => {
    const x = catalogFile('x', 'f', bytesOf(10, 23), 'https://example.org/x');
    const y = catalogFile('y', 'f', bytesOf(10, 24), null);
    expect(await fileStatus([x], locs())).toBe('downloadable');
    expect(await fileStatus([x, y], locs())).toBe('missing');
    expect(await fileStatus([x, y], locs({ mirror: 'https://mirror.example.org' }))).toBe('downloadable');
    const mirrorDir = path.join(tmpRoot, 'm');
    await writeAt(mirrorDir, 'f/y', bytesOf(10, 24));
    expect(await fileStatus([y], locs({ mirror: mirrorDir }))).toBe('downloadable');
    expect(await fileStatus([x], locs({ mirror: mirrorDir }))).toBe('missing');
    expect(await fileStatus([], locs())).toBe('present');
  });
});

describe('formatProgressBar', () => {
  it('draws a bar with percent and megabytes', () => {
    const mib = 1024 * 1024;
    expect(formatProgressBar(0, 4 * mib, 10)).toBe('[----------]   0%  0.00 / 4.00 MB');
    expect(formatProgressBar(mib, 4 * mib, 10)).toBe('[##--------]  25%  1.00 / 4.00 MB');
    expect(formatProgressBar(4 * mib, 4 * mib, 10)).toBe('[##########] 100%  4.00 / 4.00 MB');
    expect(formatProgressBar(15 * mib, 30 * mib)).toBe(`[${'#'.repeat(15)}${'-'.repeat(15)}]  50%  15.0 / 30.0 MB`);
    expect(formatProgressBar(9 * mib, 4 * mib, 10)).toBe('[##########] 100%  4.00 / 4.00 MB');
    expect(formatProgressBar(0, 0, 4)).toBe('[####] 100%  0.00 / 0.00 MB');
    expect(formatProgressBar(50, 100)).not.toContain('\n');
  });
});
