/**
 * Validation of the brain-system, network and topography calls (core/api/systems-api.ts) arriving from the renderer
 * over IPC or HTTP: known keys, atlas ids, label values, map names and a threshold in percent.
 */
import type { AtlasApi } from '../../core/api';
import { TOPOGRAPHY_MAPS, type TopographyMapId } from '../../core/atlas/topography-types';
import { atlasRequest, fail, noArgument, onlyKeys, record } from './argument-checks';

export type SystemsMethod =
  | 'listBrainSystems'
  | 'listNetworks'
  | 'regionNetworks'
  | 'getTopography'
  | 'getProbabilityGrid';

export async function validateSystemsCall(api: AtlasApi, method: SystemsMethod, arg: unknown): Promise<unknown> {
  switch (method) {
    case 'listBrainSystems':
      noArgument(arg, method);
      return api.listBrainSystems();
    case 'listNetworks':
      return api.listNetworks(atlasRequest(arg, method).req);
    case 'regionNetworks': {
      const { o, req } = atlasRequest(arg, method, ['value']);
      if (typeof o.value !== 'number' || !Number.isInteger(o.value) || o.value <= 0)
        fail('value must be a label value (a positive whole number)');
      return api.regionNetworks({ ...req, value: o.value });
    }
    case 'getTopography': {
      const o = record(arg, method);
      onlyKeys(o, ['map'], method);
      if (!(TOPOGRAPHY_MAPS as readonly unknown[]).includes(o.map))
        fail(`map must be one of ${TOPOGRAPHY_MAPS.join(', ')}`);
      return api.getTopography({ map: o.map as TopographyMapId });
    }
    case 'getProbabilityGrid': {
      const { o, req } = atlasRequest(arg, method, ['threshold']);
      if (typeof o.threshold !== 'number' || !Number.isFinite(o.threshold) || o.threshold <= 0 || o.threshold > 100)
        fail('threshold must be a probability in percent, over 0 and at most 100');
      return api.getProbabilityGrid({ ...req, threshold: o.threshold });
    }
  }
}
