/**
 * Where the 3D cursor marker goes while the cortical surface view is shown. The cursor is an MNI point; a surface
 * click sets it to the picked vertex's mid-thickness point (view-3d/Picker.tsx), which is the same for pial, white
 * and inflated. So the vertex is derived, not stored: the vertex whose mid-thickness point is nearest the cursor
 * (distance 0 after a click), drawn where the displayed surface has it (its kind's position plus the hemisphere's
 * shift). The scene keeps only the cursor, and a saved scene, a figure and a switch from pial to inflated all put
 * the marker on the same vertex.
 *
 * A cursor set elsewhere (a typed coordinate, a slice click) within `SURFACE_SNAP_MM` of the cortex snaps to that
 * nearest vertex too. Farther away (deep grey matter, white matter, outside the brain) it has no vertex: pial and
 * white are in MNI space, so the marker is drawn at the point itself (shifted with its hemisphere); inflated has no
 * place for it, and the marker is hidden rather than drawn somewhere wrong.
 */
import type { SurfaceHemisphere, SurfaceKind } from '../../../core/api/surface-api';
import type { Vec3 } from '../../../core/api';

/** How far (mm) from a vertex's mid-thickness point a cursor still counts as on that vertex: about the spacing of
 *  fsaverage5's vertices plus half the cortex's thickness. */
export const SURFACE_SNAP_MM = 5;

export interface MarkerSurface {
  hemi: SurfaceHemisphere;
  /** The displayed kind's positions (before the shift). */
  positions: Float32Array;
  /** Mid-thickness positions (MNI mm), the same for every kind. */
  mid: Float32Array;
  /** x shift the view draws this hemisphere with. */
  shiftX: number;
  /** Whether the hemisphere is shown (the hemisphere toggles). */
  visible: boolean;
}

export interface NearestVertex {
  hemi: SurfaceHemisphere;
  vertex: number;
  /** Distance (mm) from the point to the vertex's mid-thickness point. */
  distance: number;
}

/** The vertex whose mid-thickness point is nearest `p`, over the given hemispheres (null: no vertices). */
export function nearestMidVertex(
  p: Vec3,
  surfaces: readonly Pick<MarkerSurface, 'hemi' | 'mid'>[],
): NearestVertex | null {
  let best: NearestVertex | null = null;
  let bestD2 = Number.POSITIVE_INFINITY;
  for (const s of surfaces) {
    const m = s.mid;
    for (let i = 0, v = 0; i < m.length; i += 3, v++) {
      const dx = m[i] - p[0];
      const dy = m[i + 1] - p[1];
      const dz = m[i + 2] - p[2];
      const d2 = dx * dx + dy * dy + dz * dz;
      if (d2 < bestD2) {
        bestD2 = d2;
        best = { hemi: s.hemi, vertex: v, distance: 0 };
      }
    }
  }
  if (best) best.distance = Math.sqrt(bestD2);
  return best;
}

/**
 * Where the marker for `cursor` is drawn on the surface view showing `kind` (world mm, as drawn), or null when it
 * has no place there: a hidden hemisphere, an inflated surface far from any vertex, meshes not arrived yet.
 */
export function surfaceMarkerPoint(
  cursor: Vec3,
  kind: SurfaceKind,
  surfaces: readonly MarkerSurface[],
  snapMm = SURFACE_SNAP_MM,
): Vec3 | null {
  const near = nearestMidVertex(cursor, surfaces);
  if (near && near.distance <= snapMm) {
    const s = surfaces.find((x) => x.hemi === near.hemi);
    if (!s?.visible) return null;
    const p = s.positions;
    const i = 3 * near.vertex;
    return [p[i] + s.shiftX, p[i + 1], p[i + 2]];
  }
  if (kind === 'inflated') return null;
  const side: SurfaceHemisphere = cursor[0] < 0 ? 'left' : 'right';
  const s = surfaces.find((x) => x.hemi === side);
  if (!s?.visible) return null;
  return [cursor[0] + s.shiftX, cursor[1], cursor[2]];
}
