/**
 * Save scene (renderer/src/figure/scene-io.ts's sceneFromStore) names each map by its file, not by the name the map
 * list shows: the same file opened twice is listed as "zstat1.nii.gz" and "zstat1.nii.gz (2)" (the engine numbers
 * it), and the scene file names both zstat1.nii.gz, the file that sits beside it, with each one's own threshold.
 * Opening that scene gives each of the two open maps its own settings back (openSceneMaps).
 */
import { describe, expect, it, vi } from 'vitest';
import type { MapInfo } from '../../../../../core/api/map-api';
import { encodeMapDisplay } from '../../../../../core/maps/map-display';
import { useStore } from '../../../../../renderer/src/store';
import { openSceneMaps, sceneFromStore } from '../../../../../renderer/src/figure/scene-io';
import { mapInfo } from '../../../../helpers/map-info';

const infos: MapInfo[] = [
  mapInfo({ mapId: 'map-1', name: 'zstat1.nii.gz', sha256: 'a'.repeat(64) }),
  mapInfo({ mapId: 'map-2', name: 'zstat1.nii.gz (2)', fileName: 'zstat1.nii.gz', sha256: 'a'.repeat(64) }),
];

vi.mock('../../../../../renderer/src/api', () => ({
  api: {
    listMaps: async () => infos,
    getMapDisplay: async (req: { mapId: string }) =>
      encodeMapDisplay({
        mapId: req.mapId,
        frame: 0,
        dims: [1, 1, 2],
        affine: [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1],
        values: new Float32Array([3, -3]),
      }),
  },
}));

describe('sceneFromStore', () => {
  it('names a map opened twice by its file both times, each with its own threshold', async () => {
    await useStore.getState().syncOpenMaps();
    useStore.getState().setOverlaySettings('map-2', { posThreshold: 4.5 });
    const shown = useStore.getState().overlays.map((o) => o.info.name);
    expect(shown).toEqual(['zstat1.nii.gz', 'zstat1.nii.gz (2)']);
    const maps = sceneFromStore().maps;
    expect(maps.map((m) => m.path)).toEqual(['zstat1.nii.gz', 'zstat1.nii.gz']);
    expect(maps[1].posThreshold).toBe(4.5);
    expect(maps[0].posThreshold).not.toBe(4.5);
  });

  it('puts a scene naming one file twice back on the two open maps, each with its own settings', async () => {
    const scene = sceneFromStore();
    scene.maps[0].posThreshold = 2.5;
    scene.maps[1].posThreshold = 4.5;
    scene.maps[1].colormap = 'viridis';
    useStore.getState().setOverlaySettings('map-1', { posThreshold: 1 });
    useStore.getState().setOverlaySettings('map-2', { posThreshold: 1 });
    expect(await openSceneMaps(scene, [])).toEqual([]);
    const settings = (mapId: string) => useStore.getState().overlays.find((o) => o.mapId === mapId)?.settings;
    expect(settings('map-1')?.posThreshold).toBe(2.5);
    expect(settings('map-2')).toMatchObject({ posThreshold: 4.5, colormap: 'viridis' });
    expect(settings('map-1')?.colormap).not.toBe('viridis');
  });
});
