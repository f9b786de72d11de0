/**
 * Tours for lectures: an ordered list of steps, each a view with a caption in English and Chinese and presenter
 * notes. A step shows either regions named by atlas and name (highlighted, labelled, seen from a camera preset), a
 * topographic map, or a whole scene (core/scene/scene-file.ts: what "Add current view as step" records). Tours
 * ship with the app (built from the brain systems and region cards: shipped-tours.ts) and are saved and opened as
 * `*.braintour.json`, validated here.
 */
import { AtlasError } from '../errors';
import { isObj, show } from '../io/validation';
import { TOPOGRAPHY_MAPS, type TopographyMapId } from '../atlas/topography-types';
import { type BrainScene, SCENE_CAMERA_VIEWS, type SceneCameraView, validateScene } from '../scene/scene-file';

export const TOUR_FORMAT = 'brain-atlas-tour';
export const TOUR_VERSION = 1;
export const TOUR_EXTENSION = '.braintour.json';
export const MAX_TOUR_STEPS = 200;
export const MAX_TOUR_CHARS = 20_000_000;
const MAX_TEXT = 4000;

export interface Bilingual {
  en: string;
  zh: string;
}

/** A region named as the atlas names it ("Precentral_L" in aal3): values differ between atlas versions, names less. */
export interface TourRegion {
  atlas: string;
  name: string;
}

export type TourView =
  | { kind: 'regions'; regions: TourRegion[]; camera: SceneCameraView }
  | { kind: 'topography'; map: TopographyMapId; camera: SceneCameraView }
  | { kind: 'scene'; scene: BrainScene };

export interface TourStep {
  caption: Bilingual;
  notes: Bilingual;
  view: TourView;
}

export interface Tour {
  format: typeof TOUR_FORMAT;
  version: typeof TOUR_VERSION;
  /** Lowercase letters, digits and hyphens: how the Tour list and a saved session name it. */
  id: string;
  title: Bilingual;
  steps: TourStep[];
}

const ID = /^[a-z0-9][a-z0-9._-]{0,63}$/;

function bad(where: string, what: string, v: unknown): never {
  throw new AtlasError('invalid-argument', `the tour's ${where}${what} is ${show(v)}, which is not valid`);
}

function text(where: string, v: unknown, what: string): string {
  if (typeof v !== 'string' || v.length > MAX_TEXT) bad(where, what, v);
  return v;
}

function bilingual(where: string, v: unknown, what: string, required: boolean): Bilingual {
  if (v === undefined && !required) return { en: '', zh: '' };
  if (!isObj(v)) bad(where, what, v);
  const o = v as Record<string, unknown>;
  return { en: text(where, o.en ?? '', `${what} (English)`), zh: text(where, o.zh ?? '', `${what} (Chinese)`) };
}

function camera(where: string, v: unknown): SceneCameraView {
  if (v === undefined) return 'reset';
  if (!(SCENE_CAMERA_VIEWS as readonly unknown[]).includes(v)) bad(where, 'camera view', v);
  return v as SceneCameraView;
}

function view(where: string, v: unknown): TourView {
  if (!isObj(v)) bad(where, 'view', v);
  const o = v as Record<string, unknown>;
  if (o.kind === 'regions') {
    if (!Array.isArray(o.regions) || o.regions.length > 1000) bad(where, 'region list', o.regions);
    const regions = (o.regions as unknown[]).map((r) => {
      if (!isObj(r)) bad(where, 'region', r);
      const x = r as Record<string, unknown>;
      if (typeof x.atlas !== 'string' || !ID.test(x.atlas)) bad(where, 'region atlas id', x.atlas);
      if (typeof x.name !== 'string' || x.name.length === 0 || x.name.length > 200) bad(where, 'region name', x.name);
      return { atlas: x.atlas as string, name: x.name as string };
    });
    return { kind: 'regions', regions, camera: camera(where, o.camera) };
  }
  if (o.kind === 'topography') {
    if (!(TOPOGRAPHY_MAPS as readonly unknown[]).includes(o.map)) bad(where, 'topographic map', o.map);
    return { kind: 'topography', map: o.map as TopographyMapId, camera: camera(where, o.camera) };
  }
  if (o.kind === 'scene') {
    try {
      return { kind: 'scene', scene: validateScene(o.scene) };
    } catch (e) {
      throw new AtlasError('invalid-argument', `the tour's ${where}${(e as Error).message.replace(/^the /, '')}`);
    }
  }
  return bad(where, 'view kind', o.kind);
}

/** A tour from parsed JSON, or AtlasError('invalid-argument') saying in one sentence what is wrong and where. */
export function validateTour(v: unknown): Tour {
  if (!isObj(v)) bad('', 'content', v);
  const o = v as Record<string, unknown>;
  if (o.format !== TOUR_FORMAT) bad('', 'format', o.format);
  if (o.version !== TOUR_VERSION) {
    const newer = typeof o.version === 'number' && o.version > TOUR_VERSION;
    throw new AtlasError(
      newer ? 'unsupported' : 'invalid-argument',
      newer
        ? `this tour is version ${o.version}, newer than this app reads (${TOUR_VERSION}): update Brain Atlas Studio`
        : `the tour's version is ${show(o.version)}, which is not valid`,
    );
  }
  if (typeof o.id !== 'string' || !ID.test(o.id)) bad('', 'id', o.id);
  const title = bilingual('', o.title, 'title', true);
  if (!title.en && !title.zh) bad('', 'title', o.title);
  if (Array.isArray(o.steps) && o.steps.length === 0)
    throw new AtlasError('invalid-argument', 'the tour has no steps: a tour needs at least one');
  if (!Array.isArray(o.steps) || o.steps.length > MAX_TOUR_STEPS)
    throw new AtlasError('invalid-argument', `the tour's steps must be a list of 1 to ${MAX_TOUR_STEPS} steps`);
  const steps = (o.steps as unknown[]).map((s, i) => {
    const where = `step ${i + 1} `;
    if (!isObj(s)) bad(where, 'content', s);
    const x = s as Record<string, unknown>;
    return {
      caption: bilingual(where, x.caption, 'caption', true),
      notes: bilingual(where, x.notes, 'notes', false),
      view: view(where, x.view),
    };
  });
  return { format: TOUR_FORMAT, version: TOUR_VERSION, id: o.id as string, title, steps };
}

/** A tour file's text, parsed and validated; errors name the file. */
export function parseTourText(textIn: string, fileName: string): Tour {
  if (textIn.length > MAX_TOUR_CHARS) {
    throw new AtlasError('too-large', `the file is over ${MAX_TOUR_CHARS / 1e6} MB, too large for a tour`, fileName);
  }
  let json: unknown;
  try {
    json = JSON.parse(textIn);
  } catch (e) {
    throw new AtlasError('corrupt', `not JSON (${(e as Error).message}); is this a tour file?`, fileName);
  }
  try {
    return validateTour(json);
  } catch (e) {
    if (e instanceof AtlasError) throw new AtlasError(e.code, e.message, fileName);
    throw e;
  }
}

/** The caption or notes in a language, falling back to the other when that one is empty. */
export function inLanguage(b: Bilingual, lang: 'en' | 'zh'): string {
  return b[lang] || b[lang === 'en' ? 'zh' : 'en'];
}
