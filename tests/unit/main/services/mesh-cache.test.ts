/** The mesh cache hands a new mesh out at once and writes it to disk after; stale temporary files are swept. */
import { existsSync, mkdtempSync, readFileSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MeshCache } from '../../../../main/services/mesh-cache';

const mesh = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 7) % 256).buffer;

describe('mesh cache', () => {
  it('hands the mesh out before its file is written, then writes it whole for the next session', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'mesh-cache-')), 'meshes');
    const cache = new MeshCache(dir);
    const built = mesh(1 << 20);
    const got = await cache.get('k1', async () => built, true);
    expect(got).toBe(built);
    // Nothing is in place yet: the write takes several turns of the event loop.
    expect(existsSync(join(dir, 'k1.bin'))).toBe(false);
    await cache.written();
    expect(readdirSync(dir)).toEqual(['k1.bin']);
    expect(new Uint8Array(readFileSync(join(dir, 'k1.bin')))).toEqual(new Uint8Array(built));
    // A new session's cache reads it instead of building.
    const again = await new MeshCache(dir).get(
      'k1',
      async () => {
        throw new Error('built again');
      },
      true,
    );
    expect(new Uint8Array(again)).toEqual(new Uint8Array(built));
    // Keys without a checksum stay in memory.
    await cache.get('k2', async () => mesh(10), false);
    await cache.written();
    expect(readdirSync(dir)).toEqual(['k1.bin']);
  });

  it('keeps the latest meshes in memory within its limits of sets and bytes, the newest whatever its size', async () => {
    const cache = new MeshCache(null, { entries: 3, bytes: 100 });
    const builds: string[] = [];
    const get = (key: string, n: number) =>
      cache.get(
        key,
        async () => {
          builds.push(key);
          return mesh(n);
        },
        false,
      );
    await get('a', 40);
    await get('b', 40);
    await get('a', 40); // in memory: not built again
    expect(builds).toEqual(['a', 'b']);
    await get('c', 40); // 120 bytes: a, the oldest, goes
    await get('b', 40);
    expect(builds).toEqual(['a', 'b', 'c']);
    await get('a', 40);
    expect(builds).toEqual(['a', 'b', 'c', 'a']);
    await get('big', 500); // over the limit alone: kept, every other one goes
    await get('big', 500);
    await get('c', 40);
    expect(builds).toEqual(['a', 'b', 'c', 'a', 'big', 'c']);
    // Three sets at most, however small.
    const small = new MeshCache(null, { entries: 3, bytes: 1e9 });
    let made = 0;
    for (const k of ['p', 'q', 'r', 's', 'p']) await small.get(k, async () => (made++, mesh(1)), false);
    expect(made).toBe(5);
  });

  it('removes temporary files that ended processes left, not those another may be writing now', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'mesh-cache-')), 'meshes');
    const cache = new MeshCache(dir);
    await cache.get('k0', async () => mesh(8), true);
    await cache.written();
    const old = join(dir, 'k1.bin.aaaaaaaaaaaa.part'),
      recent = join(dir, 'k2.bin.bbbbbbbbbbbb.part');
    writeFileSync(old, 'half');
    writeFileSync(recent, 'half');
    const hourAgo = new Date(Date.now() - 3_600_000);
    utimesSync(old, hourAgo, hourAgo);
    // The sweep runs once a session, before its first write.
    const next = new MeshCache(dir);
    await next.get('k3', async () => mesh(8), true);
    await next.written();
    expect(readdirSync(dir).sort()).toEqual(['k0.bin', 'k2.bin.bbbbbbbbbbbb.part', 'k3.bin']);
  });

  it('still hands the mesh out when the cache cannot be written, and leaves nothing behind', async () => {
    const root = mkdtempSync(join(tmpdir(), 'mesh-cache-'));
    const blocked = join(root, 'meshes');
    writeFileSync(blocked, 'a file where the folder should be');
    const cache = new MeshCache(blocked);
    const built = mesh(64);
    expect(await cache.get('k', async () => built, true)).toBe(built);
    await cache.written();
    expect(readdirSync(root)).toEqual(['meshes']);
    expect(readFileSync(blocked, 'utf8')).toBe('a file where the folder should be');
  });
});
