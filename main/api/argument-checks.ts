/** The checks every API argument goes through (api-dispatch.ts, map-dispatch.ts): each failure is one sentence. */
import { AtlasError } from '../../core/errors';

/** An atlas or variant id: lower-case letters, digits, '.', '_' and '-'. */
export const ATLAS_ID = /^[a-z0-9][a-z0-9._-]{0,63}$/;

export function fail(message: string): never {
  throw new AtlasError('invalid-argument', message);
}

/** The argument as a plain object (not null, an array or binary data). */
export function record(arg: unknown, method: string): Record<string, unknown> {
  if (
    typeof arg !== 'object' ||
    arg === null ||
    Array.isArray(arg) ||
    ArrayBuffer.isView(arg) ||
    arg instanceof ArrayBuffer
  ) {
    fail(`${method} expects an object argument`);
  }
  return arg as Record<string, unknown>;
}

export function onlyKeys(o: Record<string, unknown>, keys: string[], method: string): void {
  for (const k of Object.keys(o)) if (!keys.includes(k)) fail(`${method} does not take "${k}"`);
}

/** An atlas id (`message` when it is not one). */
export function atlasId(v: unknown, field = 'id', message = `${field} must be an atlas id such as "aal3"`): string {
  if (typeof v !== 'string' || !ATLAS_ID.test(v)) fail(message);
  return v;
}

/** An optional list of up to 200 atlas ids (`itemMessage` for an item that is not one). */
export function atlasIdList(v: unknown, field: string, itemMessage?: string): string[] | undefined {
  if (v === undefined) return undefined;
  if (!Array.isArray(v) || v.length > 200) fail(`${field} must be a list of atlas ids`);
  return v.map((a) => atlasId(a, `${field}[]`, itemMessage));
}

/** A method that takes no argument: nothing, or an empty object. */
export function noArgument(arg: unknown, method: string): void {
  if (arg !== undefined && arg !== null) onlyKeys(record(arg, method), [], method);
}
