/**
 * What the Export figure dialog asks for: a scene file's figure part (core/scene/scene-file.ts), so a saved scene
 * exports the same figure again. The defaults are a new scene's.
 */
import { type SceneFigure, type SceneFigureFormat, defaultScene } from '../../../core/scene/scene-file';

export type FigureOptions = SceneFigure;
export type FigureFormat = SceneFigureFormat;

export const DEFAULT_FIGURE: FigureOptions = defaultScene().figure;

/** Smallest and largest side an export may have (as a scene file allows). */
export const MIN_FIGURE_SIDE = 16;
export const MAX_FIGURE_SIDE = 16_384;
