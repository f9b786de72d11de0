import { addAfterEffect, useThree } from '@react-three/fiber';
import { useEffect } from 'react';
import { type Store, useStore } from '../store';
import { mountedKeys } from '../model/layer-data';
import { onOverlayWorkEnded, overlayWorkPending } from './overlay-work';
import { SURFACE_MOUNT_KEY } from './CorticalSurface';

/**
 * Reports on the 3D view element, after each rendered frame: data-frame (frames drawn), data-ready (every chosen
 * layer is loaded and on screen, and every map's 3D geometry made) and data-drawn-version (the store's sceneVersion that frame showed), next to
 * data-version (the store's current sceneVersion). data-shown-version: the sceneVersion of the last frame that
 * showed every layer drawn, while some may still be on their way (an atlas drawn at standard detail first, its fine
 * meshes not in yet). Written to the DOM directly: no React state from frames.
 * A frame drawn at a size its box no longer has (the box changed and the resize has not reached the renderer yet)
 * is not ready: the frame after the resize is.
 */
export function FrameProbe({ element }: { element: HTMLElement | null }) {
  const gl = useThree((s) => s.gl);
  const get = useThree((s) => s.get);
  const invalidate = useThree((s) => s.invalidate);
  useEffect(() => {
    if (!element) return;
    element.dataset.version = String(useStore.getState().sceneVersion);
    // Not ready as soon as something is on its way; ready again only after a frame has shown it.
    const unsubscribe = useStore.subscribe((s) => {
      element.dataset.version = String(s.sceneVersion);
      if (!isReady(s)) element.dataset.ready = 'false';
    });
    // The frame after the last overlay geometry arrives says ready.
    const unwatch = onOverlayWorkEnded(() => invalidate());
    let last = -1;
    const remove = addAfterEffect(() => {
      const frame = gl.info.render.frame;
      if (frame === last) return;
      last = frame;
      const s = useStore.getState();
      const atSize = drawnAtBoxSize(gl.domElement, get().size);
      const ready = isReady(s) && atSize;
      element.dataset.frame = String(frame);
      element.dataset.ready = String(ready);
      if (ready) element.dataset.drawnVersion = String(s.sceneVersion);
      if (atSize && layersMounted(s)) element.dataset.shownVersion = String(s.sceneVersion);
    });
    return () => {
      unsubscribe();
      unwatch();
      remove();
    };
  }, [element, gl, get, invalidate]);
  return null;
}

/** The frame was drawn at the size of the box the canvas sits in (R3F measures that box and sizes the canvas to it). */
function drawnAtBoxSize(canvas: HTMLCanvasElement, size: { width: number; height: number }): boolean {
  const box = canvas.parentElement?.getBoundingClientRect();
  return !box || (Math.abs(box.width - size.width) < 0.5 && Math.abs(box.height - size.height) < 0.5);
}

/** Every layer in a slot is on screen. */
function layersMounted(s: Store): boolean {
  return s.layers.every((l) => !l || mountedKeys.has(l.key));
}

function isReady(s: Store): boolean {
  return (
    s.pending.every((p) => !p) &&
    layersMounted(s) &&
    s.template.status !== 'loading' &&
    s.overlays.every((o) => !o.loading) &&
    !overlayWorkPending() &&
    !s.surfaceLoading &&
    (s.surfaceView === 'off' || s.surfaceError !== null || mountedKeys.has(SURFACE_MOUNT_KEY)) &&
    (!s.template.key || mountedKeys.has(`template:${s.template.key}`))
  );
}
