/**
 * Topographic maps for teaching: retinotopy (Wang 2015 visual field maps), somatotopy (Brainnetome body-part
 * subdivisions of the motor and sensory strips, Julich cytoarchitecture) and tonotopy (auditory core, belt and
 * parabelt). Each map is a legend: ordered groups (upper / lower / both fields; body parts from medial to
 * lateral; core / belt / parabelt) and entries that name exact regions of catalog atlases. The data live in
 * retinotopy.ts, somatotopy.ts and tonotopy.ts; resolveTopography() adds the regions' label values. Pure.
 */
import type { Rgb } from '../io/labels/types';
import { RETINOTOPY } from './retinotopy';
import { SOMATOTOPY } from './somatotopy';
import { TONOTOPY } from './tonotopy';
import type { TopographyDefinition, TopographyMap, TopographyMapId } from './topography-types';

export * from './topography-types';

export const TOPOGRAPHY: Record<TopographyMapId, TopographyDefinition> = {
  retinotopy: RETINOTOPY,
  somatotopy: SOMATOTOPY,
  tonotopy: TONOTOPY,
};

/** Every region a topography names, as atlas id → names. */
export function topographyRegionNames(def: TopographyDefinition): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const e of def.entries) {
    for (const r of e.regions) {
      const list = out.get(r.atlas) ?? [];
      if (!list.includes(r.name)) list.push(r.name);
      out.set(r.atlas, list);
    }
  }
  return out;
}

/**
 * The map with each region's label value, looked up in `valuesOf(atlasId)` (name → value; null when the atlas is
 * not available). A name the atlas lacks gets value null.
 */
export function resolveTopography(
  def: TopographyDefinition,
  valuesOf: (atlasId: string) => Map<string, number> | null,
): TopographyMap {
  return {
    ...def,
    groups: def.groups.map((g) => ({ ...g, color: [...g.color] as Rgb })),
    entries: def.entries.map((e) => ({
      ...e,
      regions: e.regions.map((r) => ({ ...r, value: valuesOf(r.atlas)?.get(r.name) ?? null })),
    })),
  };
}
