/**
 * Validates an API call arriving from the renderer (over IPC or HTTP) and runs it on the service. Every argument
 * is checked here: nothing from the other process reaches a service unchecked.
 */
import { API_METHODS, type ApiErrorBody, type ApiMethod, type AtlasApi, type Vec3 } from '../../core/api';
import { AtlasError } from '../../core/errors';
import {
  atlasId,
  atlasIdList,
  atlasRequest,
  fail,
  meshDetail,
  noArgument,
  onlyKeys,
  record,
  res,
  variantId,
} from './argument-checks';
import { validateAppCall } from './app-dispatch';
import { validateMapCall } from './map-dispatch';
import { validateSurfaceCall } from './surface-dispatch';
import { validateQuizCall } from './quiz-dispatch';
import { validateSystemsCall } from './systems-dispatch';

const MAX_POINTS = 100_000;

function point(v: unknown): Vec3 {
  if (
    !Array.isArray(v) ||
    v.length !== 3 ||
    !v.every((c) => typeof c === 'number' && Number.isFinite(c) && Math.abs(c) < 1e6)
  ) {
    fail('each point must be [x, y, z] in mm');
  }
  return [v[0], v[1], v[2]];
}

export function isApiMethod(m: unknown): m is ApiMethod {
  return typeof m === 'string' && (API_METHODS as readonly string[]).includes(m);
}

export async function dispatch(api: AtlasApi, method: unknown, arg: unknown): Promise<unknown> {
  if (!isApiMethod(method)) fail(`unknown method ${JSON.stringify(String(method)).slice(0, 60)}`);
  switch (method) {
    case 'openMap':
    case 'listMaps':
    case 'setMapFrame':
    case 'closeMap':
    case 'getMapDisplay':
    case 'mapClusters':
      return validateMapCall(api, method, arg);
    case 'listBrainSystems':
    case 'listNetworks':
    case 'regionNetworks':
    case 'getTopography':
    case 'getProbabilityGrid':
      return validateSystemsCall(api, method, arg);
    case 'getSurface':
    case 'getSurfaceMap':
    case 'getSurfaceLabels':
      return validateSurfaceCall(api, method, arg);
    case 'makeQuiz':
      return validateQuizCall(api, method, arg);
    case 'cancelFetch':
    case 'getSettings':
    case 'setSettings':
    case 'loadSession':
    case 'saveSession':
    case 'endSession':
    case 'getFigureFont':
      return validateAppCall(api, method, arg);
    case 'listAtlases':
    case 'getRegionInfo':
      noArgument(arg, method);
      return api[method]();
    case 'openAtlas':
    case 'getLabelGrid':
    case 'fetchAtlas':
      return api[method](atlasRequest(arg, method).req);
    case 'getAtlasMeshes': {
      const { o, req } = atlasRequest(arg, method, ['detail']);
      return api.getAtlasMeshes({ ...req, detail: meshDetail(o.detail) });
    }
    case 'query': {
      const o = record(arg, method);
      onlyKeys(o, ['points', 'atlases', 'res', 'variant'], method);
      if (!Array.isArray(o.points) || o.points.length === 0 || o.points.length > MAX_POINTS) {
        fail(`points must be a list of 1 to ${MAX_POINTS} [x, y, z] points`);
      }
      return api.query({
        points: o.points.map(point),
        atlases: atlasIdList(o.atlases, 'atlases'),
        res: res(o.res),
        variant: variantId(o.variant),
      });
    }
    case 'regionOverlap': {
      const o = record(arg, method);
      onlyKeys(o, ['id', 'value', 'res', 'variant', 'against'], method);
      if (typeof o.value !== 'number' || !Number.isInteger(o.value) || o.value <= 0)
        fail('value must be a label value (a positive whole number)');
      const against = atlasIdList(o.against, 'against');
      return api.regionOverlap({
        id: atlasId(o.id),
        value: o.value,
        res: res(o.res),
        variant: variantId(o.variant),
        against,
      });
    }
    case 'getTemplateImage': {
      const o = arg === undefined || arg === null ? {} : record(arg, method);
      onlyKeys(o, ['id', 'res'], method);
      return api.getTemplateImage({ id: o.id === undefined ? undefined : atlasId(o.id), res: res(o.res) });
    }
  }
}

/** An error as it crosses to the renderer: code and message, never a stack. */
export function errorBody(e: unknown): ApiErrorBody {
  if (e instanceof AtlasError) return { error: { code: e.code, message: e.message } };
  return { error: { code: 'internal', message: `unexpected error: ${(e as Error)?.message ?? String(e)}` } };
}
