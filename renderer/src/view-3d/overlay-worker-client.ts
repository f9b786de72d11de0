/**
 * The one overlay geometry worker of the window and a promise-based way to ask it things. Grids and the surfaces
 * maps are projected on are sent once (copied: the store keeps its own), requests are answered by id. Where a module worker
 * cannot start (or fails to load), the same host runs on the page and every request still gets its answer.
 */
import type { BlobRequest } from './overlay-geometry';
import { overlayGrids } from '../model/overlay-data';
import {
  OverlayGeometryHost,
  type ProjectionSurface,
  type WorkerReply,
  type WorkerRequest,
} from './overlay-geometry-host';

type Pending = { msg: WorkerRequest; resolve: (r: WorkerReply) => void; reject: (e: Error) => void };

let worker: Worker | null = null;
/** The page-side host, once the worker could not be used; it is sent everything again as requests arrive. */
let local: OverlayGeometryHost | null = null;
let nextId = 1;
const pending = new Map<number, Pending>();
const sentGrids = new Set<string>();
/** Surfaces the worker holds, by key (to send again to a fallback host), and how many projections use each. */
const sentSurfaces = new Map<string, Extract<WorkerRequest, { type: 'surface' }>>();
const surfaceHolds = new Map<string, number>();

function settle(r: WorkerReply): void {
  const p = pending.get(r.id);
  if (!p) return;
  pending.delete(r.id);
  if (r.type === 'error') p.reject(new Error(r.message));
  else p.resolve(r);
}

/** Falls back to the page: forget what the worker held and answer what was waiting for it. */
function useLocal(why: string): void {
  console.warn(`overlay worker unavailable (${why}); computing 3D overlays on the page`);
  worker?.terminate();
  worker = null;
  local = new OverlayGeometryHost();
  sentGrids.clear();
  // Surfaces are sent again at once (grids as requests ask for them), before any waiting projection.
  for (const surface of sentSurfaces.values()) send(surface);
  const waiting = [...pending.values()];
  for (const p of waiting) {
    const m = p.msg as Extract<WorkerRequest, { id: number }>;
    if (m.type === 'project' || m.type === 'blobs') {
      try {
        ensureGrid(m.dataKey);
      } catch (e) {
        p.reject(e instanceof Error ? e : new Error(String(e)));
        pending.delete(m.id);
        continue;
      }
      send(m);
    }
  }
}

function get(): Worker | null {
  if (worker || local) return worker;
  try {
    worker = new Worker(new URL('./overlay.worker.ts', import.meta.url), { type: 'module' });
  } catch (e) {
    // biome-ignore lint/correctness/useHookAtTopLevel: useLocal is a plain function (switches to the in-thread fallback), not a React hook
    useLocal(e instanceof Error ? e.message : String(e));
    return null;
  }
  worker.onmessage = (ev: MessageEvent<WorkerReply>) => settle(ev.data);
  worker.onerror = (ev) => {
    ev.preventDefault();
    useLocal(ev.message || 'the worker script did not load');
  };
  return worker;
}

function send(msg: WorkerRequest): void {
  const w = get();
  if (w) {
    w.postMessage(msg);
    return;
  }
  const host = local as OverlayGeometryHost;
  // Asynchronous like the worker, so callers see the same order of events.
  setTimeout(() => {
    const reply = host.handle(msg);
    if (reply) settle(reply);
  }, 0);
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
    pending.set(msg.id, { msg, resolve: resolve as (r: WorkerReply) => void, reject });
    send(msg);
  });
}

export function projectOnSurface(
  dataKey: string,
  surface: ProjectionSurface,
): Promise<Extract<WorkerReply, { type: 'project' }>> {
  ensureGrid(dataKey);
  const key = surface.surfaceKey;
  if (!sentSurfaces.has(key)) {
    const msg = { type: 'surface' as const, ...surface };
    send(msg);
    sentSurfaces.set(key, msg);
  }
  return ask({ type: 'project', id: nextId++, dataKey, surfaceKey: key });
}

/**
 * Marks a surface as in use by one projection until the returned function is called; the worker lets go of a
 * surface (tens of MB for an atlas's region meshes) once nothing uses it.
 */
export function holdSurface(surfaceKey: string): () => void {
  surfaceHolds.set(surfaceKey, (surfaceHolds.get(surfaceKey) ?? 0) + 1);
  return () => {
    const left = (surfaceHolds.get(surfaceKey) ?? 1) - 1;
    if (left > 0) {
      surfaceHolds.set(surfaceKey, left);
      return;
    }
    surfaceHolds.delete(surfaceKey);
    if (sentSurfaces.delete(surfaceKey)) send({ type: 'dropSurface', surfaceKey });
  };
}

type BlobReply = Extract<WorkerReply, { type: 'blobs' }>;
interface QueuedBlobs {
  r: BlobRequest;
  resolve: (b: BlobReply | null) => void;
  reject: (e: Error) => void;
}
/** Per grid: whether blobs are being meshed, and the one request waiting behind (newer ones replace it). */
const blobsBusy = new Set<string>();
const blobsWaiting = new Map<string, QueuedBlobs>();

function runBlobs(dataKey: string, q: QueuedBlobs): void {
  blobsBusy.add(dataKey);
  ask<BlobReply>({ type: 'blobs', id: nextId++, dataKey, ...q.r })
    .then(q.resolve, q.reject)
    .finally(() => {
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
