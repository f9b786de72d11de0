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

export function buildBlobs(dataKey: string, r: BlobRequest): Promise<Extract<WorkerReply, { type: 'blobs' }>> {
  ensureGrid(dataKey);
  return ask({ type: 'blobs', id: nextId++, dataKey, ...r });
}
