/**
 * The preload bridge: exposes exactly the AtlasApi to the renderer as `window.brainAtlas`, nothing else (never
 * ipcRenderer itself). Runs sandboxed with context isolation.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { type ApiMethod, type IpcReply, apiClient } from '../core/api';

async function call(method: ApiMethod, arg: unknown): Promise<unknown> {
  const reply = (await ipcRenderer.invoke(`atlas-api:${method}`, arg)) as IpcReply<unknown>;
  if (reply.ok) return reply.value;
  const error = new Error(reply.error.message);
  error.name = reply.error.code;
  throw error;
}

contextBridge.exposeInMainWorld('brainAtlas', apiClient(call));
