/**
 * Where atlas files are, and where a missing one would be downloaded from (Node side).
 *
 * Where a catalog file can be:
 *   1. the user cache            `<cacheDir>/<folder>/<name>`   (BRAIN_ATLAS_CACHE, default: per-user data folder)
 *   2. each BRAIN_ATLAS_PATH root `<root>/<folder>/<name>`      (in order)
 *   3. the starter set shipped with the app `<app>/atlases/starter/<folder>/<name>` (a few small, permissively
 *      licensed files: atlases/starter/README.md; BRAIN_ATLAS_NO_STARTER=1 leaves it out)
 *   4. downloaded into the cache from BRAIN_ATLAS_MIRROR (`<mirror>/<folder>/<name>`, an http(s) URL or a local
 *      folder) when set, else from the catalog URL (see atlas-download.ts).
 *
 * Lookups compare sizes only (cheap); hashes are checked by downloads and `verifyFile`.
 */
import { type Stats, statSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AtlasStatus } from '../../core/api';
import type { CatalogFile } from '../../core/catalog/types';
import { AtlasError } from '../../core/errors';
import { starterDir } from './app-paths';
import { defaultCacheDir } from './user-dirs';

export interface FileLocations {
  /** Where downloads go (and the first place looked). */
  cacheDir: string;
  /** Read-only roots holding `<folder>/<name>`, looked at in order after the cache. */
  searchPaths: string[];
  /** The starter set shipped with the app (`<folder>/<name>`), looked at after the search paths; null: none. */
  starterDir?: string | null;
  /** Base http(s) URL (no trailing slash) or absolute local folder of a mirror holding `<folder>/<name>`. */
  mirror: string | null;
}

export interface LocatedFile {
  path: string;
  source: 'cache' | 'path' | 'starter';
}

/**
 * Reads BRAIN_ATLAS_CACHE (default: the per-user data folder), BRAIN_ATLAS_PATH (a list split with
 * path.delimiter; empty entries ignored; relative entries resolved against cwd) and BRAIN_ATLAS_MIRROR (an
 * http(s) base URL, a file:// URL or a local folder; a trailing slash is fine). The starter set is the app's own
 * (app-paths.ts: starterDir) unless BRAIN_ATLAS_NO_STARTER is set (tests that need an empty machine).
 */
export function locationsFromEnv(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): FileLocations {
  const home = env.HOME?.trim() || os.homedir();
  const local = (p: string) => path.resolve(cwd, expandHome(p, home));
  const cache = env.BRAIN_ATLAS_CACHE?.trim();
  const searchPaths = (env.BRAIN_ATLAS_PATH ?? '')
    .split(path.delimiter)
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map(local);
  return {
    cacheDir: cache ? local(cache) : defaultCacheDir(process.platform, env),
    searchPaths,
    mirror: parseMirror(env.BRAIN_ATLAS_MIRROR, cwd, home),
    starterDir: env.BRAIN_ATLAS_NO_STARTER ? null : starterDir(env),
  };
}

function expandHome(p: string, home: string): string {
  if (p === '~') return home;
  if (p.startsWith('~/') || p.startsWith('~\\')) return path.join(home, p.slice(2));
  return p;
}

function parseMirror(value: string | undefined, cwd: string, home: string): string | null {
  const v = value?.trim();
  if (!v) return null;
  if (/^https?:\/\//i.test(v)) {
    try {
      new URL(v);
    } catch {
      throw new AtlasError(
        'invalid-argument',
        `BRAIN_ATLAS_MIRROR is "${v}", which is not a valid URL; set it to an http(s) URL or a local folder`,
      );
    }
    return v.replace(/\/+$/, '');
  }
  if (/^file:/i.test(v)) {
    try {
      return path.resolve(fileURLToPath(v));
    } catch {
      throw new AtlasError(
        'invalid-argument',
        `BRAIN_ATLAS_MIRROR is "${v}", which is not a valid file:// URL; set it to an http(s) URL or a local folder`,
      );
    }
  }
  // A scheme of two or more letters followed by // (a Windows drive letter such as C:\ is a path, not a scheme).
  if (/^[a-z][a-z0-9+.-]+:\/\//i.test(v)) {
    throw new AtlasError(
      'invalid-argument',
      `BRAIN_ATLAS_MIRROR is "${v}", but only http(s) URLs and local folders can be mirrors`,
    );
  }
  return path.resolve(cwd, expandHome(v, home));
}

