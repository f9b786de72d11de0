/**
 * What the pointer, wheel and keys do in a slice view, as plain functions of the stores: the cursor moves to a
 * clicked point (snapped to the template's voxel centre), steps one template voxel in-plane (arrows) or along
 * the normal (wheel, PageUp/PageDown), zooms (Ctrl+wheel, +/-), and a click on a drawn region selects it.
 */
import type { Vec3 } from '../../../core/api';
import { MNI_BRAIN_CENTRE, type LabelsLayerData, layerData } from '../model/layer-data';
import { layerVisual, visualInputs } from '../model/region-state';
import { useStore } from '../store';
import { DEFAULT_POINT, PLANE_AXES, type Plane, type ViewMapping, stepped, worldAt, zoomAbout } from './geometry';
import { useSliceStore } from './slice-store';
import { sliceTemplate, snapToVoxel, voxelOf } from './template-source';

export const ZOOM_STEP = 1.25;

export function currentPoint(): Vec3 {
  return useStore.getState().cursor ?? DEFAULT_POINT;
}

/** One arrow-key / wheel step: the template's voxel, else 1 mm. */
export function voxelStep(): number {
  return sliceTemplate.get(useSliceStore.getState().template.key)?.voxelMm ?? 1;
}

/** The point under (x, y) in a view, on the cursor's slice, snapped in-plane to the template's voxel centres. */
export function pointAt(m: ViewMapping, x: number, y: number): Vec3 {
  const p = worldAt(m, x, y);
  const t = sliceTemplate.get(useSliceStore.getState().template.key);
  return t ? snapToVoxel(t, p, PLANE_AXES[m.plane].n) : (p.map((v) => Math.round(v * 1000) / 1000) as Vec3);
}

/** The drawn labels layers, top slot first. */
export function drawnLabelLayers(): { data: LabelsLayerData; opacity: number }[] {
  const out: { data: LabelsLayerData; opacity: number }[] = [];
  for (const l of useStore.getState().layers) {
    const data = layerData.get(l?.key);
    if (l && data?.kind === 'labels') out.push({ data, opacity: l.opacity });
  }
  return out;
}

/** The key of the visible region at a point (upper layer first; ROI spheres of coordinate atlases too), or null. */
export function regionAtPoint(p: Vec3): string | null {
  const s = useStore.getState();
  for (const l of [...s.layers].reverse()) {
    const data = layerData.get(l?.key);
    if (!l || data?.kind !== 'coordinates' || l.opacity <= 0.05) continue;
    const alpha = layerVisual(data, visualInputs(s, MNI_BRAIN_CENTRE)).alpha;
    const hit = data.regions.find(
      (r, i) =>
        alpha[i] > 0 && Math.hypot(r.centroid[0] - p[0], r.centroid[1] - p[1], r.centroid[2] - p[2]) <= r.radius,
    );
    if (hit) return hit.key;
  }
  for (const { data, opacity } of drawnLabelLayers().reverse()) {
    if (opacity <= 0.05) continue;
    const ijk = voxelOf(data.grid, p);
    if (!ijk) continue;
    const [nx, ny] = data.grid.dims;
    const value = data.grid.labels[ijk[0] + nx * (ijk[1] + ny * ijk[2])];
    const idx = value < data.indexOfValue.length ? data.indexOfValue[value] : -1;
    if (idx < 0) continue;
    if (layerVisual(data, visualInputs(s, MNI_BRAIN_CENTRE)).alpha[idx] <= 0) continue;
    return data.regions[idx].key;
  }
  return null;
}

export function clickAt(m: ViewMapping, x: number, y: number, selectRegion: boolean): void {
  const p = pointAt(m, x, y);
  const s = useStore.getState();
  s.setCursor(p);
  if (selectRegion) {
    const key = regionAtPoint(p);
    if (key) s.select(key);
  }
}

export function zoomView(m: ViewMapping, factor: number, about: Vec3 | null): void {
  const { h, v } = PLANE_AXES[m.plane];
  const a = about ?? currentPoint();
  const ss = useSliceStore.getState();
  ss.setView(m.plane, zoomAbout(m, ss.views[m.plane], factor, [a[h], a[v]]));
}

/** Handles a key in a focused view; true when the key was used. */
export function keyInView(m: ViewMapping, key: string): boolean {
  const { h, v, n } = PLANE_AXES[m.plane];
  const d = voxelStep();
  const move = (axis: 0 | 1 | 2, by: number) => useStore.getState().setCursor(stepped(currentPoint(), axis, by));
  switch (key) {
    case 'ArrowRight':
      move(h, d);
      return true;
    case 'ArrowLeft':
      move(h, -d);
      return true;
    case 'ArrowUp':
      move(v, d);
      return true;
    case 'ArrowDown':
      move(v, -d);
      return true;
    case 'PageUp':
      move(n, d);
      return true;
    case 'PageDown':
      move(n, -d);
      return true;
    case '+':
    case '=':
      zoomView(m, ZOOM_STEP, null);
      return true;
    case '-':
      zoomView(m, 1 / ZOOM_STEP, null);
      return true;
    case '0':
    case 'Home':
      useSliceStore.getState().setView(m.plane, { zoom: 1, centre: null });
      return true;
    default:
      return false;
  }
}

/** Wheel: the slice moves one voxel along the normal (up: towards +); with Ctrl (or a pinch) the view zooms. */
export function wheelInView(m: ViewMapping, x: number, y: number, deltaY: number, zoom: boolean): void {
  if (deltaY === 0) return;
  if (zoom) {
    zoomView(m, deltaY < 0 ? ZOOM_STEP : 1 / ZOOM_STEP, worldAt(m, x, y));
    return;
  }
  const { n } = PLANE_AXES[m.plane];
  useStore.getState().setCursor(stepped(currentPoint(), n, deltaY < 0 ? voxelStep() : -voxelStep()));
}

export type { Plane };
