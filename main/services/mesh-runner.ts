/**
 * Runs meshing in a worker thread when the bundled worker is there, else in this thread (tests, sources). The
 * worker is started by the first job and kept while jobs keep coming (it does not keep the process alive while
 * idle), so later jobs skip its start and JIT warm-up; jobs are answered in order. After MESH_WORKER_IDLE_MS without
 * a job it is stopped, which gives back the memory its threads hold (their shared arrays), and the next job starts
 * a new one.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { AtlasError } from '../../core/errors';
import type { LabelVolume } from '../../core/label-volume';
import { encodeMeshSet } from '../../core/mesh/codec';
import { buildRegionMeshes } from '../../core/mesh/surface-nets';
import type { MeshSettings } from '../../core/mesh/types';
import { appRoot } from './app-paths';

export interface MeshJob {
  id: number;
  dims: [number, number, number];
  affine: number[];
  labels: LabelVolume['labels'];
  maxLabel: number;
  voxelVolume: number;
  settings: MeshSettings;
}

export type MeshReply = { id: number; ok: true; buf: ArrayBuffer } | { id: number; ok: false; message: string };

function workerScript(): string | null {
  const root = appRoot();
  const candidates = [
    join(root, 'dist', 'worker', 'mesh-worker.cjs'),
    // A packaged app keeps the worker outside the asar archive.
    join(root, 'app.asar.unpacked', 'dist', 'worker', 'mesh-worker.cjs'),
  ];
  return candidates.find((p) => existsSync(p)) ?? null;
}

export const MESH_WORKER_IDLE_MS = 120_000;

interface Pending {
  resolve: (buf: ArrayBuffer) => void;
  reject: (e: Error) => void;
}

/** The session's meshing worker and the jobs it has not answered yet. */
class MeshWorker {
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private readonly worker: Worker;
  private idle: ReturnType<typeof setTimeout> | null = null;
  dead = false;

  constructor(script: string) {
    this.worker = new Worker(script);
    this.worker.unref();
    this.worker.on('message', (m: MeshReply) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (this.pending.size === 0) this.idleNow();
      if (m.ok) p.resolve(m.buf);
      else p.reject(new AtlasError('invalid-labels', `meshing failed: ${m.message}`));
    });
    const fail = (why: string) => {
      this.dead = true;
      for (const p of this.pending.values()) p.reject(new AtlasError('invalid-labels', `meshing failed: ${why}`));
      this.pending.clear();
    };
    this.worker.on('error', (e) => fail(e.message));
    this.worker.on('exit', (code) => fail(`the meshing worker stopped (exit code ${code})`));
  }

  mesh(volume: LabelVolume, settings: MeshSettings): Promise<ArrayBuffer> {
    const job: MeshJob = {
      id: this.nextId++,
      dims: volume.dims,
      affine: Array.from(volume.affine),
      labels: volume.labels, // copied to the worker (the loaded atlas keeps its own)
      maxLabel: volume.maxLabel,
      voxelVolume: volume.voxelVolume,
      settings,
    };
    if (this.idle) clearTimeout(this.idle);
    this.idle = null;
    return new Promise<ArrayBuffer>((resolve, reject) => {
      this.pending.set(job.id, { resolve, reject });
      this.worker.ref(); // keep the process alive until the answer comes
      this.worker.postMessage(job);
    });
  }

  terminate(): Promise<number> {
    this.dead = true;
    if (this.idle) clearTimeout(this.idle);
    return this.worker.terminate();
  }

  /** No job waiting: let the process exit if it wants to, and stop the worker if none comes for a while. */
  private idleNow(): void {
    this.worker.unref();
    this.idle = setTimeout(() => {
      if (this.pending.size === 0) void this.terminate();
    }, MESH_WORKER_IDLE_MS);
    this.idle.unref();
  }
}

let shared: MeshWorker | null = null;

/** The session's meshing worker, started now if it is not running (null where none is bundled). */
function meshWorker(): MeshWorker | null {
  if (shared && !shared.dead) return shared;
  const script = workerScript();
  shared = script ? new MeshWorker(script) : null;
  return shared;
}

export async function meshVolume(volume: LabelVolume, settings: MeshSettings): Promise<ArrayBuffer> {
  const worker = meshWorker();
  if (!worker) return encodeMeshSet(buildRegionMeshes(volume, settings));
  return worker.mesh(volume, settings);
}

/** Stops the session's meshing worker (jobs still waiting fail); the next job starts a new one. */
export async function stopMeshWorker(): Promise<void> {
  const w = shared;
  shared = null;
  if (w) await w.terminate();
}
