/** The checks every API argument goes through (api-dispatch.ts, map-dispatch.ts): each failure is one sentence. */
import type { OpenAtlasRequest } from '../../core/api';
import { AtlasError } from '../../core/errors';
import { MESH_DETAILS, type MeshDetail, meshDetailOf } from '../../core/mesh/types';

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

/** A voxel size in mm picking an atlas variant, or undefined. */
export function res(v: unknown): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0 || v > 20)
    fail('res must be a voxel size in mm, such as 1 or 2');
  return v;
}

/** An atlas variant id, or undefined. */
export function variantId(v: unknown): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !ATLAS_ID.test(v)) fail('variant must be a variant id such as "1mm"');
  return v;
}

/**
 * A call's argument naming an atlas variant (id, and res or variant), with `extra` keys of its own: the checked
 * request, and the record for the caller to check its extra keys.
 */
export function atlasRequest(
  arg: unknown,
  method: string,
  extra: string[] = [],
): { o: Record<string, unknown>; req: OpenAtlasRequest } {
  const o = record(arg, method);
  onlyKeys(o, ['id', 'res', 'variant', ...extra], method);
  return { o, req: { id: atlasId(o.id), res: res(o.res), variant: variantId(o.variant) } };
}

/** How dense region meshes are: standard or fine (core/mesh/types.ts); standard when absent. */
export function meshDetail(v: unknown): MeshDetail | undefined {
  if (v === undefined) return undefined;
  return meshDetailOf(v) ?? fail(`detail must be ${MESH_DETAILS.map((d) => `"${d}"`).join(' or ')}`);
}

const MAP_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** The id of an open statistical map (the service checks that it is open). */
export function mapId(v: unknown): string {
  if (typeof v !== 'string' || !MAP_ID.test(v))
    fail('mapId must be the id of an open map, as openMap or listMaps gave it');
  return v;
}