/** Folder and name come from the catalog (external input): never let them climb out of a root. */
export function checkFileNames(file: CatalogFile): string[] {
  const bad = (s: string) => s === '' || s === '.' || s === '..' || /[\\/\0]/.test(s) || /^[a-z]:/i.test(s);
  const segments = file.folder.split('/');
  if (bad(file.name) || segments.some(bad)) {
    throw new AtlasError(
      'invalid-argument',
      `the catalog names this file as "${file.folder}/${file.name}", which is not a safe relative path`,
      file.name,
    );
  }
  return segments;
}

/** Where a file lives (or will live) in the cache. */
export function cachePath(file: CatalogFile, loc: FileLocations): string {
  return path.join(loc.cacheDir, ...checkFileNames(file), file.name);
}

/**
 * Finds a file in the cache, then in each search path, then in the starter set. A candidate counts only when its
 * size equals the catalog's (no hashing here: that is for downloads and `verifyFile`).
 */
export async function locateFile(file: CatalogFile, loc: FileLocations): Promise<LocatedFile | null> {
  const segments = checkFileNames(file);
  const roots: Array<[string, LocatedFile['source']]> = [
    [loc.cacheDir, 'cache'],
    ...loc.searchPaths.map((r): [string, LocatedFile['source']] => [r, 'path']),
    ...(loc.starterDir ? [[loc.starterDir, 'starter'] as [string, LocatedFile['source']]] : []),
  ];
  for (const [root, source] of roots) {
    const candidate = path.join(root, ...segments, file.name);
    // A synchronous stat that answers "absent" without an exception: a cold query looks for every file of every
    // atlas in two or three places, and as many thread-pool round trips and error objects cost more than the stats.
    let st: Stats | undefined;
    try {
      st = statSync(candidate, { throwIfNoEntry: false });
    } catch {
      // unreadable: try the next root
    }
    if (st?.isFile() && st.size === file.bytes) return { path: candidate, source };
  }
  return null;
}

/** A download source: an http(s) URL, or a file on this machine (a local mirror or a file:// catalog URL). */
export type Source =
  | { kind: 'http'; url: string; host: string; fromMirror: boolean }
  | { kind: 'file'; path: string; fromMirror: boolean };

/**
 * Where a missing file would be downloaded from: `<mirror>/<folder>/<name>` when a mirror is set, else the catalog
 * URL; throws AtlasError when neither exists or the URL cannot be downloaded.
 */
export function sourceFor(file: CatalogFile, loc: FileLocations, segments: string[]): Source {
  if (loc.mirror) {
    const m = loc.mirror;
    if (/^https?:\/\//i.test(m)) {
      const rel = [...segments, file.name].map(encodeURIComponent).join('/');
      const url = `${m.replace(/\/+$/, '')}/${rel}`;
      return { kind: 'http', url, host: new URL(url).host, fromMirror: true };
    }
    const root = /^file:/i.test(m) ? fileURLToPath(m) : path.resolve(m);
    return { kind: 'file', path: path.join(root, ...segments, file.name), fromMirror: true };
  }
  if (file.url === null || file.url === '') {
    throw new AtlasError(
      'not-found',
      `not on this machine, and it has no public download URL; put it in a folder on BRAIN_ATLAS_PATH (as ${file.folder}/${file.name}) or set BRAIN_ATLAS_MIRROR`,
      file.name,
    );
  }
  if (/^https?:\/\//i.test(file.url))
    return { kind: 'http', url: file.url, host: new URL(file.url).host, fromMirror: false };
  if (/^file:/i.test(file.url)) return { kind: 'file', path: fileURLToPath(file.url), fromMirror: false };
  throw new AtlasError(
    'invalid-argument',
    `the catalog URL ${file.url} is neither http(s) nor file://, so it cannot be downloaded`,
    file.name,
  );
}

/**
 * present: every file is located; downloadable: the missing ones can all be fetched (each has a URL, or an
 * http(s) mirror is set, or a local mirror folder holds them); missing otherwise.
 */
export async function fileStatus(files: readonly CatalogFile[], loc: FileLocations): Promise<AtlasStatus> {
  let status: AtlasStatus = 'present';
  for (const file of files) {
    if (await locateFile(file, loc)) continue;
    status = 'downloadable';
    let fetchable: boolean;
    if (!loc.mirror) {
      fetchable = file.url !== null && file.url !== '';
    } else if (/^https?:\/\//i.test(loc.mirror)) {
      fetchable = true;
    } else {
      const src = sourceFor(file, loc, checkFileNames(file));
      const st = src.kind === 'file' ? await fs.stat(src.path).catch(() => null) : null;
      fetchable = !!st && st.isFile() && st.size === file.bytes;
    }
    if (!fetchable) return 'missing';
  }
  return status;
}
