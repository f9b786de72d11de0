/**
 * How the scene looks: colouring, what is hidden or isolated, hemispheres, clipping, explode, camera requests.
 * Every change bumps `sceneVersion`, which the 3D view reports once a frame showing it has been drawn.
 */
import type { StateCreator } from 'zustand';
import type { Rgb } from '../../../core/io/labels/types';
import type { Store } from './index';

export type ColourBy = 'region' | 'network';
export type Axis = 'x' | 'y' | 'z';
export interface ClipAxis {
  on: boolean;
  /** Plane position in MNI mm. */
  at: number;
  /** false: the part above `at` is cut away; true: the part below. */
  flip: boolean;
}
export type CameraPreset =
  | 'left-lateral'
  | 'right-lateral'
  | 'left-medial'
  | 'right-medial'
  | 'superior'
  | 'inferior'
  | 'anterior'
  | 'posterior'
  | 'reset';

export const CLIP_RANGE: Record<Axis, [number, number]> = { x: [-92, 92], y: [-128, 92], z: [-74, 110] };
const CLIP_DEFAULT: Record<Axis, ClipAxis> = {
  x: { on: false, at: 0, flip: false },
  y: { on: false, at: -18, flip: false },
  z: { on: false, at: 10, flip: false },
};

export interface ViewSlice {
  colourBy: ColourBy;
  /** Region keys hidden one by one. */
  hidden: Record<string, true>;
  /** When set, only these regions are shown (the others hidden, or faded when `fadeOthers`). */
  isolated: string[] | null;
  fadeOthers: boolean;
  hiddenNetworks: Record<string, true>;
  /** Colours that replace regions' own (region key -> rgb): a topographic map's or a network atlas's legend. */
  colorOverrides: Record<string, Rgb>;
  hemispheres: { left: boolean; right: boolean };
  /**
   * While a medial camera preset shows one hemisphere only: the hemispheres as the user had them before it (with the
   * user's own changes since), which the next preset that is not medial puts back. null otherwise.
   */
  hemispheresBeforePreset: { left: boolean; right: boolean } | null;
  clip: Record<Axis, ClipAxis>;
  /** 0: regions in place; 1: each pushed out by its centroid's distance from the brain centre. */
  explode: number;
  /** The last camera preset asked for; `n` changes on every request so the same preset can be asked twice. */
  camera: { preset: CameraPreset; n: number };
  sceneVersion: number;
  setColourBy(c: ColourBy): void;
  setHidden(key: string, hidden: boolean): void;
  toggleIsolate(key: string): void;
  setFadeOthers(fade: boolean): void;
  setNetworkVisible(network: string, visible: boolean): void;
  setHemisphere(side: 'left' | 'right', visible: boolean): void;
  setClip(axis: Axis, patch: Partial<ClipAxis>): void;
  setExplode(v: number): void;
  showAll(): void;
  /** Shows only `keys` (all regions when null), coloured by `colours` where given; clears hiding one by one. */
  showOnly(keys: string[] | null, colours?: Record<string, Rgb>): void;
  requestCamera(preset: CameraPreset): void;
  /** Forget hiding/isolation that refers to an atlas no longer drawn. */
  dropAtlasState(atlasId: string): void;
}

export const createViewSlice: StateCreator<Store, [], [], ViewSlice> = (set) => {
  const change = (f: (s: Store) => Partial<Store>) => set((s) => ({ ...f(s), sceneVersion: s.sceneVersion + 1 }));
  return {
    colourBy: 'region',
    hidden: {},
    isolated: null,
    fadeOthers: false,
    hiddenNetworks: {},
    colorOverrides: {},
    hemispheres: { left: true, right: true },
    hemispheresBeforePreset: null,
    clip: CLIP_DEFAULT,
    explode: 0,
    camera: { preset: 'reset', n: 0 },
    sceneVersion: 0,
    setColourBy: (colourBy) => change(() => ({ colourBy })),
    setHidden: (key, hidden) =>
      change((s) => {
        const next = { ...s.hidden };
        if (hidden) next[key] = true;
        else delete next[key];
        return { hidden: next };
      }),
    toggleIsolate: (key) =>
      change((s) => {
        const on = s.isolated?.length === 1 && s.isolated[0] === key;
        const hidden = { ...s.hidden };
        delete hidden[key];
        return { isolated: on ? null : [key], hidden };
      }),
    setFadeOthers: (fadeOthers) => change(() => ({ fadeOthers })),
    setNetworkVisible: (network, visible) =>
      change((s) => {
        const next = { ...s.hiddenNetworks };
        if (visible) delete next[network];
        else next[network] = true;
        return { hiddenNetworks: next };
      }),
    setHemisphere: (side, visible) =>
      change((s) => ({
        hemispheres: { ...s.hemispheres, [side]: visible },
        // During a medial view the user's choice is kept for after it too.
        hemispheresBeforePreset: s.hemispheresBeforePreset && { ...s.hemispheresBeforePreset, [side]: visible },
      })),
    setClip: (axis, patch) => change((s) => ({ clip: { ...s.clip, [axis]: { ...s.clip[axis], ...patch } } })),
    setExplode: (explode) => change(() => ({ explode })),
    showAll: () =>
      change(() => ({
        hidden: {},
        isolated: null,
        hiddenNetworks: {},
        hemispheres: { left: true, right: true },
        hemispheresBeforePreset: null,
      })),
    showOnly: (keys, colours) =>
      change(() => ({ isolated: keys ? [...keys] : null, hidden: {}, colorOverrides: colours ?? {} })),
    requestCamera: (preset) =>
      change((s) => {
        const camera = { preset, n: s.camera.n + 1 };
        // A medial view looks at one hemisphere with the other out of the way; the user's choice from before the
        // first of one or more medial views in a row is kept to be put back after them.
        const before = s.hemispheresBeforePreset ?? s.hemispheres;
        if (preset === 'left-medial')
          return { camera, hemispheres: { left: true, right: false }, hemispheresBeforePreset: before };
        if (preset === 'right-medial')
          return { camera, hemispheres: { left: false, right: true }, hemispheresBeforePreset: before };
        if (preset === 'reset')
          return { camera, hemispheres: { left: true, right: true }, hemispheresBeforePreset: null };
        if (s.hemispheresBeforePreset)
          return { camera, hemispheres: s.hemispheresBeforePreset, hemispheresBeforePreset: null };
        return { camera };
      }),
    dropAtlasState: (atlasId) =>
      change((s) => {
        const mine = (k: string) => k.startsWith(`${atlasId}:`);
        const hidden = Object.fromEntries(Object.entries(s.hidden).filter(([k]) => !mine(k))) as Record<string, true>;
        const isolated = s.isolated?.filter((k) => !mine(k)) ?? null;
        const colorOverrides = Object.fromEntries(Object.entries(s.colorOverrides).filter(([k]) => !mine(k)));
        return {
          hidden,
          colorOverrides,
          isolated: isolated && isolated.length ? isolated : null,
          selected: s.selected && mine(s.selected) ? null : s.selected,
          hovered: s.hovered && mine(s.hovered.key) ? null : s.hovered,
        };
      }),
  };
};
