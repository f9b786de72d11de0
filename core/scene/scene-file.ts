/**
 * The scene file (`*.brainscene.json`): everything needed to draw a figure again — the atlases with their variants
 * and checksums, the template, the statistical maps (paths relative to the scene file, with their checksums and
 * display settings), the drawing state the saved session also keeps (session.ts), what is shown (a system, a
 * network atlas, a topographic map), the camera and the figure settings. Plain versioned data, validated whenever
 * it is read: a newer file is refused with a sentence saying so, and a part a file lacks takes its default, so files
 * written before a field existed stay readable.
 */
import { SURFACE_KINDS } from '../api/surface-api';
import { AtlasError, formatCount } from '../errors';
import { isObj, type Obj, show } from '../io/validation';
import { DEFAULT_MESH_DETAIL, MESH_DETAILS } from '../mesh/types';
import { FIGURE_LAYOUTS, type FigureLayoutName, type LightboxSpec } from '../figure/figure-layout';
import { MAX_LIGHTBOX_SLICES, MIN_LIGHTBOX_SLICES, SLICE_PLANES } from '../figure/slice-panels';
import {
  DEFAULT_OVERLAY_3D_MODE,
  mapSetting,
  OVERLAY_3D_MODES,
  type SavedClip,
  type SavedMapSettings,
  type SavedSession,
  type SavedShown,
} from './session';

export const SCENE_VERSION = 1;
export const SCENE_EXTENSION = '.brainscene.json';
/** Largest scene file accepted (its JSON text), far above any real scene. */
export const MAX_SCENE_CHARS = 2_000_000;

/** Limits of a scene: atlas slots and open maps. */
export const MAX_SCENE_ATLASES = 8;
export const MAX_SCENE_MAPS = 32;

export type SceneCameraView =
  | 'left-lateral'
  | 'right-lateral'
  | 'left-medial'
  | 'right-medial'
  | 'superior'
  | 'inferior'
  | 'anterior'
  | 'posterior'
  | 'reset';

/** The preset camera views, as the command line and the View menu name them ('reset' is the app's own start view). */
export const SCENE_CAMERA_VIEWS: readonly SceneCameraView[] = [
  'left-lateral',
  'right-lateral',
  'left-medial',
  'right-medial',
  'superior',
  'inferior',
  'anterior',
  'posterior',
  'reset',
];

export type SceneLayout = FigureLayoutName;
export const SCENE_LAYOUTS: readonly SceneLayout[] = FIGURE_LAYOUTS;

export type SceneFigureFormat = 'png' | 'svg' | 'pdf';
export const SCENE_FIGURE_FORMATS: readonly SceneFigureFormat[] = ['png', 'svg', 'pdf'];

export interface SceneAtlas {
  /** The atlas slot of the window (0 first). */
  slot: number;
  id: string;
  /** Variant id ("2mm"). */
  variant: string;
  /** sha256 (hex) of the variant's label volume file as the catalog gives it; null when unknown. */
  sha256: string | null;
  opacity: number;
}

/**
 * A map's settings that every scene has (the session's SavedMapSettings, session.ts), in the order they are checked;
 * then those newer scenes add: the cluster outline (drawn in the figure), the threshold link and the cluster
 * report's options. A scene saved before those were kept lacks them, and opening it leaves the window's own (the
 * thresholds linked when they are equal).
 */
const SCENE_MAP_SETTINGS = ['visible', 'colormap', 'posThreshold', 'negThreshold', 'max', 'opacity', 'show'] as const;
const SCENE_MAP_MORE = ['outline', 'linked', 'sign', 'minSize', 'sizeUnit', 'connectivity'] as const;

export interface SceneMap
  extends Pick<SavedMapSettings, (typeof SCENE_MAP_SETTINGS)[number]>,
    Partial<Pick<SavedMapSettings, (typeof SCENE_MAP_MORE)[number]>> {
  /** Relative to the scene file's folder, with forward slashes ("stats/zstat1.nii.gz"). */
  path: string;
  /** sha256 (hex) of the map file's bytes; null when unknown. */
  sha256: string | null;
  /** The frame shown (0-based). */
  frame: number;
}

