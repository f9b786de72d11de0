/**
 * The 3D view's room for its colour scales (renderer/src/model/legend-room.ts): the picture moves left, or down,
 * by as little as takes the brain's disc clear of the scales, and never out of the view. Worked by hand on views
 * of the sizes the app has (a 600 × 375 view beside two scales 240 px wide, the same view with the report open).
 */
import { describe, expect, it } from 'vitest';
import { LEGEND_GAP_PX, legendShift } from '../../../../../renderer/src/model/legend-room';

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
