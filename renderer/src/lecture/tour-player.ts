/**
 * Showing a tour's steps: a step's view is applied by the same actions the panels use (named regions drawn, shown
 * alone and labelled with a camera preset; a topographic map; a whole scene), and what it needs that is not on this
 * computer is said (with the atlases to download). Outside the store because scenes are applied by
 * figure/scene-io.ts, which works on the store.
 */
import { type TourRegion, type TourStep, parseTourText } from '../../../core/lecture/tour';
import { applyScene, sceneFromStore } from '../figure/scene-io';
import { layerData, regionKey } from '../model/layer-data';
import { type Store, useStore } from '../store';
import { atlasesByCount, drawAtlases } from '../store/draw-atlases';
import { MAX_LAYERS } from '../store/scene-slice';
import { atlasName } from '../i18n/names';

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
/** The latest step asked for: a step still being applied when another is asked for stops where it is. */
let stepToken = 0;

/** The keys of named regions among the drawn layers. */
export function resolveRegions(s: Store, regions: readonly TourRegion[]): string[] {
  const out: string[] = [];
  for (const r of regions) {
    for (const l of s.layers) {
      const data = layerData.get(l?.key);
      if (data?.atlasId !== r.atlas) continue;
      const region = data.regions.find((x) => x.name === r.name);
      if (!region) continue;
      out.push(regionKey(r.atlas, region.value));
      break;
    }
  }
  return out;
}

async function showView(step: TourStep, token: number): Promise<void> {
  const s = useStore.getState();
  const view = step.view;
  if (view.kind === 'scene') {
    const problems = await applyScene(view.scene);
    if (token === stepToken && problems.length) s.setTourPosition({ tourError: problems.join('; ') });
    return;
  }
  if (view.kind === 'topography') {
    await s.chooseTopography(view.map);
    if (token === stepToken) useStore.getState().requestCamera(view.camera);
    return;
  }
  const listings = s.listings ?? [];
  const atlases = atlasesByCount(view.regions.map((r) => ({ atlas: r.atlas, value: 0 })));
  const missing = atlases.filter((id) => listings.find((l) => l.id === id)?.status !== 'present');
  if (missing.length > 0) {
    const names = missing.map((id) => atlasName(listings, id, s.lang));
    s.setTourPosition({ tourMissing: { message: names.join(', '), atlases: missing } });
  }
  s.clearExplore();
  s.clearTopography();
  await drawAtlases(useStore.getState, atlases.filter((id) => !missing.includes(id)).slice(0, MAX_LAYERS));
  if (token !== stepToken) return;
  const found = resolveRegions(useStore.getState(), view.regions);
  useStore.getState().showOnly(found);
  useStore.setState((st) => ({ regionLabels: found, sceneVersion: st.sceneVersion + 1 }));
  useStore.getState().requestCamera(view.camera);
}

/** Shows step `index` of the tour chosen. */
export async function goToStep(index: number): Promise<void> {
  const s = useStore.getState();
  const step = s.tours.find((t) => t.id === s.tourId)?.steps[index];
  if (!step) return;
  const token = ++stepToken;
  s.setTourPosition({ tourStep: index, tourMissing: null, tourError: null });
  try {
    await showView(step, token);
  } catch (e) {
    if (token === stepToken) useStore.getState().setTourPosition({ tourError: message(e) });
  }
}

/** Chooses a tour (null: none) and shows its first step. */
export async function chooseTour(id: string | null): Promise<void> {
  useStore.getState().setTourPosition({ tourId: id, tourStep: 0, tourMissing: null, tourError: null });
  if (id) await goToStep(0);
}

/** The step after or before the one shown, if there is one. */
export async function stepBy(delta: 1 | -1): Promise<void> {
  const s = useStore.getState();
  const t = s.tours.find((x) => x.id === s.tourId);
  const next = s.tourStep + delta;
  if (t && next >= 0 && next < t.steps.length) await goToStep(next);
}

/** "Add current view as step": the view as a scene, captions and notes to be written. */
export function addCurrentViewAsStep(): void {
  useStore.getState().addStep({
    caption: { en: '', zh: '' },
    notes: { en: '', zh: '' },
    view: { kind: 'scene', scene: sceneFromStore() },
  });
}

/** Opens a `*.braintour.json` file and shows its first step; a bad file is said and changes nothing. */
export async function openTourFile(file: { name: string; text(): Promise<string> }): Promise<void> {
  try {
    const tour = parseTourText(await file.text(), file.name);
    useStore.getState().putTour(tour);
    await chooseTour(tour.id);
  } catch (e) {
    useStore.getState().setTourPosition({ tourError: message(e) });
  }
}
