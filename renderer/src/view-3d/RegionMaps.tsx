import { useMemo } from 'react';
import type { PackedMeshSet } from '../../../core/mesh/types';
import type { DisplayOverlay } from '../model/display-overlay';
import { useStore } from '../store';
import { mapsPaintedOn } from '../store/scene-slice';
import type { LayerObjects } from './build-objects';
import type { ProjectionSurface } from './overlay-geometry-host';
import { REGION_DEPTHS_MM } from './overlay-geometry';
import type { SceneUniforms } from './shaders';
import { ProjectedMap, useOverlayMaterial } from './ProjectedMap';

/**
 * The shown maps painted on an atlas layer's regions, bottom to top, where the map passes its thresholds: each
 * vertex takes the map's peak values beneath it. Only regions drawn solid carry them (shaders.ts's MAP_VALUES), and
 * they follow the regions as they are exploded, hidden or cut.
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
  const painted = useStore((s) =>
    mapsPaintedOn(
      s,
      s.layers.find((l) => l?.key === layerKey),
    ),
  );
  const surface = useMemo<ProjectionSurface>(
    () => ({
      surfaceKey: `regions:${layerKey}`,
      positions: meshes.positions,
      normals: meshes.normals,
      depths: REGION_DEPTHS_MM,
    }),
    [layerKey, meshes],
  );
  if (!painted) return null;
  return (
    <>
      {list.map((d, i) => (
        <RegionMap key={d.dataKey} overlay={d} slot={i} objects={objects} surface={surface} scene={scene} />
      ))}
    </>
  );
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
