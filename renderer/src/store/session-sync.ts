/**
 * The saved session on the renderer's side: how the app starts (restore the last scene silently after a clean
 * exit, offer it back after a crash, or on a first start draw Brodmann in the template) and the autosave that
 * keeps the session on disk as the user works (debounced; flushed, with the clean-exit mark, when the page goes).
 */
import type { SessionState } from '../../../core/api/app-api';
import { isTopographyMap } from '../../../core/atlas/topography-types';
import { SCENE_VIEW_KEYS } from '../../../core/scene/scene-file';
import {
  SESSION_VERSION,
  type SavedMapSettings,
  type SavedSession,
  validateSession,
} from '../../../core/scene/session';
import { api, connectApiEvents, onApiEvent } from '../api';
import { type Store, useStore } from './index';

/** The atlas a first start draws, when it is on this computer (the offline starter set has it). */
export const FIRST_ATLAS = 'brodmann';
const SAVE_DELAY_MS = 800;

/**
 * The parts of the store a session keeps; a change to any of them schedules a save. The view a scene shares with the
 * session has the same names in the store.
 */
const WATCHED = [
  'lang',
  'layers',
  'preferredRes',
  'template',
  ...SCENE_VIEW_KEYS,
  'overlays',
  'activeSystem',
  'networkAtlas',
  'topoMap',
  'surfaceView',
  'paneSizes',
] as const satisfies readonly (keyof Store)[];

export function snapshot(s: Store): SavedSession {
  return {
    version: SESSION_VERSION,
    lang: s.lang,
    layers: s.layers.map((l) => (l ? { atlasId: l.atlasId, variant: l.variant, opacity: l.opacity } : null)),
    preferredRes: s.preferredRes,
    meshDetail: s.meshDetail,
    overlay3d: s.overlay3d,
    template: { visible: s.template.visible, opacity: s.template.opacity },
    colourBy: s.colourBy,
    hidden: Object.keys(s.hidden),
    isolated: s.isolated,
    fadeOthers: s.fadeOthers,
    hiddenNetworks: Object.keys(s.hiddenNetworks),
    hemispheres: s.hemispheres,
    clip: s.clip,
    explode: s.explode,
    cursor: s.cursor,
    selected: s.selected,
    maps: s.overlays.map((o) => o.info.name),
    overlays: s.overlays.map((o) => {
      const settings: SavedMapSettings = { ...o.settings };
      return { mapId: o.mapId, sha256: o.info.sha256, name: o.info.name, settings };
    }),
    activeOverlay: s.activeOverlay,
    shown: {
      system: s.activeSystem,
      networkAtlas: s.networkAtlas,
      topography: s.topoMap,
      surface: s.surfaceView === 'off' ? null : s.surfaceView,
    },
    panes: { ...s.paneSizes },
  };
}

const asSet = (keys: string[]) => Object.fromEntries(keys.map((k) => [k, true])) as Record<string, true>;

/**
 * Puts a saved scene back: the view settings at once, then each atlas that is on this computer at its variant, and
 * the settings of the maps the engine still holds (a reload keeps them open; the overlay panel may list them first,
 * with the defaults, and these replace them).
 */
export async function applySession(session: SavedSession): Promise<void> {
  const st = useStore.getState();
  st.setLang(session.lang);
  useStore.setState((s) => ({
    preferredRes: session.preferredRes,
    // Before the layers load below, so they load at the session's detail.
    meshDetail: session.meshDetail,
    overlay3d: session.overlay3d,
    template: { ...s.template, visible: session.template.visible, opacity: session.template.opacity },
    colourBy: session.colourBy,
    hidden: asSet(session.hidden),
    isolated: session.isolated,
    fadeOthers: session.fadeOthers,
    hiddenNetworks: asSet(session.hiddenNetworks),
    hemispheres: session.hemispheres,
    hemispheresBeforePreset: null,
    clip: session.clip,
    explode: session.explode,
    cursor: session.cursor,
    selected: session.selected,
    // A scene file carries no pane sizes: opening one keeps the window's layout.
    ...(session.panes ? { paneSizes: { ...session.panes } } : {}),
    sceneVersion: s.sceneVersion + 1,
  }));
  void st.loadTemplate();
  const maps = session.overlays
    ? st.restoreOverlays(session.overlays, session.activeOverlay ?? null)
    : Promise.resolve();
  await Promise.all(
    st.layers.map(async (_, slot) => {
      const saved = session.layers[slot] ?? null;
      // A slot the session leaves empty is emptied: a two-atlas scene opened over a three-atlas brain system
      // shows its two atlases only.
      if (!saved) {
        const now = useStore.getState();
        if (now.layers[slot] || now.pending[slot]) await now.chooseAtlas(slot, null);
        return;
      }
      const listing = useStore.getState().listings?.find((l) => l.id === saved.atlasId);
      const variant = listing?.variants.find((v) => v.id === saved.variant && v.status === 'present');
      // A restore never starts a download: an atlas no longer on this computer is left out.
      if (listing?.status !== 'present') return;
      await useStore.getState().chooseAtlas(slot, saved.atlasId, variant?.resolutionMm);
      if (useStore.getState().layers[slot]?.atlasId === saved.atlasId)
        useStore.getState().setLayerOpacity(slot, saved.opacity);
    }),
  );
  await maps;
  // What the explorer panels showed (each draws its atlases itself, over the layers just restored).
  const { system, networkAtlas, topography, surface } = session.shown;
  const st2 = useStore.getState();
  st2.setSurfaceView(surface ?? 'off');
  if (system) await st2.showSystem(system);
  if (networkAtlas) await st2.chooseNetworkAtlas(networkAtlas);
  if (topography && isTopographyMap(topography)) await st2.chooseTopography(topography);
}

