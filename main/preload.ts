/**
 * The preload bridge: exposes exactly the AtlasApi to the renderer as `window.brainAtlas`, nothing else (never
 * ipcRenderer itself). Runs sandboxed with context isolation.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { AtlasApi, IpcReply } from '../core/api';

async function call<T>(method: keyof AtlasApi, arg?: unknown): Promise<T> {
  const reply = (await ipcRenderer.invoke(`atlas-api:${method}`, arg)) as IpcReply<T>;
  if (reply.ok) return reply.value;
  const error = new Error(reply.error.message);
  error.name = reply.error.code;
  throw error;
}

const api: AtlasApi = {
  listAtlases: () => call('listAtlases'),
  openAtlas: (req) => call('openAtlas', req),
  query: (req) => call('query', req),
  fetchAtlas: (req) => call('fetchAtlas', req),
  getAtlasMeshes: (req) => call('getAtlasMeshes', req),
  getLabelGrid: (req) => call('getLabelGrid', req),
  regionOverlap: (req) => call('regionOverlap', req),
  getRegionInfo: () => call('getRegionInfo'),
};

contextBridge.exposeInMainWorld('brainAtlas', api);
