/**
 * Validation of the cortical-surface calls (core/api/surface-api.ts) arriving from the renderer over IPC or HTTP:
 * known keys, a hemisphere, a surface kind, an atlas or an open map.
 */
import type { AtlasApi } from '../../core/api';
import {
  SURFACE_HEMISPHERES,
  SURFACE_KINDS,
  type SurfaceHemisphere,
  type SurfaceKind,
} from '../../core/api/surface-api';
import { atlasRequest, fail, mapId, onlyKeys, record } from './argument-checks';

export type SurfaceMethod = 'getSurface' | 'getSurfaceMap' | 'getSurfaceLabels';

function hemi(v: unknown): SurfaceHemisphere {
  if (!(SURFACE_HEMISPHERES as readonly unknown[]).includes(v)) fail('hemi must be "left" or "right"');
  return v as SurfaceHemisphere;
}

export async function validateSurfaceCall(api: AtlasApi, method: SurfaceMethod, arg: unknown): Promise<unknown> {
  const o = record(arg, method);
  switch (method) {
    case 'getSurface': {
      onlyKeys(o, ['hemi', 'kind'], method);
      if (!(SURFACE_KINDS as readonly unknown[]).includes(o.kind))
        fail(`kind must be one of ${SURFACE_KINDS.join(', ')}`);
      return api.getSurface({ hemi: hemi(o.hemi), kind: o.kind as SurfaceKind });
    }
    case 'getSurfaceMap':
      onlyKeys(o, ['mapId', 'hemi'], method);
      return api.getSurfaceMap({ mapId: mapId(o.mapId), hemi: hemi(o.hemi) });
    case 'getSurfaceLabels':
      return api.getSurfaceLabels({ ...atlasRequest(arg, method, ['hemi']).req, hemi: hemi(o.hemi) });
  }
}
