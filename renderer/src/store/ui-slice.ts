import type { StateCreator } from 'zustand';
import type { PaneId, SavedPanes, SavedSession } from '../../../core/scene/session';
import type { Lang } from '../i18n/lang';
import type { Store } from './index';

export interface UiSlice {
  lang: Lang;
  atlasFilter: string;
  /** The Settings dialog is open. */
  settingsOpen: boolean;
  /** A session left by a run that did not end cleanly, offered back until the user answers (session-sync.ts). */
  restoreOffer: SavedSession | null;
  /** Heights the user gave the resizable panes by dragging their bars, in CSS px; absent: the layout's own. */
  paneSizes: SavedPanes;
  setLang(lang: Lang): void;
  setAtlasFilter(text: string): void;
  setSettingsOpen(open: boolean): void;
  setRestoreOffer(session: SavedSession | null): void;
  /** Sets a pane's height, or gives it back to the layout (null). */
  setPaneSize(pane: PaneId, px: number | null): void;
}

const initialLang = (): Lang => (typeof navigator !== 'undefined' && navigator.language.startsWith('zh') ? 'zh' : 'en');

export const createUiSlice: StateCreator<Store, [], [], UiSlice> = (set) => ({
  lang: initialLang(),
  atlasFilter: '',
  settingsOpen: false,
  restoreOffer: null,
  paneSizes: {},
  setLang: (lang) => set({ lang }),
  setAtlasFilter: (atlasFilter) => set({ atlasFilter }),
  setSettingsOpen: (settingsOpen) => set({ settingsOpen }),
  setRestoreOffer: (restoreOffer) => set({ restoreOffer }),
  setPaneSize: (pane, px) =>
    set((s) => {
      const paneSizes = { ...s.paneSizes };
      if (px === null) delete paneSizes[pane];
      else paneSizes[pane] = px;
      return { paneSizes };
    }),
});
