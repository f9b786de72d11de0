/**
 * The display grids of the open overlays (a map resampled onto the template grid: 29 MB at 1 mm), kept outside
 * the zustand store as scene/layer-data.ts keeps meshes: the store holds each overlay's `dataKey`, and the
 * DisplayOverlay objects reference these arrays. Immutable once registered.
 */
import type { OverlayGrid } from './overlay-settings';

const grids = new Map<string, OverlayGrid>();

export const overlayGrids = {
  get: (key: string | null | undefined): OverlayGrid | undefined => (key ? grids.get(key) : undefined),
  put: (g: OverlayGrid) => void grids.set(g.dataKey, g),
  /** Drops every grid whose key is not in `keep` (called when overlays close or change frame). */
  prune(keep: Iterable<string>) {
    const k = new Set(keep);
    for (const key of [...grids.keys()]) if (!k.has(key)) grids.delete(key);
  },
};
