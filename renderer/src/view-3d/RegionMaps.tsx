import { useEffect, useMemo } from 'react';
import { Mesh } from 'three';
import type { PackedMeshSet } from '../../../core/mesh/types';
import type { DisplayOverlay } from '../model/display-overlay';
import { type Store, useStore } from '../store';
import { mapsPaintedOn, mapsShownOver } from '../store/scene-slice';
import type { LayerObjects } from './build-objects';
import type { ProjectionSurface } from './overlay-geometry-host';
import { REGION_DEPTHS_MM } from './overlay-geometry';
import type { SceneUniforms } from './shaders';
import { ProjectedMap, useOverlayMaterial } from './ProjectedMap';
import type { MapVolumeUniforms } from './overlay-shaders';
import { anyCut } from './picking';
import { valuesTexture, worldToVoxel } from '../slice-views/textures';

/**
 * The shown maps painted on an atlas layer's regions, bottom to top, where the map passes its thresholds: each
 * vertex takes the map's peak values beneath it. Only regions drawn solid carry them (shaders.ts's MAP_VALUES), and
 * they follow the regions as they are exploded, hidden or cut; where a cut opens the regions, the maps are drawn on
 * the cut faces too (CutFaceMap).
 */
export function RegionMaps({
  layerKey,
  meshes,
  objects,
  scene,
}: {
  layerKey: string;
  meshes: Pick<PackedMeshSet, 'positions' | 'normals'>;
  objects: LayerObjects;
  scene: SceneUniforms;
}) {
  const list = useStore((s) => s.displayOverlays);
  // Regions see-through (the layer's opacity below 1) carry no map: the template's surface does (regionsCarryMaps).
  // Painted on the outsides with Maps in 3D on surfaces; on the cut faces whenever maps show in 3D.
  const layerOf = (s: Store) => s.layers.find((l) => l?.key === layerKey);
  const painted = useStore((s) => mapsPaintedOn(s, layerOf(s)));
  const shown = useStore((s) => mapsShownOver(s, layerOf(s)));
  const surface = useMemo<ProjectionSurface>(
    () => ({
      surfaceKey: `regions:${layerKey}`,
      positions: meshes.positions,
      normals: meshes.normals,
      depths: REGION_DEPTHS_MM,
    }),
    [layerKey, meshes],
  );
  const cut = useStore(anyCut);
  if (!shown) return null;
  return (
    <>
      {painted &&
        list.map((d, i) => (
          <RegionMap key={d.dataKey} overlay={d} slot={i} objects={objects} surface={surface} scene={scene} />
        ))}
      {cut &&
        list.map((d, i) => (
          <CutFaceMap key={`cut:${d.dataKey}`} overlay={d} slot={i} objects={objects} scene={scene} />
        ))}
    </>
  );
}

/** The maps' volume textures for the cut faces, by display grid: shared by the layers drawing the same map. */
const mapVolumes = new Map<string, { volume: MapVolumeUniforms; users: number }>();

/**
 * A map's values as a volume texture for the cut faces' shader: made once per display grid (29 MB at 1 mm) for every
 * layer that draws it, and freed when the last one stops.
 */
function useMapVolume(overlay: DisplayOverlay): MapVolumeUniforms {
  const { dataKey, values, dims, affine } = overlay;
  // biome-ignore lint/correctness/useExhaustiveDependencies: dataKey names values, dims and affine
  const entry = useMemo(() => {
    let e = mapVolumes.get(dataKey);
    if (!e) {
      const volume = {
        uValues: { value: valuesTexture(values, dims) },
        uInverse: { value: worldToVoxel(affine) },
        uDims: { value: [...dims] },
      };
      e = { volume, users: 0 };
      mapVolumes.set(dataKey, e);
    }
    return e;
  }, [dataKey]);
  useEffect(() => {
    entry.users++;
    return () => {
      if (--entry.users > 0) return;
      entry.volume.uValues.value.dispose();
      if (mapVolumes.get(dataKey) === entry) mapVolumes.delete(dataKey);
    };
  }, [entry, dataKey]);
  return entry.volume;
}

/**
 * A map on the layer's cut faces, where a clipping plane or a hidden hemisphere opens its solid regions: the map's
 * value at the point of the cut the eye meets, sampled as the slice views sample it (overlay-shaders.ts's 'cut').
 */
function CutFaceMap({
  overlay,
  slot,
  objects,
  scene,
}: {
  overlay: DisplayOverlay;
  slot: number;
  objects: LayerObjects;
  scene: SceneUniforms;
}) {
  const volume = useMapVolume(overlay);
  const material = useOverlayMaterial('cut', overlay, scene, slot, objects.uniforms, volume);
  const mesh = useMemo(() => {
    const m = new Mesh(objects.cut.geometry, material);
    // After the cut faces (0.5); upper maps after lower ones.
    m.renderOrder = 0.5 + 0.01 * (slot + 1);
    m.frustumCulled = false; // the shader moves vertices
    return m;
  }, [objects, material, slot]);
  return <primitive object={mesh} />;
}

function RegionMap({
  overlay,
  slot,
  objects,
  surface,
  scene,
}: {
  overlay: DisplayOverlay;
  slot: number;
  objects: LayerObjects;
  surface: ProjectionSurface;
  scene: SceneUniforms;
}) {
  const material = useOverlayMaterial('regions', overlay, scene, slot, objects.uniforms);
  // After the regions' front faces (0), before their cut faces (0.5); upper maps after lower ones.
  return (
    <ProjectedMap
      overlay={overlay}
      geometry={objects.mapGeometry(slot)}
      surface={surface}
      material={material}
      renderOrder={0.1 + 0.01 * (slot + 1)}
      moved
    />
  );
}
