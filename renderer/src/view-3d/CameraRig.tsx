import { useThree } from '@react-three/fiber';
import { useEffect } from 'react';
import type { OrbitControls as OrbitControlsImpl } from 'three-stdlib';
import { useStore } from '../store';
import { fitDistance, presetPosition } from './camera-presets';
import { MNI_BRAIN_CENTRE, MNI_BRAIN_RADIUS } from '../model/layer-data';
import type { CameraPreset } from '../store/view-slice';

/** Moves the camera when a preset is asked for (a store request, applied outside any frame callback). */
export function CameraRig() {
  const camera = useThree((s) => s.camera);
  const controls = useThree((s) => s.controls) as OrbitControlsImpl | null;
  const invalidate = useThree((s) => s.invalidate);

  useEffect(() => {
    const apply = (preset: CameraPreset) => {
      const aspect = 'aspect' in camera ? (camera.aspect as number) : 1;
      const target = MNI_BRAIN_CENTRE;
      const p = presetPosition(preset, target, fitDistance(MNI_BRAIN_RADIUS, aspect));
      camera.up.set(0, 0, 1);
      camera.position.set(p[0], p[1], p[2]);
      if (controls) {
        controls.target.set(target[0], target[1], target[2]);
        controls.update();
      } else {
        camera.lookAt(target[0], target[1], target[2]);
      }
      camera.updateMatrixWorld();
      invalidate();
    };
    apply(useStore.getState().camera.preset);
    return useStore.subscribe((s, prev) => {
      if (s.camera !== prev.camera) apply(s.camera.preset);
    });
  }, [camera, controls, invalidate]);
  return null;
}