/** A first start (or "Start fresh"): Brodmann in the template, when it is on this computer. */
export async function startFresh(): Promise<void> {
  const st = useStore.getState();
  const listing = st.listings?.find((l) => l.id === FIRST_ATLAS);
  if (listing?.status === 'present' && !st.layers[0] && !st.pending[0]) await st.chooseAtlas(0, FIRST_ATLAS);
}

let timer: ReturnType<typeof setTimeout> | undefined;
let lastSaved = '';
let autosaving = false;

function saveNow(): void {
  clearTimeout(timer);
  timer = undefined;
  const session = snapshot(useStore.getState());
  const text = JSON.stringify(session);
  if (text === lastSaved) return;
  lastSaved = text;
  api.saveSession({ session }).catch((e) => console.warn(`saving the session: ${(e as Error).message}`));
}

function startAutosave(): void {
  if (autosaving) return;
  autosaving = true;
  useStore.subscribe((s, prev) => {
    if (!WATCHED.some((k) => s[k] !== prev[k])) return;
    clearTimeout(timer);
    timer = setTimeout(saveNow, SAVE_DELAY_MS);
  });
  saveNow();
}

/**
 * This tab's scene as the page went, in sessionStorage (kept across a reload, gone with the tab). A reload's new page
 * can ask for the session before the server has heard the old page's last save and clean-exit mark (they travel on
 * other connections); the tab's own copy answers for it, so a reload never looks like a crash.
 */
const TAB_SESSION_KEY = 'brain-atlas-session';

function keepTabSession(): void {
  try {
    sessionStorage.setItem(TAB_SESSION_KEY, JSON.stringify(snapshot(useStore.getState())));
  } catch {
    // storage full or denied: the server's copy still serves
  }
}

function takeTabSession(): SavedSession | null {
  try {
    const text = sessionStorage.getItem(TAB_SESSION_KEY);
    sessionStorage.removeItem(TAB_SESSION_KEY);
    return text ? validateSession(JSON.parse(text)) : null;
  } catch {
    return null;
  }
}

let started = false;

/** Runs once when the window opens: events, the saved session, the atlas listings, then the scene. */
export async function startApp(opts: { render?: boolean } = {}): Promise<void> {
  if (started) return;
  started = true;
  connectApiEvents();
  onApiEvent((e) => {
    if (e.type === 'fetch') useStore.getState().onFetchEvent(e);
  });
  if (opts.render) {
    // `brain-atlas render`: the scene comes from the command line; the user's session is neither read nor written.
    await useStore.getState().loadListings();
    return;
  }
  window.addEventListener('pagehide', () => {
    if (autosaving) {
      saveNow();
      keepTabSession();
    }
    void api.endSession().catch(() => {});
  });
  let state: SessionState = { session: null, cleanExit: true };
  try {
    state = await api.loadSession();
  } catch (e) {
    console.warn(`reading the saved session: ${(e as Error).message}`);
  }
  const reloaded = takeTabSession();
  if (reloaded) state = { session: reloaded, cleanExit: true };
  if (state.session) useStore.getState().setLang(state.session.lang);
  await useStore.getState().loadListings();
  if (state.session && !state.cleanExit) {
    // Saving waits for the answer: until then the crashed run's scene stays on disk.
    useStore.getState().setRestoreOffer(state.session);
    return;
  }
  if (state.session) await applySession(state.session);
  else await startFresh();
  startAutosave();
}

/** The answer to "Restore the last session?". */
export async function answerRestore(restore: boolean): Promise<void> {
  const offer = useStore.getState().restoreOffer;
  useStore.getState().setRestoreOffer(null);
  if (restore && offer) await applySession(offer);
  else await startFresh();
  startAutosave();
}
