/** What is under the pointer and what is selected. Set from pointer events, never from inside a frame. */
import type { StateCreator } from 'zustand';
import type { Vec3 } from '../../../core/api';
import type { Store } from './index';

/** A shown map's value at the surface vertex under the pointer (null: the map has none there). */
export interface MapValueAt {
  dataKey: string;
  value: number | null;
}

export interface HoverInfo {
  /** Region key `atlasId:value`. */
  key: string;
  atlasId: string;
  value: number;
  /** Pointer position in CSS px relative to the 3D view. */
  x: number;
  y: number;
  /** On the cortical surface: every shown map's value at the vertex under the pointer, top map first. */
  mapValues?: MapValueAt[];
}

export interface PickSlice {
  hovered: HoverInfo | null;
  /** MNI mm under the pointer: on a region, else on the template brain; null off the brain. */
  pointerMni: Vec3 | null;
  selected: string | null;
  setPointer(hovered: HoverInfo | null, mni: Vec3 | null): void;
  select(key: string | null): void;
}

export const createPickSlice: StateCreator<Store, [], [], PickSlice> = (set, get) => ({
  hovered: null,
  pointerMni: null,
  selected: null,
  setPointer(hovered, pointerMni) {
    const s = get();
    const changed = (s.hovered?.key ?? null) !== (hovered?.key ?? null);
    if (!changed && !hovered && !pointerMni && !s.pointerMni) return;
    set({ hovered, pointerMni, ...(changed ? { sceneVersion: s.sceneVersion + 1 } : {}) });
  },
  select(selected) {
    if (selected === get().selected) return;
    set((s) => ({ selected, sceneVersion: s.sceneVersion + 1 }));
  },
});
