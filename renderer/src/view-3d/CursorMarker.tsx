import { useEffect, useMemo } from 'react';
import { BufferAttribute, BufferGeometry } from 'three';
import type { Vec3 } from '../../../core/api';
import { type MarkerSurface, surfaceMarkerPoint } from '../model/surface-cursor';
import { SURFACE_SIDES, surfaceData, surfaceFrame } from '../model/surface-data';
import { DEFAULT_BOX } from '../slice-views/geometry';
import { useStore } from '../store';

/** The name of the cursor's objects in the scene: figures leave them out (figure/render-view.ts). */
export const CURSOR_OBJECT = 'cursor';

const YELLOW = '#ffcc00';
const GREEN = '#00e676';

/**
 * The 3D cursor: a small marker at the cursor, and the lines where the three slice planes through it meet (along x,
 * y and z across the view's box).
 *
 * On the volume the marker sits at the MNI cursor, drawn over the regions so it is never hidden inside them. On the
 * cortical surface view it sits on the surface as displayed (model/surface-cursor.ts: the vertex the cursor was
 * picked at, on pial, white or inflated, shifted with its hemisphere), depth-tested: the part in front of the brain
 * is drawn in full and what the brain hides shows only faintly through it, so a marker on the far side does not look
 * as if it were on the near one. Where the surface has no place for the cursor (inflated, far from the cortex) there
 * is no marker; nor on the volume where the cursor lies in a hidden hemisphere. Figures leave the cursor out.
 */
export function CursorMarker() {
  const cursor = useStore((s) => s.cursor);
  const kind = useStore((s) => s.surfaceView);
  const hemispheres = useStore((s) => s.hemispheres);
  // Meshes arriving move the marker onto them.
  const surfaceVersion = useStore((s) => s.surfaceVersion);
  const onSurface = kind !== 'off';

  const placed = useMemo((): { point: Vec3; min: Vec3; max: Vec3 } | null => {
    void surfaceVersion;
    if (!cursor) return null;
    if (kind === 'off') return { point: cursor, min: DEFAULT_BOX.min, max: DEFAULT_BOX.max };
    const surfaces: MarkerSurface[] = [];
    for (const hemi of SURFACE_SIDES) {
      const m = surfaceData.mesh(kind, hemi);
      if (m) surfaces.push({ hemi, positions: m.positions, mid: m.mid, shiftX: m.shiftX, visible: hemispheres[hemi] });
    }
    const point = surfaceMarkerPoint(cursor, kind, surfaces);
    if (!point) return null;
    // The lines reach across the surfaces as drawn (inflated and shifted apart, they pass the MNI box).
    const frame = surfaceFrame(kind);
    if (!frame) return { point, min: DEFAULT_BOX.min, max: DEFAULT_BOX.max };
    const { centre: c, radius: r } = frame;
    return { point, min: [c[0] - r, c[1] - r, c[2] - r], max: [c[0] + r, c[1] + r, c[2] + r] };
  }, [cursor, kind, hemispheres, surfaceVersion]);

  const lines = useMemo(() => {
    if (!placed) return null;
    const { min, max, point } = placed;
    const [x, y, z] = point;
    const g = new BufferGeometry();
    g.setAttribute(
      'position',
      new BufferAttribute(
        new Float32Array([min[0], y, z, max[0], y, z, x, min[1], z, x, max[1], z, x, y, min[2], x, y, max[2]]),
        3,
      ),
    );
    return g;
  }, [placed]);
  useEffect(() => () => lines?.dispose(), [lines]);
  if (!placed || !lines) return null;
  const point = placed.point;
  if (!onSurface) {
    // A cursor in a hidden hemisphere has no marker: drawn over everything, it would seem to lie on the other one.
    const hidden = point[0] < 0 ? !hemispheres.left : !hemispheres.right;
    return (
      <group name={CURSOR_OBJECT}>
        {!hidden && (
          <mesh position={point} renderOrder={10} raycast={() => null}>
            <sphereGeometry args={[2.5, 16, 12]} />
            <meshBasicMaterial color={YELLOW} depthTest={false} transparent opacity={0.95} />
          </mesh>
        )}
        <lineSegments geometry={lines} renderOrder={10} raycast={() => null}>
          <lineBasicMaterial color={GREEN} depthTest={false} transparent opacity={0.6} />
        </lineSegments>
      </group>
    );
  }
  return (
    <group name={CURSOR_OBJECT}>
      {/* In front of the surface: in full (opaque, depth-tested). */}
      <mesh position={point} renderOrder={10} raycast={() => null}>
        <sphereGeometry args={[2.5, 16, 12]} />
        <meshBasicMaterial color={YELLOW} />
      </mesh>
      <lineSegments geometry={lines} renderOrder={10} raycast={() => null}>
        <lineBasicMaterial color={GREEN} transparent opacity={0.6} />
      </lineSegments>
      {/* Behind it: faint, so it can be found but not mistaken for a point on the near side. */}
      <mesh position={point} renderOrder={11} raycast={() => null}>
        <sphereGeometry args={[2.5, 16, 12]} />
        <meshBasicMaterial color={YELLOW} depthTest={false} depthWrite={false} transparent opacity={0.25} />
      </mesh>
      <lineSegments geometry={lines} renderOrder={11} raycast={() => null}>
        <lineBasicMaterial color={GREEN} depthTest={false} depthWrite={false} transparent opacity={0.12} />
      </lineSegments>
    </group>
  );
}
