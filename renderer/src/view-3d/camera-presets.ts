/** Camera presets in MNI space (RAS, Z up): the direction from the target to the camera. */
import type { Vector3 } from 'three';
import type { Vec3 } from '../../../core/api';
import type { CameraPreset } from '../store/view-slice';

// Views straight down or up the Z axis lean a hair towards the front so that anterior is at the top of the screen
// (and OrbitControls, whose up is +Z, is not at its pole).
const TILT = 1e-3;

export const PRESET_DIRECTIONS: Record<CameraPreset, Vec3> = {
  'left-lateral': [-1, 0, 0],
  'right-lateral': [1, 0, 0],
  // A medial view looks at one hemisphere from the other side, with the other hemisphere hidden.
  'left-medial': [1, 0, 0],
  'right-medial': [-1, 0, 0],
  superior: [0, -TILT, 1],
  inferior: [0, TILT, -1],
  anterior: [0, 1, 0],
  posterior: [0, -1, 0],
  reset: [-0.75, 0.5, 0.42],
};

export const FOV_DEG = 30;

/** Distance at which a sphere of `radius` fills the view with a margin, for a camera of this aspect. */
export function fitDistance(radius: number, aspect: number): number {
  const half = (FOV_DEG / 2) * (Math.PI / 180);
  const d = (radius * 1.08) / Math.sin(half);
  return aspect < 1 ? d / Math.max(aspect, 0.3) : d;
}

/**
 * `offset` (camera minus target), rescaled in place from the distance that fits a sphere of `from` radius at that
 * aspect to the one that fits `to`: the same direction and the same zoom, for another frame or image shape.
 */
export function refitOffset(
  offset: Vector3,
  from: { radius: number; aspect: number },
  to: { radius: number; aspect: number },
): Vector3 {
  const zoom = offset.length() / fitDistance(from.radius, from.aspect);
  return offset.setLength(fitDistance(to.radius, to.aspect) * zoom);
}

export function presetPosition(preset: CameraPreset, target: Vec3, distance: number): Vec3 {
  const d = PRESET_DIRECTIONS[preset];
  const len = Math.hypot(d[0], d[1], d[2]);
  return [
    target[0] + (d[0] / len) * distance,
    target[1] + (d[1] / len) * distance,
    target[2] + (d[2] / len) * distance,
  ];
}
