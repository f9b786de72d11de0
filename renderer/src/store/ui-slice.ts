import type { StateCreator } from 'zustand';
import type { Lang } from '../i18n/lang';
import type { Store } from './index';

export interface UiSlice {
  lang: Lang;
  atlasFilter: string;
  setLang(lang: Lang): void;
  setAtlasFilter(text: string): void;
}

const initialLang = (): Lang => (typeof navigator !== 'undefined' && navigator.language.startsWith('zh') ? 'zh' : 'en');

export const createUiSlice: StateCreator<Store, [], [], UiSlice> = (set) => ({
  lang: initialLang(),
  atlasFilter: '',
  setLang: (lang) => set({ lang }),
  setAtlasFilter: (atlasFilter) => set({ atlasFilter }),
});
