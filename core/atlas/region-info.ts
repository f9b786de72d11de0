import { isObj, problemsError, show } from '../io/validation';

export const REGION_INFO_KINDS = ['area', 'landmark', 'network'] as const;
/** 'area': one Brodmann area; 'landmark': a named structure or functional region; 'network': a functional network. */
export type RegionInfoKind = (typeof REGION_INFO_KINDS)[number];

export const REGION_INFO_LANGUAGES = ['en', 'zh'] as const;
export type RegionInfoLanguage = (typeof REGION_INFO_LANGUAGES)[number];

/** The longest description (or topography note) allowed, in characters: a card, not an article. */
export const MAX_DESCRIPTION_CHARS = 300;

export interface RegionInfoText {
  name: string;
  /** Other names it goes by (abbreviations, older or Latin names, the areas it covers); may be empty. */
  aliases: string[];
  /** One or two sentences: where it is and what it does. */
  description: string;
  /** How a map is laid out on it (retinotopy, tonotopy, somatotopy), where that applies. */
  topography?: string;
}

/** Regions of one atlas by exact name. */
export interface RegionNameMatch {
  atlas: string;
  names: string[];
}

/** Regions whose network is one of these names, in one atlas or (atlas "*") in any. */
export interface RegionNetworkMatch {
  atlas: string;
  network: string[];
}

export type RegionMatch = RegionNameMatch | RegionNetworkMatch;

export interface RegionInfoEntry {
  /** Stable id: lowercase letters, digits and hyphens ("ba44", "broca", "network-default"). */
  id: string;
  kind: RegionInfoKind;
  en: RegionInfoText;
  zh: RegionInfoText;
  match: RegionMatch[];
}

/** One entry of the region-info file. */
export type RegionInfo = RegionInfoEntry;

const ENTRY_KEYS = ['id', 'kind', 'en', 'zh', 'match'];
const TEXT_KEYS = ['name', 'aliases', 'description', 'topography'];
const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const ATLAS_ID = /^[a-z0-9]+(?:[-.][a-z0-9]+)*$/;

/** Length in characters as a person counts them (code points, so a CJK character is one). */
function chars(s: string): number {
  return [...s].length;
}

function isText(v: unknown): v is string {
  return typeof v === 'string' && v.trim() !== '';
}

function checkText(errors: string[], raw: unknown, where: string): RegionInfoText | undefined {
  if (raw === undefined) {
    errors.push(`${where} is missing`);
    return undefined;
  }
  if (!isObj(raw)) {
    errors.push(`${where} must be an object { name, aliases, description }, not ${show(raw)}`);
    return undefined;
  }
  for (const k of Object.keys(raw)) if (!TEXT_KEYS.includes(k)) errors.push(`${where}: unknown field '${k}'`);
  const before = errors.length;
  if (!isText(raw.name)) errors.push(`${where}.name must be a non-empty string, not ${show(raw.name)}`);
  const aliases = raw.aliases ?? [];
  if (!Array.isArray(aliases) || aliases.some((a) => !isText(a))) {
    errors.push(`${where}.aliases must be a list of non-empty strings`);
  } else {
    const seen = new Set<string>();
    for (const a of aliases as string[]) {
      if (seen.has(a)) errors.push(`${where}.aliases lists '${a}' twice`);
      seen.add(a);
    }
  }
  for (const key of ['description', 'topography'] as const) {
    const v = raw[key];
    if (v === undefined && key === 'topography') continue;
    if (!isText(v)) errors.push(`${where}.${key} must be a non-empty string, not ${show(v)}`);
    else if (chars(v) > MAX_DESCRIPTION_CHARS) {
      errors.push(`${where}.${key} is ${chars(v)} characters long (at most ${MAX_DESCRIPTION_CHARS})`);
    }
  }
  if (errors.length > before) return undefined;
  const text: RegionInfoText = {
    name: raw.name as string,
    aliases: [...(aliases as string[])],
    description: raw.description as string,
  };
  if (raw.topography !== undefined) text.topography = raw.topography as string;
  return text;
}

function checkMatch(errors: string[], raw: unknown, where: string): RegionMatch | undefined {
  if (!isObj(raw)) {
    errors.push(`${where} must be an object { atlas, names } or { atlas, network }, not ${show(raw)}`);
    return undefined;
  }
  for (const k of Object.keys(raw)) {
    if (!['atlas', 'names', 'network'].includes(k)) errors.push(`${where}: unknown field '${k}'`);
  }
  const before = errors.length;
  const atlas = raw.atlas;
  if (!isText(atlas)) errors.push(`${where}.atlas must be an atlas id or "*", not ${show(atlas)}`);
  else if (atlas !== '*' && !ATLAS_ID.test(atlas)) errors.push(`${where}.atlas ${show(atlas)} is not an atlas id`);
  const hasNames = raw.names !== undefined;
  const hasNetwork = raw.network !== undefined;
  if (hasNames === hasNetwork) {
    errors.push(`${where} must have either names or network (exactly one of them)`);
    return undefined;
  }
  const list = hasNames ? raw.names : typeof raw.network === 'string' ? [raw.network] : raw.network;
  const field = hasNames ? 'names' : 'network';
  if (!Array.isArray(list) || list.length === 0 || list.some((n) => !isText(n))) {
    errors.push(`${where}.${field} must be a non-empty list of non-empty strings`);
    return undefined;
  }
  const seen = new Set<string>();
  for (const n of list as string[]) {
    if (seen.has(n)) errors.push(`${where}.${field} lists '${n}' twice`);
    seen.add(n);
  }
  if (hasNames && atlas === '*') errors.push(`${where}: names need a particular atlas id, not "*"`);
  if (errors.length > before) return undefined;
  return hasNames
    ? { atlas: atlas as string, names: [...(list as string[])] }
    : { atlas: atlas as string, network: [...(list as string[])] };
}

