/** Which atlases the region browser, "What's here" and the overlap section look at. */
import type { AtlasListing } from '../../../core/api';
import type { LayerState } from '../store/scene-slice';

/** Common labels atlases consulted beside the open ones, when present on this machine. */
export const COMMON_ATLASES = ['aal3', 'brodmann', 'yeo-7', 'harvard-oxford-cortical'];

/** The open labels atlases (3D view), then the common present labels atlases, without repeats. */
export function lookupAtlases(
  layers: readonly (LayerState | null)[],
  listings: readonly AtlasListing[] | null,
): string[] {
  const out: string[] = [];
  for (const l of layers) if (l && l.kind === 'labels' && !out.includes(l.atlasId)) out.push(l.atlasId);
  for (const id of COMMON_ATLASES) {
    const listing = listings?.find((x) => x.id === id);
    if (listing && listing.kind === 'labels' && listing.status === 'present' && !out.includes(id)) out.push(id);
  }
  return out;
}
