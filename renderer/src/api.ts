/**
 * The renderer's one way to the engine: the Electron preload bridge when present, else the loopback HTTP API
 * (the browser build). Both implement the same AtlasApi contract from core/api.ts.
 */
import { type ApiErrorBody, type ApiMethod, type AtlasApi, apiClient } from '../../core/api';

declare global {
  interface Window {
    brainAtlas?: AtlasApi;
  }
}

async function post(method: ApiMethod, arg: unknown): Promise<unknown> {
  const res = await fetch(`./api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: arg === undefined ? '' : JSON.stringify(arg),
  });
  if (res.ok && res.headers.get('content-type') === 'application/octet-stream') return res.arrayBuffer();
  const body = (await res.json()) as unknown;
  if (!res.ok) {
    const err = (body as ApiErrorBody).error;
    const error = new Error(err?.message ?? `${method} failed (HTTP ${res.status})`);
    error.name = err?.code ?? 'error';
    throw error;
  }
  return body;
}

const httpApi: AtlasApi = apiClient(post);

export const api: AtlasApi = typeof window !== 'undefined' && window.brainAtlas ? window.brainAtlas : httpApi;
