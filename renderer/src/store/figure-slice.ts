/**
 * Figure export settings (the Export figure dialog's fields, also saved in scene files), whether the dialog is
 * open, and what the last opened scene file could not show. The export itself runs in figure/export-figure.ts.
 */
import type { StateCreator } from 'zustand';
import { DEFAULT_FIGURE, type FigureOptions } from '../figure/figure-options';
import type { Store } from './index';

export interface FigureSlice {
  figureOpen: boolean;
  figure: FigureOptions;
  /** What the last opened scene could not show (or why it did not open); null when nothing to say. */
  sceneNote: string | null;
  setSceneNote(note: string | null): void;
  setFigureOpen(open: boolean): void;
  setFigureOptions(patch: Partial<FigureOptions>): void;
}

export const createFigureSlice: StateCreator<Store, [], [], FigureSlice> = (set) => ({
  figureOpen: false,
  figure: DEFAULT_FIGURE,
  sceneNote: null,
  setSceneNote: (sceneNote) => set({ sceneNote }),
  setFigureOpen: (figureOpen) => set({ figureOpen }),
  setFigureOptions: (patch) => set((s) => ({ figure: { ...s.figure, ...patch } })),
});
