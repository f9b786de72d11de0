import type { Rgb } from '../io/labels/types';
import { isObj, problemsError, show } from '../io/validation';

export const BRAIN_SYSTEMS_VERSION = 1;

/** The 3D view's camera presets a system may name (renderer/src/view-3d/camera-presets.ts, less 'reset'). */
export const BRAIN_SYSTEM_CAMERAS = [
  'left-lateral',
  'right-lateral',
  'left-medial',
  'right-medial',
  'superior',
  'inferior',
  'anterior',
  'posterior',
] as const;
export type BrainSystemCamera = (typeof BRAIN_SYSTEM_CAMERAS)[number];

/** The longest caption, in characters: two or three sentences a lecturer can say. */
export const MAX_CAPTION_CHARS = 400;

export interface BrainSystemRegionRef {
  atlas: string;
  /** The exact region name in that atlas (as `brain-atlas regions ATLAS` prints it). */
  name: string;
}

export interface BrainSystem {
  /** Stable id: lowercase letters, digits and hyphens ("visual", "default-mode"). */
  id: string;
  name: string;
  name_zh: string;
  caption: { en: string; zh: string };
  /** A textbook or paper reference for the caption. */
  citation: string;
  camera: BrainSystemCamera;
  color: Rgb;
  regions: BrainSystemRegionRef[];
}

const SYSTEM_KEYS = ['id', 'name', 'name_zh', 'caption', 'citation', 'camera', 'color', 'regions'];
const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const ATLAS_ID = /^[a-z0-9]+(?:[-.][a-z0-9]+)*$/;
export const MIN_SYSTEM_REGIONS = 3;

function isText(v: unknown): v is string {
  return typeof v === 'string' && v.trim() !== '';
}

function chars(s: string): number {
  return [...s].length;
}

function checkColor(errors: string[], v: unknown, where: string): v is Rgb {
  const ok =
    Array.isArray(v) &&
    v.length === 3 &&
    v.every((c) => typeof c === 'number' && Number.isInteger(c) && c >= 0 && c <= 255);
  if (!ok) errors.push(`${where}: color must be [r, g, b] with whole numbers 0-255, not ${show(v)}`);
  return ok;
}

function checkRegions(errors: string[], v: unknown, where: string): BrainSystemRegionRef[] {
  if (!Array.isArray(v) || v.length < MIN_SYSTEM_REGIONS) {
    errors.push(`${where}: regions must be a list of at least ${MIN_SYSTEM_REGIONS} { atlas, name }, not ${show(v)}`);
    return [];
  }
  const out: BrainSystemRegionRef[] = [];
  const seen = new Set<string>();
  v.forEach((r, i) => {
    const at = `${where}: regions[${i}]`;
    if (!isObj(r)) {
      errors.push(`${at} must be an object { atlas, name }, not ${show(r)}`);
      return;
    }
    for (const k of Object.keys(r)) if (k !== 'atlas' && k !== 'name') errors.push(`${at}: unknown field '${k}'`);
    if (!isText(r.atlas) || !ATLAS_ID.test(r.atlas)) {
      errors.push(`${at}.atlas must be an atlas id such as "aal3", not ${show(r.atlas)}`);
      return;
    }
    if (!isText(r.name)) {
      errors.push(`${at}.name must be a non-empty region name, not ${show(r.name)}`);
      return;
    }
    const key = `${r.atlas}:${r.name}`;
    if (seen.has(key)) errors.push(`${at} repeats ${r.atlas} '${r.name}'`);
    seen.add(key);
    out.push({ atlas: r.atlas, name: r.name });
  });
  return out;
}

