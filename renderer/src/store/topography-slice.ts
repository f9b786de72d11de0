/**
 * The Topography panel: a topographic map (getTopography) drawn as its atlas's layer with only the map's regions
 * shown, in the legend's colours; one legend item can be isolated; retinotopy can be drawn from the probability
 * maps at a least probability instead of the max-probability labels: the engine thresholds the maps, a worker
 * meshes them (model/probability-meshing.ts, newest threshold winning), the page puts the layer together
 * (model/probability-layer.ts).
 */
import type { StateCreator } from 'zustand';
import type { TopographyMap, TopographyMapId } from '../../../core/api';
import type { Rgb } from '../../../core/io/labels/types';
import { api } from '../api';
import { layerData, regionKey } from '../model/layer-data';
import { probabilityLayer } from '../model/probability-layer';
import { cancelProbabilityMeshing, meshProbability } from '../model/probability-meshing';
import { atlasesByCount, drawAtlases } from './draw-atlases';
import type { Store } from './index';

export interface TopographySlice {
  topoMap: TopographyMapId | null;
  topography: TopographyMap | null;
  /** The atlas the map is drawn from (somatotopy: Brainnetome or Julich-Brain; tonotopy: one of three). */
  topoAtlas: string | null;
  /** A legend item (entry or group id) shown alone; null: the whole map. */
  topoOnly: string | null;
  /** Least probability in percent; 0: the max-probability labels. */
  minProbability: number;
  /** The probability maps are being read and meshed. */
  probabilityBusy: boolean;
  chooseTopography(map: TopographyMapId | null): Promise<void>;
  setTopoAtlas(atlas: string): Promise<void>;
  setTopoOnly(id: string | null): void;
  setMinProbability(percent: number): Promise<void>;
  clearTopography(): void;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
const cache = new Map<TopographyMapId, TopographyMap>();
let probToken = 0;

/** The atlases a map draws, the one with most of its regions first. */
export function topographyAtlases(map: TopographyMap): string[] {
  return atlasesByCount(map.entries.flatMap((e) => e.regions));
}

/** Region keys and colours of `map` in `atlas`, only those of legend item `only` when given. */
export function topographyRegions(
  map: TopographyMap,
  atlas: string,
  only: string | null,
): { keys: string[]; colours: Record<string, Rgb> } {
  const keys: string[] = [];
  const colours: Record<string, Rgb> = {};
  for (const e of map.entries) {
    if (only && e.id !== only && e.group !== only && !e.bodyParts?.includes(only as never)) continue;
    for (const r of e.regions) {
      if (r.atlas !== atlas || r.value === null) continue;
      const key = regionKey(atlas, r.value);
      if (!colours[key]) keys.push(key);
      // A region on two body parts (Brainnetome's A1/2/3ulhf) takes the colour of the part isolated.
      colours[key] =
        only && e.group !== only && e.id !== only ? (map.groups.find((g) => g.id === only)?.color ?? e.color) : e.color;
    }
  }
  return { keys, colours };
}

function applyTopography(get: () => Store): void {
  const { topography, topoAtlas, topoOnly } = get();
  if (!topography || !topoAtlas) return;
  const { keys, colours } = topographyRegions(topography, topoAtlas, topoOnly);
  get().showOnly(keys, colours);
}

/** No topographic map shown: the starting state, and what clearTopography returns to. */
const CLEARED = {
  topoMap: null,
  topography: null,
  topoAtlas: null,
  topoOnly: null,
  minProbability: 0,
  probabilityBusy: false,
} satisfies Partial<TopographySlice>;

export const createTopographySlice: StateCreator<Store, [], [], TopographySlice> = (set, get) => ({
  ...CLEARED,

  async chooseTopography(map) {
    get().clearExplore();
    get().clearTopography();
    if (!map) {
      get().showOnly(null);
      return;
    }
    set({ topoMap: map });
    try {
      const topography = cache.get(map) ?? (await api.getTopography({ map }));
      cache.set(map, topography);
      if (get().topoMap !== map) return;
      set({ topography });
      await get().setTopoAtlas(topographyAtlases(topography)[0]);
    } catch (e) {
      if (get().topoMap === map) set({ error: message(e), topoMap: null });
    }
  },

  async setTopoAtlas(atlas) {
    const map = get().topoMap;
    // Probability maps being drawn were for the atlas shown before.
    probToken++;
    cancelProbabilityMeshing();
    set({ topoAtlas: atlas, topoOnly: null, minProbability: 0, probabilityBusy: false });
    await drawAtlases(get, [atlas]);
    if (get().topoMap !== map || get().topoAtlas !== atlas) return;
    applyTopography(get);
    get().requestCamera(map === 'retinotopy' ? 'posterior' : 'left-lateral');
  },

  setTopoOnly(id) {
    set({ topoOnly: id });
    applyTopography(get);
  },

  async setMinProbability(percent) {
    const token = ++probToken;
    const atlas = get().topoAtlas;
    set({ minProbability: percent });
    const slot = get().layers.findIndex((l) => l?.atlasId === atlas);
    const layer = get().layers[slot];
    if (!atlas || !layer) return;
    const baseKey = layer.key.split('#')[0];
    const base = layerData.get(baseKey);
    if (percent <= 0 || !base || base.kind !== 'labels') {
      cancelProbabilityMeshing();
      set({ probabilityBusy: false });
      if (layer.key !== baseKey) await get().chooseAtlas(slot, atlas);
      return;
    }
    set({ probabilityBusy: true });
    try {
      const grid = await api.getProbabilityGrid({ id: atlas, res: 1, threshold: percent });
      if (token !== probToken) return;
      // Cropping and meshing run in a worker; a newer threshold supersedes this one (null).
      const job = await meshProbability(grid);
      if (!job || token !== probToken || !job.meshed) return;
      const data = probabilityLayer(base, job.meshed, percent);
      layerData.put(data);
      layerData.prune([...get().layers.map((l) => l?.key.split('#')[0] ?? ''), data.key].filter(Boolean));
      set((s) => ({
        layers: s.layers.map((l, i) => (i === slot && l?.atlasId === atlas ? { ...l, key: data.key } : l)),
        sceneVersion: s.sceneVersion + 1,
      }));
    } catch (e) {
      if (token === probToken) set({ error: message(e) });
    } finally {
      if (token === probToken) set({ probabilityBusy: false });
    }
  },

  clearTopography() {
    probToken++;
    cancelProbabilityMeshing();
    set({ ...CLEARED });
  },
});
