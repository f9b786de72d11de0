/**
 * State of the slice views only (the shared store keeps the cursor, layers, selection and overlays): how the atlas
 * is drawn, each view's zoom and centre, and which template image is loaded. A small store of its own so the
 * slice views add nothing to the shared one.
 */
import { create } from 'zustand';
import { useStore } from '../store';
import { TEMPLATE_ID, templateRes } from '../store/scene-slice';
import { type Plane, type ViewState } from './geometry';
import { loadSliceTemplate } from './template-source';

export type AtlasDisplay = 'filled' | 'outline';

export interface SliceStore {
  display: AtlasDisplay;
  /** Opacity of the atlas fill in Filled mode (0..1), times each layer's opacity. */
  fillOpacity: number;
  views: Record<Plane, ViewState>;
  template: { key: string | null; status: 'absent' | 'loading' | 'ready' | 'error' };
  setDisplay(d: AtlasDisplay): void;
  setFillOpacity(v: number): void;
  setView(plane: Plane, view: ViewState): void;
  resetViews(): void;
}

const unzoomed = (): Record<Plane, ViewState> => ({
  axial: { zoom: 1, centre: null },
  coronal: { zoom: 1, centre: null },
  sagittal: { zoom: 1, centre: null },
});

export const useSliceStore = create<SliceStore>()((set) => ({
  display: 'filled',
  fillOpacity: 0.6,
  views: unzoomed(),
  template: { key: null, status: 'absent' },
  setDisplay: (display) => set({ display }),
  setFillOpacity: (fillOpacity) => set({ fillOpacity: Math.min(1, Math.max(0, fillOpacity)) }),
  setView: (plane, view) => set((s) => ({ views: { ...s.views, [plane]: view } })),
  resetViews: () => set({ views: unzoomed() }),
}));

let token = 0;

/** Loads the template image at the resolution the 3D template uses (2 mm when 2 mm or coarser is preferred). */
export async function syncSliceTemplate(): Promise<void> {
  const s = useStore.getState();
  const listing = s.listings?.find((l) => l.id === TEMPLATE_ID);
  if (!listing || listing.status !== 'present') {
    useSliceStore.setState({ template: { key: null, status: 'absent' } });
    return;
  }
  const res = templateRes(listing, s.preferredRes);
  if (res === null) {
    useSliceStore.setState({ template: { key: null, status: 'absent' } });
    return;
  }
  const key = `${TEMPLATE_ID}@${res}`;
  if (useSliceStore.getState().template.key === key) return;
  const mine = ++token;
  useSliceStore.setState((x) => ({ template: { ...x.template, status: 'loading' } }));
  try {
    const t = await loadSliceTemplate(TEMPLATE_ID, res);
    if (mine === token) useSliceStore.setState({ template: { key: t.key, status: 'ready' } });
  } catch (e) {
    if (mine !== token) return;
    // The template is background only: the atlas and overlays still draw without it.
    console.warn(`slice template: ${e instanceof Error ? e.message : String(e)}`);
    useSliceStore.setState({ template: { key: null, status: 'error' } });
  }
}
