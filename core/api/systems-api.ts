/**
 * The part of the API (core/api/index.ts) about brain systems, functional networks and topographic maps: the data behind
 * the Systems, Networks and Topography panels. Implemented by main/services/systems-service.ts.
 */
import type { BrainSystem } from '../atlas/brain-systems';
import type { TopographyMap, TopographyMapId } from '../atlas/topography-types';
import type { Rgb } from '../io/labels/types';

export type { TopographyMap, TopographyMapId } from '../atlas/topography-types';

export interface ResolvedRegion {
  atlas: string;
  /** The label value in that atlas; null where the atlas could not be read (not on this machine, offline). */
  value: number | null;
  name: string;
}

/** A brain system as its file gives it (core/atlas/brain-systems.ts), its regions resolved to label values. */
export interface BrainSystemListing extends Omit<BrainSystem, 'regions'> {
  regions: ResolvedRegion[];
}

export interface NetworkListing {
  network: string;
  color: Rgb;
  regions: { value: number; name: string }[];
}

export interface AtlasNetworks {
  id: string;
  /** The display name of a known network atlas ("Yeo 7", "Shen 8"), else the atlas's name. */
  label: { en: string; zh: string };
  networks: NetworkListing[];
  /** Regions without a network (e.g. Tian's subcortex in a Schaefer + Tian atlas). */
  unassigned: number;
  /** Why there are no networks, where the atlas's files carry none (power-264). */
  note?: string;
}

export interface AtlasRequest {
  id: string;
  res?: number;
  variant?: string;
}

export interface RegionNetworksRequest extends AtlasRequest {
  value: number;
}

export interface RegionNetworkShare {
  /** The Yeo label value (1-7 or 1-17). */
  value: number;
  network: string;
  color: Rgb;
  /** Share of the region's voxels, 0..100. */
  percent: number;
}

export interface RegionNetworksResult {
  id: string;
  value: number;
  name: string;
  voxels: number;
  yeo: { atlasId: 'yeo-7' | 'yeo-17'; networks: 7 | 17; shares: RegionNetworkShare[]; unlabelledPercent: number }[];
}

export interface ProbabilityGridRequest extends AtlasRequest {
  /** Least probability in percent (over 0, at most 100) a region needs at a voxel to be drawn there. */
  threshold: number;
}

export interface SystemsApi {
  /** The brain systems (atlases/brain-systems.json) with each region's label value. */
  listBrainSystems(): Promise<BrainSystemListing[]>;
  /** The networks of an atlas and the regions in each (Yeo, Schaefer, Gordon, Shen; Power has none here). */
  listNetworks(req: AtlasRequest): Promise<AtlasNetworks>;
  /** How one region is shared among the Yeo 7 and Yeo 17 networks ("Precentral_L: 61 % Somatomotor, …"). */
  regionNetworks(req: RegionNetworksRequest): Promise<RegionNetworksResult>;
  /** A topographic map's legend, in order, with the label values of its regions. */
  getTopography(req: { map: TopographyMapId }): Promise<TopographyMap>;
  /**
   * A label grid (core/mesh/codec.ts decodeLabelGrid) from a probabilistic atlas's maps: each voxel carries the
   * region of highest probability among those at or above `threshold` percent, 0 where none is.
   */
  getProbabilityGrid(req: ProbabilityGridRequest): Promise<ArrayBuffer>;
}

export const SYSTEMS_API_METHODS = [
  'listBrainSystems',
  'listNetworks',
  'regionNetworks',
  'getTopography',
  'getProbabilityGrid',
] as const satisfies readonly (keyof SystemsApi)[];
