/** Saved sessions for tests (core/session.ts). */
import type { SavedSession } from '../../core/scene/session';

/** A saved session with nothing in it: openApp starts from it, so that no test meets the first-start atlas. */
export const EMPTY_SESSION: SavedSession = {
  version: 1,
  lang: 'en',
  layers: [null, null],
  preferredRes: null,
  template: { visible: true, opacity: 0.18 },
  colourBy: 'region',
  hidden: [],
  isolated: null,
  fadeOthers: false,
  hiddenNetworks: [],
  hemispheres: { left: true, right: true },
  clip: {
    x: { on: false, at: 0, flip: false },
    y: { on: false, at: -18, flip: false },
    z: { on: false, at: 10, flip: false },
  },
  explode: 0,
  cursor: null,
  selected: null,
  maps: [],
  shown: { system: null, networkAtlas: null, topography: null, surface: null },
  meshDetail: 'standard',
  overlay3d: 'both',
};
