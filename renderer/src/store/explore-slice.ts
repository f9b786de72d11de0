/**
 * The Brain systems and Networks panels: which system or network atlas is shown, and how. Showing one draws the
 * atlases it needs (draw-atlases.ts), then shows only its regions (view-slice showOnly) with their colours and, for
 * a system, on-screen labels and its camera preset. Choosing one clears what the other panels had set.
 */
import type { StateCreator } from 'zustand';
import type { AtlasNetworks, BrainSystemListing } from '../../../core/api';
import type { Rgb } from '../../../core/io/labels/types';
import { api } from '../api';
import { regionKey } from '../model/layer-data';
import { atlasesByCount, drawAtlases } from './draw-atlases';
import type { Store } from './index';
import { MAX_LAYERS } from './scene-slice';

export interface ExploreSlice {
  systems: BrainSystemListing[] | null;
  activeSystem: string | null;
  /** Atlases of the active system not drawn, for want of layers. */
  systemSkipped: string[];
  /** Keys of the regions named in the 3D view (RegionLabels names them in the app's language, as it is now). */
  regionLabels: string[];
  networkAtlas: string | null;
  networks: AtlasNetworks | null;
  /** Networks shown; null: all. */
  shownNetworks: string[] | null;
  loadSystems(): Promise<void>;
  showSystem(id: string | null): Promise<void>;
  chooseNetworkAtlas(id: string | null): Promise<void>;
  setNetworkShown(network: string, shown: boolean): void;
  onlyNetwork(network: string): void;
  showAllNetworks(): void;
  /** Forgets the active system, network atlas and labels (another panel took over the view). */
  clearExplore(): void;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

function applyNetworks(get: () => Store): void {
  const { networks, shownNetworks, networkAtlas } = get();
  if (!networks || !networkAtlas) return;
  const colours: Record<string, Rgb> = {};
  for (const n of networks.networks) for (const r of n.regions) colours[regionKey(networkAtlas, r.value)] = n.color;
  const keys = shownNetworks
    ? networks.networks
        .filter((n) => shownNetworks.includes(n.network))
        .flatMap((n) => n.regions.map((r) => regionKey(networkAtlas, r.value)))
    : null;
  get().showOnly(keys, colours);
}

/** What nothing chosen looks like: the starting state, and what clearExplore returns to. */
const CLEARED = {
  activeSystem: null,
  systemSkipped: [],
  regionLabels: [],
  networkAtlas: null,
  networks: null,
  shownNetworks: null,
} satisfies Partial<ExploreSlice>;

export const createExploreSlice: StateCreator<Store, [], [], ExploreSlice> = (set, get) => ({
  systems: null,
  ...CLEARED,

  async loadSystems() {
    if (get().systems) return;
    try {
      set({ systems: await api.listBrainSystems() });
    } catch (e) {
      set({ error: message(e) });
    }
  },

  async showSystem(id) {
    const system = get().systems?.find((s) => s.id === id);
    get().clearExplore();
    get().clearTopography();
    if (!system) {
      get().showOnly(null);
      return;
    }
    const atlases = atlasesByCount(system.regions);
    const drawn = atlases.slice(0, MAX_LAYERS);
    set({ activeSystem: system.id, systemSkipped: atlases.slice(MAX_LAYERS) });
    await drawAtlases(get, drawn);
    if (get().activeSystem !== system.id) return;
    const regions = system.regions.filter((r) => r.value !== null && drawn.includes(r.atlas));
    const keys = regions.map((r) => regionKey(r.atlas, r.value as number));
    get().showOnly(keys);
    set((s) => ({ regionLabels: keys, sceneVersion: s.sceneVersion + 1 }));
    get().requestCamera(system.camera);
  },

  async chooseNetworkAtlas(id) {
    get().clearExplore();
    get().clearTopography();
    if (!id) {
      get().showOnly(null);
      return;
    }
    set({ networkAtlas: id });
    try {
      const [networks] = await Promise.all([api.listNetworks({ id }), drawAtlases(get, [id])]);
      if (get().networkAtlas !== id) return;
      set({ networks });
      applyNetworks(get);
    } catch (e) {
      if (get().networkAtlas === id) set({ error: message(e), networkAtlas: null });
    }
  },

  setNetworkShown(network, shown) {
    const all = get().networks?.networks.map((n) => n.network) ?? [];
    const now = get().shownNetworks ?? all;
    const next = shown ? [...new Set([...now, network])] : now.filter((n) => n !== network);
    set({ shownNetworks: next.length === all.length ? null : next });
    applyNetworks(get);
  },

  onlyNetwork(network) {
    set({ shownNetworks: [network] });
    applyNetworks(get);
  },

  showAllNetworks() {
    set({ shownNetworks: null });
    applyNetworks(get);
  },

  clearExplore() {
    set({ ...CLEARED });
  },
});
