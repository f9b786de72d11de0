/**
 * Names as the app shows them in its language (English or Simplified Chinese): atlases by the catalog's Chinese name,
 * networks by core's table (core/atlas/network-atlases.ts). For display only: files, sessions and the CLI keep the
 * English names.
 */
import type { AtlasListing } from '../../../core/api';
import type { AtlasKind } from '../../../core/catalog/types';
import { networkName } from '../../../core/atlas/network-atlases';
import { type NamedRegion, regionNameIn } from '../model/region-names';
import { useStore } from '../store';
import { translate } from './index';
import type { MessageKey } from './en';
import type { Lang } from './lang';

/** An atlas kind's word, as the atlas list and the atlas's facts show it: one word, one translation. */
const ATLAS_KIND_KEY: Record<AtlasKind, MessageKey> = {
  labels: 'kindLabels',
  probabilistic: 'kindProbabilistic',
  coordinates: 'kindCoordinates',
  template: 'kindTemplate',
  surface: 'kindSurface',
};

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

/** regionNameIn in the app's language, with the store's region cards: for the panels that name regions. */
export function useRegionName(): (atlasId: string, region: NamedRegion) => string {
  const lang = useStore((s) => s.lang);
  const cards = useStore((s) => s.regionInfo);
  return (atlasId, region) => regionNameIn(cards, atlasId, region, lang);
}

/** A network's name in the chosen language (core/atlas/network-atlases.ts's networkName): for display only. */
export function useNetworkName(): (name: string) => string {
  const lang = useStore((s) => s.lang);
  return (name) => networkName(name, lang);
}

/** An atlas kind's word in the app's language (ATLAS_KIND_KEY); a kind the table lacks shows as it is. */
export function atlasKindText(kind: string, lang: Lang = 'en'): string {
  const key = ATLAS_KIND_KEY[kind as AtlasKind];
  return key ? translate(lang, key) : kind;
}

/** atlasKindText in the app's language. */
export function useAtlasKind(): (kind: string) => string {
  const lang = useStore((s) => s.lang);
  return (kind) => atlasKindText(kind, lang);
}
