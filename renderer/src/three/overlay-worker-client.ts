/**
 * The one overlay geometry worker of the window and a promise-based way to ask it things. Grids and the template
 * surface are sent once (copied: the store keeps its own), requests are answered by id.
 */
import type { BlobRequest } from '../scene/overlay-geometry';
import { overlayGrids } from '../scene/overlay-data';
import type { WorkerReply, WorkerRequest } from './overlay.worker';

type Pending = { resolve: (r: WorkerReply) => void; reject: (e: Error) => void };

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, Pending>();
const sentGrids = new Set<string>();
let sentSurface: string | null = null;

function get(): Worker {
  if (worker) return worker;
  worker = new Worker(new URL('./overlay.worker.ts', import.meta.url), { type: 'module' });
  worker.onmessage = (ev: MessageEvent<WorkerReply>) => {
    const p = pending.get(ev.data.id);
    if (!p) return;
    pending.delete(ev.data.id);
    if (ev.data.type === 'error') p.reject(new Error(ev.data.message));
    else p.resolve(ev.data);
  };
  return worker;
}

function send(msg: WorkerRequest): void {
  get().postMessage(msg);
}

function ensureGrid(dataKey: string): void {
  if (sentGrids.has(dataKey)) return;
  const g = overlayGrids.get(dataKey);
  if (!g) throw new Error(`no display grid ${dataKey}`);
  send({ type: 'grid', dataKey, dims: g.dims, affine: Array.from(g.affine), values: g.values });
  sentGrids.add(dataKey);
}

/** Forgets grids no overlay uses any more (in the worker too). */
export function keepGrids(keys: string[]): void {
  for (const k of [...sentGrids]) if (!keys.includes(k)) sentGrids.delete(k);
  if (worker) send({ type: 'drop', keep: keys });
}

function ask<T extends WorkerReply>(msg: WorkerRequest & { id: number }): Promise<T> {
  return new Promise((resolve, reject) => {
    pending.set(msg.id, { resolve: resolve as (r: WorkerReply) => void, reject });
    send(msg);
  });
}

export function projectOnSurface(
  dataKey: string, templateKey: string, positions: Float32Array, normals: Float32Array,
): Promise<Extract<WorkerReply, { type: 'project' }>> {
  ensureGrid(dataKey);
  if (sentSurface !== templateKey) {
    send({ type: 'surface', templateKey, positions, normals });
    sentSurface = templateKey;
  }
  return ask({ type: 'project', id: nextId++, dataKey, templateKey });
}

type BlobReply = Extract<WorkerReply, { type: 'blobs' }>;
interface QueuedBlobs { r: BlobRequest; resolve: (b: BlobReply | null) => void; reject: (e: Error) => void }
/** Per grid: whether blobs are being meshed, and the one request waiting behind (newer ones replace it). */
const blobsBusy = new Set<string>();
const blobsWaiting = new Map<string, QueuedBlobs>();

function runBlobs(dataKey: string, q: QueuedBlobs): void {
  blobsBusy.add(dataKey);
  ask<BlobReply>({ type: 'blobs', id: nextId++, dataKey, ...q.r }).then(q.resolve, q.reject).finally(() => {
    blobsBusy.delete(dataKey);
    const next = blobsWaiting.get(dataKey);
    if (next) {
      blobsWaiting.delete(dataKey);
      runBlobs(dataKey, next);
    }
  });
}

/**
 * Blobs at these thresholds; null when a newer request for the same grid replaced this one before it started
 * (meshing a noisy map takes up to a second or two: a moving slider must not queue up every position).
 */
export function buildBlobs(dataKey: string, r: BlobRequest): Promise<BlobReply | null> {
  ensureGrid(dataKey);
  return new Promise((resolve, reject) => {
    const q = { r, resolve, reject };
    if (!blobsBusy.has(dataKey)) return runBlobs(dataKey, q);
    blobsWaiting.get(dataKey)?.resolve(null);
    blobsWaiting.set(dataKey, q);
  });
}
