/**
 * Overlay geometry still being made for the 3D view (a surface projection or blobs, in the overlay worker, and the
 * blobs' debounce before it): the view is not "ready" (FrameProbe) while any is, so a test, a figure export or
 * `brain-atlas render` never takes a picture without the map on it.
 */
let pending = 0;
const listeners = new Set<() => void>();

/** Starts one piece of work; the function returned ends it (calling it again does nothing). */
export function beginOverlayWork(): () => void {
  pending++;
  let ended = false;
  return () => {
    if (ended) return;
    ended = true;
    pending--;
    for (const l of listeners) l();
  };
}

export function overlayWorkPending(): boolean {
  return pending > 0;
}

/** Called whenever a piece of work ends. */
export function onOverlayWorkEnded(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
