/**
 * Downloading atlas files into the user cache (Node side), with retries; `ensureFiles` locates a set of files and
 * downloads the missing ones.
 *
 * Downloads are always sha256-checked while they stream and are written to a hidden temp file that is renamed into
 * place only when size and hash match, so a truncated or corrupted download never lands in the cache (one attempt:
 * download-attempt.ts).
 *
 * Retry policy of `downloadFile` (HTTP sources only; a local mirror is read once):
 *   - transient: connection reset/timeouts, HTTP 5xx, 408, 429 (Retry-After honoured, capped at 30 s), a body
 *     that ends early, a server that sends nothing for 30 s → up to `retries` more attempts with exponential backoff;
 *   - checksum mismatch or a size the catalog does not expect → one more attempt (a flaky proxy can corrupt one
 *     transfer), then fail with code 'checksum';
 *   - offline (DNS failure, connection refused, network unreachable), other 4xx, TLS errors → fail at once with
 *     one sentence (waiting would not help; the user needs a mirror or a local copy).
 * A mirror, when set, is the only source: a file the mirror lacks is an error, not a silent trip to the internet.
 */
import fs from 'node:fs/promises';
import crypto from 'node:crypto';
import path from 'node:path';
import type { CatalogFile } from '../../core/catalog/types';
import { type FileLocations, cachePath, checkFileNames, locateFile, sourceFor } from './atlas-locations';
import { attempt } from './download-attempt';
import { AttemptFailure, writeFailure } from './download-failures';

/**
 * Test only: BRAIN_ATLAS_TEST_THROTTLE_BPS=N slows every download to about N bytes a second (read in 4 KiB chunks),
 * so that end-to-end tests can watch a progress bar and press Cancel. Never set it otherwise.
 */
export const THROTTLE_ENV = 'BRAIN_ATLAS_TEST_THROTTLE_BPS';

function throttleFromEnv(): number | undefined {
  const n = Number(process.env[THROTTLE_ENV]);
  return Number.isFinite(n) && n > 0 ? n : undefined;
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
  /** Test only: bytes a second (default: THROTTLE_ENV, else no limit). */
  throttleBytesPerSecond?: number;
  /** An http source silent this long fails the attempt (default 30 s). */
  stallMs?: number;
}

export interface EnsureProgress {
  file: CatalogFile;
  received: number;
  total: number;
  /** Index of this file among the files that need downloading (0-based). */
  fileIndex: number;
  /** How many files need downloading. */
  fileCount: number;
  /** Bytes received and expected over all the files that need downloading. */
  allReceived: number;
  allTotal: number;
}

export interface EnsureOptions extends Omit<DownloadOptions, 'onProgress'> {
  onProgress?(progress: EnsureProgress): void;
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
  const attemptOpts = { ...opts, throttleBytesPerSecond: opts.throttleBytesPerSecond ?? throttleFromEnv() };
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
      await attempt(src, file, tmp, finalPath, progress, attemptOpts);
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
 * `<folder>/<name>` are fetched once. Progress reports count only the files that need downloading. When the
 * signal aborts, the files this call already downloaded are removed too: a cancelled atlas leaves nothing behind.
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
  const allTotal = groups.reduce((sum, g) => sum + g[0].bytes, 0);
  let before = 0;
  const written: string[] = [];
  try {
    for (let i = 0; i < groups.length; i++) {
      const file = groups[i][0];
      const p = await downloadFile(file, loc, {
        ...downloadOpts,
        onProgress: onProgress
          ? (received, total) =>
              onProgress({
                file,
                received,
                total,
                fileIndex: i,
                fileCount: groups.length,
                allReceived: before + received,
                allTotal,
              })
          : undefined,
      });
      written.push(p);
      before += file.bytes;
      for (const f of groups[i]) result.set(f, p);
    }
  } catch (e) {
    if (opts.signal?.aborted)
      await removeDownloaded(
        written,
        groups.map((g) => cachePath(g[0], loc)),
        loc.cacheDir,
      );
    throw e;
  }
  return result;
}

/** Removes files a cancelled call downloaded, and the folders it made for `targets` when they are left empty. */
async function removeDownloaded(files: string[], targets: string[], cacheDir: string): Promise<void> {
  for (const f of files) await fs.rm(f, { force: true }).catch(() => {});
  for (const f of targets) {
    for (let dir = path.dirname(f); dir.startsWith(cacheDir) && dir !== cacheDir; dir = path.dirname(dir)) {
      if (
        !(await fs.rmdir(dir).then(
          () => true,
          () => false,
        ))
      )
        break;
    }
  }
}
