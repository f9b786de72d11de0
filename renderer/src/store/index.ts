/** The renderer's state: small slices combined into one zustand store; components select narrowly. */
import { create } from 'zustand';
import { type AtlasSlice, createAtlasSlice } from './atlas-slice';
import { type BrowserSlice, createBrowserSlice } from './browser-slice';
import { type DisplaySlice, createDisplaySlice } from './display-slice';
import { type DownloadSlice, createDownloadSlice } from './download-slice';
import { type ExploreSlice, createExploreSlice } from './explore-slice';
import { type FigureSlice, createFigureSlice } from './figure-slice';
import { type OverlaySlice, createOverlaySlice } from './overlay-slice';
import { type PickSlice, createPickSlice } from './pick-slice';
import { type SceneSlice, createSceneSlice } from './scene-slice';
import { type SurfaceSlice, createSurfaceSlice } from './surface-slice';
import { type QuizSlice, createQuizSlice } from './quiz-slice';
import { type LectureSlice, createLectureSlice } from './lecture-slice';
import { type TopographySlice, createTopographySlice } from './topography-slice';
import { type UiSlice, createUiSlice } from './ui-slice';
import { type ViewSlice, createViewSlice } from './view-slice';

export type Store = AtlasSlice &
  UiSlice &
  SceneSlice &
  ViewSlice &
  PickSlice &
  BrowserSlice &
  DisplaySlice &
  OverlaySlice &
  DownloadSlice &
  ExploreSlice &
  FigureSlice &
  TopographySlice &
  SurfaceSlice &
  QuizSlice &
  LectureSlice;

export const useStore = create<Store>()((...a) => ({
  ...createAtlasSlice(...a),
  ...createUiSlice(...a),
  ...createSceneSlice(...a),
  ...createViewSlice(...a),
  ...createPickSlice(...a),
  ...createBrowserSlice(...a),
  ...createDisplaySlice(...a),
  ...createOverlaySlice(...a),
  ...createDownloadSlice(...a),
  ...createExploreSlice(...a),
  ...createFigureSlice(...a),
  ...createTopographySlice(...a),
  ...createSurfaceSlice(...a),
  ...createQuizSlice(...a),
  ...createLectureSlice(...a),
}));
