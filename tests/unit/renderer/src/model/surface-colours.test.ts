import { describe, expect, it } from 'vitest';
import { mat4 } from '../../../../../core/affine';
import { splitLuts } from '../../../../../core/maps/colormaps';
import { vertexNeighbours } from '../../../../../core/surface/project-labels';
import type { DisplayOverlay } from '../../../../../renderer/src/model/display-overlay';
import {
  GYRUS_GREY,
  SULC_SOFT_EDGE,
  SULCUS_GREY,
  type SurfaceLabelColours,
  mapColour,
  surfaceColours,
} from '../../../../../renderer/src/model/surface-colours';

/** Positive table: entry i is (i, 255 - i, 7); negative table: entry i is (11, i, 255 - i). Alpha 255. */
function handLuts(): { pos: Uint8Array; neg: Uint8Array } {
  const pos = new Uint8Array(256 * 4);
  const neg = new Uint8Array(256 * 4);
  for (let i = 0; i < 256; i++) {
    pos.set([i, 255 - i, 7, 255], 4 * i);
    neg.set([11, i, 255 - i, 255], 4 * i);
  }
  return { pos, neg };
}

function display(over: Partial<DisplayOverlay> = {}): DisplayOverlay {
  const { pos, neg } = handLuts();
  return {
    dataKey: 'test',
    dims: [1, 1, 1],
    affine: mat4([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]),
    values: new Float32Array(1),
    posLut: pos,
    negLut: neg,
    posThreshold: 2,
    posMax: 6,
    negThreshold: 1,
    negMax: 3,
    opacity: 1,
    outline: false,
    ...over,
  };
}

/** A chain of triangles (i, i+1, i+2): each vertex is joined to those up to two steps away. */
function chain(n: number) {
  const tris: number[] = [];
  for (let i = 0; i + 2 < n; i++) tris.push(i, i + 1, i + 2);
  const g = vertexNeighbours(n, new Uint32Array(tris));
  return (v: number, visit: (w: number) => void) => {
    for (let e = g.start[v]; e < g.start[v + 1]; e++) visit(g.list[e]);
  };
}

const noNeighbours = (_v: number, _visit: (w: number) => void) => {};

/** rgb of vertex v, as plain numbers. */
function rgbAt(out: Float32Array, v: number): number[] {
  return [out[3 * v], out[3 * v + 1], out[3 * v + 2]];
}

function expectRgb(out: Float32Array, v: number, rgb: readonly number[]): void {
  const got = rgbAt(out, v);
  for (let c = 0; c < 3; c++) expect(got[c], `vertex ${v} channel ${c}`).toBeCloseTo(rgb[c], 6);
}

const grey = (g: number) => [g, g, g];
const lutRgb = (r: number, g: number, b: number) => [r / 255, g / 255, b / 255];

