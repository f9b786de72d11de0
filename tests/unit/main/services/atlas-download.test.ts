import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { downloadFile, ensureFiles } from '../../../../main/services/atlas-download';
import {
  cachePath,
  fileStatus,
  locateFile,
  locationsFromEnv,
  type FileLocations,
} from '../../../../main/services/atlas-locations';
import { bytesOf, catalogFile, rejection, sha256, writeAt } from '../../../helpers/catalog-files';

let tmpRoot: string;
beforeEach(async () => {
  tmpRoot = await fs.mkdtemp(path.join(os.tmpdir(), 'atlas-files-'));
});
afterEach(async () => {
  await fs.rm(tmpRoot, { recursive: true, force: true });
});

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

function locs(over: Partial<FileLocations> = {}): FileLocations {
  return { cacheDir: path.join(tmpRoot, 'cache'), searchPaths: [], mirror: null, ...over };
}

const fast = { retryDelayMs: 1 };

// ---------------------------------------------------------------------------------------------------------------

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

  it('gives up on a server that answers nothing, or stops sending, after the stall time', async () => {
    const data = bytesOf(50_000, 9);
    // First hit: accepts and never answers. Second: headers and 20 000 bytes, then silence. Third: the whole file.
    const srv = await startServer((_req, res, hit) => {
      if (hit === 2) {
        res.writeHead(200, { 'content-length': data.length });
        res.write(data.subarray(0, 20_000));
      } else if (hit >= 3) res.end(data);
    });
    const file = catalogFile('s.bin', 'x', data, `${srv.url}/x/s.bin`);
    const loc = locs();
    const e = await rejection(downloadFile(file, loc, { ...fast, retries: 1, stallMs: 300 }));
    expect(e.code).toBe('network');
    expect(e.message).toMatch(
      /^s\.bin: 127\.0\.0\.1:\d+ sent nothing for 300 ms after byte 20 000 of 50 000 \(tried 2 times\); check the connection/,
    );
    expect(await listAll(loc.cacheDir)).toEqual([]);
    // A third attempt gets the file: the stall is transient.
    const p = await downloadFile(file, loc, { ...fast, retries: 0, stallMs: 300 });
    expect(sha256(await fs.readFile(p))).toBe(file.sha256);
    expect(srv.hits.get('/x/s.bin')).toBe(3);
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
      `LUT.csv: the server answered 503 Service Unavailable for ${srv.url}/up/LUT.csv (tried 2 times); try again later, or set a local mirror in Settings (or BRAIN_ATLAS_MIRROR) or put the file in a folder on BRAIN_ATLAS_PATH`,
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
      `AAL3v1.nii.gz: could not download it from 127.0.0.1:${port} because the connection was refused (are you offline?); set a local mirror in Settings (or BRAIN_ATLAS_MIRROR) or put the file in a folder on BRAIN_ATLAS_PATH`,
    );

    // a mirror that is down gets advice about the mirror
    const e2 = await rejection(downloadFile(file, locs({ mirror: `http://127.0.0.1:${port}` }), fast));
    expect(e2.message).toContain('check that the mirror (Settings, or BRAIN_ATLAS_MIRROR) is up');
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
      'AAL3v1.nii.gz: could not download it from raw.githubusercontent.com because the host name could not be resolved (are you offline?); set a local mirror in Settings (or BRAIN_ATLAS_MIRROR) or put the file in a folder on BRAIN_ATLAS_PATH',
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

describe('ensureFiles', () => {
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
});
