/**
 * Region browser state: the region cards (loaded once), and the cursor: the MNI point the slices show, set by a
 * typed coordinate, a click in a view or a region chosen from a list (null: the slices' default point). "What's
 * here" follows the pointer while it is over a view, else the cursor: whichever moved last.
 */
import type { StateCreator } from 'zustand';
import type { Vec3 } from '../../../core/api';
import type { RegionInfoEntry } from '../../../core/atlas/region-info';
import { api } from '../api';
import { findRegion } from '../model/layer-data';
import { regionPoint } from '../model/region-point';
import type { Store } from './index';

export interface BrowserSlice {
  regionInfo: RegionInfoEntry[] | null;
  cursor: Vec3 | null;
  loadRegionInfo(): Promise<void>;
  setCursor(p: Vec3 | null): void;
  /** Selects a region chosen from a list and moves the cursor into it, so the slices show it too. */
  showRegion(key: string): void;
}

let requested = false;

export const createBrowserSlice: StateCreator<Store, [], [], BrowserSlice> = (set, get) => ({
  regionInfo: null,
  cursor: null,
  async loadRegionInfo() {
    if (requested) return;
    requested = true;
    try {
      set({ regionInfo: await api.getRegionInfo() });
    } catch (e) {
      // Cards are extra facts: without them the browser still searches names.
      console.warn(`region cards: ${e instanceof Error ? e.message : String(e)}`);
      set({ regionInfo: [] });
    }
  },
  setCursor(cursor) {
    // The pointer's last position gives way: until it moves again, "What's here" answers for the cursor.
    set((s) => ({ cursor, pointerMni: null, sceneVersion: s.sceneVersion + 1 }));
  },
  showRegion(key) {
    const s = get();
    s.select(key);
    const found = findRegion(s.layers, key);
    if (found) s.setCursor(regionPoint(found.data, found.region));
  },
});
