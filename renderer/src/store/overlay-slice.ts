/**
 * Statistical-map overlays: the open maps (MapInfo from the engine) with their settings, in drawing order (bottom
 * first), and which one the cluster report follows. Each map's display grid is fetched per frame
 * (api.getMapDisplay) into scene/overlay-data.ts; `displayOverlays` (display-slice.ts) is kept in step: the
 * visible overlays with a grid, bottom to top. A failure (bad file, lost map) says so in the app's alert and
 * changes nothing else.
 */
import type { StateCreator } from 'zustand';
import { mat4 } from '../../../core/affine';
import type { MapInfo } from '../../../core/api/map-api';
import { decodeMapDisplay } from '../../../core/maps/map-display';
import { DEFAULT_OVERLAY_3D_MODE, type Overlay3dMode, type SavedOverlay } from '../../../core/scene/session';
import { api } from '../api';
import type { DisplayOverlay } from '../model/display-overlay';
import { overlayGrids } from '../model/overlay-data';
import { type OverlaySettings, defaultSettings, patchSettings, toDisplayOverlay } from '../model/overlay-settings';
import type { Store } from './index';

export interface OverlayState {
  mapId: string;
  info: MapInfo;
  settings: OverlaySettings;
  /** Key of the loaded display grid (overlay-data.ts); null until the first one arrives. */
  dataKey: string | null;
  /** A display grid (or a frame) is on its way. */
  loading: boolean;
}

