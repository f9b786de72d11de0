import { useThree } from '@react-three/fiber';
import { useEffect, useMemo, useState } from 'react';
import { type BufferAttribute, type BufferGeometry, Mesh, type ShaderMaterial } from 'three';
import type { DisplayOverlay } from '../model/display-overlay';
import type { ProjectionSurface } from './overlay-geometry-host';
import {
  type MapVolumeUniforms,
  type OverlayKind,
  applyOverlay,
  createOverlayMaterial,
  createOverlayUniforms,
} from './overlay-shaders';
import type { LayerUniforms, SceneUniforms } from './shaders';
import { holdSurface, projectOnSurface } from './overlay-worker-client';
import { beginOverlayWork } from './overlay-work';

/**
 * The material of one map's overlay, kept in step with its settings (uniforms only). `layer`: the map's place in
 * the stack, bottom first; `regions`: the atlas layer's uniforms, for a map painted on its regions; `volume`: the
 * map's values as a volume, for its cut faces.
 */
export function useOverlayMaterial(
  kind: OverlayKind,
  overlay: DisplayOverlay,
  scene: SceneUniforms,
  layer: number,
  regions?: LayerUniforms,
  volume?: MapVolumeUniforms,
): ShaderMaterial {
  const invalidate = useThree((s) => s.invalidate);
  const uniforms = useMemo(createOverlayUniforms, []);
  const opaque = overlay.opacity >= 0.999;
  const material = useMemo(
    () => createOverlayMaterial(kind, scene, uniforms, layer, opaque ? 1 : 0.5, regions, volume),
    [kind, scene, uniforms, layer, opaque, regions, volume],
  );
  useEffect(() => () => material.dispose(), [material]);
  useEffect(
    () => () => {
      uniforms.uPosLut.value.dispose();
      uniforms.uNegLut.value.dispose();
    },
    [uniforms],
  );
  useEffect(() => {
    applyOverlay(uniforms, overlay);
    invalidate();
  }, [uniforms, overlay, material, invalidate]);
  return material;
}

/** Values into a geometry's attribute (made by withMapValues, one per vertex), in place: no new GPU buffer. */
function writeValues(geometry: BufferGeometry, name: 'aPos' | 'aNeg', values: Float32Array): void {
  const a = geometry.getAttribute(name) as BufferAttribute;
  (a.array as Float32Array).set(values);
  a.needsUpdate = true;
}

/**
 * A map projected on a surface (the template's, an atlas's regions): the overlay worker samples the map beneath each
 * vertex (projectAlongNormals) into the geometry's aPos and aNeg, and the mesh shows once they are there. The
 * surface is held in the worker while this is mounted.
 */
export function ProjectedMap({
  overlay,
  geometry,
  surface,
  material,
  renderOrder,
  moved = false,
}: {
  overlay: DisplayOverlay;
  geometry: BufferGeometry | null;
  surface: ProjectionSurface | null;
  material: ShaderMaterial;
  renderOrder: number;
  /** The shader moves the vertices (exploded regions): never culled by the geometry's bounds. */
  moved?: boolean;
}) {
  const invalidate = useThree((s) => s.invalidate);
  const [ready, setReady] = useState<string | null>(null);
  const dataKey = overlay.dataKey;
  const surfaceKey = surface?.surfaceKey ?? null;
  useEffect(() => (surfaceKey ? holdSurface(surfaceKey) : undefined), [surfaceKey]);
  const readyKey = geometry && surface ? `${dataKey}@${surface.surfaceKey}#${geometry.id}` : null;
  useEffect(() => {
    if (!geometry || !surface || !readyKey) return;
    let live = true;
    const done = beginOverlayWork();
    projectOnSurface(dataKey, surface)
      .then(
        (r) => {
          if (!live) return;
          writeValues(geometry, 'aPos', r.pos);
          writeValues(geometry, 'aNeg', r.neg);
          setReady(readyKey);
          invalidate();
        },
        (e: unknown) => console.warn(`overlay surface: ${e instanceof Error ? e.message : String(e)}`),
      )
      .finally(done);
    return () => {
      live = false;
      done();
    };
  }, [geometry, surface, dataKey, readyKey, invalidate]);

  const mesh = useMemo(() => {
    if (!geometry) return null;
    const m = new Mesh(geometry, material);
    m.renderOrder = renderOrder;
    m.frustumCulled = !moved;
    return m;
  }, [geometry, material, renderOrder, moved]);
  useEffect(() => {
    if (mesh && ready) invalidate();
  }, [mesh, ready, invalidate]);
  if (!mesh || ready !== readyKey) return null;
  return <primitive object={mesh} />;
}
