/**
 * The hover tooltip's map lines and placement: every shown map's value at the vertex (top first, NaN and maps whose
 * values have not arrived as none), one plain "map value" line for one map and a named line per map for several,
 * and a place beside the pointer that keeps the whole tooltip inside the view.
 */
import { describe, expect, it } from 'vitest';
import { mapValueLines, mapValuesAt, tooltipPlacement } from '../../../../../renderer/src/view-3d/tooltip-model';

/** Two maps on one hemisphere's 3 vertices: `zmap` everywhere, `lefthalf` (top) only at vertex 0. */
const values: Record<string, Float32Array> = {
  zmap: Float32Array.from([3.21, -1.5, 0]),
  lefthalf: Float32Array.from([2, Number.NaN, Number.NaN]),
};
const shown = [{ dataKey: 'zmap' }, { dataKey: 'lefthalf' }];
const open = [
  { dataKey: 'zmap', info: { name: 'zmap.nii.gz' } },
  { dataKey: 'lefthalf', info: { name: 'lefthalf.nii.gz' } },
];

describe('the maps in the hover tooltip', () => {
  it("gives every shown map's value at the vertex, top map first", () => {
    expect(mapValuesAt(shown, (k) => values[k], 0)).toEqual([
      { dataKey: 'lefthalf', value: 2 },
      { dataKey: 'zmap', value: expect.closeTo(3.21, 5) },
    ]);
    // Where the top map has no value, the map beneath still gives its own.
    expect(mapValuesAt(shown, (k) => values[k], 1)).toEqual([
      { dataKey: 'lefthalf', value: null },
      { dataKey: 'zmap', value: -1.5 },
    ]);
    // Zero is a value; a map whose values have not arrived has none.
    expect(mapValuesAt(shown, (k) => (k === 'zmap' ? values[k] : undefined), 2)).toEqual([
      { dataKey: 'lefthalf', value: null },
      { dataKey: 'zmap', value: 0 },
    ]);
    expect(mapValuesAt([], (k) => values[k], 0)).toEqual([]);
  });

  it('names each map when several are shown, and keeps the plain line for one', () => {
    const several = [
      { dataKey: 'lefthalf', value: null },
      { dataKey: 'zmap', value: 3.21 },
    ];
    expect(mapValueLines(several, open)).toEqual({
      heading: true,
      lines: [
        { dataKey: 'lefthalf', name: 'lefthalf.nii.gz', value: null },
        { dataKey: 'zmap', name: 'zmap.nii.gz', value: 3.21 },
      ],
    });
    expect(mapValueLines([{ dataKey: 'zmap', value: 3.21 }], open)).toEqual({
      heading: false,
      lines: [{ dataKey: 'zmap', name: null, value: 3.21 }],
    });
    // A map closed while the pointer rested is left out: the other is then the only one.
    expect(mapValueLines(several, open.slice(0, 1))).toEqual({
      heading: false,
      lines: [{ dataKey: 'zmap', name: null, value: 3.21 }],
    });
    expect(mapValueLines([], open)).toEqual({ heading: false, lines: [] });
  });
});

describe('where the hover tooltip goes', () => {
  const view = { width: 800, height: 500 };
  const tip = { width: 200, height: 120 };

  it('sits below and right of the pointer where there is room', () => {
    expect(tooltipPlacement({ x: 100, y: 50 }, tip, view)).toEqual({ left: 116, top: 66 });
    // Just fits: 580 + 16 + 200 = 796, 4 px from the right side.
    expect(tooltipPlacement({ x: 580, y: 360 }, tip, view)).toEqual({ left: 596, top: 376 });
  });

  it('opens above the pointer near the bottom and left of it near the right side', () => {
    expect(tooltipPlacement({ x: 100, y: 450 }, tip, view)).toEqual({ left: 116, top: 314 });
    expect(tooltipPlacement({ x: 700, y: 50 }, tip, view)).toEqual({ left: 484, top: 66 });
    expect(tooltipPlacement({ x: 790, y: 495 }, tip, view)).toEqual({ left: 574, top: 359 });
  });

  it('stays inside a view too small for it on either side of the pointer', () => {
    // 250 px high: at y = 170 the tooltip fits above (170 - 16 - 120 = 34), not below (186 + 120 > 246); at
    // y = 125 on neither side: as low as it fits, 4 px from the bottom (250 - 4 - 120 = 126).
    const short = { width: 800, height: 250 };
    expect(tooltipPlacement({ x: 100, y: 170 }, tip, short).top).toBe(34);
    expect(tooltipPlacement({ x: 100, y: 125 }, tip, short).top).toBe(126);
    // Narrower than the tooltip: its left side at the view's margin.
    expect(tooltipPlacement({ x: 100, y: 50 }, tip, { width: 150, height: 500 }).left).toBe(4);
  });
});
