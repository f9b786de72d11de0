/**
 * The saved session's open maps (validateSession): their settings, order and the map the report follows read back
 * as written; a session saved before they were kept reads without them; a bad setting, a bad checksum or a report
 * on a map the session does not hold is refused in a sentence naming it.
 */
import { describe, expect, it } from 'vitest';
import { type SavedOverlay, type SavedSession, validateSession } from '../../../../core/scene/session';
import { EMPTY_SESSION } from '../../../helpers/sessions';

const zmap: SavedOverlay = {
  mapId: 'map-1',
  sha256: 'a'.repeat(64),
  name: 'zmap.nii.gz',
  settings: {
    visible: true,
    colormap: 'hot',
    posThreshold: 2,
    negThreshold: 2,
    linked: true,
    max: 5.5,
    opacity: 0.7,
    outline: false,
    show: 'both',
    sign: 'both',
    minSize: 40,
    sizeUnit: 'mm3',
    connectivity: 18,
  },
};

const withMaps: SavedSession = {
  ...EMPTY_SESSION,
  maps: ['zmap.nii.gz'],
  overlays: [zmap],
  activeOverlay: 'map-1',
};

const read = (v: unknown) => validateSession(JSON.parse(JSON.stringify(v)));

describe("the saved session's open maps", () => {
  it('reads their settings and the map the report follows back as written', () => {
    expect(read(withMaps)).toEqual(withMaps);
    expect(read({ ...withMaps, activeOverlay: null }).activeOverlay).toBeNull();
  });

  it('reads a session saved before they were kept without them', () => {
    const old = read({ ...EMPTY_SESSION, maps: ['zmap.nii.gz'] });
    expect(old.overlays).toBeUndefined();
    expect(old.activeOverlay).toBeUndefined();
  });

  it('refuses a bad setting, checksum or report map in a sentence that names it', () => {
    const bad = (settings: object) => ({
      ...withMaps,
      overlays: [{ ...zmap, settings: { ...zmap.settings, ...settings } }],
    });
    expect(() => read(bad({ colormap: 'rainbow' }))).toThrow(/map 1's colour map is 'rainbow', which is not valid/);
    expect(() => read(bad({ posThreshold: -1 }))).toThrow(/map 1's positive threshold is -1/);
    expect(() => read(bad({ show: 'all' }))).toThrow(/map 1's sign shown/);
    expect(() => read(bad({ connectivity: 8 }))).toThrow(/map 1's connectivity is 8/);
    expect(() => read(bad({ linked: undefined }))).toThrow(/map 1's threshold link/);
    expect(() => read({ ...withMaps, overlays: [{ ...zmap, sha256: 'xyz' }] })).toThrow(/map 1's sha256/);
    expect(() => read({ ...withMaps, activeOverlay: 'map-2' })).toThrow(/map the report follows is 'map-2'/);
    expect(() => read({ ...withMaps, overlays: 'zmap' })).toThrow(/open maps/);
  });
});
