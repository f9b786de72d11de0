/**
 * Sizes of the panes the user can resize by dragging the bar above them (PaneSplitter.tsx): the cluster report below
 * the app, the slice views below the 3D view. Pure, so the keys and the limits are tested without a browser.
 */

import type { PaneId } from '../../../core/scene/session';

export type { PaneId };

/** A pane's height limits in CSS px, from the room its container has when the drag or key starts. */
export interface PaneLimits {
  min: number;
  max: number;
}

/** A key moves the bar this far; Page Up and Page Down four times as far. */
export const PANE_KEY_STEP_PX = 16;

/** The smallest a pane may be made, and the least room it leaves the panes above it. */
export const PANE_MIN_PX = 96;
export const ROOM_ABOVE_PX: Record<PaneId, number> = { report: 280, slices: 160 };

export const clampPane = (px: number, { min, max }: PaneLimits) => Math.round(Math.min(Math.max(px, min), max));

/**
 * The limits of a pane whose container is `containerPx` tall: at least PANE_MIN_PX, and at most what leaves the
 * panes above it their room (never below the minimum, so a small window still shows the pane).
 */
export function paneLimits(pane: PaneId, containerPx: number): PaneLimits {
  return { min: PANE_MIN_PX, max: Math.max(PANE_MIN_PX, Math.round(containerPx - ROOM_ABOVE_PX[pane])) };
}

const KEY_STEPS = new Map([
  ['ArrowUp', PANE_KEY_STEP_PX],
  ['ArrowDown', -PANE_KEY_STEP_PX],
  ['PageUp', 4 * PANE_KEY_STEP_PX],
  ['PageDown', -4 * PANE_KEY_STEP_PX],
]);

/**
 * The pane's new height after a key on its bar, or undefined for a key the bar does not take. The pane is below the
 * bar, so Up makes it taller, as dragging the bar up does; Home and End go to the limits.
 */
export function paneSizeAfterKey(key: string, current: number, limits: PaneLimits): number | undefined {
  const step = KEY_STEPS.get(key);
  if (step !== undefined) return clampPane(current + step, limits);
  if (key === 'Home') return limits.min;
  if (key === 'End') return limits.max;
  return undefined;
}

/** The pane's height while its bar is dragged from `startY` (where the pointer went down) to `y`. */
export const paneSizeAfterDrag = (startSize: number, startY: number, y: number, limits: PaneLimits) =>
  clampPane(startSize + (startY - y), limits);
