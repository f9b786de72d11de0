/**
 * The tours that ship with the app, built from what the app already holds (atlases/brain-systems.json and the region
 * cards of atlases/region-info.json), so they say exactly what the panels and cards say, in both languages:
 * one per brain system of the course (an overview, then its regions card by card), "Topographic maps" (retinotopy,
 * tonotopy, and the motor and somatosensory strips) and "Brodmann areas and what they do" (the classic list).
 */
import { type RegionInfoEntry, infoForRegion, regionNamesFor } from '../atlas/region-info';
import type { TopographyMapId } from '../atlas/topography-types';
import type { SceneCameraView } from '../scene/scene-file';
import { type Bilingual, TOUR_FORMAT, TOUR_VERSION, type Tour, type TourRegion, type TourStep } from './tour';

/** What a tour needs of a brain system (BrainSystemListing and the brain-systems file both fit). */
export interface TourSystem {
  id: string;
  name: string;
  name_zh: string;
  caption: Bilingual;
  citation: string;
  camera: SceneCameraView;
  regions: { atlas: string; name: string }[];
}

/** "Precentral_L" and "Precentral_R" → "Precentral": how regions without a card pair up. */
const sideless = (name: string) => name.replace(/([_ ](L|R|left|right|lh|rh))$/i, '');

/** A system's tour: its overview, then one step per region card (left and right together) in the system's order. */
export function systemTour(system: TourSystem, info: readonly RegionInfoEntry[]): Tour {
  const steps: TourStep[] = [
    {
      caption: { en: `${system.name}. ${system.caption.en}`, zh: `${system.name_zh}。${system.caption.zh}` },
      notes: { en: system.citation, zh: system.citation },
      view: { kind: 'regions', regions: system.regions.map((r) => ({ ...r })), camera: system.camera },
    },
  ];
  const groups = new Map<string, { card: RegionInfoEntry | null; name: string; regions: TourRegion[] }>();
  for (const r of system.regions) {
    const card = infoForRegion(info, r.atlas, r.name).find((e) => e.kind !== 'network') ?? null;
    const key = card ? `card:${card.id}` : `name:${r.atlas}:${sideless(r.name)}`;
    const g = groups.get(key) ?? { card, name: sideless(r.name).replace(/_/g, ' '), regions: [] };
    g.regions.push({ ...r });
    groups.set(key, g);
  }
  for (const g of groups.values()) {
    const caption = g.card
      ? {
          en: `${g.card.en.name}: ${g.card.en.description}`,
          zh: `${g.card.zh.name}：${g.card.zh.description}`,
        }
      : { en: g.name, zh: g.name };
    steps.push({
      caption,
      notes: { en: `Part of the ${system.name.toLowerCase()}.`, zh: `${system.name_zh}的组成部分。` },
      view: { kind: 'regions', regions: g.regions, camera: system.camera },
    });
  }
  return {
    format: TOUR_FORMAT,
    version: TOUR_VERSION,
    id: `system-${system.id}`,
    title: { en: system.name, zh: system.name_zh },
    steps,
  };
}

const TOPOGRAPHY_STEPS: { map: TopographyMapId; card: string; camera: SceneCameraView; title: Bilingual }[] = [
  { map: 'retinotopy', card: 'ba17', camera: 'left-medial', title: { en: 'Retinotopy', zh: '视网膜定位' } },
  { map: 'tonotopy', card: 'ba41', camera: 'left-lateral', title: { en: 'Tonotopy', zh: '音调定位' } },
  { map: 'somatotopy', card: 'ba4', camera: 'left-lateral', title: { en: 'The motor strip', zh: '运动带' } },
  { map: 'somatotopy', card: 'ba3', camera: 'superior', title: { en: 'The somatosensory strip', zh: '躯体感觉带' } },
];

