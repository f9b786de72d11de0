/**
 * Meshing on this thread and a helper thread (mesh-threads.ts), reusing one arena of shared arrays from job to job,
 * and on this thread alone when the helper cannot run or fails: the result is the same bit for bit. Used by the
 * session's meshing worker (mesh-worker.ts) and by processes that wait for the mesh anyway (`brain-atlas mesh`),
 * which skip the worker and the copies in and out of it.
 */
import { existsSync } from 'node:fs';
import type { LabelVolume } from '../../core/atlas/label-volume';
import { type ArrayAlloc, WasmArena } from '../../core/mesh/arrays';
import { AtlasError } from '../../core/errors';
import { type GlbLayout, layoutChunks } from '../../core/mesh/export-gltf';
import { buildRegionMeshes, streamRegionMeshes } from '../../core/mesh/pipeline';
import type { AssembledMeshSet, MeshSettings, RegionMeshes, RegionSpan } from '../../core/mesh/types';
import { writeAll } from './glb-writer';
import type { StartedHelper } from './helper-thread';
import { MeshThreads } from './mesh-threads';

export class TwoThreadMesher {
  private threads: MeshThreads | null = null;
  /** The shared arrays; a job's mesh lives in them until the next job (or release). */
  private readonly arena: WasmArena;

  /**
   * Starts the helper from its bundled script (dist/worker/mesh-helper.cjs) now, so it loads while the caller reads;
   * or takes over one `started` earlier (helper-thread.ts), with its arena, whose pages it may be touching already.
   */
  constructor(
    private readonly helperScript: string | null,
    started: StartedHelper | null = null,
  ) {
    this.arena = started?.arena ?? new WasmArena();
    if (started) this.threads = MeshThreads.adopt(started.helper, started.warming);
    this.ensureThreads();
  }

  /** The helper thread (a new one after a failure); null where it cannot run. */
  private ensureThreads(): MeshThreads | null {
    if (!this.threads?.usable && this.helperScript && existsSync(this.helperScript)) {
      try {
        this.threads = MeshThreads.start(this.helperScript);
      } catch {
        this.threads = null;
      }
    }
    return this.threads;
  }

  /** The volume's region meshes; their arrays are the arena's until the next job or release(). */
  mesh(volume: LabelVolume, settings: MeshSettings): AssembledMeshSet {
    return this.onTwoThreads(
      (threads, alloc) => threads.buildRegionMeshes(volume, settings, alloc),
      () => buildRegionMeshes(volume, settings),
    );
  }

  /**
   * The volume's regions for writing a file region by region (core's RegionMeshes): each assembled only as it is
   * asked for (mesh-threads.ts's buildRegionStream, the helper writing them ahead), into arrays of the arena that last
   * until the next job or release(); on this thread alone where the helper cannot run. Same meshes as mesh(), bit for
   * bit.
   */
  meshRegions(volume: LabelVolume, settings: MeshSettings): RegionMeshes {
    return this.onTwoThreads<RegionMeshes>(
      (threads, alloc) => threads.buildRegionStream(volume, settings, alloc),
      () => streamRegionMeshes(volume, settings),
    );
  }

  /**
   * The volume's regions written to the .glb open at `fd` (empty), at the places `layoutOf` gives them: by both
   * threads at once (mesh-threads.ts's writeGlb), or on this thread alone, region by region, where the helper cannot
   * run or fails. The same bytes either way; returns the layout.
   */
  writeGlb<R extends RegionSpan>(
    volume: LabelVolume,
    settings: MeshSettings,
    layoutOf: (regions: RegionSpan[]) => GlbLayout<R>,
    fd: number,
  ): GlbLayout<R> {
    return this.onTwoThreads(
      (threads, alloc) => threads.writeGlb(volume, settings, layoutOf, fd, alloc),
      () => {
        const regions = streamRegionMeshes(volume, settings);
        const layout = layoutOf([...regions.regions]);
        let at = 0;
        for (const chunk of layoutChunks(regions, layout)) {
          writeAll(fd, chunk, at);
          at += chunk.length;
        }
        return layout;
      },
    );
  }

  /**
   * A job on the two threads in the arena, or on this thread alone where the helper cannot run or fails (an
   * AtlasError, the user's, and a file's error are not the helper's: they are thrown as they are).
   */
  private onTwoThreads<T>(job: (threads: MeshThreads, alloc: ArrayAlloc) => T, alone: () => T): T {
    const threads = this.ensureThreads();
    if (threads?.usable) {
      try {
        this.arena.reset();
        return job(threads, this.arena.alloc);
      } catch (e) {
        // A file's error (no space left) would only come again on one thread.
        if (e instanceof AtlasError || typeof (e as NodeJS.ErrnoException).code === 'string') throw e;
        // The helper died or hung: the job is done again here (the volume is untouched: meshing only reads it).
      }
    }
    return alone();
  }

  /**
   * Gives back the arena's memory (the last mesh's arrays with it, and the jobs' objects the threads keep:
   * MeshThreads' forgetJobs); the next job makes a new one.
   */
  release(): void {
    this.threads?.forgetJobs();
    this.arena.release();
  }

  /** Stops the helper thread. */
  async close(): Promise<void> {
    await this.threads?.close();
    this.threads = null;
  }
}