/** Something that holds a file's name and bytes (a DOM File, or a test's stand-in). */
export interface MapFile {
  name: string;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export interface OverlaySlice {
  /** Bottom to top. */
  overlays: OverlayState[];
  activeOverlay: string | null;
  /** Name of a file being read and opened. */
  openingMap: string | null;
  overlay3d: Overlay3dMode;
  openMapFile(file: MapFile): Promise<void>;
  /** Brings the list in step with the engine's: maps the main process opened (command line, File menu) are
   *  added, maps closed there removed. */
  syncOpenMaps(): Promise<void>;
  /**
   * After a reload: lists the engine's maps (it kept them open) and gives each one the session saved (same id and
   * sha256) its settings back, in the saved drawing order (maps the session does not name stay on top), the report
   * on the saved map when it is open.
   */
  restoreOverlays(saved: readonly SavedOverlay[], active: string | null): Promise<void>;
  closeOverlay(mapId: string): Promise<void>;
  /** +1 moves it up (drawn later, over the others), -1 down. */
  moveOverlay(mapId: string, delta: 1 | -1): void;
  setOverlaySettings(mapId: string, patch: Partial<OverlaySettings>): void;
  setActiveOverlay(mapId: string): void;
  setOverlayFrame(mapId: string, frame: number): Promise<void>;
  setOverlay3d(mode: Overlay3dMode): void;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
const displayToken = new Map<string, number>();
let tokens = 0;
/** Last DisplayOverlay per map, reused while its settings and grid are the same objects (views compare identity). */
const displayCache = new Map<string, { settings: OverlaySettings; dataKey: string; value: DisplayOverlay }>();

/** The visible overlays with a grid, bottom to top, reusing unchanged DisplayOverlay objects. */
export function displayList(overlays: readonly OverlayState[]): DisplayOverlay[] {
  const out: DisplayOverlay[] = [];
  for (const o of overlays) {
    const grid = overlayGrids.get(o.dataKey);
    if (!o.settings.visible || !grid) continue;
    const hit = displayCache.get(o.mapId);
    if (hit && hit.settings === o.settings && hit.dataKey === grid.dataKey) {
      out.push(hit.value);
      continue;
    }
    const value = toDisplayOverlay(o.settings, grid);
    displayCache.set(o.mapId, { settings: o.settings, dataKey: grid.dataKey, value });
    out.push(value);
  }
  return out;
}

export const createOverlaySlice: StateCreator<Store, [], [], OverlaySlice> = (set, get) => {
  /** Writes the overlays and brings displayOverlays (and the grids kept) in step. */
  const commit = (overlays: OverlayState[], extra: Partial<Store> = {}) => {
    set({ overlays, ...extra });
    const list = displayList(overlays);
    const prev = get().displayOverlays;
    if (list.length !== prev.length || list.some((d, i) => d !== prev[i])) get().setDisplayOverlays(list);
    else set((s) => ({ sceneVersion: s.sceneVersion + 1 }));
    overlayGrids.prune(overlays.map((o) => o.dataKey).filter((k): k is string => !!k));
    for (const id of [...displayCache.keys()]) if (!overlays.some((o) => o.mapId === id)) displayCache.delete(id);
  };
  const update = (mapId: string, f: (o: OverlayState) => OverlayState) => {
    commit(get().overlays.map((o) => (o.mapId === mapId ? f(o) : o)));
  };

  /** Fetches the display grid of the map's current frame; a newer request for the same map wins. */
  const loadDisplay = async (mapId: string) => {
    const token = ++tokens;
    displayToken.set(mapId, token);
    update(mapId, (o) => ({ ...o, loading: true }));
    try {
      const d = decodeMapDisplay(await api.getMapDisplay({ mapId }));
      if (displayToken.get(mapId) !== token || !get().overlays.some((o) => o.mapId === mapId)) return;
      const dataKey = `${mapId}#${d.frame}`;
      overlayGrids.put({ dataKey, dims: d.dims, affine: mat4(d.affine), values: d.values });
      update(mapId, (o) => ({ ...o, dataKey, loading: false }));
    } catch (e) {
      if (displayToken.get(mapId) !== token) return;
      update(mapId, (o) => ({ ...o, loading: false }));
      const name = get().overlays.find((o) => o.mapId === mapId)?.info.name ?? mapId;
      set({ error: `${name}: ${message(e)}` });
    }
  };

  const add = (info: MapInfo) => {
    if (get().overlays.some((o) => o.mapId === info.mapId)) return;
    const o: OverlayState = { mapId: info.mapId, info, settings: defaultSettings(info), dataKey: null, loading: true };
    commit([...get().overlays, o], { activeOverlay: info.mapId });
    void loadDisplay(info.mapId);
  };

  return {
    overlays: [],
    activeOverlay: null,
    openingMap: null,
    overlay3d: DEFAULT_OVERLAY_3D_MODE,

    async openMapFile(file) {
      set({ openingMap: file.name });
      try {
        const bytes = await file.arrayBuffer();
        const info = await api.openMap({ name: file.name, bytes });
        set({ error: null });
        add(info);
      } catch (e) {
        // The message names the file; everything already open stays as it is.
        const text = message(e);
        set({ error: text.includes(file.name) ? text : `${file.name}: ${text}` });
      } finally {
        set({ openingMap: null });
      }
    },

    async syncOpenMaps() {
      const known = get().overlays.map((o) => o.mapId);
      try {
        const maps = await api.listMaps();
        for (const info of maps) add(info);
        // Maps closed outside the renderer go too (only those known before asking: one opened meanwhile stays).
        const gone = known.filter((id) => !maps.some((m) => m.mapId === id));
        if (gone.length > 0) {
          const rest = get().overlays.filter((o) => !gone.includes(o.mapId));
          const active = get().activeOverlay;
          commit(rest, {
            activeOverlay: active && gone.includes(active) ? (rest[rest.length - 1]?.mapId ?? null) : active,
          });
        }
      } catch (e) {
        console.warn(`open maps: ${message(e)}`);
      }
    },

    async restoreOverlays(saved, active) {
      await get().syncOpenMaps();
      const savedOf = (o: OverlayState) => saved.find((m) => m.mapId === o.mapId && m.sha256 === o.info.sha256);
      const now = get().overlays;
      const restored = saved.flatMap((m) => {
        const o = now.find((x) => savedOf(x) === m);
        return o ? [{ ...o, settings: patchSettings(o.settings, m.settings) }] : [];
      });
      if (restored.length === 0) return;
      const others = now.filter((o) => !savedOf(o));
      const activeOverlay = restored.some((o) => o.mapId === active) ? active : get().activeOverlay;
      commit([...restored, ...others], { activeOverlay });
    },

    async closeOverlay(mapId) {
      displayToken.delete(mapId);
      const rest = get().overlays.filter((o) => o.mapId !== mapId);
      const active = get().activeOverlay === mapId ? (rest[rest.length - 1]?.mapId ?? null) : get().activeOverlay;
      commit(rest, { activeOverlay: active });
      try {
        await api.closeMap({ mapId });
      } catch (e) {
        console.warn(`close map: ${message(e)}`);
      }
    },

    moveOverlay(mapId, delta) {
      const list = [...get().overlays];
      const i = list.findIndex((o) => o.mapId === mapId);
      const j = i + delta;
      if (i < 0 || j < 0 || j >= list.length) return;
      [list[i], list[j]] = [list[j], list[i]];
      commit(list);
    },

    setOverlaySettings(mapId, patch) {
      update(mapId, (o) => ({ ...o, settings: patchSettings(o.settings, patch) }));
    },

    setActiveOverlay(mapId) {
      set({ activeOverlay: mapId });
    },

    async setOverlayFrame(mapId, frame) {
      const o = get().overlays.find((x) => x.mapId === mapId);
      if (!o || o.info.frame === frame) return;
      update(mapId, (x) => ({ ...x, loading: true }));
      try {
        const info = await api.setMapFrame({ mapId, frame });
        update(mapId, (x) => ({ ...x, info }));
        await loadDisplay(mapId);
      } catch (e) {
        update(mapId, (x) => ({ ...x, loading: false }));
        set({ error: `${o.info.name}: ${message(e)}` });
      }
    },

    setOverlay3d(overlay3d) {
      set((s) => ({ overlay3d, sceneVersion: s.sceneVersion + 1 }));
    },
  };
};