describe('mapColour', () => {
  it('indexes the positive table by round((v - thr) / (max - thr) * 255), clamped', () => {
    const d = display();
    expect(Array.from(mapColour(d, 2)!)).toEqual([0, 255, 7, 255]);
    // (4 - 2) / (6 - 2) * 255 = 127.5 -> 128
    expect(Array.from(mapColour(d, 4)!)).toEqual([128, 127, 7, 255]);
    // (3 - 2) / 4 * 255 = 63.75 -> 64
    expect(Array.from(mapColour(d, 3)!)).toEqual([64, 191, 7, 255]);
    expect(Array.from(mapColour(d, 6)!)).toEqual([255, 0, 7, 255]);
    expect(Array.from(mapColour(d, 100)!)).toEqual([255, 0, 7, 255]);
  });

  it('indexes the negative table by |v| between negThreshold and negMax', () => {
    const d = display();
    expect(Array.from(mapColour(d, -1)!)).toEqual([11, 0, 255, 255]);
    // (2 - 1) / (3 - 1) * 255 = 127.5 -> 128
    expect(Array.from(mapColour(d, -2)!)).toEqual([11, 128, 127, 255]);
    // (1.5 - 1) / 2 * 255 = 63.75 -> 64
    expect(Array.from(mapColour(d, -1.5)!)).toEqual([11, 64, 191, 255]);
    expect(Array.from(mapColour(d, -3)!)).toEqual([11, 255, 0, 255]);
    expect(Array.from(mapColour(d, -50)!)).toEqual([11, 255, 0, 255]);
  });

  it('draws nothing under threshold, for NaN, for zero or for a hidden sign', () => {
    const d = display();
    expect(mapColour(d, 1.999)).toBeNull();
    expect(mapColour(d, -0.999)).toBeNull();
    expect(mapColour(d, 0)).toBeNull();
    expect(mapColour(d, Number.NaN)).toBeNull();
    // Zero is never drawn, even with both thresholds at 0.
    const zero = display({ posThreshold: 0, negThreshold: 0 });
    expect(mapColour(zero, 0)).toBeNull();
    expect(mapColour(zero, -0)).toBeNull();
    expect(Array.from(mapColour(zero, 1e-9)!)).toEqual([0, 255, 7, 255]);
    const posOnly = display({ negLut: null });
    expect(mapColour(posOnly, -2)).toBeNull();
    expect(Array.from(mapColour(posOnly, 6)!)).toEqual([255, 0, 7, 255]);
    const negOnly = display({ posLut: null });
    expect(mapColour(negOnly, 6)).toBeNull();
    expect(Array.from(mapColour(negOnly, -3)!)).toEqual([11, 255, 0, 255]);
  });

  it('takes the top entry when the maximum is not above the threshold', () => {
    expect(Array.from(mapColour(display({ posThreshold: 3, posMax: 3 }), 3)!)).toEqual([255, 0, 7, 255]);
    expect(Array.from(mapColour(display({ posThreshold: 3, posMax: 1 }), 4)!)).toEqual([255, 0, 7, 255]);
    expect(Array.from(mapColour(display({ negThreshold: 2, negMax: 2 }), -2)!)).toEqual([11, 255, 0, 255]);
  });

  it('reads the tables splitLuts makes: hot for positive values, cold for negative ones', () => {
    const { pos, neg } = splitLuts('hot', true, true);
    const d = display({ posLut: pos, negLut: neg });
    // hot starts at red 0.0416 (round(255 * 0.0416) = 11) and ends white; cold is hot with red and blue swapped.
    expect(Array.from(mapColour(d, 2)!)).toEqual([11, 0, 0, 255]);
    expect(Array.from(mapColour(d, 6)!)).toEqual([255, 255, 255, 255]);
    expect(Array.from(mapColour(d, -1)!)).toEqual([0, 0, 11, 255]);
    expect(Array.from(mapColour(d, -3)!)).toEqual([255, 255, 255, 255]);
  });
});

