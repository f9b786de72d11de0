/**
 * Finding and downloading atlas files (Node side).
 *
 * Where a catalog file can be:
 *   1. the user cache            `<cacheDir>/<folder>/<name>`   (BRAIN_ATLAS_CACHE, default: per-user data folder)
 *   2. each BRAIN_ATLAS_PATH root `<root>/<folder>/<name>`      (in order)
 *   3. downloaded into the cache from BRAIN_ATLAS_MIRROR (`<mirror>/<folder>/<name>`, an http(s) URL or a local
 *      folder) when set, else from the catalog URL.
 *
 * Lookups compare sizes only (cheap); downloads are always sha256-checked while they stream and are written to a
 * hidden temp file that is renamed into place only when size and hash match, so a truncated or corrupted download
 * never lands in the cache.
 *
 * Retry policy of `downloadFile` (HTTP sources only; a local mirror is read once):
 *   - transient: connection reset/timeouts, HTTP 5xx, 408, 429 (Retry-After honoured, capped at 30 s), a body
 *     that ends early → up to `retries` more attempts with exponential backoff;
 *   - checksum mismatch or a size the catalog does not expect → one more attempt (a flaky proxy can corrupt one
 *     transfer), then fail with code 'checksum';
 *   - offline (DNS failure, connection refused, network unreachable), other 4xx, TLS errors → fail at once with
 *     one sentence (waiting would not help; the user needs a mirror or a local copy).
 * A mirror, when set, is the only source: a file the mirror lacks is an error, not a silent trip to the internet.
 */
import { createReadStream } from 'node:fs';
import fs, { type FileHandle } from 'node:fs/promises';
import { STATUS_CODES } from 'node:http';
import crypto from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AtlasStatus } from '../../core/api';
import type { CatalogFile } from '../../core/catalog/types';
import { AtlasError, formatCount } from '../../core/errors';
import { defaultCacheDir } from './user-dirs';

export interface FileLocations {
  /** Where downloads go (and the first place looked). */
  cacheDir: string;
  /** Read-only roots holding `<folder>/<name>`, looked at in order after the cache. */
  searchPaths: string[];
  /** Base http(s) URL (no trailing slash) or absolute local folder of a mirror holding `<folder>/<name>`. */
  mirror: string | null;
}

export interface LocatedFile {
  path: string;
  source: 'cache' | 'path';
}

export interface DownloadOptions {
  /** Called with bytes received so far and the expected total; never goes backwards, ends at total. */
  onProgress?(received: number, total: number): void;
  fetchImpl?: typeof fetch;
  /** Extra attempts after the first for transient failures (default 3). */
  retries?: number;
  /** First backoff delay; doubles with each retry (default 500 ms). */
  retryDelayMs?: number;
  signal?: AbortSignal;
}

export interface EnsureProgress {
  file: CatalogFile;
  received: number;
  total: number;
  /** Index of this file among the files that need downloading (0-based). */
  fileIndex: number;
  /** How many files need downloading. */
  fileCount: number;
}

export interface EnsureOptions extends Omit<DownloadOptions, 'onProgress'> {
  onProgress?(progress: EnsureProgress): void;
}

// ---------------------------------------------------------------------------------------------------------------
// Locations

/**
 * Reads BRAIN_ATLAS_CACHE (default: the per-user data folder), BRAIN_ATLAS_PATH (a list split with
 * path.delimiter; empty entries ignored; relative entries resolved against cwd) and BRAIN_ATLAS_MIRROR (an
 * http(s) base URL, a file:// URL or a local folder; a trailing slash is fine).
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
function checkFileNames(file: CatalogFile): string[] {
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
 * Finds a file in the cache, then in each search path. A candidate counts only when its size equals the
 * catalog's (no hashing here: that is for downloads and `verifyFile`).
 */
