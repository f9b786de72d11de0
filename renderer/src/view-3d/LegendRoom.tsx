import { useFrame, useThree } from '@react-three/fiber';
import { useRef } from 'react';
import { type PerspectiveCamera, Vector3 } from 'three';
import { useStore } from '../store';
import { type PictureShift, legendShift } from '../model/legend-room';
import { viewFrame } from '../model/view-frame';

/**
 * Keeps the brain clear of the colour scales laid over the view's top right corner (ViewColorbars): before each frame,
 * the picture is moved left or down by as little as clears them (legendShift), as a view offset of the camera's
 * image, so the orbit, the zoom, picking and region labels go on as they are, and figures (their own cameras) are
 * framed as before.
 */
export function LegendRoom() {
  const gl = useThree((s) => s.gl);
  const camera = useThree((s) => s.camera) as PerspectiveCamera;
  const size = useThree((s) => s.size);
  const invalidate = useThree((s) => s.invalidate);
  const applied = useRef<PictureShift & { width: number; height: number }>({ x: 0, y: 0, width: 0, height: 0 });
  const at = useRef(new Vector3());
  useFrame(() => {
    const canvas = gl.domElement.getBoundingClientRect();
    const box = gl.domElement.closest('.viewer-canvas')?.querySelector('.view-colorbars')?.getBoundingClientRect();
    const scales = box
      ? {
          left: box.left - canvas.left,
          top: box.top - canvas.top,
          right: box.right - canvas.left,
          bottom: box.bottom - canvas.top,
        }
      : null;
    const { centre, radius } = viewFrame(useStore.getState());
    const now = applied.current;
    // Where the brain is without the shift now applied: the offset moves the whole image by it.
    const p = at.current.set(...centre);
    const distance = camera.position.distanceTo(p);
    p.project(camera);
    const half = (camera.fov / 2) * (Math.PI / 180);
    const disc = {
      cx: ((p.x + 1) / 2) * size.width + now.x,
      cy: ((1 - p.y) / 2) * size.height - now.y,
      r: radius < distance ? (Math.tan(Math.asin(radius / distance)) / Math.tan(half)) * (size.height / 2) : Infinity,
    };
    const next = legendShift(size, disc, scales);
    if (next.x === now.x && next.y === now.y && size.width === now.width && size.height === now.height) return;
    if (next.x === 0 && next.y === 0) camera.clearViewOffset();
    else camera.setViewOffset(size.width, size.height, next.x, -next.y, size.width, size.height);
    applied.current = { ...next, width: size.width, height: size.height };
    invalidate();
  });
  return null;
}
