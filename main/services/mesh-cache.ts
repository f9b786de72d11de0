/**
 * Region meshes cached by the label file's sha256 and the meshing settings: in memory for this session and on
 * disk in the user cache, so reopening an atlas does not mesh it again. Disk writes are atomic (temp + rename) and
 * happen after the mesh is handed out: nobody waits for them (fine AAL3 is 114 MB, about 0.3 s to write here).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MeshSettings } from '../../core/mesh/types';

/**
 * Bumped when the encoding or the meshes themselves change (3: smoothing computed in float32, as WebAssembly; 4:
 * volumes copied from a coarser grid meshed on it and subdivided; 5: their small regions given the file’s volume;
 * 6: the subdivision places its vertices by Catmull-Clark instead of smoothing them again; 7: a small region takes
 * its volume back from much larger neighbours too; 8: a native grid's net smoothed four times longer; 9: a small
 * region's shift found by regula falsi instead of bisection; 10: fine detail's file-grid net smoothed with stronger
 * steps; 11: without each vertex's net vertex, which nothing that reads a cached mesh needs; 12: normals packed into
 * 16 bits; 13: normals summed over quads, not triangles, and small regions pushed along those normals; 14: vertices
 * on the curves where regions meet smoothed along their curves; 15: fine detail meshes the labels with their one-voxel
 * noise folded).
 */
export const MESH_FORMAT_VERSION = 15;

export function meshCacheKey(sha256: string, settings: MeshSettings): string {
  const detail = settings.detail === 'fine' ? '-fine' : '';
  return `${sha256}-v${MESH_FORMAT_VERSION}-s${settings.smoothIterations}-l${settings.lambda}-m${settings.mu}${detail}`;
}

/** A temporary file this old in the cache was left by a process that ended while writing it. */
const STALE_PART_MS = 10 * 60_000;

/**
 * What this session keeps in memory: the latest meshes asked for, at most 8 sets and 768 MB (fine Schaefer 1000 is
 * 200 MB, and an atlas opened at fine detail keeps its standard meshes too, drawn first); the oldest go first, the
 * newest stays whatever its size. What goes stays on disk.
 */
export const MEMORY_LIMITS = { entries: 8, bytes: 768 * 2 ** 20 };

export class MeshCache {
  /** The meshes of this session, oldest first, with their sizes once made (0 before). */
  private readonly memory = new Map<string, { mesh: Promise<ArrayBuffer>; bytes: number }>();
  /** Disk writes under way. */
  private readonly writing = new Set<Promise<void>>();
  private swept = false;

  /**
   * `readable`: whether a file read from the disk cache holds what was written (a damaged one is built again and
   * written over, never handed out).
   */
  constructor(
    private readonly dir: string | null,
    private readonly limits = MEMORY_LIMITS,
    private readonly readable: (buf: ArrayBuffer) => boolean = () => true,
  ) {}

  /** The cached mesh for `key`, else `build()` (stored for next time). Keys without a sha256 stay in memory. */
  get(key: string, build: () => Promise<ArrayBuffer>, persist: boolean): Promise<ArrayBuffer> {
    const held = this.memory.get(key);
    if (held) return held.mesh;
    const entry = { mesh: this.load(key, build, persist), bytes: 0 };
    this.memory.set(key, entry);
    entry.mesh.then(
      (buf) => {
        if (this.memory.get(key) !== entry) return;
        entry.bytes = buf.byteLength;
        this.trim();
      },
      () => {
        if (this.memory.get(key) === entry) this.memory.delete(key);
      },
    );
    this.trim();
    return entry.mesh;
  }

  /** Lets the oldest meshes go while there are more than the limits allow (never the newest). */
  private trim(): void {
    let bytes = 0;
    for (const e of this.memory.values()) bytes += e.bytes;
    while (this.memory.size > 1 && (this.memory.size > this.limits.entries || bytes > this.limits.bytes)) {
      const [oldest, entry] = this.memory.entries().next().value as [string, { bytes: number }];
      bytes -= entry.bytes;
      this.memory.delete(oldest);
    }
  }

  /** The mesh for `key` when this session or the disk cache has it (nothing is built); else null. */
  async cached(key: string, persist: boolean): Promise<ArrayBuffer | null> {
    const held = this.memory.get(key);
    if (held) return await held.mesh.catch(() => null);
    return this.dir && persist ? await this.read(join(this.dir, `${key}.bin`)) : null;
  }

  private async read(file: string): Promise<ArrayBuffer | null> {
    try {
      const buf = await readFile(file);
      // A file this size comes in a buffer of its own: no copy (fine AAL3's 141 MB cost 0.35 s to copy here).
      const whole = buf.byteOffset === 0 && buf.byteLength === buf.buffer.byteLength;
      const data = (
        whole ? buf.buffer : buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength)
      ) as ArrayBuffer;
      return this.readable(data) ? data : null;
    } catch {
      return null; // not cached yet
    }
  }

  private async load(key: string, build: () => Promise<ArrayBuffer>, persist: boolean): Promise<ArrayBuffer> {
    const file = this.dir && persist ? join(this.dir, `${key}.bin`) : null;
    const cached = file ? await this.read(file) : null;
    if (cached) return cached;
    const built = await build();
    if (file && this.dir) {
      const writing = this.write(this.dir, file, built);
      this.writing.add(writing);
      void writing.then(() => this.writing.delete(writing));
    }
    return built;
  }

  /** Waits for the disk writes under way (before the process ends; tests). */
  async written(): Promise<void> {
    while (this.writing.size > 0) await Promise.all(this.writing);
  }

  /** Never fails: a cache that cannot be written only costs time next time. */
  private async write(dir: string, file: string, data: ArrayBuffer): Promise<void> {
    const tmp = `${file}.${randomBytes(6).toString('hex')}.part`;
    try {
      await mkdir(dir, { recursive: true });
      await this.sweepStaleParts(dir);
      await writeFile(tmp, new Uint8Array(data));
      await rename(tmp, file);
    } catch {
      await rm(tmp, { force: true }).catch(() => {});
    }
  }

  /** Once a session: removes the temporary files of writes a process did not finish (it quit or was killed). */
  private async sweepStaleParts(dir: string): Promise<void> {
    if (this.swept) return;
    this.swept = true;
    const now = Date.now();
    for (const name of await readdir(dir)) {
      if (!name.endsWith('.part')) continue;
      const path = join(dir, name);
      const info = await stat(path).catch(() => null);
      if (info && now - info.mtimeMs > STALE_PART_MS) await rm(path, { force: true }).catch(() => {});
    }
  }
}
