/**
 * Lecture mode's state: the tours (shipped ones built from the brain systems and region cards, and the user's), the
 * step shown, presenting (full screen, captions, blank screen, labels on or off), and the edits of a tour made in
 * the app (add, caption, reorder, delete, save). Showing a step is lecture/tour-player.ts, which applies scenes.
 */
import type { StateCreator } from 'zustand';
import { shippedTours } from '../../../core/lecture/shipped-tours';
import { TOUR_EXTENSION, TOUR_FORMAT, TOUR_VERSION, type Tour, type TourStep } from '../../../core/lecture/tour';
import { saveBytes } from '../figure/save-file';
import type { Store } from './index';

export interface LectureSlice {
  tours: Tour[];
  tourId: string | null;
  tourStep: number;
  /** What the step shown could not show (an atlas not on this computer), with the atlases to download. */
  tourMissing: { message: string; atlases: string[] } | null;
  tourError: string | null;
  presenting: boolean;
  blanked: boolean;
  labelsHidden: boolean;
  /** The tour being made in the app: changed since it was last saved. */
  tourDirty: boolean;
  loadTours(): Promise<void>;
  /** Adds a tour, or replaces the one of the same id (a tour file opened). */
  putTour(tour: Tour): void;
  setTourPosition(patch: Partial<Pick<LectureSlice, 'tourId' | 'tourStep' | 'tourMissing' | 'tourError'>>): void;
  setPresenting(on: boolean): void;
  setBlanked(on: boolean): void;
  setLabelsHidden(hidden: boolean): void;
  /** Appends a step to the tour shown when it is one of the user's, else starts a tour of the user's with it. */
  addStep(step: TourStep): void;
  updateStep(index: number, patch: Partial<Pick<TourStep, 'caption' | 'notes'>>): void;
  moveStep(index: number, delta: -1 | 1): void;
  deleteStep(index: number): void;
  saveTour(): void;
}

const USER_TOUR = 'my-tour';

export const createLectureSlice: StateCreator<Store, [], [], LectureSlice> = (set, get) => {
  const tour = () => get().tours.find((t) => t.id === get().tourId) ?? null;
  const editTour = (f: (steps: TourStep[]) => TourStep[]) => {
    const t = tour();
    if (!t) return;
    const next = { ...t, steps: f([...t.steps]) };
    set((s) => ({ tours: s.tours.map((x) => (x.id === t.id ? next : x)), tourDirty: true }));
  };
  return {
    tours: [],
    tourId: null,
    tourStep: 0,
    tourMissing: null,
    tourError: null,
    presenting: false,
    blanked: false,
    labelsHidden: false,
    tourDirty: false,

    async loadTours() {
      await Promise.all([get().loadSystems(), get().loadRegionInfo()]);
      const shipped = shippedTours(get().systems ?? [], get().regionInfo ?? []);
      set((s) => ({ tours: [...shipped, ...s.tours.filter((t) => !shipped.some((x) => x.id === t.id))] }));
    },

    putTour(t) {
      set((s) => ({ tours: [...s.tours.filter((x) => x.id !== t.id), t], tourDirty: false }));
    },
    setTourPosition(patch) {
      set(patch);
    },

    setPresenting(on) {
      // Labels hidden with L come back when the presentation ends.
      set({ presenting: on, blanked: false, ...(on ? {} : { labelsHidden: false }) });
    },
    setBlanked(blanked) {
      set({ blanked });
    },
    setLabelsHidden(labelsHidden) {
      set({ labelsHidden });
    },

    addStep(step) {
      const t = tour();
      if (t?.id.startsWith(USER_TOUR)) {
        editTour((steps) => [...steps, step]);
        set({ tourStep: t.steps.length });
        return;
      }
      // A tour of one's own: a new one (shipped tours stay as they ship).
      const n = get().tours.filter((x) => x.id.startsWith(USER_TOUR)).length;
      const mine: Tour = {
        format: TOUR_FORMAT,
        version: TOUR_VERSION,
        id: n === 0 ? USER_TOUR : `${USER_TOUR}-${n + 1}`,
        title: { en: n === 0 ? 'My tour' : `My tour ${n + 1}`, zh: n === 0 ? '我的导览' : `我的导览 ${n + 1}` },
        steps: [step],
      };
      set((s) => ({ tours: [...s.tours, mine], tourId: mine.id, tourStep: 0, tourDirty: true }));
    },

    updateStep(index, patch) {
      editTour((steps) => steps.map((st, i) => (i === index ? { ...st, ...patch } : st)));
    },
    moveStep(index, delta) {
      const to = index + delta;
      editTour((steps) => {
        if (to < 0 || to >= steps.length) return steps;
        [steps[index], steps[to]] = [steps[to], steps[index]];
        return steps;
      });
      if (to >= 0 && to < (tour()?.steps.length ?? 0)) set({ tourStep: to });
    },
    deleteStep(index) {
      const t = tour();
      if (!t) return;
      if (t.steps.length === 1) {
        set((s) => ({ tours: s.tours.filter((x) => x.id !== t.id), tourId: null, tourStep: 0, tourDirty: false }));
        return;
      }
      editTour((steps) => steps.filter((_, i) => i !== index));
      set((s) => ({ tourStep: Math.min(s.tourStep, t.steps.length - 2) }));
    },

    saveTour() {
      const t = tour();
      if (!t) return;
      const text = `${JSON.stringify(t, null, 2)}\n`;
      saveBytes(new TextEncoder().encode(text), 'application/json', `${t.id}${TOUR_EXTENSION}`);
      set({ tourDirty: false });
    },
  };
};
