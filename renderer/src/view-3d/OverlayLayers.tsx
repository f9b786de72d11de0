import { useThree } from '@react-three/fiber';
import { useEffect, useMemo, useState } from 'react';
import { BufferAttribute, BufferGeometry, Mesh } from 'three';
import { meshSetGeometry, withMapValues } from './build-objects';
import { templateData } from '../model/layer-data';
import type { DisplayOverlay } from '../model/display-overlay';
import type { SceneUniforms } from './shaders';
import { useStore } from '../store';
import { regionsCarryMaps } from '../store/scene-slice';
import { PROJECTION_DEPTHS_MM } from './overlay-geometry';
import { buildBlobs, keepGrids } from './overlay-worker-client';
import { beginOverlayWork } from './overlay-work';
import { ProjectedMap, useOverlayMaterial } from './ProjectedMap';

/** How long thresholds rest before blobs are remeshed (the surface follows at once: it only changes uniforms). */
const BLOB_DEBOUNCE_MS = 120;

/**
 * The visible statistical-map overlays in 3D, bottom to top: projected on the template's surface and as blobs
 * inside the glass brain (store `overlay3d` says which; on an atlas's regions instead of the template's surface:
 * RegionMaps.tsx). Geometry comes from the overlay worker; settings only change uniforms.
 */
export function OverlayLayers({ scene }: { scene: SceneUniforms }) {
  const list = useStore((s) => s.displayOverlays);
  const mode = useStore((s) => s.overlay3d);
  // The maps lie on the glass brain unless an atlas's regions, drawn solid, carry them (RegionMaps.tsx); and not
  // when the template brain is hidden.
  const templateKey = useStore((s) => (s.template.visible && !regionsCarryMaps(s) ? s.template.key : null));
  // Blobs lie where the map is, in MNI space: with solid regions exploded apart, a cluster would show twice (on its
  // moved region and as a blob in a gap), so only the map on the regions is drawn.
  const blobsFit = useStore((s) => s.explode === 0 || !regionsCarryMaps(s));
  const keys = list.map((d) => d.dataKey).join('|');
  useEffect(() => keepGrids(keys ? keys.split('|') : []), [keys]);
  return (
    <>
      {list.map((d, i) => (
        <group key={d.dataKey}>
          {(mode === 'both' || mode === 'surface') && templateKey && (
            <TemplateMap overlay={d} layer={i} scene={scene} templateKey={templateKey} />
          )}
          {(mode === 'both' || mode === 'blobs') && blobsFit && <OverlayBlobs overlay={d} scene={scene} />}
        </group>
      ))}
    </>
  );
}

/** A map on the template's surface: the peak values over the first 6 mm beneath each vertex. */
function TemplateMap({
  overlay,
  layer,
  scene,
  templateKey,
}: {
  overlay: DisplayOverlay;
  layer: number;
  scene: SceneUniforms;
  templateKey: string;
}) {
  const material = useOverlayMaterial('surface', overlay, scene, layer);
  const template = templateData.get(templateKey);
  const geometry = useMemo(() => {
    if (!template) return null;
    const g = withMapValues(meshSetGeometry(template.meshes));
    g.computeBoundingSphere();
    return g;
  }, [template]);
  useEffect(() => () => geometry?.dispose(), [geometry]);
  const surface = useMemo(
    () =>
      template
        ? {
            surfaceKey: `template:${templateKey}`,
            positions: template.meshes.positions,
            normals: template.meshes.normals,
            depths: PROJECTION_DEPTHS_MM,
          }
        : null,
    [template, templateKey],
  );
  // After the glass brain (2) when blended, upper layers after lower ones.
  return (
    <ProjectedMap
      overlay={overlay}
      geometry={geometry}
      surface={surface}
      material={material}
      renderOrder={2 + 0.01 * (layer + 1)}
    />
  );
}

function OverlayBlobs({ overlay, scene }: { overlay: DisplayOverlay; scene: SceneUniforms }) {
  const invalidate = useThree((s) => s.invalidate);
  const material = useOverlayMaterial('blobs', overlay, scene, 0);
  const hiddenMaterial = useOverlayMaterial('hidden-blobs', overlay, scene, 0);
  const [geometry, setGeometry] = useState<BufferGeometry | null>(null);
  useEffect(() => () => geometry?.dispose(), [geometry]);
  const { dataKey, posThreshold, negThreshold } = overlay;
  const showPos = !!overlay.posLut;
  const showNeg = !!overlay.negLut;
  useEffect(() => {
    let live = true;
    const done = beginOverlayWork();
    const timer = setTimeout(() => {
      buildBlobs(dataKey, { posThreshold, negThreshold, showPos, showNeg })
        .then(
          (r) => {
            if (!live || !r) return;
            const g = new BufferGeometry();
            g.setAttribute('position', new BufferAttribute(r.positions, 3));
            g.setAttribute('normal', new BufferAttribute(r.normals, 3));
            g.setAttribute('aPos', new BufferAttribute(r.pos, 1));
            g.setAttribute('aNeg', new BufferAttribute(r.neg, 1));
            g.setIndex(new BufferAttribute(r.indices, 1));
            g.computeBoundingSphere();
            setGeometry(g);
            invalidate();
          },
          (e: unknown) => console.warn(`overlay blobs: ${e instanceof Error ? e.message : String(e)}`),
        )
        .finally(done);
    }, BLOB_DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
      done();
    };
  }, [dataKey, posThreshold, negThreshold, showPos, showNeg, invalidate]);
  const mesh = useMemo(() => (geometry ? new Mesh(geometry, material) : null), [geometry, material]);
  // Where solid regions hide a blob, it shows faintly through them, after everything opaque (and the glass brain).
  const hiddenMesh = useMemo(() => {
    if (!geometry) return null;
    const m = new Mesh(geometry, hiddenMaterial);
    m.renderOrder = 3;
    return m;
  }, [geometry, hiddenMaterial]);
  // A frame after the mesh is mounted: the one asked for when the geometry arrived may have come before it.
  useEffect(() => {
    if (mesh) invalidate();
  }, [mesh, invalidate]);
  if (!mesh || !hiddenMesh || geometry!.index!.count === 0) return null;
  return (
    <>
      <primitive object={mesh} />
      <primitive object={hiddenMesh} />
    </>
  );
}
