import { useThree } from '@react-three/fiber';
import { useEffect, useLayoutEffect, useMemo } from 'react';
import { BufferAttribute, BufferGeometry, DoubleSide, Mesh, ShaderMaterial } from 'three';
import { type VertexNeighbours, vertexNeighbours } from '../../../core/surface/project-labels';
import { type Store, useStore } from '../store';
import { layerData, mountedKeys } from '../model/layer-data';
import { type PlacedSurface, SURFACE_SIDES, surfaceData } from '../model/surface-data';
import { type SurfaceLabelColours, surfaceColours } from '../model/surface-colours';
import { MNI_BRAIN_CENTRE } from '../model/layer-data';
import { layerVisual, sameInputs, surfaceColourInputs, visualInputs } from '../model/region-state';
import { surfaceLabelsLayer } from '../store/surface-slice';
import { LIGHT_GLSL } from './shaders';

/** Key in mountedKeys while the surface view's meshes are in the scene (FrameProbe waits for it). */
export const SURFACE_MOUNT_KEY = 'surface';

const VERTEX = /* glsl */ `
attribute vec3 color;
varying vec3 vColor;
varying vec3 vNormalV;
varying vec3 vViewPos;
void main() {
  vColor = color;
  vec4 view = modelViewMatrix * vec4(position, 1.0);
  vViewPos = view.xyz;
  vNormalV = normalMatrix * normal;
  gl_Position = projectionMatrix * view;
}
`;

const FRAGMENT = /* glsl */ `
varying vec3 vColor;
varying vec3 vNormalV;
varying vec3 vViewPos;
${LIGHT_GLSL}
void main() {
  gl_FragColor = vec4(vColor * surfaceLight(vNormalV, vViewPos, 0.38, 0.5, 0.25), 1.0);
}
`;

interface HemisphereMesh {
  mesh: Mesh<BufferGeometry, ShaderMaterial>;
  surface: PlacedSurface;
  graph: VertexNeighbours;
}

function buildHemisphere(surface: PlacedSurface, material: ShaderMaterial): HemisphereMesh {
  const geometry = new BufferGeometry();
  geometry.setAttribute('position', new BufferAttribute(surface.positions, 3));
  geometry.setAttribute('color', new BufferAttribute(new Float32Array(surface.vertexCount * 3), 3));
  geometry.setIndex(new BufferAttribute(surface.triangles, 1));
  geometry.computeVertexNormals();
  geometry.computeBoundingSphere();
  const mesh = new Mesh(geometry, material);
  mesh.position.x = surface.shiftX;
  mesh.name = `surface-${surface.hemi}`;
  return { mesh, surface, graph: vertexNeighbours(surface.vertexCount, surface.triangles) };
}

/** The colours of one hemisphere for what the store shows now. */
function colour(h: HemisphereMesh, s: Store) {
  const hemi = h.surface.hemi;
  const layer = surfaceLabelsLayer(s);
  const data = layerData.get(layer?.key);
  const vertexLabels = surfaceData.labels(layer?.key, hemi);
  let labels: SurfaceLabelColours | null = null;
  if (data && vertexLabels) {
    const visual = layerVisual(data, visualInputs(s, MNI_BRAIN_CENTRE));
    const opacity = s.layers.find((l) => l?.key === data.key)?.opacity ?? 1;
    labels = {
      values: vertexLabels.labels,
      opacity,
      colourOf: (value) => {
        const i = value < data.indexOfValue.length ? data.indexOfValue[value] : -1;
        if (i < 0) return null;
        return { rgb: visual.colors.subarray(3 * i, 3 * i + 3), alpha: visual.alpha[i] };
      },
    };
  }
  const maps = [];
  for (const d of s.displayOverlays) {
    const values = surfaceData.mapValues(d.dataKey, hemi);
    if (values) maps.push({ values, display: d });
  }
  const { start, list } = h.graph;
  const rgb = surfaceColours(h.surface.sulc, labels, maps, (v, visit) => {
    for (let e = start[v]; e < start[v + 1]; e++) visit(list[e]);
  });
  const attr = h.mesh.geometry.getAttribute('color') as BufferAttribute;
  (attr.array as Float32Array).set(rgb);
  attr.needsUpdate = true;
}

/**
 * The cortical surface view: both fsaverage5 hemispheres (or the one the hemisphere toggles leave), coloured by
 * sulcal depth, the first labels layer and the shown maps (model/surface-colours.ts). Colours are recomputed when
 * what they depend on changes; the geometry only when the surface kind does.
 */
export function CorticalSurface() {
  const invalidate = useThree((s) => s.invalidate);
  const kind = useStore((s) => s.surfaceView);
  const material = useMemo(
    () => new ShaderMaterial({ vertexShader: VERTEX, fragmentShader: FRAGMENT, side: DoubleSide }),
    [],
  );
  useEffect(() => () => material.dispose(), [material]);

  // The meshes of the kind shown, as they have arrived (a new version re-reads them; labels or map values arriving
  // leave them the same objects, so the geometry is built once per mesh, not on every arrival).
  useStore((s) => s.surfaceVersion);
  const left = kind === 'off' ? undefined : surfaceData.mesh(kind, 'left');
  const right = kind === 'off' ? undefined : surfaceData.mesh(kind, 'right');
  const hemispheres = useMemo(
    () => [left, right].flatMap((surface) => (surface ? [buildHemisphere(surface, material)] : [])),
    [left, right, material],
  );
  useEffect(() => () => hemispheres.forEach((h) => h.mesh.geometry.dispose()), [hemispheres]);

  // Fetch what is missing whenever what the surface shows could need new data.
  useEffect(() => {
    if (kind === 'off') return;
    void useStore.getState().syncSurface();
    return useStore.subscribe((s, prev) => {
      if (s.layers !== prev.layers || s.overlays !== prev.overlays) void s.syncSurface();
    });
  }, [kind]);

  useLayoutEffect(() => {
    if (hemispheres.length === 0) return;
    const apply = (s: Store) => {
      for (const h of hemispheres) {
        h.mesh.visible = s.hemispheres[h.surface.hemi];
        colour(h, s);
      }
      invalidate();
    };
    let inputs = surfaceColourInputs(useStore.getState(), MNI_BRAIN_CENTRE);
    apply(useStore.getState());
    mountedKeys.add(SURFACE_MOUNT_KEY);
    // Recoloured (a few ms per hemisphere) only when what the colours are made of changes: not on every hover.
    const unsubscribe = useStore.subscribe((s, prev) => {
      if (s.sceneVersion === prev.sceneVersion) return;
      const now = surfaceColourInputs(s, MNI_BRAIN_CENTRE);
      // Still a frame, which reports the new version drawn (FrameProbe).
      if (sameInputs(now, inputs)) return invalidate();
      inputs = now;
      apply(s);
    });
    return () => {
      unsubscribe();
      mountedKeys.delete(SURFACE_MOUNT_KEY);
      invalidate();
    };
  }, [hemispheres, invalidate]);

  return (
    <>
      {hemispheres.map((h) => (
        <primitive key={h.surface.hemi} object={h.mesh} />
      ))}
    </>
  );
}

/** The hemisphere meshes in the scene now, for picking. */
export function surfaceMeshes(scene: { getObjectByName(name: string): unknown }): Mesh[] {
  return SURFACE_SIDES.map((h) => scene.getObjectByName(`surface-${h}`)).filter((m): m is Mesh => m instanceof Mesh);
}
