/**
 * The app part of the API contract: settings (mirror and cache folder), the saved session, cancelling a download,
 * and the event stream that carries download progress. Declared here and merged into AtlasApi by core/api/index.ts.
 *
 * Events travel one way, from main to the renderer: over HTTP as Server-Sent Events at GET API_EVENTS_PATH (the
 * launch key's cookie required, like every API call), in Electron as IPC messages on API_EVENT_CHANNEL that the
 * preload re-dispatches on window as a CustomEvent named API_EVENT_DOM whose `detail` is the event's JSON text.
 */
import type { SavedSession } from '../scene/session';

/** What the user set in the Settings dialog; '' means not set (catalog URLs; the default cache folder). */
export interface UserSettings {
  /** An http(s) base URL or an absolute folder holding `<folder>/<file>` of catalog atlases. */
  mirror: string;
  /** An absolute folder for downloaded atlases. */
  cacheDir: string;
}

export interface SettingsInfo {
  settings: UserSettings;
  /** Values set by environment variables (BRAIN_ATLAS_MIRROR, BRAIN_ATLAS_CACHE): they win over the settings. */
  fromEnv: { mirror?: string; cacheDir?: string };
  /** What downloads use now. */
  inUse: { mirror: string | null; cacheDir: string };
  /** A problem met reading the settings file (its defaults are used instead); said once. */
  warning?: string;
}

export interface SessionState {
  /** The last saved session; null when there is none (first start) or it could not be read. */
  session: SavedSession | null;
  /** False when the last run did not end cleanly (a crash or a killed process): offer to restore. */
  cleanExit: boolean;
}

/** Download progress of one atlas, summed over the files it needs. */
export interface FetchEvent {
  type: 'fetch';
  atlasId: string;
  phase: 'progress' | 'done' | 'failed' | 'cancelled';
  /** The file being downloaded. */
  file: string;
  receivedBytes: number;
  totalBytes: number;
  /** For 'failed': the error, in one sentence. */
  message?: string;
}

export type ApiEvent = FetchEvent;

export const API_EVENTS_PATH = '/api/events';
export const API_EVENT_CHANNEL = 'atlas-event:api';
export const API_EVENT_DOM = 'brain-atlas:api-event';

export interface AppApi {
  /** Stops the download of an atlas started by fetchAtlas; its fetchAtlas call fails with code 'cancelled'. */
  cancelFetch(req: { id: string }): Promise<{ cancelled: boolean }>;
  getSettings(): Promise<SettingsInfo>;
  /** Validates, saves (atomically) and applies the settings at once, unless environment variables override them. */
  setSettings(req: UserSettings): Promise<SettingsInfo>;
  /** The last session, and whether that run ended cleanly. Reading it marks this run as running. */
  loadSession(): Promise<SessionState>;
  /** Saves the session atomically (the renderer calls it, debounced, as the user works). */
  saveSession(req: { session: SavedSession }): Promise<void>;
  /** Marks a clean exit (the page is closing, or the app quits). */
  endSession(): Promise<void>;
  /**
   * A TrueType font with Chinese glyphs found on this computer, for PDF figures with Chinese text (jsPDF embeds
   * TrueType only); error code 'not-found', saying what to install, when there is none.
   */
  getFigureFont(): Promise<ArrayBuffer>;
}

export const APP_API_METHODS = [
  'cancelFetch',
  'getSettings',
  'setSettings',
  'loadSession',
  'saveSession',
  'endSession',
  'getFigureFont',
] as const satisfies readonly (keyof AppApi)[];

/**
 * Commands of the Electron menu that the page carries out (File > Export figure…, Save scene…): sent by the main
 * process on MENU_COMMAND_CHANNEL and re-dispatched by the preload as a CustomEvent MENU_COMMAND_DOM whose
 * `detail` is the command, one of MENU_COMMANDS (anything else is dropped there).
 */
export const MENU_COMMANDS = ['export-figure', 'save-scene'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];
export const MENU_COMMAND_CHANNEL = 'atlas-event:menu';

/**
 * File > Open scene… in Electron: the main process reads and validates the scene file the user chose and opens the
 * maps it names (main/services/scene-open.ts), then sends this on SCENE_OPEN_CHANNEL; the preload re-dispatches it
 * as a CustomEvent SCENE_OPEN_DOM whose `detail` is this message's JSON text, and the page puts the scene back.
 */
export interface OpenSceneMessage {
  /** The scene file's content, validated (re-read with parseSceneText). */
  sceneText: string;
  /** What the main process could not open or found changed, one sentence each. */
  problems: string[];
}
export const SCENE_OPEN_CHANNEL = 'atlas-event:open-scene';
export const SCENE_OPEN_DOM = 'brain-atlas:open-scene';

/** An OpenSceneMessage from across a process boundary, or null when it is not one. */
export function asOpenSceneMessage(v: unknown): OpenSceneMessage | null {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return null;
  const o = v as Record<string, unknown>;
  if (typeof o.sceneText !== 'string' || !Array.isArray(o.problems)) return null;
  if (!o.problems.every((p) => typeof p === 'string')) return null;
  return { sceneText: o.sceneText, problems: [...(o.problems as string[])] };
}
export const MENU_COMMAND_DOM = 'brain-atlas:menu-command';
