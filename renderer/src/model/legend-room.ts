/**
 * Room for what is laid over the 3D view: the colour scales in its top right corner (view-3d/ViewColorbars.tsx), and
 * a presented tour's caption along its bottom (lecture/Presentation.tsx). How far to move the picture, and how much
 * to shrink it, so that the brain clears them. Pure, in CSS px of the view, so the rules are tested without a browser.
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

/** How the picture fits above a caption: moved `up` px, and scaled by `scale` (≤ 1) about the view's centre. */
export interface CaptionFit {
  up: number;
  scale: number;
}

/** The least the picture is shrunk to clear a caption: a caption taller than that covers the brain's bottom. */
export const MIN_CAPTION_SCALE = 0.5;

/**
 * The fit that takes the brain's disc above a caption (and the gap): none where it is clear already; else moved up
 * by as little as clears it, where the disc's top stays in the view; else shrunk to the height above the caption and
 * moved up to fill it.
 */
export function captionFit(
  view: { width: number; height: number },
  disc: BrainDisc,
  caption: ViewBox | null,
): CaptionFit {
  if (!caption || !Number.isFinite(disc.r)) return { up: 0, scale: 1 };
  const bottom = caption.top - LEGEND_GAP_PX;
  const need = disc.cy + disc.r - bottom;
  if (need <= 0) return { up: 0, scale: 1 };
  if (disc.cy - disc.r - need >= 0) return { up: Math.round(need), scale: 1 };
  const scale = Math.max(MIN_CAPTION_SCALE, Math.min(1, bottom / (2 * disc.r)));
  const half = view.height / 2;
  return { up: Math.round(scale * (disc.cy + disc.r - half) + half - bottom), scale };
}
