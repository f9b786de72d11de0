/**
 * What is drawn: up to four atlas layers (a cortical and a subcortical atlas; a brain system's three atlases) and
 * the template brain. The
 * layers' meshes and grids live in scene/layer-data.ts; this slice holds their keys, loading state and opacity.
 * A layer being replaced stays on screen until its successor has loaded, so a failure loses nothing.
 */
import type { StateCreator } from 'zustand';
import type { AtlasListing } from '../../../core/api';
import type { AtlasKind } from '../../../core/catalog/types';
import { DEFAULT_MESH_DETAIL, type MeshDetail } from '../../../core/mesh/types';
import { type LabelsLayerData, layerData, templateData } from '../model/layer-data';
import { loadLayer, loadTemplate, templateKey, withMeshDetail } from '../model/load';
import type { Store } from './index';

/**
 * Atlas slots. Brain systems name regions from up to three atlases (visual: AAL3, Brodmann, Julich-Brain) and a
 * tour step may name more; four leaves room for one of the user's own beside a system. Saved sessions and scene
 * files hold up to eight (core/scene): older ones with two slots open unchanged.
 */
export const MAX_LAYERS = 4;
const EMPTY_SLOTS: null[] = Array.from({ length: MAX_LAYERS }, () => null);
export const TEMPLATE_ID = 'mni152';

export interface LayerState {
  atlasId: string;
  name: string;
  kind: 'labels' | 'coordinates';
  /** Key into layerData. */
  key: string;
  variant: string;
  opacity: number;
}

/**
 * Whether an atlas's regions carry the shown maps in 3D (RegionMaps.tsx), rather than the template's surface: when
 * an atlas of labelled regions is drawn solid, its regions are what the eye sees, and they would hide most of a map
 * on the glass brain around them.
 */
export function regionsCarryMaps(s: Pick<SceneSlice, 'layers'>): boolean {
  return s.layers.some((l) => l?.kind === 'labels' && drawnSolid(l));
}

/**
 * Whether the shown maps are drawn over this layer's regions in 3D: a layer of labelled regions drawn solid, a map
 * shown and Maps in 3D on. Its regions' own colours are muted then (LayerView.tsx), so a map's colours are not taken
 * for a region's, and its cut faces show the maps (RegionMaps.tsx).
 */
export function mapsShownOver(
  s: Pick<Store, 'overlay3d' | 'displayOverlays'>,
  layer: Pick<LayerState, 'kind' | 'opacity'> | null | undefined,
): boolean {
  return (
    !!layer && layer.kind === 'labels' && drawnSolid(layer) && s.overlay3d !== 'off' && s.displayOverlays.length > 0
  );
}

/** Whether the shown maps are painted on this layer's regions' outsides (Maps in 3D on surfaces: RegionMaps.tsx). */
export function mapsPaintedOn(
  s: Pick<Store, 'overlay3d' | 'displayOverlays'>,
  layer: Pick<LayerState, 'kind' | 'opacity'> | null | undefined,
): boolean {
  return mapsShownOver(s, layer) && (s.overlay3d === 'both' || s.overlay3d === 'surface');
}

/** Whether a layer's regions are drawn solid (its opacity is full): see-through regions carry no map. */
export function drawnSolid(l: Pick<LayerState, 'opacity'>): boolean {
  return l.opacity >= 0.999;
}

export interface TemplateState {
  status: 'absent' | 'loading' | 'ready' | 'error';
  key: string | null;
  visible: boolean;
  opacity: number;
}

export interface SceneSlice {
  /** Slot 0: the main atlas; slots 1 to MAX_LAYERS - 1: atlases drawn with it. */
  layers: (LayerState | null)[];
  /** Atlas being loaded into each slot. */
  pending: (string | null)[];
  /** Voxel size to prefer (mm); null: the finest each atlas has. */
  preferredRes: number | null;
  /**
   * How dense the labels layers' meshes are: fine (the default: smooth, for the view and figures) splits each quad in
   * four once more (core/mesh/subdivide.ts); standard is as dense as the file, and three times as quick to mesh.
   */
  meshDetail: MeshDetail;
  /**
   * Whether an atlas chosen at fine detail is drawn at standard detail first: in the window, so it shows at once;
   * not on the render page (figure/render-mode.ts), which only shows the finished scene.
   */
  standardFirst: boolean;
  template: TemplateState;
  /**
   * Draws an atlas in a slot: at `res` when given, else the preferred resolution when it is on this computer, else
   * the finest variant on this computer. An atlas not on this computer is downloaded first (download-slice.ts).
   */
  chooseAtlas(slot: number, atlasId: string | null, res?: number): Promise<void>;
  setPreferredRes(res: number | null): void;
  /**
   * Meshes the labels layers and the glass brain again at `detail`; each layer keeps its variant, and shows until its
   * new meshes are in.
   */
  setMeshDetail(detail: MeshDetail): void;
  setLayerOpacity(slot: number, opacity: number): void;
  setTemplateVisible(visible: boolean): void;
  setTemplateOpacity(opacity: number): void;
  loadTemplate(): Promise<void>;
}