/** The parts of the drawing state a scene shares with the saved session. */
export const SCENE_VIEW_KEYS = [
  'colourBy',
  'hidden',
  'isolated',
  'fadeOthers',
  'hiddenNetworks',
  'hemispheres',
  'clip',
  'explode',
  'cursor',
  'selected',
  'meshDetail',
  'overlay3d',
] as const satisfies readonly (keyof SavedSession)[];

/** The drawing state a scene shares with the saved session. */
export type SceneView = Pick<SavedSession, (typeof SCENE_VIEW_KEYS)[number]>;

export type ScenePoint = [number, number, number];

export interface SceneCamera {
  /** A preset view; position/target/up, when all set, say exactly where the camera is and win over it. */
  view: SceneCameraView | null;
  position: ScenePoint | null;
  target: ScenePoint | null;
  up: ScenePoint | null;
}

export interface SceneFigure {
  /** 'slices' and 'lightbox' cut through the view's cursor (the slice views' point) and the brain. */
  layout: SceneLayout;
  /** The lightbox layout's slice orientation and number of slices (kept, unused, by the other layouts). */
  lightbox: LightboxSpec;
  panelLetters: boolean;
  /** Regions to label, as region keys 'atlasId:value'. */
  labels: string[];
  format: SceneFigureFormat;
  /** Output size in pixels. */
  width: number;
  height: number;
  dpi: number;
  transparent: boolean;
}

export interface BrainScene {
  version: typeof SCENE_VERSION;
  app: 'brain-atlas-studio';
  lang: 'en' | 'zh';
  atlases: SceneAtlas[];
  template: { visible: boolean; opacity: number };
  maps: SceneMap[];
  view: SceneView;
  shown: SavedShown;
  camera: SceneCamera;
  figure: SceneFigure;
}

const clipOff = (): SavedClip => ({ on: false, at: 0, flip: false });

/** An empty scene: no atlases or maps, the template faint, both hemispheres, left lateral view, a 1920×1080 PNG. */
export function defaultScene(): BrainScene {
  return {
    version: SCENE_VERSION,
    app: 'brain-atlas-studio',
    lang: 'en',
    atlases: [],
    template: { visible: true, opacity: 0.18 },
    maps: [],
    view: {
      colourBy: 'region',
      hidden: [],
      isolated: null,
      fadeOthers: false,
      hiddenNetworks: [],
      hemispheres: { left: true, right: true },
      clip: { x: clipOff(), y: clipOff(), z: clipOff() },
      explode: 0,
      cursor: null,
      selected: null,
      meshDetail: DEFAULT_MESH_DETAIL,
      overlay3d: DEFAULT_OVERLAY_3D_MODE,
    },
    shown: { system: null, networkAtlas: null, topography: null, surface: null },
    camera: { view: 'left-lateral', position: null, target: null, up: null },
    figure: {
      layout: 'current',
      lightbox: { plane: 'axial', count: 12 },
      panelLetters: false,
      labels: [],
      format: 'png',
      width: 1920,
      height: 1080,
      dpi: 300,
      transparent: false,
    },
  };
}

const ID = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const KEY = /^[a-z0-9][a-z0-9._-]{0,63}:-?\d{1,9}$/;
const SHA256 = /^[0-9a-f]{64}$/;
const NETWORK = /^[^\0]{1,200}$/;

function bad(what: string, v: unknown): never {
  throw new AtlasError('invalid-argument', `the scene's ${what} is ${show(v)}, which is not valid`);
}

function notScene(why: string): never {
  throw new AtlasError('invalid-argument', `this is not a Brain Atlas Studio scene file (${why})`);
}

/** o[k] read by `read`, or `fallback` when the file does not have it. */
function opt<T>(o: Obj, k: string, fallback: T, read: (v: unknown) => T): T {
  return o[k] === undefined ? fallback : read(o[k]);
}

const obj =
  (what: string) =>
  (v: unknown): Obj =>
    isObj(v) ? v : bad(what, v);

