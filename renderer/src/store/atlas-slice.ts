import type { StateCreator } from 'zustand';
import type { AtlasListing, AtlasSummary } from '../../../core/api';
import { api } from '../api';
import type { Store } from './index';
import { explorable } from './scene-slice';

export interface AtlasSlice {
  listings: AtlasListing[] | null;
  opened: AtlasSummary | null;
  /** Atlas id being opened or downloaded, with what is happening to it. */
  busy: { id: string; action: 'opening' | 'downloading' } | null;
  error: string | null;
  loadListings(): Promise<void>;
  openAtlas(id: string): Promise<void>;
  downloadAtlas(id: string): Promise<void>;
  dismissError(): void;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export const createAtlasSlice: StateCreator<Store, [], [], AtlasSlice> = (set, get) => ({
  listings: null,
  opened: null,
  busy: null,
  error: null,
  async loadListings() {
    try {
      set({ listings: await api.listAtlases() });
    } catch (e) {
      set({ error: message(e), listings: [] });
      return;
    }
    void get().loadTemplate();
  },
  async openAtlas(id) {
    if (get().busy) return;
    // Atlases the 3D explorer can draw open there (and in the region table); others show their facts only.
    const kind = get().listings?.find((l) => l.id === id)?.kind;
    if (kind && explorable(kind)) return get().chooseAtlas(0, id);
    // A surface atlas (fsaverage5) is drawn by the cortical surface view; its facts come with the open below.
    if (kind === 'surface') get().showSurface();
    set({ busy: { id, action: 'opening' }, error: null });
    try {
      // The open atlas stays on screen until the new one has loaded: a failure loses nothing.
      set({ opened: await api.openAtlas({ id }) });
    } catch (e) {
      set({ error: message(e) });
    } finally {
      set({ busy: null });
    }
  },
  async downloadAtlas(id) {
    if (get().busy) return;
    // With a progress bar, Cancel and Retry (download-slice.ts), like a download chosen in the Atlas chooser.
    set({ busy: { id, action: 'downloading' } });
    try {
      await get().startDownload(id, null);
    } finally {
      set({ busy: null });
    }
  },
  dismissError() {
    set({ error: null });
  },
});
