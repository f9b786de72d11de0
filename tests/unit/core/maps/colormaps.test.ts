/**
 * Colour maps against matplotlib 3.11's published values (matplotlib/_cm_listed.py and _cm.py): the first, middle
 * and last entries of viridis and inferno, RdBu's ColorBrewer anchors, hot's breakpoints; and how schemes split
 * into positive and negative tables.
 */
import { describe, expect, it } from 'vitest';
import { COLORMAPS, LUT_SIZE, lut, resampleLut, splitLuts } from '../../../../core/maps/colormaps';

const rgb = (t: Uint8Array, i: number) => [t[i * 4], t[i * 4 + 1], t[i * 4 + 2]];
/** matplotlib floats to bytes, within one step of rounding. */
function near(t: Uint8Array, i: number, floats: number[], tol = 1) {
  const got = rgb(t, i);
  floats.forEach((f, c) =>
    expect(Math.abs(got[c] - f * 255), `entry ${i} channel ${c}: ${got} vs ${floats}`).toBeLessThanOrEqual(tol),
  );
}

describe('colour maps', () => {
  it('viridis matches matplotlib at its ends and middle', () => {
    const t = lut('viridis');
    near(t, 0, [0.267004, 0.004874, 0.329415]);
    near(t, 128, [0.127568, 0.566949, 0.550556]);
    near(t, 255, [0.993248, 0.906157, 0.143936]);
  });

  it('inferno matches matplotlib at its ends and middle', () => {
    const t = lut('inferno');
    near(t, 0, [0.001462, 0.000466, 0.013866]);
    near(t, 128, [0.735683, 0.215906, 0.330245]);
    near(t, 255, [0.988362, 0.998364, 0.644924]);
  });

  it('RdBu_r runs dark blue -> near white -> dark red (ColorBrewer anchors)', () => {
    const t = lut('RdBu_r');
    near(t, 0, [0.0196078431372549, 0.18823529411764706, 0.38039215686274508]);
    near(t, 255, [0.40392156862745099, 0, 0.12156862745098039]);
    // x = 0.5 lies between entries 127 and 128; both are within a step of the white anchor's neighbourhood.
    const mid = rgb(t, 127).map((v, c) => (v + rgb(t, 128)[c]) / 2);
    mid.forEach((v) => expect(Math.abs(v - 0.96862745098039216 * 255)).toBeLessThan(2));
    // Anchor 2 of the reversed 11 (x = 0.2) is entry 51: RdBu's ninth colour.
    near(t, 51, [0.2627450980392157, 0.57647058823529407, 0.76470588235294112]);
  });

  it("hot: black-red, red to yellow, yellow to white at matplotlib's breakpoints", () => {
    const t = lut('hot');
    near(t, 0, [0.0416, 0, 0]);
    near(t, 255, [1, 1, 1]);
    const at = (x: number) => Math.round(x * 255);
    expect(rgb(t, at(0.365079) + 1)[0]).toBe(255);
    expect(rgb(t, at(0.365079) - 1)[1]).toBe(0);
    expect(rgb(t, at(0.746032) + 1).slice(0, 2)).toEqual([255, 255]);
    expect(rgb(t, at(0.746032) - 1)[2]).toBe(0);
    // Cold is hot with red and blue swapped.
    const c = lut('cold');
    for (let i = 0; i < LUT_SIZE; i++) expect(rgb(c, i)).toEqual(rgb(t, i).reverse());
  });

  it("red-yellow and blue-lightblue are FSL's", () => {
    expect(rgb(lut('red-yellow'), 0)).toEqual([255, 0, 0]);
    expect(rgb(lut('red-yellow'), 255)).toEqual([255, 255, 0]);
    expect(rgb(lut('red-yellow'), 128)).toEqual([255, 128, 0]);
    expect(rgb(lut('blue-lightblue'), 0)).toEqual([0, 0, 255]);
    expect(rgb(lut('blue-lightblue'), 255)).toEqual([0, 255, 255]);
  });

  it('every table has 256 opaque RGBA entries', () => {
    for (const name of [...COLORMAPS, 'cold', 'blue-lightblue'] as const) {
      const t = lut(name);
      expect(t.length).toBe(LUT_SIZE * 4);
      for (let i = 0; i < LUT_SIZE; i++) expect(t[i * 4 + 3]).toBe(255);
    }
  });

  it('splits schemes into positive and negative tables', () => {
    const pair = splitLuts('red-yellow', true, true);
    expect(pair.pos).toBe(lut('red-yellow'));
    expect(pair.neg).toBe(lut('blue-lightblue'));
    expect(splitLuts('hot', true, false)).toEqual({ pos: lut('hot'), neg: null });
    expect(splitLuts('hot', false, true).neg).toBe(lut('cold'));

    // RdBu_r: both halves start near white at the threshold and end at the dark ends.
    const rb = splitLuts('RdBu_r', true, true);
    near(rb.pos!, 0, [0.968627, 0.968627, 0.968627], 2);
    near(rb.neg!, 0, [0.968627, 0.968627, 0.968627], 2);
    near(rb.pos!, 255, [0.40392156862745099, 0, 0.12156862745098039]);
    near(rb.neg!, 255, [0.0196078431372549, 0.18823529411764706, 0.38039215686274508]);
    // A diverging map stays split with one sign shown.
    expect(splitLuts('RdBu_r', true, false).pos).toEqual(rb.pos);

    // A sequential map: all of it for one sign; the halves for both.
    expect(splitLuts('viridis', true, false).pos).toBe(lut('viridis'));
    const vb = splitLuts('viridis', true, true);
    near(vb.pos!, 255, [0.993248, 0.906157, 0.143936]);
    near(vb.neg!, 255, [0.267004, 0.004874, 0.329415]);
    near(vb.pos!, 0, [0.127568, 0.566949, 0.550556], 3);
  });

  it('resamples a range of a table either way round', () => {
    const g = lut('gray');
    const down = resampleLut(g, 255, 0);
    expect(rgb(down, 0)).toEqual([255, 255, 255]);
    expect(rgb(down, 255)).toEqual([0, 0, 0]);
    expect(rgb(resampleLut(g, 0, 127.5), 255)[0]).toBe(128);
  });
});
