import { useThree } from '@react-three/fiber';
import { useEffect } from 'react';
import { type Camera, type Mesh, type Object3D, Raycaster, Vector2, Vector3 } from 'three';
import type { Vec3 } from '../../../core/api';
import { type Store, useStore } from '../store';
import { MNI_BRAIN_CENTRE, layerData, templateData } from '../model/layer-data';
import { type ClipInputs, type Hit, type Ray, pickLabels, pickMarkers, pickMask, pickSpheres } from './picking';
import { layerVisual, visualInputs } from '../model/region-state';
import type { HoverInfo, MapValueAt } from '../store/pick-slice';
import { surfaceData } from '../model/surface-data';
import { surfaceLabelsLayer } from '../store/surface-slice';
import { surfaceMeshes } from './CorticalSurface';
import { mapValuesAt } from './tooltip-model';
import { mapValuesAtPoint } from '../model/point-map-values';

export interface PickResult {
  region: { key: string; atlasId: string; value: number } | null;
  mni: Vec3 | null;
  /** Every shown map's value, top map first: at the vertex on the cortical surface, at the point on a region. */
  mapValues?: MapValueAt[];
}

/**
 * What the cortical surface shows under the ray: the nearest vertex of the triangle hit, its region in the first
 * labels layer, its mid-thickness point (where it is in the brain, also on the inflated surface) and the value of
 * every shown map there.
 */
function pickSurface(s: Store, raycaster: Raycaster, meshes: Mesh[]): PickResult {
  const hit = raycaster.intersectObjects(meshes.filter((m) => m.visible) as Object3D[], false)[0];
  if (!hit?.face || s.surfaceView === 'off') return { region: null, mni: null };
  const hemi = hit.object.name === 'surface-left' ? 'left' : 'right';
  const surface = surfaceData.mesh(s.surfaceView, hemi);
  if (!surface) return { region: null, mni: null };
  const local = hit.object.worldToLocal(hit.point.clone());
  let vertex = hit.face.a;
  let best = Number.POSITIVE_INFINITY;
  for (const v of [hit.face.a, hit.face.b, hit.face.c]) {
    const p = surface.positions;
    const d = Math.hypot(p[3 * v] - local.x, p[3 * v + 1] - local.y, p[3 * v + 2] - local.z);
    if (d < best) {
      best = d;
      vertex = v;
    }
  }
  const mni: Vec3 = [surface.mid[3 * vertex], surface.mid[3 * vertex + 1], surface.mid[3 * vertex + 2]];
  const mapValues = mapValuesAt(s.displayOverlays, (key) => surfaceData.mapValues(key, hemi), vertex);
  const layer = surfaceLabelsLayer(s);
  const label = layer ? (surfaceData.labels(layer.key, hemi)?.labels[vertex] ?? 0) : 0;
  const data = layerData.get(layer?.key);
  const index = data && label > 0 && label < data.indexOfValue.length ? data.indexOfValue[label] : -1;
  if (!data || index < 0) return { region: null, mni, mapValues };
  const r = data.regions[index];
  return { region: { key: r.key, atlasId: data.atlasId, value: r.value }, mni, mapValues };
}

