/**
 * Which atlases the region browser, "What's here" and the overlap section look at, and atlases' names as the panels
 * show them (in the app's language).
 */
import type { AtlasListing } from '../../../core/api';
import type { Lang } from '../i18n/lang';
import { useStore } from '../store';
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

/**
 * An atlas's name for display in `lang`: the catalog's Chinese name when the app speaks Chinese and there is one,
 * else its name; `fallback` (else the id) for an atlas not listed.
 */
export function atlasName(
  listings: readonly AtlasListing[] | null,
  id: string,
  lang: Lang = 'en',
  fallback?: string,
): string {
  const listing = listings?.find((x) => x.id === id);
  return (lang === 'zh' ? listing?.nameZh : undefined) ?? listing?.name ?? fallback ?? id;
}

/** atlasName in the app's language, from the store's listings. */
export function useAtlasName(): (id: string, fallback?: string) => string {
  const lang = useStore((s) => s.lang);
  const listings = useStore((s) => s.listings);
  return (id, fallback) => atlasName(listings, id, lang, fallback);
}
