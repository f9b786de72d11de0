/**
 * Where things are in a slice view: which world axes a plane shows (neurological convention: the subject's left
 * on the left; sagittal with anterior to the right), and the mapping between CSS pixels of the view and MNI mm.
 * Pure, so the e2e test and the unit tests can compute the same mapping independently.
 *
 * At zoom 1 the view fits the template grid's world box (voxel corners) and centres it; zoom divides the mm per
 * pixel; a view's centre may be moved by zooming about a point. The slice shown is the cursor's coordinate along
 * the plane's normal.
 */
import type { Vec3 } from '../../../core/api';

export type Plane = 'axial' | 'coronal' | 'sagittal';
export const PLANES: readonly Plane[] = ['axial', 'coronal', 'sagittal'];

/** World axis (0 x, 1 y, 2 z) shown to the right (h), upwards (v), and along the normal (n). */
export const PLANE_AXES: Record<Plane, { h: 0 | 1 | 2; v: 0 | 1 | 2; n: 0 | 1 | 2 }> = {
  axial: { h: 0, v: 1, n: 2 },
  coronal: { h: 0, v: 2, n: 1 },
  sagittal: { h: 1, v: 2, n: 0 },
};

export interface Box {
  min: Vec3;
  max: Vec3;
}

/** Where the slices sit before any cursor is set: near the middle of the MNI152 brain. */
export const DEFAULT_POINT: Vec3 = [0, -18, 8];
/** The MNI152 1 mm grid's box: what the views fit when no template or atlas grid is loaded. */
export const DEFAULT_BOX: Box = { min: [-90.5, -126.5, -72.5], max: [91.5, 91.5, 109.5] };
export const MAX_ZOOM = 32;

export interface ViewState {
  zoom: number;
  /** World (h, v) at the view's centre; null: the box's centre. */
  centre: [number, number] | null;
}

export interface ViewMapping {
  plane: Plane;
  width: number;
  height: number;
  /** mm per CSS pixel. */
  mmPerPx: number;
  /** World (h, v) at the view's centre. */
  centreH: number;
  centreV: number;
  /** The slice's coordinate along the plane's normal. */
  slice: number;
}

export function viewMapping(
  plane: Plane,
  width: number,
  height: number,
  box: Box,
  view: ViewState,
  point: Vec3,
): ViewMapping {
  const { h, v, n } = PLANE_AXES[plane];
  const fit = Math.max((box.max[h] - box.min[h]) / Math.max(width, 1), (box.max[v] - box.min[v]) / Math.max(height, 1));
  const centre = view.centre ?? [(box.min[h] + box.max[h]) / 2, (box.min[v] + box.max[v]) / 2];
  return { plane, width, height, mmPerPx: fit / view.zoom, centreH: centre[0], centreV: centre[1], slice: point[n] };
}

/** The world point under a position in the view (CSS px from its top-left corner, continuous). */
export function worldAt(m: ViewMapping, x: number, y: number): Vec3 {
  const { h, v, n } = PLANE_AXES[m.plane];
  const p: Vec3 = [0, 0, 0];
  p[h] = m.centreH + (x - m.width / 2) * m.mmPerPx;
  p[v] = m.centreV + (m.height / 2 - y) * m.mmPerPx;
  p[n] = m.slice;
  return p;
}

/** The position (CSS px from the view's top-left, continuous) of a world point's projection on the view. */
export function pixelOf(m: ViewMapping, p: Vec3): [number, number] {
  const { h, v } = PLANE_AXES[m.plane];
  return [m.width / 2 + (p[h] - m.centreH) / m.mmPerPx, m.height / 2 - (p[v] - m.centreV) / m.mmPerPx];
}

/** The view state after zooming by `factor` about the world (h, v) point `about`, which stays where it is. */
export function zoomAbout(m: ViewMapping, view: ViewState, factor: number, about: [number, number]): ViewState {
  const zoom = Math.min(MAX_ZOOM, Math.max(1, view.zoom * factor));
  if (zoom === 1) return { zoom: 1, centre: null };
  const k = view.zoom / zoom;
  return { zoom, centre: [about[0] + (m.centreH - about[0]) * k, about[1] + (m.centreV - about[1]) * k] };
}

/** A point moved by `steps` along a world axis. */
export function stepped(p: Vec3, axis: 0 | 1 | 2, by: number): Vec3 {
  const out: Vec3 = [p[0], p[1], p[2]];
  out[axis] = Math.round((out[axis] + by) * 1000) / 1000;
  return out;
}

/** The box of a voxel grid in world mm (voxel corners), for any affine. */
export function gridBox(dims: Vec3, affine: ArrayLike<number>): Box {
  const min: Vec3 = [Infinity, Infinity, Infinity];
  const max: Vec3 = [-Infinity, -Infinity, -Infinity];
  for (const i of [-0.5, dims[0] - 0.5])
    for (const j of [-0.5, dims[1] - 0.5])
      for (const k of [-0.5, dims[2] - 0.5]) {
        for (let a = 0; a < 3; a++) {
          const w = affine[a * 4] * i + affine[a * 4 + 1] * j + affine[a * 4 + 2] * k + affine[a * 4 + 3];
          min[a] = Math.min(min[a], w);
          max[a] = Math.max(max[a], w);
        }
      }
  return { min, max };
}
