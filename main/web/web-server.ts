/**
 * The loopback web server: the same API as the Electron bridge, over HTTP on 127.0.0.1 only, plus the built
 * renderer. Used by `npm run web` and by the e2e tests. Calls are POST /api/<method> with a JSON body (GET /api/events: the event stream, event-stream.ts); upload
 * methods (UPLOAD_METHODS: openMap) take the file as an application/octet-stream body and their other arguments as
 * JSON in the `args` query parameter. Every API call must carry the launch key's cookie (launch-key.ts): the
 * page gets it by opening `url`, which holds the key once.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { type AtlasApi, UPLOAD_METHODS } from '../../core/api';
import { API_EVENTS_PATH } from '../../core/api/app-api';
import { DEFAULT_MAX_BYTES } from '../../core/io/nifti/decode';
import { dispatch, errorBody } from '../api/api-dispatch';
import { type EventSourceLike, EventStreams } from './event-stream';
import { hasLaunchKey, keyCookie, keyCookieHeader, newLaunchKey, urlHasLaunchKey } from './launch-key';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

const MAX_BODY = 8 * 1024 * 1024;

export interface WebServer {
  /** The address to open in a browser: it carries the launch key, which the page trades for a cookie. */
  url: string;
  /** http://127.0.0.1:port, without the key. */
  origin: string;
  /** The Cookie header that lets a client outside a browser call the API. */
  cookie: string;
  port: number;
  close(): Promise<void>;
}

