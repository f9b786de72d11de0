/**
 * The types of the topographic maps (topography.ts): groups, entries and the regions they name. Kept apart from
 * the data (retinotopy.ts, somatotopy.ts, tonotopy.ts) so that those import types without a cycle. Pure.
 */
import type { Rgb } from '../io/labels/types';

export const TOPOGRAPHY_MAPS = ['retinotopy', 'somatotopy', 'tonotopy'] as const;
export type TopographyMapId = (typeof TOPOGRAPHY_MAPS)[number];

export const isTopographyMap = (id: string): id is TopographyMapId =>
  (TOPOGRAPHY_MAPS as readonly string[]).includes(id);

export interface Bilingual {
  en: string;
  zh: string;
}

export type VisualField = 'upper' | 'lower' | 'both';
export type BodyPart = 'lower-limb' | 'trunk' | 'upper-limb' | 'head-face' | 'tongue-larynx';
export type AuditoryRole = 'core' | 'belt' | 'parabelt';

export interface TopographyGroup {
  id: string;
  label: Bilingual;
  color: Rgb;
}

export interface TopographyRegionRef {
  atlas: string;
  name: string;
}

export interface TopographyEntry {
  id: string;
  label: Bilingual;
  /** The id of the group it is drawn and listed under. */
  group: string;
  color: Rgb;
  regions: TopographyRegionRef[];
  /** Retinotopy: the part of the visual field the area represents. */
  field?: VisualField;
  /** Retinotopy: the step in the visual hierarchy (1 V1, 2 V2, 3 V3, 4 hV4/V3A/V3B/LO1, …), for ordering. */
  level?: number;
  /** Retinotopy: 'early', 'ventral', 'lateral' or 'dorsal'. */
  stream?: 'early' | 'ventral' | 'lateral' | 'dorsal';
  /** Somatotopy: the body parts the region represents, medial to lateral. */
  bodyParts?: BodyPart[];
  /** Somatotopy: the strip the region lies on. */
  strip?: 'motor' | 'sensory';
  /** Tonotopy: the region's place in the auditory hierarchy. */
  role?: AuditoryRole;
  /** Why the entry is classed as it is, or what it leaves out (the source it follows). */
  note: Bilingual;
}

export interface TopographyDefinition {
  map: TopographyMapId;
  title: Bilingual;
  /** What the map shows and how to read its order. */
  description: Bilingual;
  citation: string;
  groups: TopographyGroup[];
  entries: TopographyEntry[];
}

export interface ResolvedTopographyRegion extends TopographyRegionRef {
  /** The label value in that atlas, or null where the atlas could not be read. */
  value: number | null;
}

export interface TopographyMap extends Omit<TopographyDefinition, 'entries'> {
  entries: (Omit<TopographyEntry, 'regions'> & { regions: ResolvedTopographyRegion[] })[];
}
