import { useThree } from '@react-three/fiber';
import { useEffect, useMemo, useState } from 'react';
import { BufferAttribute, BufferGeometry, Mesh } from 'three';
import { meshSetGeometry } from './build-objects';
import { templateData } from '../model/layer-data';
import type { DisplayOverlay } from '../model/display-overlay';
import { applyOverlay, createOverlayMaterial, createOverlayUniforms } from './overlay-shaders';
import type { SceneUniforms } from './shaders';
import { useStore } from '../store';
import { buildBlobs, keepGrids, projectOnSurface } from './overlay-worker-client';
import { beginOverlayWork } from './overlay-work';

/** How long thresholds rest before blobs are remeshed (the surface follows at once: it only changes uniforms). */
const BLOB_DEBOUNCE_MS = 120;

/**
 * The visible statistical-map overlays in 3D, bottom to top: projected on the template's surface and as blobs
 * inside the glass brain (store `overlay3d` says which). Geometry comes from the overlay worker; settings only
 * change uniforms.
 */
export function OverlayLayers({ scene }: { scene: SceneUniforms }) {
  const list = useStore((s) => s.displayOverlays);
  const mode = useStore((s) => s.overlay3d);
  // The surface projection lies on the glass brain: it goes when the template brain is hidden.
  const templateKey = useStore((s) => (s.template.visible ? s.template.key : null));
  const keys = list.map((d) => d.dataKey).join('|');
  useEffect(() => keepGrids(keys ? keys.split('|') : []), [keys]);
  return (
    <>
      {list.map((d, i) => (
        <group key={d.dataKey}>
          {(mode === 'both' || mode === 'surface') && templateKey && (
            <OverlaySurface overlay={d} layer={i} scene={scene} templateKey={templateKey} />
          )}
          {(mode === 'both' || mode === 'blobs') && <OverlayBlobs overlay={d} scene={scene} />}
        </group>
      ))}
    </>
  );
}

function useOverlayMaterial(kind: 'surface' | 'blobs', overlay: DisplayOverlay, scene: SceneUniforms, layer: number) {
  const invalidate = useThree((s) => s.invalidate);
  const uniforms = useMemo(createOverlayUniforms, []);
  const opaque = overlay.opacity >= 0.999;
  const material = useMemo(
    () => createOverlayMaterial(kind, scene, uniforms, layer, opaque ? 1 : 0.5),
    [kind, scene, uniforms, layer, opaque],
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

function OverlaySurface({
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
  const invalidate = useThree((s) => s.invalidate);
  const material = useOverlayMaterial('surface', overlay, scene, layer);
  const template = templateData.get(templateKey);
  const [ready, setReady] = useState<string | null>(null);
  const geometry = useMemo(() => {
    if (!template) return null;
    const m = template.meshes;
    const g = meshSetGeometry(m);
    const n = m.positions.length / 3;
    g.setAttribute('aPos', new BufferAttribute(new Float32Array(n), 1));
    g.setAttribute('aNeg', new BufferAttribute(new Float32Array(n), 1));
    g.computeBoundingSphere();
    return g;
  }, [template]);
  useEffect(() => () => geometry?.dispose(), [geometry]);

  const dataKey = overlay.dataKey;
  useEffect(() => {
    if (!geometry || !template) return;
    let live = true;
    const done = beginOverlayWork();
    projectOnSurface(dataKey, templateKey, template.meshes.positions, template.meshes.normals)
      .then(
        (r) => {
          if (!live) return;
          geometry.setAttribute('aPos', new BufferAttribute(r.pos, 1));
          geometry.setAttribute('aNeg', new BufferAttribute(r.neg, 1));
          setReady(`${dataKey}@${templateKey}`);
          invalidate();
        },
        (e: unknown) => console.warn(`overlay surface: ${e instanceof Error ? e.message : String(e)}`),
      )
      .finally(done);
    return () => {
      live = false;
      done();
    };
  }, [geometry, template, dataKey, templateKey, invalidate]);

  const mesh = useMemo(() => {
    if (!geometry) return null;
    const m = new Mesh(geometry, material);
    // After the glass brain (2) when blended, upper layers after lower ones.
    m.renderOrder = 2 + 0.01 * (layer + 1);
    return m;
  }, [geometry, material, layer]);
  useEffect(() => {
    if (mesh && ready) invalidate();
  }, [mesh, ready, invalidate]);
  if (!mesh || ready !== `${dataKey}@${templateKey}`) return null;
  return <primitive object={mesh} />;
}

function OverlayBlobs({ overlay, scene }: { overlay: DisplayOverlay; scene: SceneUniforms }) {
  const invalidate = useThree((s) => s.invalidate);
  const material = useOverlayMaterial('blobs', overlay, scene, 0);
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
  // A frame after the mesh is mounted: the one asked for when the geometry arrived may have come before it.
  useEffect(() => {
    if (mesh) invalidate();
  }, [mesh, invalidate]);
  if (!mesh || geometry!.index!.count === 0) return null;
  return <primitive object={mesh} />;
}
