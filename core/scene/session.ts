/**
 * The saved session: the scene the window showed (atlases with their variants, how they are drawn, the cursor, the
 * open maps' settings) and the language, as plain versioned data. The renderer writes it as the user works (saveSession) and reads it on
 * the next start (loadSession); main/ stores it as JSON in the user's config folder. Validated on both sides:
 * whatever is read back from disk passes `validateSession` before anyone uses it.
 */
import { SURFACE_KINDS, type SurfaceKind } from '../api/surface-api';
import { AtlasError } from '../errors';
import { isObj, type Obj, show } from '../io/validation';
import type { ClusterSign, Connectivity } from '../maps/clusters';
import { COLORMAPS, type ColormapName } from '../maps/colormaps';
import { type MeshDetail, meshDetailOf } from '../mesh/types';

export const SESSION_VERSION = 1;

export interface SavedLayer {
  atlasId: string;
  /** Variant id ("2mm"): the layer comes back at the same grid. */
  variant: string;
  opacity: number;
}

/**
 * How open maps are drawn in 3D: on the template's surface (or an atlas's solid regions) and as blobs inside the
 * brain, one of the two, or not at all.
 */
export type Overlay3dMode = 'both' | 'surface' | 'blobs' | 'off';
export const OVERLAY_3D_MODES: readonly Overlay3dMode[] = ['both', 'surface', 'blobs', 'off'];
/** A new window's, and a session's or scene's saved before the mode was kept. */
export const DEFAULT_OVERLAY_3D_MODE: Overlay3dMode = 'both';

export interface SavedClip {
  on: boolean;
  at: number;
  flip: boolean;
}

/**
 * What the explorer panels show: a brain system, a network atlas's networks, a topographic map (ids, or null), and
 * the cortical surface the 3D view shows in place of the volume (null: the volume).
 */
export interface SavedShown {
  system: string | null;
  networkAtlas: string | null;
  topography: string | null;
  surface: SurfaceKind | null;
}

export const NOTHING_SHOWN: SavedShown = { system: null, networkAtlas: null, topography: null, surface: null };

/** How an open statistical map is shown and reported (the renderer's overlay settings, model/overlay-settings.ts). */
export interface SavedMapSettings {
  visible: boolean;
  colormap: ColormapName;
  /** Absolute values: positive voxels show from posThreshold, negative ones from −negThreshold. */
  posThreshold: number;
  negThreshold: number;
  /** The negative threshold follows the positive one (the usual case: one "Threshold" for |v|). */
  linked: boolean;
  /** |v| at the top of the colour scale. */
  max: number;
  /** 0..1 */
  opacity: number;
  outline: boolean;
  /** Which signs are drawn (on the slices and in 3D). */
  show: ClusterSign;
  /** Which signs the cluster report looks at (the CLI's --sign; positive by default, as there). */
  sign: ClusterSign;
  minSize: number;
  sizeUnit: 'voxels' | 'mm3';
  connectivity: Connectivity;
}

/**
 * A map open in the engine (main process, or the loopback server) when the session was saved. The engine keeps its
 * maps while the window reloads, so the page gives each the settings the user left it with; the id and the bytes'
 * sha256 must both match, so a different file that an engine started afresh opened under the same id is not
 * given them.
 */
export interface SavedOverlay {
  mapId: string;
  sha256: string;
  /** File name, for people reading the session. */
  name: string;
  settings: SavedMapSettings;
}

/** The window's resizable panes (the renderer's splitters): the cluster report, the slice views. */
export const PANES = ['report', 'slices'] as const;
export type PaneId = (typeof PANES)[number];
/** Heights in CSS px the user gave the panes; a pane left out has the layout's own. */
export type SavedPanes = Partial<Record<PaneId, number>>;

