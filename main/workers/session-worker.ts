/**
 * A worker thread kept for the session and fed jobs one after another (meshing, display resampling): later jobs
 * skip its start and find its code already optimised. Jobs carry an id that the worker's reply repeats. The worker
 * keeps the process alive only while a job is waiting; after `idleMs` without a job it is stopped, which gives its
 * memory back, and the next job starts a new one.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { AtlasError, type AtlasErrorCode } from '../../core/errors';
import { appRoot } from '../services/app-paths';

export type WorkerReply = { id: number; ok: true; buf: ArrayBuffer } | { id: number; ok: false; message: string };

interface Pending {
  resolve: (buf: ArrayBuffer) => void;
  reject: (e: Error) => void;
}

/** The bundled worker `name` (dist/worker/NAME.cjs, or outside the asar archive of a packaged app), else null. */
export function bundledWorker(name: string): string | null {
  const root = appRoot();
  const candidates = [
    join(root, 'dist', 'worker', `${name}.cjs`),
    join(root, 'app.asar.unpacked', 'dist', 'worker', `${name}.cjs`),
  ];
  return candidates.find((p) => existsSync(p)) ?? null;
}

class SessionWorker<Job extends { id: number }> {
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private readonly worker: Worker;
  private idle: ReturnType<typeof setTimeout> | null = null;
  /** Stopped or failed: the slot starts a new one. */
  dead = false;

  /** `what` names the work in errors ("meshing failed: …"), which carry `code`. */
  constructor(
    script: string,
    private readonly what: string,
    private readonly code: AtlasErrorCode,
    private readonly idleMs: number,
  ) {
    this.worker = new Worker(script);
    this.worker.unref();
    this.worker.on('message', (m: WorkerReply) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (this.pending.size === 0) this.idleNow();
      if (m.ok) p.resolve(m.buf);
      else p.reject(new AtlasError(this.code, `${this.what} failed: ${m.message}`));
    });
    const fail = (why: string) => {
      this.dead = true;
      for (const p of this.pending.values()) p.reject(new AtlasError(this.code, `${this.what} failed: ${why}`));
      this.pending.clear();
    };
    this.worker.on('error', (e) => fail(e.message));
    this.worker.on('exit', (code) => fail(`the ${this.what} worker stopped (exit code ${code})`));
  }

  /** Runs `job` (its arrays are copied to the worker, except those in shared memory); resolves with the worker's transferred answer. */
  run(job: Omit<Job, 'id'>): Promise<ArrayBuffer> {
    const id = this.nextId++;
    if (this.idle) clearTimeout(this.idle);
    this.idle = null;
    return new Promise<ArrayBuffer>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.ref(); // keep the process alive until the answer comes
      this.worker.postMessage({ ...job, id });
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
    }, this.idleMs);
    this.idle.unref();
  }
}

/** One SessionWorker per script, started by the first job (null where the script is not bundled). */
export function sessionWorkerSlot<Job extends { id: number }>(
  name: string,
  what: string,
  code: AtlasErrorCode,
  idleMs: number,
) {
  let shared: SessionWorker<Job> | null = null;
  return {
    get(): SessionWorker<Job> | null {
      if (shared && !shared.dead) return shared;
      const script = bundledWorker(name);
      shared = script ? new SessionWorker<Job>(script, what, code, idleMs) : null;
      return shared;
    },
    async stop(): Promise<void> {
      const w = shared;
      shared = null;
      if (w) await w.terminate();
    },
  };
}
