import { useThree } from '@react-three/fiber';
import { useEffect } from 'react';
import { Quaternion, Vector3 } from 'three';
import type { OrbitControls as OrbitControlsImpl } from 'three-stdlib';
import { useStore } from '../store';
import { fitDistance, presetPosition, refitOffset } from './camera-presets';
import { type ViewFrame, viewFrame } from '../model/view-frame';
import type { CameraPreset } from '../store/view-slice';

/** How long the camera glides to a preset while presenting (elsewhere it jumps: figures and tests want it there). */
export const PRESENTING_GLIDE_MS = 700;

/**
 * Moves the camera when a preset is asked for (a store request, applied outside any frame callback). While
 * presenting, it glides there along the sphere around the target, easing in and out, one frame asked for at a time.
 * Presets frame what the view shows (model/view-frame.ts); when that changes (the cortical surface turned on, or
 * inflated), the camera keeps its direction and zoom and is refitted to the new frame.
 */
export function CameraRig() {
  const camera = useThree((s) => s.camera);
  const controls = useThree((s) => s.controls) as OrbitControlsImpl | null;
  const invalidate = useThree((s) => s.invalidate);

  useEffect(() => {
    let frame = 0;
    let shown = viewFrame(useStore.getState());
    const aspectNow = () => ('aspect' in camera ? (camera.aspect as number) : 1);
    const place = (p: Vector3, target: readonly number[] = shown.centre) => {
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
      const target = new Vector3(...shown.centre);
      const end = new Vector3(...presetPosition(preset, shown.centre, fitDistance(shown.radius, aspectNow())));
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
    /** Same direction from the target, same distance relative to the distance that fits the frame. */
    const refit = (from: ViewFrame, to: ViewFrame) => {
      cancelAnimationFrame(frame);
      const target = controls ? controls.target.clone() : new Vector3(...from.centre);
      const aspect = aspectNow();
      const offset = refitOffset(camera.position.clone().sub(target), { ...from, aspect }, { ...to, aspect });
      place(new Vector3(...to.centre).add(offset), to.centre);
    };
    apply(useStore.getState().camera.preset, false);
    const unsubscribe = useStore.subscribe((s, prev) => {
      const next = viewFrame(s);
      const from = shown;
      shown = next;
      if (s.camera !== prev.camera) apply(s.camera.preset, s.presenting);
      else if (next !== from) refit(from, next);
    });
    return () => {
      cancelAnimationFrame(frame);
      unsubscribe();
    };
  }, [camera, controls, invalidate]);
  return null;
}