const bool =
  (what: string) =>
  (v: unknown): boolean =>
    typeof v === 'boolean' ? v : bad(what, v);

const num =
  (what: string, min: number, max: number, integer = false) =>
  (v: unknown): number =>
    typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max && (!integer || Number.isInteger(v))
      ? v
      : bad(what, v);

const oneOf =
  <T extends string>(what: string, values: readonly T[]) =>
  (v: unknown): T =>
    values.includes(v as T) ? (v as T) : bad(what, v);

const idOrNull =
  (what: string) =>
  (v: unknown): string | null =>
    v === null ? null : typeof v === 'string' && ID.test(v) ? v : bad(what, v);

const shaOrNull =
  (what: string) =>
  (v: unknown): string | null =>
    v === null ? null : typeof v === 'string' && SHA256.test(v) ? v : bad(what, v);

const strings =
  (what: string, re: RegExp, max: number) =>
  (v: unknown): string[] => {
    if (!Array.isArray(v) || v.length > max) bad(what, v);
    for (const s of v as unknown[]) if (typeof s !== 'string' || !re.test(s)) bad(`${what} entry`, s);
    return [...(v as string[])];
  };

const point =
  (what: string, limit: number) =>
  (v: unknown): ScenePoint | null => {
    if (v === null) return null;
    if (!Array.isArray(v) || v.length !== 3 || !v.every((x) => typeof x === 'number' && Math.abs(x) < limit))
      bad(what, v);
    return [v[0], v[1], v[2]];
  };

/** A map path: relative (to the scene file's folder), at most 1000 characters, no NUL. */
function mapPath(what: string, v: unknown): string {
  if (typeof v !== 'string' || v === '' || v.length > 1000 || v.includes('\0')) bad(what, v);
  if (/^[/\\]/.test(v as string) || /^[a-zA-Z]:/.test(v as string))
    throw new AtlasError(
      'invalid-argument',
      `the scene's ${what} is ${show(v)}, which is not relative to the scene file's folder`,
    );
  return v as string;
}

function sceneAtlas(v: unknown, i: number): SceneAtlas {
  const what = `atlas ${i + 1}`;
  const o = obj(what)(v);
  const id = typeof o.id === 'string' && ID.test(o.id) ? o.id : bad(`${what} id`, o.id);
  return {
    slot: num(`${what} slot`, 0, MAX_SCENE_ATLASES - 1, true)(o.slot),
    id,
    variant: typeof o.variant === 'string' && ID.test(o.variant) ? o.variant : bad(`${what} variant`, o.variant),
    sha256: shaOrNull(`${what} sha256`)(o.sha256),
    opacity: num(`${what} opacity`, 0, 1)(o.opacity),
  };
}

function sceneMap(v: unknown, i: number): SceneMap {
  const what = `map ${i + 1}`;
  const o = obj(what)(v);
  return {
    path: mapPath(`${what} path`, o.path),
    sha256: shaOrNull(`${what} sha256`)(o.sha256),
    frame: num(`${what} frame`, 0, 1_000_000, true)(o.frame),
    ...pickSettings(o, what, SCENE_MAP_SETTINGS, true),
    ...pickSettings(o, what, SCENE_MAP_MORE, false),
  };
}

/**
 * Settings `keys` of a scene map, checked by the session's rules (session.ts mapSetting); `required` ones must be
 * there, else a setting the file lacks is left out.
 */
function pickSettings<K extends keyof SavedMapSettings>(
  o: Obj,
  what: string,
  keys: readonly K[],
  required: boolean,
): Pick<SavedMapSettings, K> {
  const settings: Partial<Pick<SavedMapSettings, K>> = {};
  for (const k of keys) if (required || o[k] !== undefined) settings[k] = mapSetting(o, k, what, bad);
  return settings as Pick<SavedMapSettings, K>;
}

