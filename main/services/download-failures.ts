/**
 * Classifying a failed download attempt (retry it, retry a checksum mismatch once, or give up at once) and wording
 * the one-sentence error the user sees when no retry is left. The retry loop itself is in atlas-download.ts.
 */
import { STATUS_CODES } from 'node:http';
import type { CatalogFile } from '../../core/catalog/types';
import { AtlasError, formatCount } from '../../core/errors';
import type { Source } from './atlas-locations';
import { shortHash } from './atlas-verify';

export type RetryClass = 'transient' | 'checksum' | 'never';

/** One failed attempt: how to treat it, and the error to report if no retry is left. */
export class AttemptFailure {
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
export function errorText(e: unknown): string {
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
    ? 'check that the mirror (Settings, or BRAIN_ATLAS_MIRROR) is up, or put the file in a folder on BRAIN_ATLAS_PATH'
    : 'set a local mirror in Settings (or BRAIN_ATLAS_MIRROR) or put the file in a folder on BRAIN_ATLAS_PATH';

export function connectFailure(e: unknown, src: Source & { kind: 'http' }, file: CatalogFile): AttemptFailure {
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

export function httpFailure(res: Response, src: Source & { kind: 'http' }, file: CatalogFile): AttemptFailure {
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

export function checksumFailure(src: Source, file: CatalogFile, actual: string): AttemptFailure {
  return new AttemptFailure(
    'checksum',
    (note) =>
      new AtlasError(
        'checksum',
        `the download from ${where(src)} has sha256 ${shortHash(actual)} but the catalog expects ${shortHash(file.sha256.toLowerCase())}${note}; the source holds a damaged or different version — use another mirror, or put a good copy in a folder on BRAIN_ATLAS_PATH`,
        file.name,
      ),
  );
}

export function sizeFailure(src: Source, file: CatalogFile, size: number, exact: boolean): AttemptFailure {
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

export function truncatedFailure(src: Source, file: CatalogFile, received: number, cause?: unknown): AttemptFailure {
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

/** The server stopped sending (no headers or no bytes) for `ms`: worth another attempt. */
export function stallFailure(
  src: Source & { kind: 'http' },
  file: CatalogFile,
  received: number,
  ms: number,
): AttemptFailure {
  const at = received > 0 ? ` after byte ${formatCount(received)} of ${formatCount(file.bytes)}` : '';
  return new AttemptFailure(
    'transient',
    (note) =>
      new AtlasError(
        'network',
        `${src.host} sent nothing for ${ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`}${at}${note}; check the connection and try again, or ${remedy(src)}`,
        file.name,
      ),
  );
}

export function writeFailure(dir: string, e: unknown, file: CatalogFile): AttemptFailure {
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