export interface SavedSession {
  version: typeof SESSION_VERSION;
  lang: 'en' | 'zh';
  /** One entry per atlas slot (null: empty). */
  layers: (SavedLayer | null)[];
  preferredRes: number | null;
  template: { visible: boolean; opacity: number };
  colourBy: 'region' | 'network';
  hidden: string[];
  isolated: string[] | null;
  fadeOthers: boolean;
  hiddenNetworks: string[];
  hemispheres: { left: boolean; right: boolean };
  clip: { x: SavedClip; y: SavedClip; z: SavedClip };
  explode: number;
  /** The MNI point the slices show. */
  cursor: [number, number, number] | null;
  selected: string | null;
  /** File names of the statistical maps that were open: noted only, a map's bytes are not kept. */
  maps: string[];
  /**
   * The open maps' settings, bottom (drawn first) to top, and the one the cluster report follows. Absent in sessions
   * saved before they were kept, and in a session made from a scene file (which puts its maps back itself).
   */
  overlays?: SavedOverlay[];
  activeOverlay?: string | null;
  /** Absent in sessions saved before it was kept: nothing shown. */
  shown: SavedShown;
  /** Absent in sessions saved before panes could be resized: every pane as the layout has it. */
  panes?: SavedPanes;
  /** How dense the region meshes are (core/mesh/types.ts); absent in sessions saved before it was kept: standard. */
  meshDetail: MeshDetail;
  /** How maps are drawn in 3D; absent in sessions saved before it was kept: both. */
  overlay3d: Overlay3dMode;
}

/** Largest session accepted (its JSON), far above any real scene. */
export const MAX_SESSION_CHARS = 1_000_000;

const ID = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const MAP_ID = /^[^\0]{1,100}$/;
const SHA256 = /^[0-9a-f]{64}$/;
const SIGNS: readonly ClusterSign[] = ['positive', 'negative', 'both'];
const CONNECTIVITIES: readonly Connectivity[] = [6, 18, 26];
const SIZE_UNITS = ['voxels', 'mm3'] as const;
const KEY = /^[a-z0-9][a-z0-9._-]{0,63}:-?\d{1,9}$/;

function bad(what: string, v: unknown): never {
  throw new AtlasError('invalid-argument', `the saved session's ${what} is ${show(v)}, which is not valid`);
}

function bool(o: Obj, k: string, what = k): boolean {
  if (typeof o[k] !== 'boolean') bad(what, o[k]);
  return o[k] as boolean;
}

function num(o: Obj, k: string, min: number, max: number, what = k): number {
  const v = o[k];
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) bad(what, v);
  return v as number;
}

function strings(v: unknown, re: RegExp, what: string, max = 100_000): string[] {
  if (!Array.isArray(v) || v.length > max) bad(what, v);
  for (const s of v as unknown[]) if (typeof s !== 'string' || !re.test(s)) bad(`${what} entry`, s);
  return [...(v as string[])];
}

function obj(v: unknown, what: string): Obj {
  if (!isObj(v)) bad(what, v);
  return v as Obj;
}

function layer(v: unknown): SavedLayer | null {
  if (v === null) return null;
  const o = obj(v, 'layer');
  if (typeof o.atlasId !== 'string' || !ID.test(o.atlasId)) bad('layer atlas id', o.atlasId);
  if (typeof o.variant !== 'string' || !ID.test(o.variant)) bad('layer variant', o.variant);
  return { atlasId: o.atlasId as string, variant: o.variant as string, opacity: num(o, 'opacity', 0, 1) };
}

function clip(v: unknown, axis: string): SavedClip {
  const o = obj(v, `clip ${axis}`);
  return { on: bool(o, 'on'), at: num(o, 'at', -1000, 1000), flip: bool(o, 'flip') };
}

