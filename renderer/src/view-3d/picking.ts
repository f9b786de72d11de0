/**
 * What is under the pointer, without raycasting meshes: the camera ray is marched through each labels atlas's
 * label grid in world mm (steps of half a voxel) and the first voxel whose region is drawn (shown, not clipped,
 * not cut at the midline) wins. Coordinate atlases are spheres (ray–sphere test); regions too small to see are
 * point markers (a few pixels around the pointer). With explode on, a sample belongs to a region when the sample
 * moved back by that region's offset lands in it.
 */
import type { Vec3 } from '../../../core/api';
import type { Axis, ClipAxis } from '../store/view-slice';
import type { CoordinatesLayerData, LabelsLayerData, LayerData, PickGrid } from '../model/layer-data';
import { type LayerVisual, pickable } from '../model/region-state';

export interface Ray {
  origin: Vec3;
  /** Unit length. */
  dir: Vec3;
}

export interface ClipInputs {
  clip: Record<Axis, ClipAxis>;
  hemispheres: { left: boolean; right: boolean };
}

export interface Hit {
  /** Distance along the ray (mm). */
  t: number;
  regionIndex: number;
  /** The anatomical point hit (MNI mm, explode offset removed). */
  point: Vec3;
}

const AXES: Axis[] = ['x', 'y', 'z'];

export function isClipped(p: Vec3, c: ClipInputs['clip']): boolean {
  for (let a = 0; a < 3; a++) {
    const ax = c[AXES[a]];
    if (ax.on && (p[a] - ax.at) * (ax.flip ? -1 : 1) > 0) return true;
  }
  return false;
}

export function midlineHidden(x: number, h: ClipInputs['hemispheres']): boolean {
  return (!h.left && x < 0) || (!h.right && x >= 0);
}

/** Whether anything cuts regions open: a clipping plane, or a hidden hemisphere (its midline cut). */
export function anyCut(ci: ClipInputs): boolean {
  return AXES.some((a) => ci.clip[a].on) || !ci.hemispheres.left || !ci.hemispheres.right;
}

/** Entry and exit distances of a ray through an axis-aligned box, or null when it misses. */
export function rayBox(ray: Ray, min: Vec3, max: Vec3): [number, number] | null {
  let t0 = -Infinity;
  let t1 = Infinity;
  for (let a = 0; a < 3; a++) {
    const o = ray.origin[a];
    const d = ray.dir[a];
    if (Math.abs(d) < 1e-12) {
      if (o < min[a] || o > max[a]) return null;
      continue;
    }
    let ta = (min[a] - o) / d;
    let tb = (max[a] - o) / d;
    if (ta > tb) [ta, tb] = [tb, ta];
    t0 = Math.max(t0, ta);
    t1 = Math.min(t1, tb);
  }
  return t1 >= Math.max(t0, 0) ? [Math.max(t0, 0), t1] : null;
}

/** The label of the voxel nearest to a world point, 0 outside the grid. */
export function labelAt(g: PickGrid, x: number, y: number, z: number): number {
  const m = g.inverse;
  const i = Math.round(m[0] * x + m[1] * y + m[2] * z + m[3]);
  const j = Math.round(m[4] * x + m[5] * y + m[6] * z + m[7]);
  const k = Math.round(m[8] * x + m[9] * y + m[10] * z + m[11]);
  const [nx, ny, nz] = g.dims;
  if (i < 0 || j < 0 || k < 0 || i >= nx || j >= ny || k >= nz) return 0;
  return g.labels[i + nx * (j + ny * k)];
}

export function pickLabels(
  ray: Ray,
  data: LabelsLayerData,
  visual: LayerVisual,
  opacity: number,
  ci: ClipInputs,
): Hit | null {
  const g = data.grid;
  const pad = visual.maxOffset + g.voxelMm;
  const span = rayBox(
    ray,
    [g.min[0] - pad, g.min[1] - pad, g.min[2] - pad],
    [g.max[0] + pad, g.max[1] + pad, g.max[2] + pad],
  );
  if (!span) return null;
  const step = g.voxelMm / 2;
  const { origin: o, dir: d } = ray;
  const exploded = visual.maxOffset > 0;
  const candidates: number[] = [];
  if (exploded) {
    data.regions.forEach((_, i) => {
      if (pickable(visual.alpha[i], opacity)) candidates.push(i);
    });
  }
  const p: Vec3 = [0, 0, 0];
  for (let t = span[0]; t <= span[1]; t += step) {
    p[0] = o[0] + t * d[0];
    p[1] = o[1] + t * d[1];
    p[2] = o[2] + t * d[2];
    if (isClipped(p, ci.clip)) continue;
    if (!exploded) {
      const label = labelAt(g, p[0], p[1], p[2]);
      if (label <= 0) continue;
      const idx = label < data.indexOfValue.length ? data.indexOfValue[label] : -1;
      if (idx < 0 || !pickable(visual.alpha[idx], opacity)) continue;
      if (visual.bilateral[idx] && midlineHidden(p[0], ci.hemispheres)) continue;
      return { t, regionIndex: idx, point: [p[0], p[1], p[2]] };
    }
    for (const idx of candidates) {
      const r = data.regions[idx];
      const qx = p[0] - visual.offsets[idx * 3];
      const qy = p[1] - visual.offsets[idx * 3 + 1];
      const qz = p[2] - visual.offsets[idx * 3 + 2];
      const b = r.bbox;
      const m = g.voxelMm;
      if (
        qx < b.min[0] - m ||
        qx > b.max[0] + m ||
        qy < b.min[1] - m ||
        qy > b.max[1] + m ||
        qz < b.min[2] - m ||
        qz > b.max[2] + m
      )
        continue;
      if (labelAt(g, qx, qy, qz) !== r.value) continue;
      if (visual.bilateral[idx] && midlineHidden(qx, ci.hemispheres)) continue;
      return { t, regionIndex: idx, point: [qx, qy, qz] };
    }
  }
  return null;
}