/** Retinotopic, tonotopic and somatotopic maps, each captioned with its region card's account of the layout. */
export function topographyTour(info: readonly RegionInfoEntry[]): Tour {
  const steps = TOPOGRAPHY_STEPS.flatMap((s): TourStep[] => {
    const card = info.find((e) => e.id === s.card);
    if (!card) return [];
    return [
      {
        caption: {
          en: `${s.title.en} (${card.en.name}). ${card.en.topography ?? card.en.description}`,
          zh: `${s.title.zh}（${card.zh.name}）。${card.zh.topography ?? card.zh.description}`,
        },
        notes: { en: card.en.description, zh: card.zh.description },
        view: { kind: 'topography', map: s.map, camera: s.camera },
      },
    ];
  });
  return {
    format: TOUR_FORMAT,
    version: TOUR_VERSION,
    id: 'topographic-maps',
    title: { en: 'Topographic maps', zh: '拓扑图' },
    steps,
  };
}

/** The classic list of Brodmann areas taught together, with what each group is. */
const BRODMANN_GROUPS: { areas: number[]; what: Bilingual; camera: SceneCameraView }[] = [
  { areas: [3, 1, 2], what: { en: 'primary somatosensory cortex', zh: '初级躯体感觉皮层' }, camera: 'left-lateral' },
  { areas: [4], what: { en: 'primary motor cortex', zh: '初级运动皮层' }, camera: 'left-lateral' },
  { areas: [5, 7], what: { en: 'somatosensory association cortex', zh: '躯体感觉联合皮层' }, camera: 'superior' },
  {
    areas: [6],
    what: { en: 'premotor cortex and supplementary motor area', zh: '运动前皮层和辅助运动区' },
    camera: 'left-lateral',
  },
  { areas: [8], what: { en: 'frontal eye fields', zh: '额叶眼区' }, camera: 'left-lateral' },
  { areas: [9, 46], what: { en: 'dorsolateral prefrontal cortex', zh: '背外侧前额叶皮层' }, camera: 'left-lateral' },
  { areas: [17], what: { en: 'primary visual cortex', zh: '初级视觉皮层' }, camera: 'left-medial' },
  { areas: [18, 19], what: { en: 'visual association cortex', zh: '视觉联合皮层' }, camera: 'left-medial' },
  { areas: [22, 39, 40], what: { en: "Wernicke's area", zh: '韦尼克区' }, camera: 'left-lateral' },
  {
    areas: [41, 42],
    what: { en: 'primary and secondary auditory cortex', zh: '初级和次级听觉皮层' },
    camera: 'left-lateral',
  },
  { areas: [44, 45], what: { en: "Broca's area", zh: '布洛卡区' }, camera: 'left-lateral' },
];

const andList = (xs: number[]) => (xs.length === 1 ? `${xs[0]}` : `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}`);

/** "Brodmann areas and what they do": one step per group of the classic list, captioned from the area cards. */
export function brodmannTour(info: readonly RegionInfoEntry[]): Tour {
  const steps = BRODMANN_GROUPS.flatMap((g): TourStep[] => {
    const cards = g.areas.map((a) => info.find((e) => e.id === `ba${a}`)).filter((c) => c !== undefined);
    const regions = cards.flatMap((c) => regionNamesFor(c, 'brodmann').map((name) => ({ atlas: 'brodmann', name })));
    if (regions.length === 0) return [];
    const word = g.areas.length === 1 ? 'Area' : 'Areas';
    return [
      {
        caption: {
          en: `${word} ${andList(g.areas)}: ${g.what.en}. ${cards[0].en.description}`,
          zh: `${g.areas.join('、')}区：${g.what.zh}。${cards[0].zh.description}`,
        },
        notes: {
          en: cards.map((c) => `${c.en.name}: ${c.en.description}`).join(' '),
          zh: cards.map((c) => `${c.zh.name}：${c.zh.description}`).join(''),
        },
        view: { kind: 'regions', regions, camera: g.camera },
      },
    ];
  });
  return {
    format: TOUR_FORMAT,
    version: TOUR_VERSION,
    id: 'brodmann-areas',
    title: { en: 'Brodmann areas and what they do', zh: '布罗德曼分区及其功能' },
    steps,
  };
}

/** Every shipped tour: the systems' in their order, then topography and Brodmann. */
export function shippedTours(systems: readonly TourSystem[], info: readonly RegionInfoEntry[]): Tour[] {
  return [...systems.map((s) => systemTour(s, info)), topographyTour(info), brodmannTour(info)].filter(
    (t) => t.steps.length > 0,
  );
}