function checkSystem(errors: string[], raw: unknown, i: number, seen: Set<string>): BrainSystem | undefined {
  const numbered = `system #${i + 1}`;
  if (!isObj(raw)) {
    errors.push(`${numbered} must be an object, not ${show(raw)}`);
    return undefined;
  }
  const id = raw.id;
  const where = isText(id) ? `system '${id}'` : numbered;
  const before = errors.length;
  if (!isText(id)) errors.push(`${numbered}: id must be a non-empty string, not ${show(id)}`);
  else if (!ID.test(id)) errors.push(`${where}: id must be lowercase letters, digits and single hyphens`);
  else if (seen.has(id)) errors.push(`${where}: id is used by more than one system (#${i + 1} repeats it)`);
  if (isText(id)) seen.add(id);
  for (const k of Object.keys(raw)) if (!SYSTEM_KEYS.includes(k)) errors.push(`${where}: unknown field '${k}'`);
  for (const k of ['name', 'name_zh', 'citation'] as const) {
    if (!isText(raw[k])) errors.push(`${where}: ${k} must be a non-empty string, not ${show(raw[k])}`);
  }
  const caption = raw.caption;
  if (!isObj(caption)) {
    errors.push(`${where}: caption must be an object { en, zh }, not ${show(caption)}`);
  } else {
    for (const k of Object.keys(caption))
      if (k !== 'en' && k !== 'zh') errors.push(`${where}: caption has unknown language '${k}'`);
    for (const lang of ['en', 'zh'] as const) {
      const c = caption[lang];
      if (!isText(c)) errors.push(`${where}: caption.${lang} must be a non-empty string, not ${show(c)}`);
      else if (chars(c) > MAX_CAPTION_CHARS) {
        errors.push(`${where}: caption.${lang} is ${chars(c)} characters long (at most ${MAX_CAPTION_CHARS})`);
      }
    }
  }
  if (!(BRAIN_SYSTEM_CAMERAS as readonly unknown[]).includes(raw.camera)) {
    errors.push(`${where}: camera must be one of ${BRAIN_SYSTEM_CAMERAS.join(', ')}, not ${show(raw.camera)}`);
  }
  checkColor(errors, raw.color, where);
  const regions = checkRegions(errors, raw.regions, where);
  if (errors.length > before) return undefined;
  const c = caption as { en: string; zh: string };
  return {
    id: id as string,
    name: raw.name as string,
    name_zh: raw.name_zh as string,
    caption: { en: c.en, zh: c.zh },
    citation: raw.citation as string,
    camera: raw.camera as BrainSystemCamera,
    color: [...(raw.color as number[])] as Rgb,
    regions,
  };
}

/** Checks brain-systems JSON; returns the systems and every problem found, each one sentence. */
export function checkBrainSystems(json: unknown): { systems: BrainSystem[]; errors: string[] } {
  const systems: BrainSystem[] = [];
  const errors: string[] = [];
  if (!isObj(json)) return { systems, errors: [`must be a JSON object { version, systems }, not ${show(json)}`] };
  for (const k of Object.keys(json))
    if (k !== 'version' && k !== 'systems') errors.push(`unknown top-level field '${k}'`);
  if (json.version !== BRAIN_SYSTEMS_VERSION) {
    errors.push(`version must be ${BRAIN_SYSTEMS_VERSION} (the schema this app reads), not ${show(json.version)}`);
    return { systems, errors };
  }
  if (!Array.isArray(json.systems) || json.systems.length === 0) {
    errors.push(`systems must be a non-empty list of brain systems, not ${show(json.systems)}`);
    return { systems, errors };
  }
  const seen = new Set<string>();
  json.systems.forEach((raw, i) => {
    const s = checkSystem(errors, raw, i, seen);
    if (s) systems.push(s);
  });
  return { systems, errors };
}

/** The brain-systems file as typed systems, or an AtlasError('corrupt') giving the first problem and how many more. */
export function validateBrainSystems(json: unknown, fileName = 'brain-systems.json'): BrainSystem[] {
  const { systems, errors } = checkBrainSystems(json);
  if (errors.length > 0) {
    throw problemsError(errors, fileName);
  }
  return systems;
}

/** The atlas ids a list of systems names, sorted, each once. */
export function systemAtlases(systems: readonly BrainSystem[]): string[] {
  return [...new Set(systems.flatMap((s) => s.regions.map((r) => r.atlas)))].sort();
}
