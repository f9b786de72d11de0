/**
 * The display grids of the open overlays (a map resampled onto the template grid: 29 MB at 1 mm), kept outside
 * the zustand store as scene/layer-data.ts keeps meshes: the store holds each overlay's `dataKey`, and the
 * DisplayOverlay objects reference these arrays. Immutable once registered.
 */
import { keyedRegistry } from './layer-data';
import type { OverlayGrid } from './overlay-settings';

/** Grids by `dataKey`; prune drops those no overlay uses any more (overlays close or change frame). */
export const overlayGrids = keyedRegistry<OverlayGrid>((g) => g.dataKey);
