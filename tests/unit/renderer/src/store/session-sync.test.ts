/**
 * The open maps' settings across a reload (session-sync's snapshot and applySession), against a fake engine (the API
 * module mocked) that keeps its maps open as the loopback server or Electron's main process does while the page
 * reloads: a map shown with a threshold of 2, one sign, a colour map and a maximum of the user's comes back so in a
 * fresh store (module registry reset), in the user's drawing order with the report on the same map; whether the
 * overlay panel's own listing of the engine's maps comes before the restore, after it or at the same time. A map the
 * engine now holds under the same id but with other bytes, and a session saved before maps' settings were kept,
 * open with the defaults. How maps are drawn in 3D comes back too.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MapInfo } from '../../../../../core/api/map-api';
import { encodeMapDisplay } from '../../../../../core/maps/map-display';
import { type SavedSession, validateSession } from '../../../../../core/scene/session';
import { EMPTY_SESSION } from '../../../../helpers/sessions';
import { mapInfo } from '../../../../helpers/map-info';

const fake = vi.hoisted(() => ({
  infos: new Map<string, MapInfo>(),
  /** Resolves listMaps while set (the engine answering late); listMaps waits for it. */
  listGate: null as Promise<void> | null,
}));

function info(mapId: string, name: string, sha = 'a'): MapInfo {
  // A smooth blob's range: most non-zero voxels are tiny, so the robust default threshold is far below 2.
  return mapInfo({
    mapId,
    name,
    sha256: sha.repeat(64),
    range: { min: -1.5, max: 6, robustMin: -0.05, robustMax: 0.11 },
  });
}

vi.mock('../../../../../renderer/src/api', () => ({
  api: {
    async listMaps() {
      await fake.listGate;
      return [...fake.infos.values()];
    },
    async getMapDisplay(req: { mapId: string }) {
      return encodeMapDisplay({
        mapId: req.mapId,
        frame: 0,
        dims: [1, 1, 2],
        affine: [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1],
        values: new Float32Array([3, -3]),
      });
    },
  },
}));

type StoreModule = typeof import('../../../../../renderer/src/store');
type SyncModule = typeof import('../../../../../renderer/src/store/session-sync');

/** A store as a newly loaded page has it: the modules evaluated afresh, nothing open yet. */
async function freshPage(): Promise<{ useStore: StoreModule['useStore']; sync: SyncModule }> {
  vi.resetModules();
  const { useStore } = await import('../../../../../renderer/src/store');
  const sync = await import('../../../../../renderer/src/store/session-sync');
  return { useStore, sync };
}

/** The session as the page leaves it and the next one reads it: JSON, validated (sessionStorage or the server). */
const throughStorage = (s: SavedSession) => validateSession(JSON.parse(JSON.stringify(s)));

const settle = (useStore: StoreModule['useStore']) =>
  vi.waitFor(() => expect(useStore.getState().overlays.every((o) => !o.loading && o.dataKey)).toBe(true));

const USER = {
  visible: true,
  colormap: 'hot',
  posThreshold: 2,
  negThreshold: 2.5,
  linked: false,
  max: 5.5,
  opacity: 0.7,
  outline: true,
  show: 'positive',
  sign: 'both',
  minSize: 40,
  sizeUnit: 'mm3',
  connectivity: 6,
} as const;

/** Opens the engine's two maps in a page and gives zmap the user's settings, the maps' order swapped. */
async function pageWithUserSettings(): Promise<SavedSession> {
  const { useStore, sync } = await freshPage();
  await useStore.getState().syncOpenMaps();
  await settle(useStore);
  const st = useStore.getState();
  st.setOverlaySettings('map-1', USER);
  st.setOverlaySettings('map-2', { posThreshold: 3.1, colormap: 'viridis', show: 'negative' });
  st.moveOverlay('map-1', 1);
  st.setActiveOverlay('map-1');
  st.setOverlay3d('blobs');
  const now = useStore.getState();
  expect(now.overlays.map((o) => o.mapId)).toEqual(['map-2', 'map-1']);
  expect(now.overlays[1].settings).toEqual(USER);
  return throughStorage(sync.snapshot(now));
}