function list<T>(what: string, noun: string, max: number, item: (v: unknown, i: number) => T) {
  return (v: unknown): T[] => {
    if (!Array.isArray(v)) bad(what, v);
    if ((v as unknown[]).length > max)
      throw new AtlasError(
        'invalid-argument',
        `the scene has ${(v as unknown[]).length} ${noun}, but a scene holds at most ${max}`,
      );
    return (v as unknown[]).map(item);
  };
}

function clip(axis: 'x' | 'y' | 'z') {
  return (v: unknown): SavedClip => {
    const o = obj(`clipping of ${axis}`)(v);
    const d = clipOff();
    return {
      on: opt(o, 'on', d.on, bool(`clipping of ${axis}`)),
      at: opt(o, 'at', d.at, num(`clipping position of ${axis}`, -1000, 1000)),
      flip: opt(o, 'flip', d.flip, bool(`clipping side of ${axis}`)),
    };
  };
}

function view(v: unknown): SceneView {
  const o = obj('view')(v);
  const d = defaultScene().view;
  return {
    colourBy: opt(o, 'colourBy', d.colourBy, oneOf('colouring', ['region', 'network'] as const)),
    hidden: opt(o, 'hidden', d.hidden, strings('hidden regions', KEY, 100_000)),
    isolated: opt(o, 'isolated', d.isolated, (x) => (x === null ? null : strings('isolated regions', KEY, 100_000)(x))),
    fadeOthers: opt(o, 'fadeOthers', d.fadeOthers, bool('fading of other regions')),
    hiddenNetworks: opt(o, 'hiddenNetworks', d.hiddenNetworks, strings('hidden networks', NETWORK, 1000)),
    hemispheres: opt(o, 'hemispheres', d.hemispheres, (x) => {
      const h = obj('hemispheres')(x);
      return {
        left: opt(h, 'left', true, bool('left hemisphere')),
        right: opt(h, 'right', true, bool('right hemisphere')),
      };
    }),
    clip: opt(o, 'clip', d.clip, (x) => {
      const c = obj('clipping')(x);
      return {
        x: opt(c, 'x', clipOff(), clip('x')),
        y: opt(c, 'y', clipOff(), clip('y')),
        z: opt(c, 'z', clipOff(), clip('z')),
      };
    }),
    explode: opt(o, 'explode', d.explode, num('explode', 0, 1)),
    cursor: opt(o, 'cursor', d.cursor, point('cursor', 1e4)),
    selected: opt(o, 'selected', d.selected, (x) =>
      x === null ? null : typeof x === 'string' && KEY.test(x) ? x : bad('selection', x),
    ),
    meshDetail: opt(o, 'meshDetail', d.meshDetail, oneOf('mesh detail', MESH_DETAILS)),
    overlay3d: opt(o, 'overlay3d', d.overlay3d, oneOf('way maps are drawn in 3D', OVERLAY_3D_MODES)),
  };
}

function camera(v: unknown): SceneCamera {
  const o = obj('camera')(v);
  const d = defaultScene().camera;
  return {
    view: opt(o, 'view', d.view, (x) => (x === null ? null : oneOf('camera view', SCENE_CAMERA_VIEWS)(x))),
    position: opt(o, 'position', d.position, point('camera position', 1e6)),
    target: opt(o, 'target', d.target, point('camera target', 1e6)),
    up: opt(o, 'up', d.up, point('camera up direction', 1e6)),
  };
}

function figure(v: unknown): SceneFigure {
  const o = obj('figure')(v);
  const d = defaultScene().figure;
  return {
    layout: opt(o, 'layout', d.layout, oneOf('figure layout', SCENE_LAYOUTS)),
    lightbox: opt(o, 'lightbox', d.lightbox, (x) => {
      const l = obj('figure lightbox')(x);
      const count = num('lightbox slice count', MIN_LIGHTBOX_SLICES, MAX_LIGHTBOX_SLICES, true);
      const plane = oneOf('lightbox slice orientation', SLICE_PLANES);
      return { plane: opt(l, 'plane', d.lightbox.plane, plane), count: opt(l, 'count', d.lightbox.count, count) };
    }),
    panelLetters: opt(o, 'panelLetters', d.panelLetters, bool('figure panel letters')),
    labels: opt(o, 'labels', d.labels, strings('figure labels', KEY, 1000)),
    format: opt(o, 'format', d.format, oneOf('figure format', SCENE_FIGURE_FORMATS)),
    width: opt(o, 'width', d.width, num('figure width', 16, 16384, true)),
    height: opt(o, 'height', d.height, num('figure height', 16, 16384, true)),
    dpi: opt(o, 'dpi', d.dpi, num('figure dpi', 1, 10000)),
    transparent: opt(o, 'transparent', d.transparent, bool('figure transparency')),
  };
}

