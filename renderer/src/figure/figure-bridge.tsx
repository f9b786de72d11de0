import { useThree } from '@react-three/fiber';
import { useEffect } from 'react';
import type { Camera, Scene, WebGLRenderer } from 'three';
import type { OrbitControls as OrbitControlsImpl } from 'three-stdlib';

/** What figure export needs of the live 3D view: its renderer, scene, camera and orbit controls. */
export interface FigureTarget {
  gl: WebGLRenderer;
  scene: Scene;
  camera: Camera;
  controls: OrbitControlsImpl | null;
  invalidate(): void;
}

let target: FigureTarget | null = null;

/** The 3D view to render figures from, once it exists. */
export function figureTarget(): FigureTarget | null {
  return target;
}

/** Inside the Canvas: lends the view's renderer, scene and camera to figure export (figure/render-view.ts). */
export function FigureBridge() {
  const gl = useThree((s) => s.gl);
  const scene = useThree((s) => s.scene);
  const camera = useThree((s) => s.camera);
  const controls = useThree((s) => s.controls) as OrbitControlsImpl | null;
  const invalidate = useThree((s) => s.invalidate);
  useEffect(() => {
    const mine: FigureTarget = { gl, scene, camera, controls, invalidate };
    target = mine;
    return () => {
      if (target === mine) target = null;
    };
  }, [gl, scene, camera, controls, invalidate]);
  return null;
}