/** The finest voxel size among the variants on this computer (undefined when none is). */
export function finestPresentRes(listing: AtlasListing | undefined): number | undefined {
  const present = (listing?.variants ?? []).filter((v) => v.status === 'present').map((v) => v.resolutionMm);
  return present.length ? Math.min(...present) : undefined;
}

/**
 * The resolution of the template brain (3D and slices): 2 mm when 2 mm or coarser is preferred, else 1 mm; the
 * other when that one is not on this computer (the offline starter set has 2 mm only); null when neither is.
 */
export function templateRes(listing: AtlasListing | undefined, preferredRes: number | null): number | null {
  const wanted = preferredRes !== null && preferredRes >= 2 ? 2 : 1;
  const present = (r: number) => listing?.variants.find((v) => v.resolutionMm === r)?.status === 'present';
  if (present(wanted)) return wanted;
  const other = wanted === 2 ? 1 : 2;
  return present(other) ? other : null;
}

/** Atlas kinds the 3D explorer draws. */
export function explorable(kind: AtlasKind): boolean {
  return kind === 'labels' || kind === 'probabilistic' || kind === 'coordinates';
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
let tokens = 0;
const slotToken: number[] = [];
let templateToken = 0;

export const createSceneSlice: StateCreator<Store, [], [], SceneSlice> = (set, get) => {
  /**
   * A labels layer meshed again at `detail` (setMeshDetail): only its meshes are fetched; it shows as it was until
   * they are in, and a later choice for the slot wins.
   */
  const setPending = (slot: number, id: string | null) =>
    set((s) => ({ pending: s.pending.map((p, i) => (i === slot ? id : p)) }));
  /** Lets go of the layer data no slot draws. */
  const pruneLayerData = () => layerData.prune(get().layers.flatMap((l) => (l ? [l.key] : [])));

  const remesh = (slot: number, data: LabelsLayerData, detail: MeshDetail) => {
    const token = ++tokens;
    slotToken[slot] = token;
    setPending(slot, data.atlasId);
    return meshAgain(slot, data, detail, token);
  };

  /** The layer in `slot` (still pending) meshed at `detail`, unless a later choice for the slot (`token`) came first. */
  const meshAgain = async (slot: number, data: LabelsLayerData, detail: MeshDetail, token: number) => {
    try {
      const next = await withMeshDetail(data, detail);
      if (slotToken[slot] !== token) return;
      layerData.put(next);
      set((s) => ({
        layers: s.layers.map((l, i) => (i === slot && l ? { ...l, key: next.key } : l)),
        pending: s.pending.map((p, i) => (i === slot ? null : p)),
        sceneVersion: s.sceneVersion + 1,
      }));
      pruneLayerData();
    } catch (e) {
      if (slotToken[slot] !== token) return;
      setPending(slot, null);
      set({ error: `${data.name}: ${message(e)}` });
    }
  };

  return {
    layers: [...EMPTY_SLOTS],
    pending: [...EMPTY_SLOTS],
    preferredRes: null,
    meshDetail: DEFAULT_MESH_DETAIL,
    standardFirst: true,
    template: { status: 'absent', key: null, visible: true, opacity: 0.18 },

    async chooseAtlas(slot, atlasId, wantedRes) {
      const listing = atlasId ? get().listings?.find((l) => l.id === atlasId) : undefined;
      // A download chooses again when it is done; until then what the slot holds or is loading stays, so a failed
      // or cancelled download loses nothing.
      if (atlasId && listing && listing.status !== 'present' && listing.origin === 'catalog') {
        return get().startDownload(atlasId, slot);
      }
      const token = ++tokens;
      slotToken[slot] = token;
      const old = get().layers[slot];
      if (!atlasId) {
        setPending(slot, null);
        set((s) => ({ layers: s.layers.map((l, i) => (i === slot ? null : l)), sceneVersion: s.sceneVersion + 1 }));
        if (old) get().dropAtlasState(old.atlasId);
        pruneLayerData();
        return;
      }
      const kind = listing?.kind === 'coordinates' ? 'coordinates' : 'labels';
      const pref = get().preferredRes;
      const presentAt = (r: number | null | undefined) =>
        r != null && !!listing?.variants.some((v) => v.resolutionMm === r && v.status === 'present');
      const res = presentAt(wantedRes) ? wantedRes : presentAt(pref) ? (pref as number) : finestPresentRes(listing);
      setPending(slot, atlasId);
      if (slot === 0) set({ busy: { id: atlasId, action: 'opening' }, error: null });
      try {
        // The region table shows the main atlas's facts as soon as they arrive; the 3D view follows when meshed.
        // Fine meshes take about three times as long: the atlas shows at standard detail first, and stays pending
        // until its fine meshes replace those.
        const detail = get().meshDetail;
        const first = kind === 'labels' && detail === 'fine' && get().standardFirst ? 'standard' : detail;
        const data = await loadLayer(atlasId, kind, res, first, (summary) => {
          if (slot === 0 && slotToken[slot] === token) set({ opened: summary });
        });
        if (slotToken[slot] !== token) return;
        const refining = data.kind === 'labels' && first !== detail;
        layerData.put(data);
        const layer: LayerState = {
          atlasId,
          name: data.name,
          kind: data.kind,
          key: data.key,
          variant: data.summary.variant,
          opacity: old?.atlasId === atlasId ? old.opacity : 1,
        };
        set((s) => ({
          // One atlas is drawn once: choosing it here takes it out of the other slot.
          layers: s.layers.map((l, i) => (i === slot ? layer : l?.atlasId === atlasId ? null : l)),
          pending: s.pending.map((p, i) => (i === slot && !refining ? null : p)),
          sceneVersion: s.sceneVersion + 1,
        }));
        if (old && old.atlasId !== atlasId) get().dropAtlasState(old.atlasId);
        pruneLayerData();
        if (refining) void meshAgain(slot, data, detail, token);
      } catch (e) {
        if (slotToken[slot] !== token) return;
        setPending(slot, null);
        set({ error: `${listing?.name ?? atlasId}: ${message(e)}` });
      } finally {
        if (slot === 0 && get().busy?.id === atlasId) set({ busy: null });
      }
    },

    setPreferredRes(res) {
      set({ preferredRes: res });
      void get().loadTemplate();
      get().layers.forEach((l, slot) => {
        if (!l || l.kind === 'coordinates') return;
        const listing = get().listings?.find((x) => x.id === l.atlasId);
        const wanted = res !== null && listing?.variants.some((v) => v.resolutionMm === res) ? res : null;
        const current = listing?.variants.find((v) => v.id === l.variant)?.resolutionMm ?? null;
        const finest = listing ? Math.min(...listing.variants.map((v) => v.resolutionMm)) : null;
        if ((wanted ?? finest) !== current) void get().chooseAtlas(slot, l.atlasId);
      });
    },

    setMeshDetail(detail) {
      if (detail === get().meshDetail) return;
      set({ meshDetail: detail });
      // The glass brain is smoothed as the atlases are.
      void get().loadTemplate();
      get().layers.forEach((l, slot) => {
        if (l?.kind !== 'labels') return;
        const data = layerData.get(l.key);
        // A slot still loading another atlas loads it again, at the new detail.
        const loading = get().pending[slot];
        if (data?.kind === 'labels' && (loading === null || loading === l.atlasId)) void remesh(slot, data, detail);
        else if (loading) void get().chooseAtlas(slot, loading);
        else {
          const listing = get().listings?.find((x) => x.id === l.atlasId);
          void get().chooseAtlas(slot, l.atlasId, listing?.variants.find((v) => v.id === l.variant)?.resolutionMm);
        }
      });
    },

    setLayerOpacity(slot, opacity) {
      set((s) => ({
        layers: s.layers.map((l, i) => (i === slot && l ? { ...l, opacity } : l)),
        sceneVersion: s.sceneVersion + 1,
      }));
    },
    setTemplateVisible(visible) {
      set((s) => ({ template: { ...s.template, visible }, sceneVersion: s.sceneVersion + 1 }));
    },
    setTemplateOpacity(opacity) {
      set((s) => ({ template: { ...s.template, opacity }, sceneVersion: s.sceneVersion + 1 }));
    },

    async loadTemplate() {
      const listing = get().listings?.find((l) => l.id === TEMPLATE_ID);
      if (listing?.status !== 'present') {
        set((s) => ({ template: { ...s.template, status: 'absent' } }));
        return;
      }
      const res = templateRes(listing, get().preferredRes);
      if (res === null) {
        set((s) => ({ template: { ...s.template, status: 'absent' } }));
        return;
      }
      const token = ++templateToken;
      const detail = get().meshDetail;
      if (get().template.key === templateKey(TEMPLATE_ID, res, detail)) {
        set((s) => ({ template: { ...s.template, status: 'ready' } }));
        return;
      }
      set((s) => ({ template: { ...s.template, status: 'loading' } }));
      try {
        const data = await loadTemplate(TEMPLATE_ID, res, detail, templateData.get(get().template.key));
        if (token !== templateToken) return;
        templateData.put(data);
        set((s) => ({ template: { ...s.template, status: 'ready', key: data.key }, sceneVersion: s.sceneVersion + 1 }));
      } catch (e) {
        if (token !== templateToken) return;
        // The glass brain is context only: say so quietly, keep everything else working.
        console.warn(`template brain: ${message(e)}`);
        set((s) => ({ template: { ...s.template, status: s.template.key ? 'ready' : 'error' } }));
      }
    },
  };
};