/**
 * The content of a scene file as a BrainScene, or AtlasError saying in one sentence what is wrong: a newer version
 * ('unsupported'), not a scene file, or the first field out of range ('invalid-argument'). A part the file lacks
 * takes its default; a part present with a wrong type or value is an error.
 */
export function validateScene(v: unknown): BrainScene {
  if (!isObj(v)) notScene(Array.isArray(v) ? 'it holds a list' : 'it holds no object');
  const o = v as Obj;
  if (typeof o.version !== 'number' || !Number.isFinite(o.version)) notScene('no version');
  if (o.app !== 'brain-atlas-studio') notScene(o.app === undefined ? 'no app' : `its app is ${show(o.app)}`);
  const version = o.version as number;
  if (version > SCENE_VERSION)
    throw new AtlasError(
      'unsupported',
      `this scene file is version ${version}; this Brain Atlas Studio reads scene files up to version ${SCENE_VERSION} — update the app to open it`,
    );
  if (version !== SCENE_VERSION) bad('version', version);
  const d = defaultScene();
  const atlases = opt(o, 'atlases', d.atlases, list('atlas list', 'atlases', MAX_SCENE_ATLASES, sceneAtlas));
  const slots = new Set<number>();
  for (const a of atlases) {
    if (slots.has(a.slot))
      throw new AtlasError(
        'invalid-argument',
        `the scene's atlas slot ${a.slot} holds two atlases, which is not valid`,
      );
    slots.add(a.slot);
  }
  return {
    version: SCENE_VERSION,
    app: 'brain-atlas-studio',
    lang: opt(o, 'lang', d.lang, oneOf('language', ['en', 'zh'] as const)),
    atlases,
    template: opt(o, 'template', d.template, (x) => {
      const t = obj('template')(x);
      return {
        visible: opt(t, 'visible', d.template.visible, bool('template visibility')),
        opacity: opt(t, 'opacity', d.template.opacity, num('template opacity', 0, 1)),
      };
    }),
    maps: opt(o, 'maps', d.maps, list('map list', 'maps', MAX_SCENE_MAPS, sceneMap)),
    view: opt(o, 'view', d.view, view),
    shown: opt(o, 'shown', d.shown, (x) => {
      const s = obj('shown part')(x);
      return {
        system: opt(s, 'system', null, idOrNull('brain system shown')),
        networkAtlas: opt(s, 'networkAtlas', null, idOrNull('network atlas shown')),
        topography: opt(s, 'topography', null, idOrNull('topographic map shown')),
        surface: opt(s, 'surface', null, (x) =>
          x === null ? null : oneOf('cortical surface shown', SURFACE_KINDS)(x),
        ),
      };
    }),
    camera: opt(o, 'camera', d.camera, camera),
    figure: opt(o, 'figure', d.figure, figure),
  };
}

/** A scene file's text as a BrainScene: AtlasError 'too-large' past MAX_SCENE_CHARS, 'corrupt' for bad JSON. */
export function parseSceneText(text: string): BrainScene {
  if (text.length > MAX_SCENE_CHARS)
    throw new AtlasError(
      'too-large',
      `the scene file is ${formatCount(text.length)} characters, over the ${formatCount(MAX_SCENE_CHARS)} a scene file may have`,
    );
  let value: unknown;
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    throw new AtlasError('corrupt', `the scene file is not valid JSON: ${(e as Error).message}`);
  }
  return validateScene(value);
}