export async function locateFile(file: CatalogFile, loc: FileLocations): Promise<LocatedFile | null> {
  const segments = checkFileNames(file);
  const roots: Array<[string, LocatedFile['source']]> = [
    [loc.cacheDir, 'cache'],
    ...loc.searchPaths.map((r): [string, LocatedFile['source']] => [r, 'path']),
  ];
  for (const [root, source] of roots) {
    const candidate = path.join(root, ...segments, file.name);
    try {
      const st = await fs.stat(candidate);
      if (st.isFile() && st.size === file.bytes) return { path: candidate, source };
    } catch {
      // absent or unreadable: try the next root
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// Verification

const short = (hex: string) => `${hex.slice(0, 12)}…`;

async function sha256OfFile(p: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of createReadStream(p)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Checks size and sha256 of a file against the catalog; throws AtlasError 'not-found' or 'checksum'. */
export async function verifyFile(filePath: string, file: CatalogFile): Promise<void> {
  let size: number;
  try {
    const st = await fs.stat(filePath);
    if (!st.isFile()) throw Object.assign(new Error('not a file'), { code: 'ENOENT' });
    size = st.size;
  } catch {
    throw new AtlasError('not-found', `there is no file at ${filePath}; fetch it again`, file.name);
  }
  if (size !== file.bytes) {
    throw new AtlasError(
      'checksum',
      `the file at ${filePath} is ${formatCount(size)} bytes but the catalog expects ${formatCount(file.bytes)}; it is damaged or a different version — delete it and fetch again`,
      file.name,
    );
  }
  const actual = await sha256OfFile(filePath);
  if (actual !== file.sha256.toLowerCase()) {
    throw new AtlasError(
      'checksum',
      `sha256 is ${short(actual)} but the catalog expects ${short(file.sha256.toLowerCase())}; the file at ${filePath} is damaged or a different version — delete it and fetch again`,
      file.name,
    );
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Download

type Source =
  | { kind: 'http'; url: string; host: string; fromMirror: boolean }
  | { kind: 'file'; path: string; fromMirror: boolean };

function sourceFor(file: CatalogFile, loc: FileLocations, segments: string[]): Source {
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

type RetryClass = 'transient' | 'checksum' | 'never';

/** One failed attempt: how to treat it, and the error to report if no retry is left. */
class AttemptFailure {
  constructor(
    readonly retry: RetryClass,
    readonly make: (attemptsNote: string) => AtlasError,
    readonly retryAfterMs = 0,
  ) {}
}

const OFFLINE_CODES: Record<string, string> = {
  ENOTFOUND: 'the host name could not be resolved',
  EAI_AGAIN: 'the host name could not be resolved',
  ECONNREFUSED: 'the connection was refused',
  ENETUNREACH: 'the network is unreachable',
  EHOSTUNREACH: 'the host is unreachable',
  ENETDOWN: 'the network is down',
};

/** Error codes from fetch's cause chain (undici nests them: TypeError → cause → maybe AggregateError.errors). */
function errorCodes(e: unknown, depth = 0): string[] {
  if (!e || typeof e !== 'object' || depth > 5) return [];
  const out: string[] = [];
  const code = (e as { code?: unknown }).code;
  if (typeof code === 'string') out.push(code);
  const errors = (e as { errors?: unknown }).errors;
  if (Array.isArray(errors)) for (const x of errors) out.push(...errorCodes(x, depth + 1));
  out.push(...errorCodes((e as { cause?: unknown }).cause, depth + 1));
  return out;
}

const PLAIN_CAUSES: Array<[RegExp, string]> = [
  [/^(ECONNRESET|EPIPE|UND_ERR_SOCKET|UND_ERR_CLOSED)$/, 'the connection was closed'],
  [/TIMEOUT|ETIMEDOUT/, 'the connection timed out'],
  [/^(ENOSPC|EDQUOT)$/, 'the disk is full'],
  [/^(EACCES|EPERM|EROFS)$/, 'permission denied'],
];

/** A short, human reason for a low-level error: a plain phrase for common codes, else the code or message. */
function errorText(e: unknown): string {
  const codes = errorCodes(e);
  for (const c of codes) for (const [re, text] of PLAIN_CAUSES) if (re.test(c)) return text;
  if (codes.length) return codes[0];
  let cur: unknown = e;
  let msg = '';
  for (let i = 0; i < 5 && cur instanceof Error; i++, cur = (cur as { cause?: unknown }).cause) msg = cur.message;
  return msg || String(e);
}

const remedy = (src: Source) =>
  src.fromMirror
    ? 'check that the mirror in BRAIN_ATLAS_MIRROR is up, or put the file in a folder on BRAIN_ATLAS_PATH'
    : 'set BRAIN_ATLAS_MIRROR to a local mirror or put the file in a folder on BRAIN_ATLAS_PATH';

function connectFailure(e: unknown, src: Source & { kind: 'http' }, file: CatalogFile): AttemptFailure {
  const codes = errorCodes(e);
  const offline = codes.find((c) => c in OFFLINE_CODES);
  if (offline) {
    return new AttemptFailure(
      'never',
      () =>
        new AtlasError(
          'network',
          `could not download it from ${src.host} because ${OFFLINE_CODES[offline]} (are you offline?); ${remedy(src)}`,
          file.name,
        ),
    );
  }
  const permanent = codes.some((c) => /CERT|TLS|SSL|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_INVALID_URL/i.test(c));
  return new AttemptFailure(
    permanent ? 'never' : 'transient',
    (note) =>
      new AtlasError(
        'network',
        `could not download it from ${src.host} (${errorText(e)})${note}; check the connection and try again, or ${remedy(src)}`,
        file.name,
      ),
  );
}

function parseRetryAfter(value: string | null): number {
  if (!value) return 0;
  const s = Number(value);
  if (Number.isFinite(s)) return Math.max(0, s * 1000);
  const t = Date.parse(value);
  return Number.isFinite(t) ? Math.max(0, t - Date.now()) : 0;
}

function httpFailure(res: Response, src: Source & { kind: 'http' }, file: CatalogFile): AttemptFailure {
  const status = `${res.status} ${res.statusText || STATUS_CODES[res.status] || ''}`.trim();
  const transient = res.status >= 500 || res.status === 429 || res.status === 408;
  if (transient) {
    return new AttemptFailure(
      'transient',
      (note) =>
        new AtlasError(
          'network',
          `the server answered ${status} for ${src.url}${note}; try again later, or ${remedy(src)}`,
          file.name,
        ),
      Math.min(parseRetryAfter(res.headers.get('retry-after')), 30_000),
    );
  }
  let advice: string;
  if (res.status === 404 || res.status === 410) {
    advice = src.fromMirror
      ? `the mirror does not have it — add it there as ${file.folder}/${file.name} or unset BRAIN_ATLAS_MIRROR`
      : `the file may have moved upstream — ${remedy(src)}`;
  } else if (res.status === 401 || res.status === 403) {
    advice = `access was refused — ${remedy(src)}`;
  } else {
    advice = remedy(src);
  }
  const code = res.status === 404 || res.status === 410 ? 'not-found' : 'network';
  return new AttemptFailure(
    'never',
    () => new AtlasError(code, `the server answered ${status} for ${src.url}; ${advice}`, file.name),
  );
}

const where = (src: Source) => (src.kind === 'http' ? src.host : src.path);

function checksumFailure(src: Source, file: CatalogFile, actual: string): AttemptFailure {
  return new AttemptFailure(
    'checksum',
    (note) =>
      new AtlasError(
        'checksum',
        `the download from ${where(src)} has sha256 ${short(actual)} but the catalog expects ${short(file.sha256.toLowerCase())}${note}; the source holds a damaged or different version — use another mirror, or put a good copy in a folder on BRAIN_ATLAS_PATH`,
        file.name,
      ),
  );
}

function sizeFailure(src: Source, file: CatalogFile, size: number, exact: boolean): AttemptFailure {
  const what = exact ? `is ${formatCount(size)} bytes` : `is more than ${formatCount(file.bytes)} bytes`;
  return new AttemptFailure(
    'checksum',
    (note) =>
      new AtlasError(
        'checksum',
        `the download from ${where(src)} ${what} but the catalog expects ${formatCount(file.bytes)}${note}; the source holds a different version — use another mirror, or put a good copy in a folder on BRAIN_ATLAS_PATH`,
        file.name,
      ),
  );
}

function truncatedFailure(src: Source, file: CatalogFile, received: number, cause?: unknown): AttemptFailure {
  const why = cause ? ` (${errorText(cause)})` : '';
  return new AttemptFailure(
    'transient',
    (note) =>
      new AtlasError(
        'network',
        `the download from ${where(src)} ended early at byte ${formatCount(received)} of ${formatCount(file.bytes)}${why}${note}; check the connection and try again, or ${remedy(src)}`,
        file.name,
      ),
  );
}

function writeFailure(dir: string, e: unknown, file: CatalogFile): AttemptFailure {
  return new AttemptFailure(
    'never',
    () =>
      new AtlasError(
        'network',
        `could not write the download into ${dir} (${errorText(e)}); check that the folder is writable and the disk has space, or set BRAIN_ATLAS_CACHE to another folder`,
        file.name,
      ),
  );
}

async function* readerChunks(body: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        finished = true;
        return;
      }
      yield value;
    }
  } finally {
    if (!finished) await reader.cancel().catch(() => {});
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Removes temp files of this name left behind by a killed process (older than a day: never a live download). */
async function sweepStaleParts(dir: string, name: string): Promise<void> {
  try {
    const cutoff = Date.now() - 24 * 3600_000;
    for (const entry of await fs.readdir(dir)) {
      if (!entry.startsWith(`.${name}.`) || !entry.endsWith('.part')) continue;
      const p = path.join(dir, entry);
      const st = await fs.stat(p).catch(() => null);
      if (st && st.mtimeMs < cutoff) await fs.rm(p, { force: true }).catch(() => {});
    }
  } catch {
    // best effort
  }
}

async function fsyncDir(dir: string): Promise<void> {
  try {
    const fh = await fs.open(dir, 'r');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch {
    // not supported everywhere (Windows); the rename itself is still atomic
  }
}

/**
 * One attempt: opens the source, streams it into `tmp` while hashing, checks size and sha256, then fsyncs and
 * renames onto `finalPath`. Throws AttemptFailure (classified) or the abort reason. The caller removes `tmp`.
 */
async function attempt(
  src: Source,
  file: CatalogFile,
  tmp: string,
  finalPath: string,
  progress: (received: number) => void,
  opts: DownloadOptions,
): Promise<void> {
  const { signal } = opts;
  let chunks: AsyncIterable<Uint8Array>;
  if (src.kind === 'http') {
    const fetchImpl = opts.fetchImpl ?? fetch;
    let res: Response;
    try {
      res = await fetchImpl(src.url, { signal, redirect: 'follow', headers: { 'accept-encoding': 'identity' } });
    } catch (e) {
      if (signal?.aborted) throw signal.reason;
      throw connectFailure(e, src, file);
    }
    if (!res.ok) {
      await res.body?.cancel().catch(() => {});
      throw httpFailure(res, src, file);
    }
    const encoding = res.headers.get('content-encoding');
    const length = res.headers.get('content-length');
    if (length !== null && (!encoding || encoding === 'identity') && Number(length) !== file.bytes) {
      await res.body?.cancel().catch(() => {});
      throw sizeFailure(src, file, Number(length), true);
    }
    chunks = res.body ? readerChunks(res.body) : (async function* () {})();
  } else {
    let size: number;
    try {
      size = (await fs.stat(src.path)).size;
    } catch {
      const place = src.fromMirror ? 'in the mirror folder' : 'at the catalog path';
      throw new AttemptFailure(
        'never',
        () =>
          new AtlasError(
            'not-found',
            `not ${place} (looked for ${src.path}); ${src.fromMirror ? `copy it there as ${file.folder}/${file.name} or unset BRAIN_ATLAS_MIRROR` : 'put it in a folder on BRAIN_ATLAS_PATH'}`,
            file.name,
          ),
      );
    }
    if (size !== file.bytes) throw sizeFailure(src, file, size, true);
    chunks = createReadStream(src.path) as AsyncIterable<Uint8Array>;
  }

  const dir = path.dirname(finalPath);
  let fh: FileHandle;
  try {
    fh = await fs.open(tmp, 'wx');
  } catch (e) {
    throw writeFailure(dir, e, file);
  }
  const hash = crypto.createHash('sha256');
  let received = 0;
  try {
    const it = chunks[Symbol.asyncIterator]();
    for (;;) {
      let step: IteratorResult<Uint8Array>;
      try {
        step = await it.next();
      } catch (e) {
        if (signal?.aborted) throw signal.reason;
        if (src.kind === 'file') {
          throw new AttemptFailure(
            'never',
            () => new AtlasError('not-found', `could not read ${src.path} (${errorText(e)})`, file.name),
          );
        }
        throw truncatedFailure(src, file, received, e);
      }
      if (step.done) break;
      const chunk = step.value;
      received += chunk.byteLength;
      if (received > file.bytes) {
        await it.return?.();
        throw sizeFailure(src, file, received, false);
      }
      hash.update(chunk);
      try {
        await fh.write(chunk);
      } catch (e) {
        await it.return?.();
        throw writeFailure(dir, e, file);
      }
      progress(received);
    }
    if (received < file.bytes) throw truncatedFailure(src, file, received);
    const actual = hash.digest('hex');
    if (actual !== file.sha256.toLowerCase()) throw checksumFailure(src, file, actual);
    try {
      await fh.sync();
    } catch (e) {
      throw writeFailure(dir, e, file);
    }
  } finally {
    await fh.close().catch(() => {});
  }
  try {
    await fs.rename(tmp, finalPath);
  } catch (e) {
    throw writeFailure(dir, e, file);
  }
  await fsyncDir(dir);
}

/**
 * Downloads a catalog file into the cache and returns its path there. Source: `<mirror>/<folder>/<name>` when a
 * mirror is set (http(s) or local folder), else the catalog URL. The bytes stream into a hidden temp file next to
 * the target while being hashed; only when size and sha256 match is the file fsynced and renamed into place. On
 * any failure the temp file is removed. See the module comment for the retry policy.
 */
export async function downloadFile(file: CatalogFile, loc: FileLocations, opts: DownloadOptions = {}): Promise<string> {
  const segments = checkFileNames(file);
  const src = sourceFor(file, loc, segments);
  const { signal } = opts;
  const dir = path.join(loc.cacheDir, ...segments);
  const finalPath = path.join(dir, file.name);
  try {
    await fs.mkdir(dir, { recursive: true });
  } catch (e) {
    throw writeFailure(dir, e, file).make('');
  }
  await sweepStaleParts(dir, file.name);

  const retries = Math.max(0, Math.floor(opts.retries ?? 3));
  const baseDelay = Math.max(0, opts.retryDelayMs ?? 500);
  let reported = -1;
  const progress = (received: number) => {
    if (received > reported) {
      reported = received;
      opts.onProgress?.(received, file.bytes);
    }
  };
  progress(0);

  let checksumRetried = false;
  for (let n = 1; ; n++) {
    if (signal?.aborted) throw signal.reason;
    const tmp = path.join(dir, `.${file.name}.${crypto.randomBytes(6).toString('hex')}.part`);
    try {
      await attempt(src, file, tmp, finalPath, progress, opts);
      return finalPath;
    } catch (e) {
      await fs.rm(tmp, { force: true }).catch(() => {});
      if (signal?.aborted) throw signal.reason;
      if (!(e instanceof AttemptFailure)) throw e;
      const local = src.kind === 'file';
      let again = !local && n <= retries && e.retry !== 'never';
      if (again && e.retry === 'checksum') {
        again = !checksumRetried;
        checksumRetried = true;
      }
      if (!again) throw e.make(n > 1 ? ` (tried ${n} times)` : '');
      const backoff = Math.min(baseDelay * 2 ** (n - 1), 30_000);
      await sleep(Math.max(backoff, e.retryAfterMs), signal);
    }
  }
}

/**
 * Locates every file and downloads the missing ones (one after another) into the cache. Files that share a
 * `<folder>/<name>` are fetched once. Progress reports count only the files that need downloading.
 */
export async function ensureFiles(
  files: readonly CatalogFile[],
  loc: FileLocations,
  opts: EnsureOptions = {},
): Promise<Map<CatalogFile, string>> {
  const result = new Map<CatalogFile, string>();
  const missing = new Map<string, CatalogFile[]>();
  for (const file of files) {
    const found = await locateFile(file, loc);
    if (found) {
      result.set(file, found.path);
    } else {
      const key = `${file.folder}/${file.name}`;
      const list = missing.get(key);
      if (list) list.push(file);
      else missing.set(key, [file]);
    }
  }
  const groups = [...missing.values()];
  const { onProgress, ...downloadOpts } = opts;
  for (let i = 0; i < groups.length; i++) {
    const file = groups[i][0];
    const p = await downloadFile(file, loc, {
      ...downloadOpts,
      onProgress: onProgress
        ? (received, total) => onProgress({ file, received, total, fileIndex: i, fileCount: groups.length })
        : undefined,
    });
    for (const f of groups[i]) result.set(f, p);
  }
  return result;
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

// ---------------------------------------------------------------------------------------------------------------
// CLI display

function mb(bytes: number, decimals: number): string {
  return (bytes / (1024 * 1024)).toFixed(decimals);
}

/**
 * A one-line progress bar for a terminal: `[##########--------------------]  33%  1.2 / 3.6 MB`. Plain ASCII so it
 * renders on every console; clamps out-of-range input.
 */
export function formatProgressBar(received: number, total: number, width = 30): string {
  const w = Math.max(1, Math.floor(width));
  const r = Math.max(0, Number.isFinite(received) ? received : 0);
  const t = Math.max(0, Number.isFinite(total) ? total : 0);
  const fraction = t > 0 ? Math.min(1, r / t) : r > 0 || t === 0 ? 1 : 0;
  const filled = Math.floor(fraction * w);
  const percent = Math.floor(fraction * 100);
  const decimals = t >= 10 * 1024 * 1024 ? 1 : 2;
  return `[${'#'.repeat(filled)}${'-'.repeat(w - filled)}] ${String(percent).padStart(3)}%  ${mb(Math.min(r, t || r), decimals)} / ${mb(t, decimals)} MB`;
}
