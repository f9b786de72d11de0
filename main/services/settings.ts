/**
 * The user's settings (the Settings dialog): a download mirror and the cache folder, kept in
 * `<config folder>/settings.json` (user-dirs.ts: appConfigDir). Written atomically, validated when read: a corrupt
 * file is reported once and its defaults used, never a crash. Environment variables win over the settings
 * (BRAIN_ATLAS_MIRROR over the mirror, BRAIN_ATLAS_CACHE over the cache folder), so a script or a test that sets
 * them gets what it asked for.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SettingsInfo, UserSettings } from '../../core/api/app-api';
import { AtlasError } from '../../core/errors';
import { isObj } from '../../core/io/validation';
import type { FileLocations } from './atlas-locations';
import { readJsonFile, writeFileAtomic } from './config-files';

export const SETTINGS_FILE = 'settings.json';
const EMPTY: UserSettings = { mirror: '', cacheDir: '' };
const MAX_CHARS = 4096;

/** A Windows drive path (C:\…) or UNC path (\\server\…), absolute on every platform for our purposes. */
const isAbsolute = (p: string) => path.isAbsolute(p) || /^[a-z]:[\\/]/i.test(p) || p.startsWith('\\\\');

/**
 * The mirror as FileLocations.mirror takes it: an http(s) URL without trailing slashes, or an absolute folder (a
 * file:// URL becomes its path); '' is no mirror. AtlasError('invalid-argument') in one sentence otherwise.
 */
export function normalizeMirror(value: string): string | null {
  const v = value.trim();
  if (v === '') return null;
  const wrong = () =>
    new AtlasError('invalid-argument', `the mirror "${v}" is neither an http(s) address nor an absolute folder`);
  if (/^https?:\/\//i.test(v)) {
    try {
      if (!new URL(v).host) throw wrong();
    } catch {
      throw wrong();
    }
    return v.replace(/\/+$/, '');
  }
  if (/^file:/i.test(v)) {
    try {
      return path.resolve(fileURLToPath(v));
    } catch {
      throw wrong();
    }
  }
  if (!isAbsolute(v)) throw wrong();
  return path.resolve(v);
}

/** The cache folder: '' (the default) or an absolute folder. */
export function normalizeCacheDir(value: string): string | null {
  const v = value.trim();
  if (v === '') return null;
  if (!isAbsolute(v)) throw new AtlasError('invalid-argument', `the cache folder "${v}" is not an absolute folder`);
  return path.resolve(v);
}

/** Checks settings read from disk or sent by the renderer; throws a one-sentence AtlasError. */
export function validateSettings(v: unknown): UserSettings {
  if (!isObj(v)) throw new AtlasError('invalid-argument', 'the settings must be an object');
  const out = { ...EMPTY };
  for (const key of ['mirror', 'cacheDir'] as const) {
    const x = v[key];
    if (x === undefined) continue;
    if (typeof x !== 'string' || x.length > MAX_CHARS || x.includes('\0'))
      throw new AtlasError(
        'invalid-argument',
        `the setting "${key}" must be a text of at most ${MAX_CHARS} characters`,
      );
    out[key] = x.trim();
  }
  normalizeMirror(out.mirror);
  normalizeCacheDir(out.cacheDir);
  return out;
}

const envValue = (env: NodeJS.ProcessEnv, name: string) => {
  const v = env[name]?.trim();
  return v ? v : undefined;
};

export class SettingsStore {
  private settings: UserSettings = { ...EMPTY };
  private warning: string | undefined;

  /**
   * `base`: the locations from the environment alone (locationsFromEnv); the settings fill in what the
   * environment leaves unset.
   */
  private constructor(
    readonly file: string,
    private readonly base: FileLocations,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  /** Reads the settings file; a missing file is the defaults, a bad one is the defaults and a warning, said once. */
  static async open(
    configDir: string,
    base: FileLocations,
    env: NodeJS.ProcessEnv = process.env,
    report: (message: string) => void = (m) => process.stderr.write(`brain-atlas: ${m}\n`),
  ): Promise<SettingsStore> {
    const store = new SettingsStore(path.join(configDir, SETTINGS_FILE), base, env);
    const read = await readJsonFile(store.file);
    let problem: string | undefined;
    if (read.kind === 'bad') problem = read.reason;
    else if (read.kind === 'ok') {
      try {
        store.settings = validateSettings(read.value);
      } catch (e) {
        problem = (e as Error).message;
      }
    }
    if (problem) {
      store.warning = `the settings in ${store.file} were not used because ${problem}; the defaults apply until you save new ones`;
      report(store.warning);
    }
    return store;
  }

  /** Where files are looked for and downloaded to now: the environment first, then the settings. */
  locations(): FileLocations {
    const mirrorEnv = envValue(this.env, 'BRAIN_ATLAS_MIRROR');
    const cacheEnv = envValue(this.env, 'BRAIN_ATLAS_CACHE');
    return {
      ...this.base,
      cacheDir: cacheEnv ? this.base.cacheDir : (normalizeCacheDir(this.settings.cacheDir) ?? this.base.cacheDir),
      mirror: mirrorEnv ? this.base.mirror : normalizeMirror(this.settings.mirror),
    };
  }

  /** The settings, what the environment overrides, and what is in use; the read warning comes with the first. */
  info(): SettingsInfo {
    const loc = this.locations();
    const fromEnv: SettingsInfo['fromEnv'] = {};
    const mirrorEnv = envValue(this.env, 'BRAIN_ATLAS_MIRROR');
    const cacheEnv = envValue(this.env, 'BRAIN_ATLAS_CACHE');
    if (mirrorEnv) fromEnv.mirror = mirrorEnv;
    if (cacheEnv) fromEnv.cacheDir = cacheEnv;
    const info: SettingsInfo = {
      settings: { ...this.settings },
      fromEnv,
      inUse: { mirror: loc.mirror, cacheDir: loc.cacheDir },
    };
    if (this.warning) info.warning = this.warning;
    this.warning = undefined;
    return info;
  }

  /** Validates and saves new settings (atomically); the caller applies locations() at once. */
  async set(next: UserSettings): Promise<SettingsInfo> {
    const valid = validateSettings(next);
    await writeFileAtomic(this.file, `${JSON.stringify(valid, null, 2)}\n`);
    this.settings = valid;
    this.warning = undefined;
    return this.info();
  }
}
