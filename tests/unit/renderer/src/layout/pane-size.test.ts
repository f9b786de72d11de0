import { describe, expect, it } from 'vitest';
import {
  PANE_KEY_STEP_PX,
  PANE_MIN_PX,
  ROOM_ABOVE_PX,
  paneLimits,
  paneSizeAfterDrag,
  paneSizeAfterKey,
} from '../../../../../renderer/src/layout/pane-size';

describe('resizable pane sizes', () => {
  const limits = { min: 96, max: 500 };

  it('leaves the panes above their room, and never goes below the minimum', () => {
    expect(paneLimits('report', 900)).toEqual({ min: PANE_MIN_PX, max: 900 - ROOM_ABOVE_PX.report });
    expect(paneLimits('slices', 600)).toEqual({ min: PANE_MIN_PX, max: 600 - ROOM_ABOVE_PX.slices });
    // A window too small for both: the pane keeps its minimum.
    expect(paneLimits('report', 300)).toEqual({ min: PANE_MIN_PX, max: PANE_MIN_PX });
  });

  it('grows the pane when its bar is dragged up, and stops at the limits', () => {
    expect(paneSizeAfterDrag(200, 600, 550, limits)).toBe(250);
    expect(paneSizeAfterDrag(200, 600, 640.4, limits)).toBe(160);
    expect(paneSizeAfterDrag(200, 600, 0, limits)).toBe(500);
    expect(paneSizeAfterDrag(200, 600, 900, limits)).toBe(96);
  });

  it('takes the arrow keys, Page Up/Down, Home and End, and no other key', () => {
    expect(paneSizeAfterKey('ArrowUp', 200, limits)).toBe(200 + PANE_KEY_STEP_PX);
    expect(paneSizeAfterKey('ArrowDown', 200, limits)).toBe(200 - PANE_KEY_STEP_PX);
    expect(paneSizeAfterKey('PageUp', 200, limits)).toBe(200 + 4 * PANE_KEY_STEP_PX);
    expect(paneSizeAfterKey('PageDown', 100, limits)).toBe(96);
    expect(paneSizeAfterKey('Home', 200, limits)).toBe(96);
    expect(paneSizeAfterKey('End', 200, limits)).toBe(500);
    expect(paneSizeAfterKey('a', 200, limits)).toBeUndefined();
    expect(paneSizeAfterKey('toString', 200, limits)).toBeUndefined();
  });
});