describe('surfaceColours', () => {
  // Six vertices: gyrus, gyrus, sulcus, sulcus, gyrus, sulcus (all past the soft edge, SULC_SOFT_EDGE = 0.25).
  const sulc = new Float32Array([-1, -0.6, 0.5, 2, -0.3, 1]);

  it('shades gyri light grey and sulci dark grey', () => {
    const out = surfaceColours(sulc, null, [], noNeighbours);
    expect(out).toBeInstanceOf(Float32Array);
    expect(out.length).toBe(18);
    expect(GYRUS_GREY).toBe(0.74);
    expect(SULCUS_GREY).toBe(0.46);
    const expected = [0.74, 0.74, 0.46, 0.46, 0.74, 0.46];
    for (let v = 0; v < 6; v++) expectRgb(out, v, grey(expected[v]));
  });

  it('goes from light to dark grey smoothly within 0.25 of sulc 0, and shades regions with it', () => {
    expect(SULC_SOFT_EDGE).toBe(0.25);
    // smoothstep of (sulc + 0.25) / 0.5: 0, 0.15625, 0.5, 0.84375, 1 of the way from 0.74 to 0.46
    const edge = new Float32Array([-0.25, -0.125, 0, 0.125, 0.25]);
    const out = surfaceColours(edge, null, [], noNeighbours);
    const expected = [0.74, 0.69625, 0.6, 0.50375, 0.46];
    for (let v = 0; v < 5; v++) expectRgb(out, v, grey(expected[v]));
    // A red region at sulc 0 is shaded halfway to 0.82: 0.91.
    const red: SurfaceLabelColours = {
      values: new Int32Array([1]),
      colourOf: () => ({ rgb: [1, 0, 0], alpha: 1 }),
      opacity: 1,
    };
    expectRgb(surfaceColours(new Float32Array([0]), red, [], noNeighbours), 0, [0.91, 0, 0]);
  });

  /** Label 1 red and shown, 2 hidden (alpha 0), 3 blue and faded (alpha 0.15), 4 no region. */
  function labels(opacity: number, seen: number[] = []): SurfaceLabelColours {
    return {
      values: new Int32Array([1, 2, 3, 0, 4, 1]),
      colourOf: (value) => {
        seen.push(value);
        if (value === 1) return { rgb: [1, 0, 0], alpha: 1 };
        if (value === 2) return { rgb: [0, 1, 0], alpha: 0 };
        if (value === 3) return { rgb: [0, 0, 1], alpha: 0.15 };
        return null;
      },
      opacity,
    };
  }

  it('lays region colours over the grey by alpha, darkened to 0.82 in sulci', () => {
    const seen: number[] = [];
    const out = surfaceColours(sulc, labels(1, seen), [], noNeighbours);
    expectRgb(out, 0, [1, 0, 0]); // gyrus, shown
    expectRgb(out, 1, grey(0.74)); // hidden region: grey
    // sulcus, faded: 0.46 * 0.85 = 0.391, blue 0.391 + 0.82 * 0.15 = 0.514
    expectRgb(out, 2, [0.391, 0.391, 0.514]);
    expectRgb(out, 3, grey(0.46)); // no label
    expectRgb(out, 4, grey(0.74)); // a value with no region
    expectRgb(out, 5, [0.82, 0, 0]); // sulcus, shown
    // Value 0 is never looked up.
    expect(seen.sort()).toEqual([1, 1, 2, 3, 4]);
  });

  it('scales region alpha by the labels opacity', () => {
    const out = surfaceColours(sulc, labels(0.5), [], noNeighbours);
    // a = 0.5: 0.74 * 0.5 + 1 * 0.5 = 0.87; 0.74 * 0.5 = 0.37
    expectRgb(out, 0, [0.87, 0.37, 0.37]);
    expectRgb(out, 1, grey(0.74));
    // a = 0.075: 0.46 * 0.925 = 0.4255; blue 0.4255 + 0.82 * 0.075 = 0.487
    expectRgb(out, 2, [0.4255, 0.4255, 0.487]);
    expectRgb(out, 3, grey(0.46));
    // sulcus, a = 0.5: 0.23 + 0.82 * 0.5 = 0.64
    expectRgb(out, 5, [0.64, 0.23, 0.23]);
  });

  it('paints suprathreshold vertices with their table colour; the rest keep theirs', () => {
    const values = new Float32Array([Number.NaN, 1, 4, 6, -2, 0.5]);
    const out = surfaceColours(sulc, null, [{ values, display: display() }], noNeighbours);
    expectRgb(out, 0, grey(0.74)); // NaN
    expectRgb(out, 1, grey(0.74)); // under threshold
    expectRgb(out, 2, lutRgb(128, 127, 7));
    expectRgb(out, 3, lutRgb(255, 0, 7));
    expectRgb(out, 4, lutRgb(11, 128, 127));
    expectRgb(out, 5, grey(0.46)); // under threshold
  });

  it('blends a map by its opacity over the labels beneath', () => {
    const values = new Float32Array([2, Number.NaN, 6, -3, 0, -1]);
    const out = surfaceColours(sulc, labels(1), [{ values, display: display({ opacity: 0.5 }) }], noNeighbours);
    // over red (1, 0, 0): table entry 0 = (0, 255, 7)
    expectRgb(out, 0, [0.5, 0.5, (7 / 255) * 0.5]);
    expectRgb(out, 1, grey(0.74));
    // over (0.391, 0.391, 0.514): entry 255 = (255, 0, 7)
    expectRgb(out, 2, [0.391 * 0.5 + 0.5, 0.391 * 0.5, 0.514 * 0.5 + (7 / 255) * 0.5]);
    // over sulcus grey: negative entry 255 = (11, 255, 0)
    expectRgb(out, 3, [0.23 + (11 / 255) * 0.5, 0.23 + 0.5, 0.23]);
    expectRgb(out, 4, grey(0.74));
    // over dark red (0.82, 0, 0): negative entry 0 = (11, 0, 255)
    expectRgb(out, 5, [0.41 + (11 / 255) * 0.5, 0, 0.5]);
  });

  it('draws the maps bottom to top', () => {
    const flat = new Float32Array(6).fill(-1);
    const bottom = { values: new Float32Array([6, 6, 0, 0, 0, 0]), display: display() };
    const top = { values: new Float32Array([2, 0, 0, 0, 0, 0]), display: display({ opacity: 0.5 }) };
    const out = surfaceColours(flat, null, [bottom, top], noNeighbours);
    // bottom (255, 0, 7) then half of top (0, 255, 7)
    expectRgb(out, 0, [0.5, 0.5, 7 / 255]);
    expectRgb(out, 1, lutRgb(255, 0, 7));
    const swapped = surfaceColours(flat, null, [top, bottom], noNeighbours);
    expectRgb(swapped, 0, lutRgb(255, 0, 7));
  });

  describe('outlines', () => {
    // Eight vertices in a chain of triangles: v is joined to v-2, v-1, v+1, v+2.
    const n = 8;
    const gyri = new Float32Array(n).fill(-1);
    const values = new Float32Array([0, 3, 4, 5, 6, 7, 3, Number.NaN]);
    const edge = [0.05, 0.05, 0.05];

    it('are not drawn unless asked for', () => {
      const out = surfaceColours(gyri, null, [{ values, display: display() }], chain(n));
      expectRgb(out, 0, grey(0.74));
      expectRgb(out, 1, lutRgb(64, 191, 7));
      expectRgb(out, 3, lutRgb(191, 64, 7));
      expectRgb(out, 7, grey(0.74));
    });

    it('darken suprathreshold vertices that touch a vertex not drawn', () => {
      const out = surfaceColours(gyri, null, [{ values, display: display({ outline: true }) }], chain(n));
      expectRgb(out, 0, grey(0.74));
      expectRgb(out, 1, edge); // joined to 0 (under threshold)
      expectRgb(out, 2, edge); // joined to 0
      // (5 - 2) / 4 * 255 = 191.25 -> 191; (6 - 2) / 4 * 255 = 255: inside the patch, filled
      expectRgb(out, 3, lutRgb(191, 64, 7));
      expectRgb(out, 4, lutRgb(255, 0, 7));
      expectRgb(out, 5, edge); // joined to 7 (NaN)
      expectRgb(out, 6, edge); // joined to 7
      expectRgb(out, 7, grey(0.74));
    });

    it('replace the colour whatever the opacity and labels beneath', () => {
      const lab: SurfaceLabelColours = {
        values: new Int32Array(n).fill(1),
        colourOf: () => ({ rgb: [0, 0, 1], alpha: 1 }),
        opacity: 1,
      };
      const out = surfaceColours(gyri, lab, [{ values, display: display({ outline: true, opacity: 0.5 }) }], chain(n));
      expectRgb(out, 0, [0, 0, 1]);
      expectRgb(out, 1, edge);
      expectRgb(out, 3, [(191 / 255) * 0.5, (64 / 255) * 0.5, 0.5 + (7 / 255) * 0.5]);
      expectRgb(out, 6, edge);
      expectRgb(out, 7, [0, 0, 1]);
    });

    it('treat a hidden sign as not drawn', () => {
      const mixed = new Float32Array([3, 3, 3, 3, -3, 3, 3, 3]);
      const out = surfaceColours(
        gyri,
        null,
        [{ values: mixed, display: display({ outline: true, negLut: null }) }],
        chain(n),
      );
      expectRgb(out, 0, lutRgb(64, 191, 7)); // joined to 1 and 2 only: inside
      expectRgb(out, 1, lutRgb(64, 191, 7));
      for (const v of [2, 3, 5, 6]) expectRgb(out, v, edge); // within two steps of vertex 4
      expectRgb(out, 4, grey(0.74));
      expectRgb(out, 7, lutRgb(64, 191, 7));
    });

    it('of a lower map are covered by the fill of a higher one', () => {
      const lower = { values, display: display({ outline: true }) };
      const upper = { values: new Float32Array([0, 6, 0, 0, 0, 0, 0, 0]), display: display() };
      const out = surfaceColours(gyri, null, [lower, upper], chain(n));
      expectRgb(out, 1, lutRgb(255, 0, 7));
      expectRgb(out, 2, edge);
    });
  });
});
