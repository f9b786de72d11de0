/**
 * Validation of the statistical-map calls (core/api/map-api.ts) arriving from the renderer over IPC or HTTP: types,
 * ranges, finite numbers, known keys, a size limit on uploads. The service checks that the map id is open.
 */
import type { AtlasApi } from '../../core/api';
import type { MapClustersRequest } from '../../core/api/map-api';
import { DEFAULT_MAX_BYTES } from '../../core/io/nifti/decode';
import { atlasIdList, fail, mapId, noArgument, onlyKeys, record } from './argument-checks';

export type MapMethod = 'openMap' | 'listMaps' | 'setMapFrame' | 'closeMap' | 'getMapDisplay' | 'mapClusters';

/** Largest frame index accepted (NIfTI dims are at most 32767 per axis in NIfTI-1; NIfTI-2 allows more). */
const MAX_FRAME = 10_000_000;

function frame(v: unknown, optional: true): number | undefined;
function frame(v: unknown, optional: false): number;
function frame(v: unknown, optional: boolean): number | undefined {
  if (v === undefined && optional) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > MAX_FRAME)
    fail('frame must be a whole number 0 or more (the first volume is 0)');
  return v;
}

/** A file name as shown to the user: no folders, no control characters, at most 255 characters. */
function fileName(v: unknown): string {
  if (typeof v !== 'string' || v.length === 0 || v.length > 255 || /[\u0000-\u001f\u007f/\\]/.test(v)) {
    fail('name must be the file name (without folders), 1 to 255 characters');
  }
  return v;
}

function fileBytes(v: unknown, maxBytes: number): ArrayBuffer | Uint8Array {
  let size: number;
  if (v instanceof ArrayBuffer) size = v.byteLength;
  else if (v instanceof Uint8Array) size = v.byteLength;
  else fail('bytes must be the file contents as an ArrayBuffer');
  if (size === 0) fail('the file is empty (0 bytes)');
  if (size > maxBytes)
    fail(
      `the file is ${(size / 1024 ** 2).toFixed(1)} MiB, over the ${(maxBytes / 1024 ** 2).toFixed(0)} MiB limit for a map`,
    );
  return v;
}

function finiteAtLeast0(v: unknown, what: string, optional: boolean): number | undefined {
  if (v === undefined && optional) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1e30)
    fail(`${what} must be a finite number 0 or more`);
  return v;
}

function clustersRequest(o: Record<string, unknown>): MapClustersRequest {
  onlyKeys(o, ['mapId', 'threshold', 'sign', 'minVoxels', 'minMm3', 'connectivity', 'atlases'], 'mapClusters');
  const threshold = finiteAtLeast0(o.threshold, 'threshold', false) as number;
  if (o.sign !== undefined && o.sign !== 'positive' && o.sign !== 'negative' && o.sign !== 'both')
    fail('sign must be "positive", "negative" or "both"');
  if (o.connectivity !== undefined && o.connectivity !== 6 && o.connectivity !== 18 && o.connectivity !== 26)
    fail('connectivity must be 6, 18 or 26');
  if (
    o.minVoxels !== undefined &&
    (typeof o.minVoxels !== 'number' || !Number.isInteger(o.minVoxels) || o.minVoxels < 0 || o.minVoxels > 2 ** 31)
  ) {
    fail('minVoxels must be a whole number of voxels, 0 or more');
  }
  const minMm3 = finiteAtLeast0(o.minMm3, 'minMm3', true);
  if (o.minVoxels !== undefined && minMm3 !== undefined) fail('give minVoxels or minMm3, not both');
  const atlases = atlasIdList(o.atlases, 'atlases', 'atlases[] must be atlas ids such as "aal3"');
  return {
    mapId: mapId(o.mapId),
    threshold,
    sign: o.sign as MapClustersRequest['sign'],
    connectivity: o.connectivity as MapClustersRequest['connectivity'],
    minVoxels: o.minVoxels as number | undefined,
    minMm3,
    atlases,
  };
}

export async function validateMapCall(
  api: AtlasApi,
  method: MapMethod,
  arg: unknown,
  maxBytes = DEFAULT_MAX_BYTES,
): Promise<unknown> {
  switch (method) {
    case 'listMaps':
      noArgument(arg, method);
      return api.listMaps();
    case 'openMap': {
      const o = record(arg, method);
      onlyKeys(o, ['name', 'bytes', 'frame'], method);
      const name = fileName(o.name);
      const bytes = fileBytes(o.bytes, maxBytes);
      return api.openMap({ name, bytes: bytes as ArrayBuffer, frame: frame(o.frame, true) });
    }
    case 'setMapFrame': {
      const o = record(arg, method);
      onlyKeys(o, ['mapId', 'frame'], method);
      return api.setMapFrame({ mapId: mapId(o.mapId), frame: frame(o.frame, false) });
    }
    case 'closeMap': {
      const o = record(arg, method);
      onlyKeys(o, ['mapId'], method);
      return api.closeMap({ mapId: mapId(o.mapId) });
    }
    case 'getMapDisplay': {
      const o = record(arg, method);
      onlyKeys(o, ['mapId', 'mode'], method);
      if (o.mode !== undefined && o.mode !== 'linear' && o.mode !== 'nearest')
        fail('mode must be "linear" or "nearest"');
      return api.getMapDisplay({ mapId: mapId(o.mapId), mode: o.mode as 'linear' | 'nearest' | undefined });
    }
    case 'mapClusters':
      return api.mapClusters(clustersRequest(record(arg, method)));
  }
}
