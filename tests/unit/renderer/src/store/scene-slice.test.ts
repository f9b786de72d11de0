/**
 * The scene slice's atlas slots against a fake engine (the API and the layer loader mocked): an atlas still
 * loading is not lost when the user then chooses one that must be downloaded and the download fails, and a
 * download that succeeds takes the slot. And which surface carries the maps in 3D: the regions while any labelled
 * ones are drawn solid.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AtlasListing } from '../../../../../core/api';
import type { DisplayOverlay } from '../../../../../renderer/src/model/display-overlay';

const fake = vi.hoisted(() => ({
  /** Loads waiting to be finished by the test, by atlas id. */
  loads: new Map<string, (v: unknown) => void>(),
  fetchFails: true,
}));

vi.mock('../../../../../renderer/src/model/load', () => ({
  loadLayer: (atlasId: string) =>
    new Promise((resolve) =>
      fake.loads.set(atlasId, () =>
        resolve({ kind: 'labels', key: `${atlasId}@2mm`, atlasId, name: atlasId, summary: { variant: '2mm' } }),
      ),
    ),
  loadTemplate: async () => {
    throw new Error('no template here');
  },
}));

vi.mock('../../../../../renderer/src/api', () => ({
  api: {
    async fetchAtlas(req: { id: string }) {
      if (fake.fetchFails) throw new Error(`${req.id} could not be downloaded: the connection was refused`);
      return listing(req.id, 'present');
    },
  },
}));

function listing(id: string, status: AtlasListing['status']): AtlasListing {
  return {
    id,
    name: id.toUpperCase(),
    kind: 'labels',
    status,
    origin: 'catalog',
    variants: [{ id: '2mm', resolutionMm: 2, bytes: 1000, status: status === 'present' ? 'present' : 'missing' }],
  } as unknown as AtlasListing;
}

const { useStore } = await import('../../../../../renderer/src/store');
const { mapsPaintedOn, mapsShownOver, regionsCarryMaps } = await import(
  '../../../../../renderer/src/store/scene-slice'
);
const until = (check: () => boolean) => vi.waitFor(() => expect(check()).toBe(true));

describe('scene slice: choosing atlases', () => {
  beforeEach(() => {
    fake.loads.clear();
    useStore.setState({
      listings: [listing('here', 'present'), listing('away', 'downloadable')],
      layers: [null, null],
      pending: [null, null],
      download: null,
    });
  });

  it('keeps the atlas still loading when a download chosen after it fails', async () => {
    const first = useStore.getState().chooseAtlas(0, 'here');
    await until(() => fake.loads.has('here'));
    fake.fetchFails = true;
    await useStore.getState().chooseAtlas(0, 'away');
    expect(useStore.getState().download?.status).toBe('failed');
    fake.loads.get('here')?.(undefined);
    await first;
    expect(useStore.getState().layers[0]?.atlasId).toBe('here');
    expect(useStore.getState().pending).toEqual([null, null]);
  });

  it('gives the slot to a downloaded atlas once it has loaded', async () => {
    fake.fetchFails = false;
    const chosen = useStore.getState().chooseAtlas(0, 'away');
    await until(() => fake.loads.has('away'));
    expect(useStore.getState().pending[0]).toBe('away');
    fake.loads.get('away')?.(undefined);
    await chosen;
    expect(useStore.getState().layers[0]?.atlasId).toBe('away');
    expect(useStore.getState().listings?.find((l) => l.id === 'away')?.status).toBe('present');
  });
});

describe('scene slice: where the maps are painted in 3D', () => {
  const layer = (kind: 'labels' | 'coordinates', opacity: number) =>
    ({ atlasId: 'a', name: 'A', kind, key: 'a@2mm', variant: '2mm', opacity }) as const;

  it("puts them on an atlas's regions only while some labelled regions are drawn solid", () => {
    expect(regionsCarryMaps({ layers: [null, null] })).toBe(false);
    expect(regionsCarryMaps({ layers: [layer('labels', 1), null] })).toBe(true);
    // See-through regions would show a map painted on them over what lies behind: the template's surface takes it.
    expect(regionsCarryMaps({ layers: [layer('labels', 0.6), null] })).toBe(false);
    // Spheres of a coordinate atlas are not a brain surface.
    expect(regionsCarryMaps({ layers: [layer('coordinates', 1), null] })).toBe(false);
    expect(regionsCarryMaps({ layers: [layer('coordinates', 1), layer('labels', 1)] })).toBe(true);
  });

  it('paints the outsides of solid labelled regions with Maps in 3D on surfaces, and no others', () => {
    const shown = { overlay3d: 'both' as const, displayOverlays: [{} as DisplayOverlay] };
    expect(mapsPaintedOn(shown, layer('labels', 1))).toBe(true);
    expect(mapsPaintedOn({ ...shown, overlay3d: 'surface' }, layer('labels', 1))).toBe(true);
    expect(mapsPaintedOn({ ...shown, overlay3d: 'blobs' }, layer('labels', 1))).toBe(false);
    expect(mapsPaintedOn({ ...shown, overlay3d: 'off' }, layer('labels', 1))).toBe(false);
    expect(mapsPaintedOn({ ...shown, displayOverlays: [] }, layer('labels', 1))).toBe(false);
    expect(mapsPaintedOn(shown, layer('labels', 0.6))).toBe(false);
    expect(mapsPaintedOn(shown, layer('coordinates', 1))).toBe(false);
    expect(mapsPaintedOn(shown, null)).toBe(false);
  });

  it('mutes solid labelled regions (and maps their cut faces) whenever a map shows in 3D', () => {
    const shown = { overlay3d: 'blobs' as const, displayOverlays: [{} as DisplayOverlay] };
    // Blobs only: drawn through the regions, so their colours are muted too.
    expect(mapsShownOver(shown, layer('labels', 1))).toBe(true);
    expect(mapsShownOver({ ...shown, overlay3d: 'both' }, layer('labels', 1))).toBe(true);
    // Not in 3D, or no map shown: the regions keep their colours.
    expect(mapsShownOver({ ...shown, overlay3d: 'off' }, layer('labels', 1))).toBe(false);
    expect(mapsShownOver({ ...shown, displayOverlays: [] }, layer('labels', 1))).toBe(false);
    expect(mapsShownOver(shown, layer('labels', 0.6))).toBe(false);
    expect(mapsShownOver(shown, layer('coordinates', 1))).toBe(false);
  });
});