/** First brain voxel of a template mask along the ray (for the MNI coordinate on the glass brain). */
export function pickMask(ray: Ray, g: PickGrid, ci: ClipInputs): { t: number; point: Vec3 } | null {
  const span = rayBox(ray, g.min, g.max);
  if (!span) return null;
  const step = g.voxelMm / 2;
  for (let t = span[0]; t <= span[1]; t += step) {
    const p: Vec3 = [ray.origin[0] + t * ray.dir[0], ray.origin[1] + t * ray.dir[1], ray.origin[2] + t * ray.dir[2]];
    if (isClipped(p, ci.clip) || midlineHidden(p[0], ci.hemispheres)) continue;
    if (labelAt(g, p[0], p[1], p[2]) > 0) return { t, point: p };
  }
  return null;
}

export function pickSpheres(
  ray: Ray,
  data: CoordinatesLayerData,
  visual: LayerVisual,
  opacity: number,
  ci: ClipInputs,
): Hit | null {
  let best: Hit | null = null;
  const { origin: o, dir: d } = ray;
  data.regions.forEach((r, i) => {
    if (!pickable(visual.alpha[i], opacity)) return;
    const c: Vec3 = [
      r.centroid[0] + visual.offsets[i * 3],
      r.centroid[1] + visual.offsets[i * 3 + 1],
      r.centroid[2] + visual.offsets[i * 3 + 2],
    ];
    const oc: Vec3 = [o[0] - c[0], o[1] - c[1], o[2] - c[2]];
    const b = oc[0] * d[0] + oc[1] * d[1] + oc[2] * d[2];
    const disc = b * b - (oc[0] ** 2 + oc[1] ** 2 + oc[2] ** 2 - r.radius ** 2);
    if (disc < 0) return;
    const s = Math.sqrt(disc);
    for (const t of [-b - s, -b + s]) {
      if (t < 0 || (best && t >= best.t)) continue;
      const p: Vec3 = [o[0] + t * d[0], o[1] + t * d[1], o[2] + t * d[2]];
      if (isClipped(p, ci.clip)) continue;
      const point: Vec3 = [
        p[0] - visual.offsets[i * 3],
        p[1] - visual.offsets[i * 3 + 1],
        p[2] - visual.offsets[i * 3 + 2],
      ];
      if (visual.bilateral[i] && midlineHidden(point[0], ci.hemispheres)) continue;
      best = { t, regionIndex: i, point };
      break;
    }
  });
  return best;
}

/**
 * Point markers of regions too small to see: the nearest to the pointer within `radiusPx`. `project` maps a world
 * point to CSS px and its distance from the camera, or null when behind it.
 */
export function pickMarkers(
  px: [number, number],
  project: (p: Vec3) => [number, number, number] | null,
  data: LayerData,
  visual: LayerVisual,
  opacity: number,
  ci: ClipInputs,
  radiusPx = 6,
): Hit | null {
  let best: Hit | null = null;
  let bestD = radiusPx;
  data.regions.forEach((r, i) => {
    if (!r.small || !pickable(visual.alpha[i], opacity)) return;
    const p: Vec3 = [
      r.center[0] + visual.offsets[i * 3],
      r.center[1] + visual.offsets[i * 3 + 1],
      r.center[2] + visual.offsets[i * 3 + 2],
    ];
    if (isClipped(p, ci.clip) || (visual.bilateral[i] && midlineHidden(r.center[0], ci.hemispheres))) return;
    const s = project(p);
    if (!s) return;
    const dd = Math.hypot(s[0] - px[0], s[1] - px[1]);
    if (dd <= bestD) {
      bestD = dd;
      best = { t: s[2], regionIndex: i, point: r.center };
    }
  });
  return best;
}
