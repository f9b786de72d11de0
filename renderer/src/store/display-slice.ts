/** What the views draw on top of the atlas: the visible statistical-map overlays, bottom to top. */
import type { StateCreator } from 'zustand';
import type { DisplayOverlay } from '../model/display-overlay';
import type { Store } from './index';

export interface DisplaySlice {
  displayOverlays: DisplayOverlay[];
  setDisplayOverlays(list: DisplayOverlay[]): void;
}

export const createDisplaySlice: StateCreator<Store, [], [], DisplaySlice> = (set) => ({
  displayOverlays: [],
  setDisplayOverlays: (displayOverlays) => set((s) => ({ displayOverlays, sceneVersion: s.sceneVersion + 1 })),
});
