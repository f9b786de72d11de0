/**
 * Region browser state: the region cards (loaded once), and the cursor: an MNI point typed into the coordinate box
 * (or null, then "What's here" follows the pointer position the 3D view reports).
 */
import type { StateCreator } from 'zustand';
import type { Vec3 } from '../../../core/api';
import type { RegionInfoEntry } from '../../../core/region-info';
import { api } from '../api';
import type { Store } from './index';

export interface BrowserSlice {
  regionInfo: RegionInfoEntry[] | null;
  cursor: Vec3 | null;
  loadRegionInfo(): Promise<void>;
  setCursor(p: Vec3 | null): void;
}

let requested = false;

export const createBrowserSlice: StateCreator<Store, [], [], BrowserSlice> = (set) => ({
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
    set((s) => ({ cursor, sceneVersion: s.sceneVersion + 1 }));
  },
});