/**
 * Checks region-info JSON field by field. Returns the entries and every problem found, each naming the entry
 * ("entry 'broca': zh.description is 342 characters long (at most 300)").
 */
export function checkRegionInfo(json: unknown): { entries: RegionInfoEntry[]; errors: string[] } {
  const errors: string[] = [];
  const entries: RegionInfoEntry[] = [];
  if (!Array.isArray(json)) {
    return { entries, errors: [`must be a JSON list of region entries, not ${show(json)}`] };
  }
  const seen = new Set<string>();
  json.forEach((raw, i) => {
    const numbered = `entry #${i + 1}`;
    if (!isObj(raw)) {
      errors.push(`${numbered} must be an object, not ${show(raw)}`);
      return;
    }
    const id = raw.id;
    const where = isText(id) ? `entry '${id}'` : numbered;
    const before = errors.length;
    if (!isText(id)) errors.push(`${numbered}: id must be a non-empty string, not ${show(id)}`);
    else if (!ID.test(id)) errors.push(`${where}: id must be lowercase letters, digits and single hyphens`);
    else if (seen.has(id)) errors.push(`${where}: id is used by more than one entry (#${i + 1} repeats it)`);
    if (isText(id)) seen.add(id);
    for (const k of Object.keys(raw)) if (!ENTRY_KEYS.includes(k)) errors.push(`${where}: unknown field '${k}'`);
    const kind = raw.kind;
    if (!(REGION_INFO_KINDS as readonly unknown[]).includes(kind)) {
      errors.push(`${where}: kind must be one of ${REGION_INFO_KINDS.join(', ')}, not ${show(kind)}`);
    }
    const en = checkText(errors, raw.en, `${where}: en`);
    const zh = checkText(errors, raw.zh, `${where}: zh`);
    if (en && zh && (en.topography === undefined) !== (zh.topography === undefined)) {
      errors.push(`${where}: topography is given in ${en.topography ? 'en' : 'zh'} only (give it in both languages)`);
    }
    const match: RegionMatch[] = [];
    if (!Array.isArray(raw.match) || raw.match.length === 0) {
      errors.push(`${where}: match must be a non-empty list of { atlas, names } or { atlas, network }`);
    } else {
      raw.match.forEach((m, j) => {
        const checked = checkMatch(errors, m, `${where}: match[${j}]`);
        if (checked) match.push(checked);
      });
    }
    if (errors.length === before && en && zh) {
      entries.push({ id: id as string, kind: kind as RegionInfoKind, en, zh, match });
    }
  });
  return { entries, errors };
}

/**
 * The region-info file as typed entries, or an AtlasError('corrupt') whose message gives the first problem and
 * how many more there are.
 */
export function validateRegionInfo(json: unknown, fileName = 'region-info.json'): RegionInfoEntry[] {
  const { entries, errors } = checkRegionInfo(json);
  if (errors.length > 0) {
    throw problemsError(errors, fileName);
  }
  return entries;
}

function matches(m: RegionMatch, atlasId: string, regionName: string, network: string | null | undefined): boolean {
  if ('names' in m) return m.atlas === atlasId && m.names.includes(regionName);
  return (m.atlas === '*' || m.atlas === atlasId) && network != null && m.network.includes(network);
}

/**
 * The entries for one region of one atlas, in file order: those naming it exactly, and those whose network match
 * lists its network (pass RegionRecord.network). Each entry at most once.
 */
export function infoForRegion(
  info: readonly RegionInfoEntry[],
  atlasId: string,
  regionName: string,
  network?: string | null,
): RegionInfoEntry[] {
  return info.filter((e) => e.match.some((m) => matches(m, atlasId, regionName, network)));
}

/** Every name and alias of an entry in both languages, without repeats, for a search index. */
export function searchTerms(entry: RegionInfoEntry): string[] {
  const out: string[] = [];
  for (const lang of REGION_INFO_LANGUAGES) {
    for (const t of [entry[lang].name, ...entry[lang].aliases]) if (!out.includes(t)) out.push(t);
  }
  return out;
}

/** The exact region names an entry lists for one atlas (network matches are not expanded). */
export function regionNamesFor(entry: RegionInfoEntry, atlasId: string): string[] {
  const out: string[] = [];
  for (const m of entry.match) {
    if ('names' in m && m.atlas === atlasId) for (const n of m.names) if (!out.includes(n)) out.push(n);
  }
  return out;
}
