/**
 * Renders the live 3D scene off-screen at any size: from the on-screen camera or a named view, in tiles no larger
 * than the GPU's render buffer (a camera view offset per tile), into a 2D canvas. The same scene, materials and
 * lighting as the window, less the cursor; only the camera's aspect (and, for a narrower image, its field of view)
 * follows the size.
 */
import { Color, PerspectiveCamera, type Camera, WebGLRenderTarget, Vector3 } from 'three';
import type { FigureView3D } from '../../../core/figure/figure-layout';
import { viewFrame } from '../model/view-frame';
import { useStore } from '../store';
import { fitDistance, presetPosition, refitOffset } from '../view-3d/camera-presets';
import { CURSOR_OBJECT } from '../view-3d/CursorMarker';
import type { FigureTarget } from './figure-bridge';
import { figureCanvas, figureTiles } from './figure-tiles';

/** Largest tile side: within the render buffer of most GPUs (and SwiftShader); fewer tiles draw the geometry fewer times. */
const MAX_TILE = 4096;

export interface RenderViewOptions {
  /** CSS colour behind the brain, or null for a transparent background. */
  background: string | null;
  signal?: AbortSignal;
  /** Called after each tile with the tiles done and the tiles in all. */
  onTile?(done: number, total: number): void;
}

/**
 * A camera for `view` at this aspect. The on-screen one keeps its direction, target and zoom (its distance
 * relative to the distance that fits the brain at the screen's aspect), refitted to the image's aspect, so a
 * figure of any shape frames the brain as the screen does; a named view is the camera preset.
 */
export function viewCamera(t: FigureTarget, view: FigureView3D, aspect: number): PerspectiveCamera {
  const live = t.camera as PerspectiveCamera;
  const cam = new PerspectiveCamera(live.fov, aspect, live.near, live.far);
  const { centre, radius } = viewFrame(useStore.getState());
  if (view === 'current') {
    const target = t.controls ? t.controls.target.clone() : new Vector3(...centre);
    const offset = refitOffset(
      live.position.clone().sub(target),
      { radius, aspect: live.aspect || aspect },
      { radius, aspect },
    );
    cam.up.copy(live.up);
    cam.position.copy(target).add(offset);
    cam.lookAt(target);
  } else {
    const p = presetPosition(view, centre, fitDistance(radius, aspect));
    cam.up.set(0, 0, 1);
    cam.position.set(p[0], p[1], p[2]);
    cam.lookAt(new Vector3(...centre));
  }
  cam.updateProjectionMatrix();
  cam.updateMatrixWorld();
  return cam;
}

/**
 * The clear colour that leaves exactly `css`'s bytes in a render target: three converts clear colours from its
 * linear working space to the target's (linear) space, so the sRGB numbers are handed over as they are.
 */
function clearColour(css: string): Color {
  return new Color(css).convertLinearToSRGB();
}

function abortError(): Error {
  const e = new Error('the export was cancelled');
  e.name = 'cancelled';
  return e;
}

/** Renders `camera`'s view of the live scene into a new `width` × `height` canvas, tile by tile. */
export async function renderToCanvas(
  t: FigureTarget,
  camera: Camera & { setViewOffset(...a: number[]): void; clearViewOffset(): void },
  width: number,
  height: number,
  opts: RenderViewOptions,
): Promise<HTMLCanvasElement> {
  const { gl, scene } = t;
  const ctx = gl.getContext();
  const limit = Math.min(
    MAX_TILE,
    gl.capabilities.maxTextureSize,
    ctx.getParameter(ctx.MAX_RENDERBUFFER_SIZE) as number,
    ...(ctx.getParameter(ctx.MAX_VIEWPORT_DIMS) as Int32Array),
  );
  const { out, ctx: out2d } = figureCanvas(width, height);
  const {
    tiles,
    size: [tileW, tileH],
  } = figureTiles(width, height, limit);
  const rt = new WebGLRenderTarget(tileW, tileH, { samples: 4 });
  const pixels = new Uint8Array(tileW * tileH * 4);
  const savedColour = gl.getClearColor(new Color());
  const savedAlpha = gl.getClearAlpha();
  const savedTarget = gl.getRenderTarget();
  // A figure shows the brain, not the window's cursor (its marker and the slice planes' lines).
  const cursor = scene.getObjectByName(CURSOR_OBJECT);
  const cursorShown = cursor?.visible ?? false;
  if (cursor) cursor.visible = false;
  try {
    for (const [i, { x, y, w, h }] of tiles.entries()) {
      if (opts.signal?.aborted) throw abortError();
      camera.setViewOffset(width, height, x, y, w, h);
      rt.setSize(w, h);
      gl.setRenderTarget(rt);
      gl.setClearColor(clearColour(opts.background ?? '#000000'), opts.background === null ? 0 : 1);
      gl.clear(true, true, true);
      gl.render(scene, camera);
      gl.readRenderTargetPixels(rt, 0, 0, w, h, pixels);
      const image = out2d.createImageData(w, h);
      // GL rows run bottom-up; the canvas's top-down.
      for (let row = 0; row < h; row++)
        image.data.set(pixels.subarray((h - 1 - row) * w * 4, (h - row) * w * 4), row * w * 4);
      out2d.putImageData(image, x, y);
      opts.onTile?.(i + 1, tiles.length);
      // Let the page breathe between tiles (progress, Cancel).
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  } finally {
    if (cursor) cursor.visible = cursorShown;
    camera.clearViewOffset();
    gl.setRenderTarget(savedTarget);
    gl.setClearColor(savedColour, savedAlpha);
    rt.dispose();
    t.invalidate();
  }
  return out;
}
