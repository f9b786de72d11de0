/** Region names in the app's language, for figures (labels, legends) and the 3D view. */
import { type RegionInfoEntry, infoForRegion } from '../../../core/atlas/region-info';
import { hemisphereFromName } from '../../../core/atlas/hemisphere';
import type { Hemisphere } from '../../../core/io/labels/types';
import { networkName, yeo7Network } from '../../../core/atlas/network-atlases';

/** A region to name: its atlas's name for it, and its hemisphere where known (else read from the name: "_L"). */
export interface NamedRegion {
  name: string;
  hemisphere?: Hemisphere | null;
}

/**
 * A region's name as figures, panels and the 3D view show it: a Yeo 7 region by its network's name (yeo7Network);
 * in Chinese the region card's name, with 左侧 / 右侧 before it for a region of one hemisphere (the cards name both
 * hemispheres' regions alike); else the atlas's own name.
 */
export function regionNameIn(
  cards: readonly RegionInfoEntry[] | null,
  atlasId: string,
  r: NamedRegion,
  lang: 'en' | 'zh',
): string {
  const network = yeo7Network(atlasId, r.name);
  if (network) return networkName(network.name, lang);
  if (lang !== 'zh') return r.name;
  const card = infoForRegion(cards ?? [], atlasId, r.name).find((e) => e.kind !== 'network');
  if (!card) return r.name;
  const hemisphere = r.hemisphere === undefined ? hemisphereFromName(r.name) : r.hemisphere;
  const side = hemisphere === 'left' ? '左侧' : hemisphere === 'right' ? '右侧' : '';
  return /^[左右]/.test(card.zh.name) ? card.zh.name : `${side}${card.zh.name}`;
}
