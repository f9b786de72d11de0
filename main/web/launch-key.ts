/**
 * The loopback server's launch secret: any process of any user on the machine can reach 127.0.0.1, so each launch
 * makes a random key. The URL that `npm run web` prints carries it (`/?key=…`); the page trades it for an HttpOnly,
 * SameSite=Strict cookie (and is redirected to a URL without it), and every API call must carry that cookie.
 * Clients outside a browser (tests, scripts) send the same cookie header.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const KEY_COOKIE = 'bas_key';

/** A fresh key: 32 random bytes, base64url. */
export function newLaunchKey(): string {
  return randomBytes(32).toString('base64url');
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The value of one cookie in a Cookie header, or null. */
function cookieValue(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

/** True when the request carries this launch's key in its cookie. */
export function hasLaunchKey(req: IncomingMessage, key: string): boolean {
  const v = cookieValue(req.headers.cookie, KEY_COOKIE);
  return v !== null && same(v, key);
}

/** True when a URL's `key` query parameter is this launch's key. */
export function urlHasLaunchKey(url: URL, key: string): boolean {
  const v = url.searchParams.get('key');
  return v !== null && same(v, key);
}

/** The Set-Cookie value that gives a page the key: not readable by scripts, never sent from other sites. */
export function keyCookie(key: string): string {
  return `${KEY_COOKIE}=${key}; HttpOnly; SameSite=Strict; Path=/`;
}

/** The Cookie header a client outside a browser sends. */
export function keyCookieHeader(key: string): string {
  return `${KEY_COOKIE}=${key}`;
}
