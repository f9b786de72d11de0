/**
 * Brain systems, functional networks and topographic maps (core/api/systems-api.ts) on top of the atlas service: it
 * looks up the label values of the regions the data name, groups an atlas's regions by network, shares a region
 * out among the Yeo networks, and draws probability maps at a threshold.
 */
import type { AtlasService } from './atlas-service';
import type { BrainSystem } from '../../core/atlas/brain-systems';
import { NETWORK_ATLASES, groupByNetwork, networkPalette } from '../../core/atlas/network-atlases';
import { yeoNetwork } from '../../core/atlas/networks';
import { thresholdedMaxProbability } from '../../core/atlas/probability-grid';
import { TOPOGRAPHY, resolveTopography } from '../../core/atlas/topography';
import { AtlasError } from '../../core/errors';
import { encodeLabelGrid } from '../../core/mesh/codec';
import type {
  AtlasNetworks,
  AtlasRequest,
  BrainSystemListing,
  ProbabilityGridRequest,
  RegionNetworksRequest,
  RegionNetworksResult,
  SystemsApi,
  TopographyMap,
  TopographyMapId,
} from '../../core/api/systems-api';

export interface SystemsServiceOptions {
  /** The brain systems (atlases/brain-systems.json), validated. */
  brainSystems?: BrainSystem[];
}

const YEO_ATLASES = [
  { atlasId: 'yeo-7', networks: 7 },
  { atlasId: 'yeo-17', networks: 17 },
] as const;

export class SystemsService implements SystemsApi {
  private readonly systems: BrainSystem[];
  private readonly grids = new Map<string, Promise<ArrayBuffer>>();

  constructor(
    private readonly atlases: AtlasService,
    opts: SystemsServiceOptions = {},
  ) {
    this.systems = opts.brainSystems ?? [];
  }

  /** Region name → label value for each atlas id (default variant); null for an atlas that cannot be read. */
  private async valueMaps(ids: Iterable<string>): Promise<Map<string, Map<string, number> | null>> {
    const out = new Map<string, Map<string, number> | null>();
    for (const id of ids) {
      if (out.has(id)) continue;
      try {
        const summary = await this.atlases.openAtlas({ id });
        out.set(id, new Map(summary.regions.map((r) => [r.name, r.value])));
      } catch {
        out.set(id, null);
      }
    }
    return out;
  }

  async listBrainSystems(): Promise<BrainSystemListing[]> {
    const values = await this.valueMaps(this.systems.flatMap((s) => s.regions.map((r) => r.atlas)));
    return this.systems.map((s) => ({
      ...s,
      caption: { ...s.caption },
      color: [...s.color],
      regions: s.regions.map((r) => ({
        atlas: r.atlas,
        value: values.get(r.atlas)?.get(r.name) ?? null,
        name: r.name,
      })),
    }));
  }

  async listNetworks(req: AtlasRequest): Promise<AtlasNetworks> {
    const atlas = this.atlases.atlas(req.id);
    const known = NETWORK_ATLASES.find((n) => n.id === atlas.id);
    const label = known ? { ...known.label } : { en: atlas.name, zh: atlas.name };
    if (known?.note) {
      const unassigned = (await this.atlases.openAtlas(req)).regions.length;
      return { id: atlas.id, label, networks: [], unassigned, note: known.note };
    }
    const { regions } = await this.atlases.openAtlas(req);
    const names = [...new Set(regions.flatMap((r) => (r.network ? [r.network] : [])))];
    const { networks, unassigned } = groupByNetwork(regions, networkPalette(atlas.networks, names));
    const result: AtlasNetworks = { id: atlas.id, label, networks, unassigned };
    if (networks.length === 0) result.note = `atlas '${atlas.id}' assigns no networks to its regions`;
    return result;
  }

  async regionNetworks(req: RegionNetworksRequest): Promise<RegionNetworksResult> {
    const overlap = await this.atlases.regionOverlap({
      id: req.id,
      value: req.value,
      res: req.res,
      variant: req.variant,
      against: YEO_ATLASES.map((y) => y.atlasId),
    });
    const yeo: RegionNetworksResult['yeo'] = [];
    for (const { atlasId, networks } of YEO_ATLASES) {
      const a = overlap.atlases.find((o) => o.atlasId === atlasId);
      if (!a) continue; // the region is itself a Yeo network of this atlas
      const shares = a.shares.flatMap((s) => {
        const net = yeoNetwork(networks, s.value);
        return net
          ? [{ value: s.value, network: net.name, color: [...net.color] as typeof net.color, percent: s.percent }]
          : [];
      });
      yeo.push({ atlasId, networks, shares, unlabelledPercent: a.unlabelledPercent });
    }
    return { id: overlap.id, value: overlap.value, name: overlap.name, voxels: overlap.voxels, yeo };
  }

  async getTopography(req: { map: TopographyMapId }): Promise<TopographyMap> {
    const def = TOPOGRAPHY[req.map];
    if (!def) throw new AtlasError('invalid-argument', `no topographic map '${req.map}'`);
    const values = await this.valueMaps(def.entries.flatMap((e) => e.regions.map((r) => r.atlas)));
    return resolveTopography(def, (id) => values.get(id) ?? null);
  }

  async getProbabilityGrid(req: ProbabilityGridRequest): Promise<ArrayBuffer> {
    const { atlas, variant, loaded } = await this.atlases.load(req.id, req.res, req.variant);
    if (loaded.type !== 'labels' || !loaded.probabilities) {
      const withMaps = atlas.variants.filter((v) => v.files.some((f) => f.role === 'probability')).map((v) => v.id);
      throw new AtlasError(
        'invalid-argument',
        withMaps.length > 0
          ? `atlas '${atlas.id}' has probability maps only in variant ${withMaps.join(', ')}, not in ${variant.id}`
          : `atlas '${atlas.id}' has no probability maps`,
      );
    }
    const key = `${atlas.id}@${variant.id}@${req.threshold}`;
    let p = this.grids.get(key);
    if (!p) {
      const set = loaded.probabilities;
      p = Promise.resolve().then(() => encodeLabelGrid(thresholdedMaxProbability(set, req.threshold)));
      this.grids.set(key, p);
      p.catch(() => this.grids.delete(key));
      while (this.grids.size > 4) this.grids.delete(this.grids.keys().next().value as string);
    }
    return p;
  }
}