function expectRestored(useStore: StoreModule['useStore']): void {
  const s = useStore.getState();
  expect(s.overlays.map((o) => o.mapId)).toEqual(['map-2', 'map-1']);
  expect(s.overlays[1].settings).toEqual(USER);
  expect(s.overlays[0].settings).toMatchObject({ posThreshold: 3.1, colormap: 'viridis', show: 'negative' });
  expect(s.activeOverlay).toBe('map-1');
  // Maps in 3D as blobs only, as the user left them.
  expect(s.overlay3d).toBe('blobs');
  // What the views draw follows: zmap's threshold, with its negative side not drawn.
  const drawn = s.displayOverlays.find((d) => d.dataKey === 'map-1#0');
  expect(drawn?.posThreshold).toBe(2);
  expect(drawn?.negLut).toBeNull();
}

describe("the open maps' settings across a reload", () => {
  beforeEach(() => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    fake.infos.clear();
    fake.listGate = null;
    for (const i of [info('map-1', 'zmap.nii.gz'), info('map-2', 'tmap.nii.gz', 'b')]) fake.infos.set(i.mapId, i);
  });
  afterEach(() => vi.restoreAllMocks());

  it('gives a map its threshold, signs, colour map, maximum and report settings back, in the same order', async () => {
    const saved = await pageWithUserSettings();
    const { useStore, sync } = await freshPage();
    await sync.applySession(saved);
    await settle(useStore);
    expectRestored(useStore);
    // The next save keeps them again.
    expect(throughStorage(sync.snapshot(useStore.getState()))).toEqual(saved);
  });

  it("keeps them when the overlay panel's listing of the engine's maps came first, with the defaults", async () => {
    const saved = await pageWithUserSettings();
    const { useStore, sync } = await freshPage();
    await useStore.getState().syncOpenMaps();
    await settle(useStore);
    expect(useStore.getState().overlays.find((o) => o.mapId === 'map-1')?.settings.posThreshold).toBe(0.055);
    await sync.applySession(saved);
    await settle(useStore);
    expectRestored(useStore);
  });

  it("keeps them when the panel's listing answers after the restore began, or after it ended", async () => {
    const saved = await pageWithUserSettings();
    const { useStore, sync } = await freshPage();
    let open!: () => void;
    fake.listGate = new Promise((r) => {
      open = r;
    });
    const panel = useStore.getState().syncOpenMaps();
    const restore = sync.applySession(saved);
    open();
    await Promise.all([panel, restore]);
    await useStore.getState().syncOpenMaps();
    await settle(useStore);
    expectRestored(useStore);
  });

  it('opens a map the engine holds under the same id with other bytes, or one it never had, with the defaults', async () => {
    const saved = await pageWithUserSettings();
    fake.infos.set('map-1', info('map-1', 'zmap.nii.gz', 'c'));
    fake.infos.delete('map-2');
    const { useStore, sync } = await freshPage();
    await sync.applySession(saved);
    await settle(useStore);
    const s = useStore.getState();
    expect(s.overlays.map((o) => o.mapId)).toEqual(['map-1']);
    expect(s.overlays[0].settings).toMatchObject({ posThreshold: 0.055, colormap: 'red-yellow', show: 'both' });
    expect(s.activeOverlay).toBe('map-1');
  });

  it("opens the engine's maps with the defaults from a session saved before their settings were kept", async () => {
    const { useStore, sync } = await freshPage();
    await sync.applySession(throughStorage({ ...EMPTY_SESSION, maps: ['zmap.nii.gz', 'tmap.nii.gz'] }));
    await useStore.getState().syncOpenMaps();
    await settle(useStore);
    const s = useStore.getState();
    expect(s.overlays.map((o) => o.mapId)).toEqual(['map-1', 'map-2']);
    expect(s.overlays[0].settings).toMatchObject({ posThreshold: 0.055, colormap: 'red-yellow', show: 'both' });
  });
});
