/**
 * The renderer's one way to the engine: the Electron preload bridge when present, else the loopback HTTP API
 * (the browser build). Both implement the same AtlasApi contract from core/api.ts.
 */
import type { ApiErrorBody, AtlasApi } from '../../core/api';

declare global {
  interface Window {
    brainAtlas?: AtlasApi;
  }
}

async function post<T>(method: keyof AtlasApi, arg?: unknown): Promise<T> {
  const res = await fetch(`./api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: arg === undefined ? '' : JSON.stringify(arg),
  });
  if (res.ok && res.headers.get('content-type') === 'application/octet-stream') return (await res.arrayBuffer()) as T;
  const body = (await res.json()) as T | ApiErrorBody;
  if (!res.ok) {
    const err = (body as ApiErrorBody).error;
    const error = new Error(err?.message ?? `${method} failed (HTTP ${res.status})`);
    error.name = err?.code ?? 'error';
    throw error;
  }
  return body as T;
}

const httpApi: AtlasApi = {
  listAtlases: () => post('listAtlases'),
  openAtlas: (req) => post('openAtlas', req),
  query: (req) => post('query', req),
  fetchAtlas: (req) => post('fetchAtlas', req),
  getAtlasMeshes: (req) => post('getAtlasMeshes', req),
  getLabelGrid: (req) => post('getLabelGrid', req),
  regionOverlap: (req) => post('regionOverlap', req),
  getRegionInfo: () => post('getRegionInfo'),
};

export const api: AtlasApi = typeof window !== 'undefined' && window.brainAtlas ? window.brainAtlas : httpApi;
