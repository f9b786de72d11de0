/**
 * One download attempt: open the source (http(s) or local file), stream it into a hidden temp file while hashing,
 * check size and sha256, then fsync and rename it into place. Failures come out classified (download-failures.ts);
 * retrying is the caller's job (atlas-download.ts).
 */
import { createReadStream } from 'node:fs';
import fs, { type FileHandle } from 'node:fs/promises';
import crypto from 'node:crypto';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { CatalogFile } from '../../core/catalog/types';
import { AtlasError } from '../../core/errors';
import type { Source } from './atlas-locations';
import {
  AttemptFailure,
  checksumFailure,
  connectFailure,
  errorText,
  httpFailure,
  sizeFailure,
  stallFailure,
  truncatedFailure,
  writeFailure,
} from './download-failures';

/** The download options one attempt uses. */
export interface AttemptOptions {
  fetchImpl?: typeof fetch;
  signal?: AbortSignal;
  /** Test only: at most this many bytes a second, in small chunks (see THROTTLE_ENV in atlas-download.ts). */
  throttleBytesPerSecond?: number;
  /** An http source that sends nothing (no headers, no bytes) for this long fails the attempt (default 30 s). */
  stallMs?: number;
}

/** Aborts `signal` when `kick` has not been called for `ms`; `stop` ends the watch. */
function stallWatch(ms: number): { signal: AbortSignal; kick(): void; stop(): void } {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const kick = () => {
    clearTimeout(timer);
    timer = setTimeout(() => controller.abort(), ms);
  };
  kick();
  return { signal: controller.signal, kick, stop: () => clearTimeout(timer) };
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
export async function attempt(
  src: Source,
  file: CatalogFile,
  tmp: string,
  finalPath: string,
  progress: (received: number) => void,
  opts: AttemptOptions,
): Promise<void> {
  const stall = src.kind === 'http' ? stallWatch(opts.stallMs ?? 30_000) : null;
  try {
    await transfer(src, file, tmp, finalPath, progress, opts, stall);
  } finally {
    stall?.stop();
  }
}

async function transfer(
  src: Source,
  file: CatalogFile,
  tmp: string,
  finalPath: string,
  progress: (received: number) => void,
  opts: AttemptOptions,
  stall: ReturnType<typeof stallWatch> | null,
): Promise<void> {
  const { signal } = opts;
  const throttle = opts.throttleBytesPerSecond && opts.throttleBytesPerSecond > 0 ? opts.throttleBytesPerSecond : 0;
  let received = 0;
  /** The user's cancel wins; else a stalled http source is a transient failure. */
  const stopped = () => {
    if (signal?.aborted) return signal.reason;
    if (stall?.signal.aborted && src.kind === 'http') return stallFailure(src, file, received, opts.stallMs ?? 30_000);
    return null;
  };
  let chunks: AsyncIterable<Uint8Array>;
  if (src.kind === 'http') {
    const fetchImpl = opts.fetchImpl ?? fetch;
    const fetchSignal = signal && stall ? AbortSignal.any([signal, stall.signal]) : (stall?.signal ?? signal);
    let res: Response;
    try {
      res = await fetchImpl(src.url, {
        signal: fetchSignal,
        redirect: 'follow',
        headers: { 'accept-encoding': 'identity' },
      });
    } catch (e) {
      throw stopped() ?? connectFailure(e, src, file);
    }
    stall?.kick();
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
    chunks = createReadStream(src.path, throttle ? { highWaterMark: 4096 } : {}) as AsyncIterable<Uint8Array>;
  }

  const dir = path.dirname(finalPath);
  let fh: FileHandle;
  try {
    fh = await fs.open(tmp, 'wx');
  } catch (e) {
    throw writeFailure(dir, e, file);
  }
  const hash = crypto.createHash('sha256');
  try {
    const it = chunks[Symbol.asyncIterator]();
    for (;;) {
      let step: IteratorResult<Uint8Array>;
      try {
        step = await it.next();
      } catch (e) {
        const reason = stopped();
        if (reason) throw reason;
        if (src.kind === 'file') {
          throw new AttemptFailure(
            'never',
            () => new AtlasError('not-found', `could not read ${src.path} (${errorText(e)})`, file.name),
          );
        }
        throw truncatedFailure(src, file, received, e);
      }
      if (step.done) break;
      stall?.kick();
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
      if (signal?.aborted) {
        await it.return?.();
        throw signal.reason;
      }
      if (throttle) {
        try {
          await delay((chunk.byteLength / throttle) * 1000, undefined, { signal });
        } catch (e) {
          await it.return?.();
          throw signal?.aborted ? signal.reason : e;
        }
        stall?.kick();
      }
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
