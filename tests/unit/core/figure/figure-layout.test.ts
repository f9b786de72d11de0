/**
 * Figure layout: panels never overlap each other or the colour-bar/legend strip and stay inside the figure, on
 * whole pixels, for every layout and a spread of sizes; the strip goes right on landscape and below on portrait
 * figures; the grid is the one with the largest panels; text size scales with the figure.
 */
import { describe, expect, it } from 'vitest';
import { AtlasError } from '../../../../core/errors';
import {
  type FigureLayoutName,
  LAYOUT_VIEWS,
  type Rect,
  layoutFigure,
  panelImageRect,
} from '../../../../core/figure/figure-layout';

const overlaps = (a: Rect, b: Rect) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

const inside = (r: Rect, w: number, h: number) =>
  r.x >= 0 && r.y >= 0 && r.width >= 1 && r.height >= 1 && r.x + r.width <= w && r.y + r.height <= h;

const isWholeRect = (r: Rect) => [r.x, r.y, r.width, r.height].every(Number.isInteger);

const layout = (width: number, height: number, name: FigureLayoutName = 'four', colourBars = 1, legendRows = 5) =>
  layoutFigure({ width, height, layout: name, colourBars, legendRows, panelLetters: true });

const distinct = (values: number[]) => [...new Set(values)].length;

