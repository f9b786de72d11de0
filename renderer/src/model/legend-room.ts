/**
 * Room for the colour scales laid over the 3D view's top right corner (view-3d/ViewColorbars.tsx): how far to move
 * the picture so that the brain clears them. Pure, in CSS px of the view, so the rule is tested without a browser.
 */

/** A box in the view, px from its top left corner. */
export interface ViewBox {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** The brain on screen as the disc its framing sphere projects to: centre and radius, px. */
export interface BrainDisc {
  cx: number;
  cy: number;
  r: number;
}

/** How far the picture moves: `x` px to the left, `y` px down. */
export interface PictureShift {
  x: number;
  y: number;
}

/** Space kept between the brain and the scales, px. */
export const LEGEND_GAP_PX = 8;

const NONE: PictureShift = { x: 0, y: 0 };

/**
 * The least shift, left or down, that takes the square around the brain's disc clear of the scales' box without
 * taking the disc out of the view; where neither direction can clear them, as far left as the view allows (the
 * scales then cover less). None without scales, or where the brain is clear of them already.
 */
export function legendShift(view: { width: number; height: number }, disc: BrainDisc, scales: ViewBox | null) {
  if (!scales || !Number.isFinite(disc.r)) return NONE;
  const needX = disc.cx + disc.r - (scales.left - LEGEND_GAP_PX);
  const needY = scales.bottom + LEGEND_GAP_PX - (disc.cy - disc.r);
  if (needX <= 0 || needY <= 0) return NONE;
  const roomX = Math.max(0, disc.cx - disc.r);
  const roomY = Math.max(0, view.height - (disc.cy + disc.r));
  const clearX = needX <= roomX;
  const clearY = needY <= roomY;
  if (clearY && (!clearX || needY < needX)) return { x: 0, y: Math.round(needY) };
  return { x: Math.round(Math.min(needX, roomX)), y: 0 };
}