export interface WebServerOptions {
  /** The API; its `events` (AppService.events), when it has them, feed GET /api/events. */
  api: AtlasApi & { events?: EventSourceLike };
  /** Folder of the built renderer (index.html and assets); null serves the API only. */
  staticDir: string | null;
  port?: number;
  /** Largest file an upload method (openMap) accepts as its body; the decoder's memory ceiling by default. */
  maxUploadBytes?: number;
  /** The launch key; a fresh random one by default. */
  key?: string;
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const streams = new EventStreams(options.api.events);
  const opts = { ...options, key: options.key ?? newLaunchKey(), streams };
  const server: Server = createServer((req, res) => {
    handle(req, res, opts).catch((e) => send(res, 500, errorBody(e)));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/?key=${opts.key}`,
    origin,
    cookie: keyCookieHeader(opts.key),
    port,
    close: () =>
      new Promise<void>((resolve) => {
        streams.closeAll();
        server.close(() => resolve());
      }),
  };
}

function securityHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  securityHeaders(res);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

function sendBinary(res: ServerResponse, body: ArrayBuffer): void {
  securityHeaders(res);
  res.writeHead(200, {
    'Content-Type': 'application/octet-stream',
    'Content-Length': body.byteLength,
    'Cache-Control': 'no-store',
  });
  res.end(Buffer.from(body));
}

/** Only requests addressed to this loopback server (guards against DNS rebinding) and from its own pages. */
function trusted(req: IncomingMessage, port: number): boolean {
  const host = req.headers.host ?? '';
  if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return false;
  const origin = req.headers.origin;
  return origin === undefined || origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}

const STATUS: Record<string, number> = { 'invalid-argument': 400, 'not-found': 404, internal: 500 };

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  opts: WebServerOptions & { key: string; streams: EventStreams },
): Promise<void> {
  const port = (req.socket.localPort as number) ?? 0;
  if (!trusted(req, port))
    return send(res, 403, { error: { code: 'forbidden', message: 'requests must come from this app' } });
  const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);

  if (url.pathname.startsWith('/api/')) {
    if (!hasLaunchKey(req, opts.key)) {
      return send(res, 403, {
        error: {
          code: 'forbidden',
          message: "API calls need this launch's key: open the address `npm run web` printed",
        },
      });
    }
    if (url.pathname === API_EVENTS_PATH) {
      if (req.method !== 'GET')
        return send(res, 405, { error: { code: 'method', message: 'use GET for the event stream' } });
      securityHeaders(res);
      return opts.streams.serve(req, res);
    }
    if (req.method !== 'POST') return send(res, 405, { error: { code: 'method', message: 'use POST for API calls' } });
    const method = url.pathname.slice(5);
    if (Object.hasOwn(UPLOAD_METHODS, method))
      return handleUpload(req, res, url, method as keyof typeof UPLOAD_METHODS, opts);
    if (!/^application\/json\b/.test(req.headers['content-type'] ?? '')) {
      return send(res, 415, { error: { code: 'invalid-argument', message: 'API calls take a JSON body' } });
    }
    let arg: unknown;
    try {
      const text = await readBody(req);
      arg = text.trim() === '' ? undefined : JSON.parse(text);
    } catch (e) {
      return send(res, 400, {
        error: { code: 'invalid-argument', message: `the request body is not valid JSON: ${(e as Error).message}` },
      });
    }
    try {
      const result = await dispatch(opts.api, url.pathname.slice(5), arg);
      if (result instanceof ArrayBuffer) return sendBinary(res, result);
      return send(res, 200, result ?? null); // a method without a result (closeMap) answers JSON null
    } catch (e) {
      const body = errorBody(e);
      return send(res, STATUS[body.error.code] ?? 422, body);
    }
  }

  if (req.method !== 'GET' && req.method !== 'HEAD')
    return send(res, 405, { error: { code: 'method', message: 'not allowed' } });
  if (url.searchParams.has('key')) {
    if (!urlHasLaunchKey(url, opts.key)) {
      return send(res, 403, {
        error: { code: 'forbidden', message: "this key is not this launch's: open the address `npm run web` printed" },
      });
    }
    // The key becomes a cookie, and the address bar and history lose it.
    securityHeaders(res);
    url.searchParams.delete('key');
    res.writeHead(303, {
      'Set-Cookie': keyCookie(opts.key),
      Location: `${url.pathname}${url.search}`,
      'Cache-Control': 'no-store',
    });
    res.end();
    return;
  }
  if (!opts.staticDir) return send(res, 404, { error: { code: 'not-found', message: 'no such page' } });
  return serveStatic(url.pathname, res, opts.staticDir, req.method === 'HEAD');
}

async function handleUpload(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  method: keyof typeof UPLOAD_METHODS,
  opts: WebServerOptions,
): Promise<void> {
  if (!/^application\/octet-stream\b/.test(req.headers['content-type'] ?? '')) {
    return send(res, 415, {
      error: { code: 'invalid-argument', message: `${method} takes the file as an application/octet-stream body` },
    });
  }
  let args: unknown = {};
  const text = url.searchParams.get('args');
  try {
    if (text !== null && text.trim() !== '') args = JSON.parse(text);
  } catch (e) {
    return send(res, 400, {
      error: {
        code: 'invalid-argument',
        message: `the args query parameter is not valid JSON: ${(e as Error).message}`,
      },
    });
  }
  if (typeof args !== 'object' || args === null || Array.isArray(args)) {
    return send(res, 400, {
      error: { code: 'invalid-argument', message: `${method} expects an object in the args query parameter` },
    });
  }
  const field = UPLOAD_METHODS[method];
  if (field in args)
    return send(res, 400, {
      error: { code: 'invalid-argument', message: `${method}: send "${field}" as the request body, not in args` },
    });
  const limit = opts.maxUploadBytes ?? DEFAULT_MAX_BYTES;
  const body = await readUpload(req, limit);
  if (typeof body === 'string') {
    res.setHeader('Connection', 'close');
    return send(res, 413, { error: { code: 'too-large', message: body } });
  }
  try {
    const result = await dispatch(opts.api, method, { ...(args as Record<string, unknown>), [field]: body });
    return send(res, 200, result ?? null);
  } catch (e) {
    const err = errorBody(e);
    return send(res, STATUS[err.error.code] ?? 422, err);
  }
}

/**
 * The request body as one Uint8Array (allocated once when Content-Length is given), or the sentence saying it is
 * over `limit` bytes. An oversized body announced by Content-Length is refused before a byte is kept; the rest of
 * it is read and dropped so the client sees the answer rather than a reset connection.
 */
function readUpload(req: IncomingMessage, limit: number): Promise<Uint8Array | string> {
  const tooLarge = (n: number) =>
    `the file is ${(n / 1024 ** 2).toFixed(1)} MiB, over the ${(limit / 1024 ** 2).toFixed(1)} MiB limit for a map`;
  const declared = Number(req.headers['content-length']);
  return new Promise((resolve, reject) => {
    if (Number.isFinite(declared) && declared > limit) {
      req.resume();
      req.on('end', () => resolve(tooLarge(declared)));
      req.on('error', reject);
      return;
    }
    let buf = new Uint8Array(Number.isFinite(declared) && declared > 0 ? declared : 1 << 20);
    let size = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      if (over) return;
      if (size + c.length > limit) {
        over = true;
        resolve(tooLarge(size + c.length));
        return;
      }
      if (size + c.length > buf.length) {
        const bigger = new Uint8Array(Math.min(limit, Math.max(buf.length * 2, size + c.length)));
        bigger.set(buf.subarray(0, size));
        buf = bigger;
      }
      buf.set(c, size);
      size += c.length;
    });
    req.on('end', () => {
      if (!over) resolve(size === buf.length ? buf : buf.slice(0, size));
    });
    req.on('error', reject);
  });
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('the request body is too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function serveStatic(pathname: string, res: ServerResponse, root: string, head: boolean): Promise<void> {
  let rel: string;
  try {
    rel = decodeURIComponent(pathname);
  } catch {
    return send(res, 400, { error: { code: 'invalid-argument', message: 'bad path' } });
  }
  let file = normalize(join(root, rel));
  if (file !== root && !file.startsWith(root.endsWith(sep) ? root : root + sep)) {
    return send(res, 403, { error: { code: 'forbidden', message: 'outside the app' } });
  }
  let info = await stat(file).catch(() => null);
  if (!info || info.isDirectory()) {
    file = join(root, 'index.html'); // the app is a single page
    info = await stat(file).catch(() => null);
    if (!info)
      return send(res, 404, {
        error: { code: 'not-found', message: 'the renderer is not built; run `npm run build`' },
      });
  }
  securityHeaders(res);
  res.writeHead(200, {
    'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
    'Content-Length': info.size,
    'Cache-Control': file.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  if (head) return void res.end();
  createReadStream(file).pipe(res);
}
