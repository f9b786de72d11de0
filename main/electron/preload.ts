/**
 * The preload bridge: exposes exactly the AtlasApi to the renderer as `window.brainAtlas`, nothing else (never
 * ipcRenderer itself), plus DOM events when the main process opened maps or a menu command is for the page. Runs sandboxed with context isolation.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { type ApiMethod, type IpcReply, apiClient } from '../../core/api';
import {
  API_EVENT_CHANNEL,
  API_EVENT_DOM,
  type ApiEvent,
  MENU_COMMANDS,
  MENU_COMMAND_CHANNEL,
  MENU_COMMAND_DOM,
  SCENE_OPEN_CHANNEL,
  SCENE_OPEN_DOM,
  asOpenSceneMessage,
} from '../../core/api/app-api';
import { MAPS_CHANGED_CHANNEL, MAPS_CHANGED_EVENT } from '../../core/api/map-api';

async function call(method: ApiMethod, arg: unknown): Promise<unknown> {
  const reply = (await ipcRenderer.invoke(`atlas-api:${method}`, arg)) as IpcReply<unknown>;
  if (reply.ok) return reply.value;
  const error = new Error(reply.error.message);
  error.name = reply.error.code;
  throw error;
}

contextBridge.exposeInMainWorld('brainAtlas', apiClient(call));

// Maps opened by the main process (File > Open map…): a plain DOM event on window, which the page's own world
// sees too; the renderer answers by calling listMaps() again. No IPC object reaches the page.
ipcRenderer.on(MAPS_CHANGED_CHANNEL, () => window.dispatchEvent(new Event(MAPS_CHANGED_EVENT)));

// Events of the API (download progress): a DOM CustomEvent whose detail is the event's JSON text (a string crosses
// the context-isolation boundary intact; an object made here would not).
ipcRenderer.on(API_EVENT_CHANNEL, (_event, e: ApiEvent) =>
  window.dispatchEvent(new CustomEvent(API_EVENT_DOM, { detail: JSON.stringify(e) })),
);

// Menu commands the page carries out (File > Export figure…): only the known ones, as a plain string.
ipcRenderer.on(MENU_COMMAND_CHANNEL, (_event, command: unknown) => {
  if ((MENU_COMMANDS as readonly unknown[]).includes(command))
    window.dispatchEvent(new CustomEvent(MENU_COMMAND_DOM, { detail: command }));
});

// A scene opened with File > Open scene… (read and its maps opened by the main process): its JSON text.
ipcRenderer.on(SCENE_OPEN_CHANNEL, (_event, message: unknown) => {
  const m = asOpenSceneMessage(message);
  if (m) window.dispatchEvent(new CustomEvent(SCENE_OPEN_DOM, { detail: JSON.stringify(m) }));
});