function shownPart(v: unknown): SavedShown {
  if (v === undefined) return { ...NOTHING_SHOWN };
  const o = obj(v, 'shown part');
  const id = (k: 'system' | 'networkAtlas' | 'topography') => {
    const x = o[k] ?? null;
    if (x !== null && (typeof x !== 'string' || !ID.test(x))) bad(`${k} shown`, x);
    return x as string | null;
  };
  const surface = o.surface ?? null;
  if (surface !== null && !(SURFACE_KINDS as readonly unknown[]).includes(surface)) bad('surface shown', surface);
  return {
    system: id('system'),
    networkAtlas: id('networkAtlas'),
    topography: id('topography'),
    surface: surface as SurfaceKind | null,
  };
}

function panesPart(v: unknown): SavedPanes {
  const o = obj(v, 'pane sizes');
  const panes: SavedPanes = {};
  for (const k of Object.keys(o)) {
    if (!(PANES as readonly string[]).includes(k)) bad('pane', k);
    panes[k as PaneId] = num(o, k, 0, 100_000, `${k} pane height`);
  }
  return panes;
}

const isBool = (v: unknown): v is boolean => typeof v === 'boolean';
const isNum =
  (min: number, max: number) =>
  (v: unknown): v is number =>
    typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max;
const isIn =
  <T>(values: readonly T[]) =>
  (v: unknown): v is T =>
    (values as readonly unknown[]).includes(v);

/**
 * Each map setting's name in an error and the values it takes, in the order they are checked: one rule for saved
 * sessions and scene files (scene-file.ts), which keep the same settings.
 */
const MAP_SETTING_RULES: {
  [K in keyof SavedMapSettings]: readonly [name: string, valid: (v: unknown) => v is SavedMapSettings[K]];
} = {
  visible: ['visibility', isBool],
  colormap: ['colour map', isIn(COLORMAPS)],
  posThreshold: ['positive threshold', isNum(0, Number.MAX_VALUE)],
  negThreshold: ['negative threshold', isNum(0, Number.MAX_VALUE)],
  linked: ['threshold link', isBool],
  max: ['maximum', isNum(0, Number.MAX_VALUE)],
  opacity: ['opacity', isNum(0, 1)],
  outline: ['outline', isBool],
  show: ['sign shown', isIn(SIGNS)],
  sign: ['sign reported', isIn(SIGNS)],
  minSize: ['minimum cluster size', isNum(0, Number.MAX_VALUE)],
  sizeUnit: ['size unit', isIn(SIZE_UNITS)],
  connectivity: ['connectivity', isIn(CONNECTIVITIES)],
};

/** The map settings, in the order they are checked. */
export const MAP_SETTING_KEYS = Object.keys(MAP_SETTING_RULES) as (keyof SavedMapSettings)[];

/**
 * Map setting `key` of `o` when it is valid; else `bad` (the file's own sentence) is told `what` (whose setting, e.g.
 * "map 1's") and the setting's name.
 */
export function mapSetting<K extends keyof SavedMapSettings>(
  o: Obj,
  key: K,
  what: string,
  bad: (what: string, v: unknown) => never,
): SavedMapSettings[K] {
  const [name, valid] = MAP_SETTING_RULES[key];
  const v = o[key];
  return valid(v) ? v : bad(`${what} ${name}`, v);
}

function mapSettings(v: unknown, what: string): SavedMapSettings {
  const o = obj(v, `${what} settings`);
  const settings: Partial<Record<keyof SavedMapSettings, unknown>> = {};
  for (const k of MAP_SETTING_KEYS) settings[k] = mapSetting(o, k, what, bad);
  return settings as SavedMapSettings;
}

function overlay(v: unknown, i: number): SavedOverlay {
  const what = `map ${i + 1}'s`;
  const o = obj(v, `map ${i + 1}`);
  if (typeof o.mapId !== 'string' || !MAP_ID.test(o.mapId)) bad(`${what} id`, o.mapId);
  if (typeof o.sha256 !== 'string' || !SHA256.test(o.sha256)) bad(`${what} sha256`, o.sha256);
  if (typeof o.name !== 'string' || o.name.length > 500) bad(`${what} name`, o.name);
  return {
    mapId: o.mapId as string,
    sha256: o.sha256 as string,
    name: o.name as string,
    settings: mapSettings(o.settings, what),
  };
}