/** The region (over every drawn layer, or on the cortical surface) and MNI point under a pointer position in CSS px. */
export function pickAt(
  s: Store,
  camera: Camera,
  scene: Object3D,
  x: number,
  y: number,
  width: number,
  height: number,
): PickResult {
  const raycaster = new Raycaster();
  raycaster.setFromCamera(new Vector2((x / width) * 2 - 1, -(y / height) * 2 + 1), camera);
  if (s.surfaceView !== 'off') return pickSurface(s, raycaster, surfaceMeshes(scene));
  const o = raycaster.ray.origin;
  const d = raycaster.ray.direction;
  const ray: Ray = { origin: [o.x, o.y, o.z], dir: [d.x, d.y, d.z] };
  const ci: ClipInputs = { clip: s.clip, hemispheres: s.hemispheres };
  const camPos = new Vector3().setFromMatrixPosition(camera.matrixWorld);
  const v = new Vector3();
  const project = (p: Vec3): [number, number, number] | null => {
    v.set(p[0], p[1], p[2]).project(camera);
    if (v.z > 1 || v.z < -1) return null;
    return [((v.x + 1) / 2) * width, ((1 - v.y) / 2) * height, camPos.distanceTo(new Vector3(p[0], p[1], p[2]))];
  };
  let best: { hit: Hit; atlasId: string; key: string; value: number } | null = null;
  for (const layer of s.layers) {
    const data = layerData.get(layer?.key);
    if (!layer || !data) continue;
    const visual = layerVisual(data, visualInputs(s, MNI_BRAIN_CENTRE));
    const hits = [
      data.kind === 'labels'
        ? pickLabels(ray, data, visual, layer.opacity, ci)
        : pickSpheres(ray, data, visual, layer.opacity, ci),
      pickMarkers([x, y], project, data, visual, layer.opacity, ci),
    ];
    for (const hit of hits) {
      if (!hit || (best && best.hit.t <= hit.t)) continue;
      const r = data.regions[hit.regionIndex];
      best = { hit, atlasId: data.atlasId, key: r.key, value: r.value };
    }
  }
  // The shown maps' values where the pointer meets the region, as What's here gives them for that point.
  if (best)
    return {
      region: { key: best.key, atlasId: best.atlasId, value: best.value },
      mni: best.hit.point,
      mapValues: mapValuesAtPoint(s.displayOverlays, best.hit.point),
    };
  const t = templateData.get(s.template.key);
  if (t && s.template.visible && s.template.opacity > 0) {
    const m = pickMask(ray, t.grid, ci);
    if (m) return { region: null, mni: m.point };
  }
  return { region: null, mni: null };
}

/**
 * Pointer handling on the canvas: hover picks on move (not while a button is held: that is orbiting), a click
 * that did not drag selects (or clears the selection off the brain). Results go to the store from the event
 * handlers; nothing is set from a frame callback.
 */
export function Picker() {
  const gl = useThree((s) => s.gl);
  const camera = useThree((s) => s.camera);
  const scene = useThree((s) => s.scene);
  useEffect(() => {
    const el = gl.domElement;
    let down: [number, number] | null = null;
    const at = (ev: PointerEvent | MouseEvent) => {
      const rect = el.getBoundingClientRect();
      const x = ev.clientX - rect.left;
      const y = ev.clientY - rect.top;
      return { x, y, result: pickAt(useStore.getState(), camera, scene, x, y, rect.width, rect.height) };
    };
    const onMove = (ev: PointerEvent) => {
      if (ev.buttons !== 0) return;
      const { x, y, result } = at(ev);
      const hover: HoverInfo | null = result.region ? { ...result.region, x, y, mapValues: result.mapValues } : null;
      useStore.getState().setPointer(hover, result.mni);
    };
    const onLeave = () => useStore.getState().setPointer(null, null);
    const onDown = (ev: PointerEvent) => {
      down = [ev.clientX, ev.clientY];
    };
    const onUp = (ev: PointerEvent) => {
      if (!down || ev.button !== 0) return;
      const moved = Math.hypot(ev.clientX - down[0], ev.clientY - down[1]);
      down = null;
      if (moved > 4) return;
      const { x, y, result } = at(ev);
      const s = useStore.getState();
      s.select(result.region?.key ?? null);
      // A click on a region moves the cursor there too, so the slices show what was clicked.
      if (result.region && result.mni) s.setCursor(result.mni);
      s.setPointer(result.region ? { ...result.region, x, y, mapValues: result.mapValues } : null, result.mni);
    };
    el.addEventListener('pointermove', onMove);
    el.addEventListener('pointerleave', onLeave);
    el.addEventListener('pointerdown', onDown);
    el.addEventListener('pointerup', onUp);
    return () => {
      el.removeEventListener('pointermove', onMove);
      el.removeEventListener('pointerleave', onLeave);
      el.removeEventListener('pointerdown', onDown);
      el.removeEventListener('pointerup', onUp);
    };
  }, [gl, camera, scene]);
  return null;
}
