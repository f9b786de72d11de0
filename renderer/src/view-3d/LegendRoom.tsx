import { useFrame, useThree } from '@react-three/fiber';
import { useRef } from 'react';
import { type PerspectiveCamera, Vector3 } from 'three';
import { useStore } from '../store';
import { type ViewBox, captionFit, legendShift } from '../model/legend-room';
import { viewFrame } from '../model/view-frame';

/**
 * How the picture is drawn, in CSS px of the view: scaled by `scale` about the view's centre, then moved `x` px to the
 * left and `y` px down.
 */
interface PictureMove {
  x: number;
  y: number;
  scale: number;
  width: number;
  height: number;
}

/** `el`'s box in px of the canvas `canvas`, or null when it is not laid out (absent, hidden, or empty). */
function boxIn(canvas: DOMRect, el: Element | null | undefined): ViewBox | null {
  const box = el?.getBoundingClientRect();
  if (!box || box.width === 0 || box.height === 0) return null;
  return {
    left: box.left - canvas.left,
    top: box.top - canvas.top,
    right: box.right - canvas.left,
    bottom: box.bottom - canvas.top,
  };
}

/**
 * Keeps the brain clear of what is laid over the view: the colour scales in its top right corner (ViewColorbars), and
 * a presented tour's caption along its bottom. Before each frame the picture is moved up and, if need be, shrunk
 * to fit above the caption (captionFit), then moved left or down by as little as clears the scales (legendShift), as
 * a view offset of the camera's image, so the orbit, the zoom, picking and region labels go on as they are, and
 * figures (their own cameras) are framed as before.
 */
export function LegendRoom() {
  const gl = useThree((s) => s.gl);
  const camera = useThree((s) => s.camera) as PerspectiveCamera;
  const size = useThree((s) => s.size);
  const invalidate = useThree((s) => s.invalidate);
  const applied = useRef<PictureMove>({ x: 0, y: 0, scale: 1, width: 0, height: 0 });
  const at = useRef(new Vector3());
  useFrame(() => {
    const canvas = gl.domElement.getBoundingClientRect();
    const scales = boxIn(canvas, gl.domElement.closest('.viewer-canvas')?.querySelector('.view-colorbars'));
    const caption = useStore.getState().presenting
      ? boxIn(canvas, document.querySelector('.presentation-caption'))
      : null;
    const { centre, radius } = viewFrame(useStore.getState());
    const now = applied.current;
    const [w, h] = [size.width, size.height];
    // Where the brain is without the move now applied: undo it on the projected centre.
    const p = at.current.set(...centre);
    const distance = camera.position.distanceTo(p);
    p.project(camera);
    const half = (camera.fov / 2) * (Math.PI / 180);
    const disc = {
      cx: (((p.x + 1) / 2) * w + now.x - w / 2) / now.scale + w / 2,
      cy: (((1 - p.y) / 2) * h - now.y - h / 2) / now.scale + h / 2,
      r: radius < distance ? (Math.tan(Math.asin(radius / distance)) / Math.tan(half)) * (h / 2) : Infinity,
    };
    const fit = captionFit(size, disc, caption);
    const fitted = {
      cx: fit.scale * (disc.cx - w / 2) + w / 2,
      cy: fit.scale * (disc.cy - h / 2) + h / 2 - fit.up,
      r: fit.scale * disc.r,
    };
    // The scales are cleared within the room above the caption.
    const room = caption ? { width: w, height: caption.top } : size;
    const shift = legendShift(room, fitted, scales);
    const next = { x: shift.x, y: shift.y - fit.up, scale: fit.scale, width: w, height: h };
    if (next.x === now.x && next.y === now.y && next.scale === now.scale && w === now.width && h === now.height) return;
    if (next.x === 0 && next.y === 0 && next.scale === 1) camera.clearViewOffset();
    else {
      // The camera's image as a window of a larger (or, shrunk, smaller) one: `scale` times the view's size.
      const shrink = (1 - next.scale) / 2;
      camera.setViewOffset(w * next.scale, h * next.scale, next.x - shrink * w, -next.y - shrink * h, w, h);
    }
    applied.current = next;
    invalidate();
  });
  return null;
}
