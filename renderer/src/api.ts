/**
 * The renderer's one way to the engine: the Electron preload bridge when present, else the loopback HTTP API
 * (the browser build). Both implement the same AtlasApi contract from core/api/index.ts.
 */
import { type ApiErrorBody, type ApiMethod, type AtlasApi, UPLOAD_METHODS, apiClient } from '../../core/api';
import { API_EVENT_DOM, API_EVENTS_PATH, type ApiEvent } from '../../core/api/app-api';
import { MAPS_CHANGED_EVENT } from '../../core/api/map-api';

declare global {
  interface Window {
    brainAtlas?: AtlasApi;
  }
}

const KEEPALIVE_METHODS: readonly ApiMethod[] = ['saveSession', 'endSession'];

/** JSON body, or for upload methods (openMap) the file as the body and the other arguments in `?args=`. */
function request(
  base: string,
  method: ApiMethod,
  arg: unknown,
  headers: Record<string, string>,
): { url: string; init: RequestInit } {
  const field = (UPLOAD_METHODS as Partial<Record<ApiMethod, string>>)[method];
  if (field && typeof arg === 'object' && arg !== null) {
    const { [field]: body, ...rest } = arg as Record<string, unknown>;
    return {
      url: `${base}/api/${method}?args=${encodeURIComponent(JSON.stringify(rest))}`,
      init: {
        method: 'POST',
        headers: { ...headers, 'Content-Type': 'application/octet-stream' },
        body: body as BodyInit,
      },
    };
  }
  const body = arg === undefined ? '' : JSON.stringify(arg);
  return {
    url: `${base}/api/${method}`,
    init: {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'application/json' },
      body,
      // The last save and the clean-exit mark are sent while the page closes: keepalive lets them finish.
      keepalive: KEEPALIVE_METHODS.includes(method) && body.length < 60_000,
    },
  };
}

async function post(base: string, method: ApiMethod, arg: unknown, headers: Record<string, string>): Promise<unknown> {
  const { url, init } = request(base, method, arg, headers);
  const res = await fetch(url, init);
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

/** The API over HTTP at `base` (the page's own server by default; tests pass the server's URL). */
/**
 * The loopback HTTP API. A page sends the launch key's cookie by itself; a client outside a browser passes the
 * Cookie header the server gave (WebServer.cookie) in `headers`.
 */
export function httpApi(base = '.', headers: Record<string, string> = {}): AtlasApi {
  return apiClient((method, arg) => post(base, method, arg, headers));
}

export const api: AtlasApi = typeof window !== 'undefined' && window.brainAtlas ? window.brainAtlas : httpApi();

/**
 * Calls `refresh` whenever the list of open maps may have changed outside the renderer: the Electron menu's
 * File > Open map… (a DOM event from the preload) and the window regaining focus (after any native dialog).
 * Returns the unsubscribe function. Maps named on the command line are open before the page loads.
 */
export function onMapsChanged(refresh: () => void): () => void {
  window.addEventListener(MAPS_CHANGED_EVENT, refresh);
  window.addEventListener('focus', refresh);
  return () => {
    window.removeEventListener(MAPS_CHANGED_EVENT, refresh);
    window.removeEventListener('focus', refresh);
  };
}

const eventListeners = new Set<(e: ApiEvent) => void>();
let eventSource: EventSource | null = null;

function deliver(text: unknown): void {
  if (typeof text !== 'string') return;
  let e: ApiEvent;
  try {
    e = JSON.parse(text) as ApiEvent;
  } catch {
    return;
  }
  for (const l of [...eventListeners]) l(e);
}

/**
 * Listens to the API's events (download progress): in Electron a DOM event from the preload, in the browser build
 * Server-Sent Events from the loopback server (opened on the first listener, kept open). Returns the unsubscribe
 * function.
 */
export function onApiEvent(listener: (e: ApiEvent) => void): () => void {
  eventListeners.add(listener);
  if (eventListeners.size === 1) {
    if (window.brainAtlas) window.addEventListener(API_EVENT_DOM, onDomEvent);
    else if (!eventSource && typeof EventSource !== 'undefined') {
      eventSource = new EventSource(`.${API_EVENTS_PATH}`);
      eventSource.addEventListener('fetch', (m) => deliver((m as MessageEvent).data));
    }
  }
  return () => {
    eventListeners.delete(listener);
    if (eventListeners.size === 0 && window.brainAtlas) window.removeEventListener(API_EVENT_DOM, onDomEvent);
  };
}

function onDomEvent(e: Event): void {
  deliver((e as CustomEvent).detail);
}

/** Opens the event stream now, so that it is connected before a download starts. */
export function connectApiEvents(): void {
  onApiEvent(() => {});
}