function overlaysPart(o: Obj): Pick<SavedSession, 'overlays' | 'activeOverlay'> {
  if (o.overlays === undefined) return {};
  if (!Array.isArray(o.overlays) || o.overlays.length > 100) bad('open maps', o.overlays);
  const overlays = (o.overlays as unknown[]).map(overlay);
  const active = o.activeOverlay ?? null;
  if (active !== null && !overlays.some((m) => m.mapId === active)) bad('map the report follows', active);
  return { overlays, activeOverlay: active as string | null };
}

function meshDetailPart(v: unknown): MeshDetail {
  return meshDetailOf(v) ?? bad('mesh detail', v);
}

function overlay3dPart(v: unknown): Overlay3dMode {
  return OVERLAY_3D_MODES.find((m) => m === v) ?? bad('way maps are drawn in 3D', v);
}

/** The session as a SavedSession, or AtlasError('invalid-argument') saying, in one sentence, what is wrong. */
export function validateSession(v: unknown): SavedSession {
  const o = obj(v, 'content');
  if (o.version !== SESSION_VERSION) bad('version', o.version);
  if (o.lang !== 'en' && o.lang !== 'zh') bad('language', o.lang);
  if (!Array.isArray(o.layers) || o.layers.length > 8) bad('layer list', o.layers);
  if (o.preferredRes !== null) num(o, 'preferredRes', 0.1, 20, 'resolution');
  const template = obj(o.template, 'template');
  if (o.colourBy !== 'region' && o.colourBy !== 'network') bad('colouring', o.colourBy);
  const hemispheres = obj(o.hemispheres, 'hemispheres');
  const clips = obj(o.clip, 'clipping');
  let cursor: [number, number, number] | null = null;
  if (o.cursor !== null) {
    const c = o.cursor;
    if (!Array.isArray(c) || c.length !== 3 || !c.every((x) => typeof x === 'number' && Math.abs(x) < 1e4))
      bad('cursor', c);
    cursor = [c[0], c[1], c[2]];
  }
  if (o.selected !== null && (typeof o.selected !== 'string' || !KEY.test(o.selected))) bad('selection', o.selected);
  if (!Array.isArray(o.maps) || o.maps.length > 100) bad('map list', o.maps);
  for (const m of o.maps as unknown[]) if (typeof m !== 'string' || m.length > 500) bad('map name', m);
  return {
    version: SESSION_VERSION,
    lang: o.lang,
    layers: (o.layers as unknown[]).map(layer),
    preferredRes: o.preferredRes as number | null,
    template: { visible: bool(template, 'visible', 'template'), opacity: num(template, 'opacity', 0, 1) },
    colourBy: o.colourBy,
    hidden: strings(o.hidden, KEY, 'hidden regions'),
    isolated: o.isolated === null ? null : strings(o.isolated, KEY, 'isolated regions'),
    fadeOthers: bool(o, 'fadeOthers'),
    hiddenNetworks: strings(o.hiddenNetworks, /^[^\0]{1,200}$/, 'hidden networks', 1000),
    hemispheres: { left: bool(hemispheres, 'left'), right: bool(hemispheres, 'right') },
    clip: { x: clip(clips.x, 'x'), y: clip(clips.y, 'y'), z: clip(clips.z, 'z') },
    explode: num(o, 'explode', 0, 1),
    cursor,
    selected: o.selected as string | null,
    maps: [...(o.maps as string[])],
    ...overlaysPart(o),
    shown: shownPart(o.shown),
    ...(o.panes === undefined ? {} : { panes: panesPart(o.panes) }),
    meshDetail: o.meshDetail === undefined ? 'standard' : meshDetailPart(o.meshDetail),
    overlay3d: o.overlay3d === undefined ? DEFAULT_OVERLAY_3D_MODE : overlay3dPart(o.overlay3d),
  };
}