describe('layoutFigure', () => {
  const sizes: [number, number][] = [
    [3000, 2000],
    [2000, 3000],
    [1000, 1000],
    [16, 16],
    [16, 16384],
    [16384, 16],
    [16384, 16384],
    [4000, 700],
    [733, 1291],
  ];
  const names: Exclude<FigureLayoutName, 'lightbox'>[] = ['current', 'four', 'six', 'slices'];

  it('keeps panels apart, clear of the side strip, inside the figure and on whole pixels', () => {
    for (const [w, h] of sizes) {
      for (const name of names) {
        for (const [bars, rows] of [
          [0, 0],
          [1, 0],
          [0, 12],
          [2, 40],
        ]) {
          const f = layout(w, h, name, bars, rows);
          const what = `${name} ${w}x${h} bars ${bars} rows ${rows}`;
          expect(f.width).toBe(w);
          expect(f.height).toBe(h);
          expect(
            f.panels.map((p) => p.view),
            what,
          ).toEqual(LAYOUT_VIEWS[name]);
          if (f.side) {
            expect(inside(f.side, w, h), what).toBe(true);
            expect(isWholeRect(f.side), what).toBe(true);
          }
          f.panels.forEach((p, i) => {
            expect(inside(p, w, h), `${what} panel ${i}`).toBe(true);
            expect(isWholeRect(p), `${what} panel ${i}`).toBe(true);
            if (f.side) expect(overlaps(p, f.side), `${what} panel ${i} covers the side strip`).toBe(false);
            for (let j = i + 1; j < f.panels.length; j++) {
              expect(overlaps(p, f.panels[j]), `${what} panels ${i} and ${j}`).toBe(false);
            }
            const image = panelImageRect(p, f.unit);
            expect(image.x >= p.x && image.y >= p.y, what).toBe(true);
            expect(image.x + image.width <= p.x + p.width && image.y + image.height <= p.y + p.height, what).toBe(true);
            expect(image.height, what).toBeGreaterThan(0);
          });
        }
      }
    }
  });

  it('puts the side strip on the right of a 3000 x 2000 four-view figure, about 22% wide', () => {
    const f = layout(3000, 2000);
    expect(f.side).not.toBeNull();
    const side = f.side!;
    expect(side.x + side.width).toBe(3000);
    expect(side.y).toBe(0);
    expect(side.height).toBe(2000);
    expect(side.width).toBe(Math.round(0.22 * 3000));
    // 2 x 2 grid: two columns and two rows, all left of the strip
    expect(distinct(f.panels.map((p) => p.x))).toBe(2);
    expect(distinct(f.panels.map((p) => p.y))).toBe(2);
    for (const p of f.panels) expect(p.x + p.width).toBeLessThanOrEqual(side.x);
  });

  it('puts the side strip at the bottom of a 2000 x 3000 figure', () => {
    const f = layout(2000, 3000);
    const side = f.side!;
    expect(side.x).toBe(0);
    expect(side.width).toBe(2000);
    expect(side.y + side.height).toBe(3000);
    expect(side.height).toBe(Math.round(0.22 * 3000));
    for (const p of f.panels) expect(p.y + p.height).toBeLessThanOrEqual(side.y);
  });

  it('gives the strip room for text even where 22% would be too little (a square figure)', () => {
    const f = layout(1000, 1000);
    expect(f.side!.width).toBeGreaterThanOrEqual(16 * f.unit);
  });

  it('leaves out the side strip when there are no colour bars and no legend', () => {
    const f = layout(3000, 2000, 'four', 0, 0);
    expect(f.side).toBeNull();
    expect(Math.max(...f.panels.map((p) => p.x + p.width))).toBeGreaterThan(2900);
    expect(layout(3000, 2000, 'four', 0, 1).side).not.toBeNull();
    expect(layout(3000, 2000, 'four', 1, 0).side).not.toBeNull();
  });

  it('picks the grid with the largest panels', () => {
    // six on landscape: 3 x 2 (cells ~622 x 1000 beat 2 x 3's ~1130 x 645)
    const landscape = layout(3000, 2000, 'six');
    expect(distinct(landscape.panels.map((p) => p.x))).toBe(3);
    expect(distinct(landscape.panels.map((p) => p.y))).toBe(2);
    // six on portrait: 2 x 3
    const portrait = layout(2000, 3000, 'six');
    expect(distinct(portrait.panels.map((p) => p.x))).toBe(2);
    expect(distinct(portrait.panels.map((p) => p.y))).toBe(3);
    // four on a very wide strip: one row of 4; on a very tall one: one column of 4
    const wide = layout(16000, 2000, 'four', 0, 0);
    expect(distinct(wide.panels.map((p) => p.y))).toBe(1);
    expect(distinct(wide.panels.map((p) => p.x))).toBe(4);
    const tall = layout(2000, 16000, 'four', 0, 0);
    expect(distinct(tall.panels.map((p) => p.x))).toBe(1);
    // current: one panel filling the area left of the strip, less the gaps
    const one = layout(3000, 2000, 'current');
    expect(one.panels).toHaveLength(1);
    expect(one.panels[0].width).toBe(one.side!.x - 2 * one.unit);
    expect(one.panels[0].height).toBe(2000 - 2 * one.unit);
  });

  it('orders panels row by row and letters them A, B, C ... when asked', () => {
    const f = layout(3000, 2000, 'six');
    expect(f.panels.map((p) => p.letter)).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);
    expect(f.panels[0].y).toBe(f.panels[2].y);
    expect(f.panels[0].x).toBeLessThan(f.panels[1].x);
    expect(f.panels[3].y).toBeGreaterThan(f.panels[0].y);
    const plain = layoutFigure({
      width: 3000,
      height: 2000,
      layout: 'six',
      colourBars: 1,
      legendRows: 0,
      panelLetters: false,
    });
    expect(plain.panels.every((p) => p.letter === null)).toBe(true);
  });

  it('scales the unit with the figure: 4 times the size, 4 times the unit, and never below 1', () => {
    expect(layout(1500, 1200).unit).toBe(20); // min side 1200 / 60
    expect(layout(6000, 4800).unit).toBe(80);
    const small = layout(3000, 2000).unit;
    const large = layout(12000, 8000).unit;
    expect(Math.abs(large - 4 * small)).toBeLessThanOrEqual(2); // each rounded to whole pixels
    expect(layout(16, 16).unit).toBe(1);
    expect(layout(16384, 16).unit).toBe(1);
    // panels keep their share of the figure
    const a = layout(1500, 1200).panels[0];
    const b = layout(6000, 4800).panels[0];
    expect(b.width / a.width).toBeCloseTo(4, 1);
    expect(b.height / a.height).toBeCloseTo(4, 1);
  });

  it('lays a lightbox out as N unlettered panels of one plane, and the slices layout as 3D plus three slices', () => {
    for (const [w, h] of sizes) {
      for (const count of [2, 7, 12, 48]) {
        const f = layoutFigure({
          width: w,
          height: h,
          layout: 'lightbox',
          colourBars: 1,
          legendRows: 3,
          panelLetters: true,
          lightbox: { plane: 'coronal', count },
        });
        const what = `lightbox ${count} ${w}x${h}`;
        expect(
          f.panels.map((p) => p.view),
          what,
        ).toEqual(Array(count).fill('coronal'));
        expect(
          f.panels.every((p) => p.letter === null),
          what,
        ).toBe(true);
        f.panels.forEach((p, i) => {
          expect(inside(p, w, h), `${what} panel ${i}`).toBe(true);
          if (f.side) expect(overlaps(p, f.side), `${what} panel ${i}`).toBe(false);
          for (let j = i + 1; j < f.panels.length; j++) expect(overlaps(p, f.panels[j]), what).toBe(false);
        });
      }
    }
    // 12 slices on a 3000 x 2000 figure: a grid of 4 x 3 (largest cells), not 12 in a row
    const twelve = layoutFigure({
      width: 3000,
      height: 2000,
      layout: 'lightbox',
      colourBars: 1,
      legendRows: 0,
      panelLetters: false,
      lightbox: { plane: 'axial', count: 12 },
    });
    expect(distinct(twelve.panels.map((p) => p.x))).toBe(4);
    expect(distinct(twelve.panels.map((p) => p.y))).toBe(3);
    expect(layout(3000, 2000, 'slices').panels.map((p) => p.view)).toEqual(['current', 'axial', 'coronal', 'sagittal']);
    const base = { width: 1000, height: 800, colourBars: 0, legendRows: 0, panelLetters: false };
    expect(() => layoutFigure({ ...base, layout: 'lightbox' })).toThrow(/slice orientation/);
    expect(() => layoutFigure({ ...base, layout: 'lightbox', lightbox: { plane: 'axial', count: 49 } })).toThrow(
      /2 to 48 slices/,
    );
  });

  it('rejects sizes outside 16..16384 or not whole, unknown layouts and negative counts', () => {
    const bad = [
      { width: 15, height: 100 },
      { width: 100, height: 16385 },
      { width: 100.5, height: 100 },
      { width: Number.NaN, height: 100 },
    ];
    for (const size of bad) {
      expect(() =>
        layoutFigure({ ...size, layout: 'four', colourBars: 0, legendRows: 0, panelLetters: false }),
      ).toThrow(AtlasError);
    }
    const base = { width: 1000, height: 800, colourBars: 0, legendRows: 0, panelLetters: false };
    expect(() => layoutFigure({ ...base, layout: 'eight' as FigureLayoutName })).toThrow(AtlasError);
    expect(() => layoutFigure({ ...base, layout: 'toString' as FigureLayoutName })).toThrow(AtlasError);
    expect(() => layoutFigure({ ...base, layout: 'four', colourBars: -1 })).toThrow(AtlasError);
    expect(() => layoutFigure({ ...base, layout: 'four', legendRows: 1.5 })).toThrow(AtlasError);
  });
});
