import { useThree } from '@react-three/fiber';
import { useEffect } from 'react';
import { Quaternion, Vector3 } from 'three';
import type { OrbitControls as OrbitControlsImpl } from 'three-stdlib';
import { useStore } from '../store';
import { fitDistance, presetPosition } from './camera-presets';
import { MNI_BRAIN_CENTRE, MNI_BRAIN_RADIUS } from '../model/layer-data';
import type { CameraPreset } from '../store/view-slice';

/** How long the camera glides to a preset while presenting (elsewhere it jumps: figures and tests want it there). */
export const PRESENTING_GLIDE_MS = 700;

/**
 * Moves the camera when a preset is asked for (a store request, applied outside any frame callback). While
 * presenting, it glides there along the sphere around the target, easing in and out, one frame asked for at a time.
 */
export function CameraRig() {
  const camera = useThree((s) => s.camera);
  const controls = useThree((s) => s.controls) as OrbitControlsImpl | null;
  const invalidate = useThree((s) => s.invalidate);

  useEffect(() => {
    let frame = 0;
    const place = (p: Vector3) => {
      const target = MNI_BRAIN_CENTRE;
      camera.up.set(0, 0, 1);
      camera.position.copy(p);
      if (controls) {
        controls.target.set(target[0], target[1], target[2]);
        controls.update();
      } else {
        camera.lookAt(target[0], target[1], target[2]);
      }
      camera.updateMatrixWorld();
      invalidate();
    };
    const apply = (preset: CameraPreset, glide: boolean) => {
      cancelAnimationFrame(frame);
      const aspect = 'aspect' in camera ? (camera.aspect as number) : 1;
      const target = new Vector3(...MNI_BRAIN_CENTRE);
      const end = new Vector3(...presetPosition(preset, MNI_BRAIN_CENTRE, fitDistance(MNI_BRAIN_RADIUS, aspect)));
      if (!glide) return place(end);
      const from = camera.position.clone().sub(target);
      const to = end.clone().sub(target);
      const [r0, r1] = [from.length(), to.length()];
      const q = new Quaternion().setFromUnitVectors(from.clone().normalize(), to.clone().normalize());
      const start = performance.now();
      const step = () => {
        const t = Math.min(1, (performance.now() - start) / PRESENTING_GLIDE_MS);
        const e = t < 0.5 ? 2 * t * t : 1 - (-2 * t + 2) ** 2 / 2;
        const dir = from.clone().normalize().applyQuaternion(new Quaternion().slerp(q, e));
        place(dir.multiplyScalar(r0 + (r1 - r0) * e).add(target));
        if (t < 1) frame = requestAnimationFrame(step);
      };
      step();
    };
    apply(useStore.getState().camera.preset, false);
    const unsubscribe = useStore.subscribe((s, prev) => {
      if (s.camera !== prev.camera) apply(s.camera.preset, s.presenting);
    });
    return () => {
      cancelAnimationFrame(frame);
      unsubscribe();
    };
  }, [camera, controls, invalidate]);
  return null;
}
