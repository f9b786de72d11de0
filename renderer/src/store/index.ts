/** The renderer's state: small slices combined into one zustand store; components select narrowly. */
import { create } from 'zustand';
import { type AtlasSlice, createAtlasSlice } from './atlas-slice';
import { type UiSlice, createUiSlice } from './ui-slice';

export type Store = AtlasSlice & UiSlice;

export const useStore = create<Store>()((...a) => ({
  ...createAtlasSlice(...a),
  ...createUiSlice(...a),
}));
