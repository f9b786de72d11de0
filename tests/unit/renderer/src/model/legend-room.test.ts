/**
 * The 3D view's room for its colour scales and a tour's caption (renderer/src/model/legend-room.ts): the picture
 * moves left, or down, by as little as takes the brain's disc clear of the scales, and never out of the view; above a
 * caption it moves up, and shrinks when moving is not enough. Worked by hand on views
 * of the sizes the app has (a 600 × 375 view beside two scales 240 px wide, the same view with the report open).
 */
import { describe, expect, it } from 'vitest';
import {
  captionFit,
  LEGEND_GAP_PX,
  legendShift,
  MIN_CAPTION_SCALE,
} from '../../../../../renderer/src/model/legend-room';

/** Two scales in the top right corner of a view `width` wide: 240 px wide, 8 px from the edges, 100 px tall. */
const scales = (width: number) => ({ left: width - 248, top: 8, right: width - 8, bottom: 108 });

describe('legendShift', () => {
  it('moves nothing without scales, or when the brain is clear of them already', () => {
    expect(legendShift({ width: 600, height: 375 }, { cx: 300, cy: 187, r: 170 }, null)).toEqual({ x: 0, y: 0 });
    // A wide view: 1600 × 500, the disc 460 across in the middle; the scales sit in the margin.
    expect(legendShift({ width: 1600, height: 500 }, { cx: 800, cy: 250, r: 230 }, scales(1600))).toEqual({
      x: 0,
      y: 0,
    });
  });

  it('moves the picture left by as little as clears the scales', () => {
    // 600 × 375, disc radius 160 at the centre: its right edge at 460, the scales' left edge at 352 − 8 gap.
    const shift = legendShift({ width: 600, height: 375 }, { cx: 300, cy: 187.5, r: 160 }, scales(600));
    expect(shift).toEqual({ x: 460 - (352 - LEGEND_GAP_PX), y: 0 });
    expect(300 - shift.x - 160).toBeGreaterThanOrEqual(0); // the disc stays in the view
  });

  it('moves it down instead when that is less and there is room below', () => {
    // A tall view: 400 × 900, disc radius 180 at the centre (top at 270); the scales end at 108 + 8.
    expect(legendShift({ width: 400, height: 900 }, { cx: 200, cy: 450, r: 180 }, scales(400))).toEqual({
      x: 0,
      y: 0,
    });
    // The same with a disc of radius 190 and the scales 300 px tall: right needs 190 + 200 − 144 = 246 (no room),
    // down needs 316 − 260 = 56.
    const tall = { left: 152, top: 8, right: 392, bottom: 308 };
    expect(legendShift({ width: 400, height: 900 }, { cx: 200, cy: 450, r: 190 }, tall)).toEqual({ x: 0, y: 56 });
  });

  it('where neither clears them, moves as far left as the view allows', () => {
    // 464 × 330, disc radius 153: right needs 232 + 153 − 208 = 177, room 79; down needs 116 − 12 = 104, room 12.
    expect(legendShift({ width: 464, height: 330 }, { cx: 232, cy: 165, r: 153 }, scales(464))).toEqual({
      x: 79,
      y: 0,
    });
  });

  it('moves nothing for a camera inside the brain (its disc fills everything)', () => {
    expect(legendShift({ width: 600, height: 375 }, { cx: 300, cy: 187, r: Infinity }, scales(600))).toEqual({
      x: 0,
      y: 0,
    });
  });
});

describe('captionFit', () => {
  /** A caption along the bottom of a 1024 × 768 screen, its top at `top`. */
  const caption = (top: number) => ({ left: 41, top, right: 983, bottom: 745 });
  const screen = { width: 1024, height: 768 };

  it('moves nothing without a caption, or when the brain is above it already', () => {
    expect(captionFit(screen, { cx: 512, cy: 384, r: 355 }, null)).toEqual({ up: 0, scale: 1 });
    // A small brain (radius 150) in the middle ends at 534, the caption starts at 571 (less the gap: 563).
    expect(captionFit(screen, { cx: 512, cy: 384, r: 150 }, caption(571))).toEqual({ up: 0, scale: 1 });
    expect(captionFit(screen, { cx: 512, cy: 384, r: Infinity }, caption(571))).toEqual({ up: 0, scale: 1 });
  });

  it('moves the picture up by as little as clears the caption, when the top stays in the view', () => {
    // Radius 250: bottom at 634, 71 px past 563; its top at 134 has room for that.
    expect(captionFit(screen, { cx: 512, cy: 384, r: 250 }, caption(571))).toEqual({ up: 71, scale: 1 });
  });

  it('shrinks it to the height above the caption when moving is not enough', () => {
    // The Brodmann tour's step 3: the framing disc 355 px in radius fills the screen's height; the caption is 4
    // lines (571..745). Shrunk to fill 0..563: scale 563 / 710; its bottom lands on 563 and its top on 0.
    const disc = { cx: 512, cy: 384, r: 355 };
    const fit = captionFit(screen, disc, caption(571));
    expect(fit.scale).toBeCloseTo(563 / 710, 9);
    const top = fit.scale * (disc.cy - disc.r - 384) + 384 - fit.up;
    const bottom = fit.scale * (disc.cy + disc.r - 384) + 384 - fit.up;
    expect(Math.abs(bottom - 563)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(top)).toBeLessThanOrEqual(0.5);
    // A caption over most of the screen: shrunk no further than the least scale.
    expect(captionFit(screen, disc, caption(200)).scale).toBe(MIN_CAPTION_SCALE);
  });
});
