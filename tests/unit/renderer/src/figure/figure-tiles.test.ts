import { describe, expect, it } from 'vitest';
import { figureTiles } from '../../../../../renderer/src/figure/figure-tiles';

describe('figureTiles', () => {
  it('covers the figure once, row by row, no tile over the limit', () => {
    const { tiles, size } = figureTiles(5000, 3000, 2048);
    expect(size).toEqual([1667, 1500]);
    expect(tiles).toHaveLength(6);
    expect(tiles[1]).toEqual({ x: 1667, y: 0, w: 1667, h: 1500 });
    let area = 0;
    for (const t of tiles) {
      expect(Math.max(t.w, t.h)).toBeLessThanOrEqual(2048);
      area += t.w * t.h;
    }
    expect(area).toBe(5000 * 3000);
  });

  it('is one tile when the figure fits', () => {
    expect(figureTiles(800, 600, 4096).tiles).toEqual([{ x: 0, y: 0, w: 800, h: 600 }]);
  });
});
