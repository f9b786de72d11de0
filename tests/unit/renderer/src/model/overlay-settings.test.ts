/**
 * The overlay rules that need no browser: default settings from a map's value range, linked thresholds, the
 * cluster-report request (the same options `brain-atlas clusters` gets), the DisplayOverlay the views draw, and
 * the store's list of visible overlays (bottom to top, unchanged objects reused).
 */
import { describe, expect, it } from 'vitest';
import { mat4 } from '../../../../../core/affine';
import { lut, splitLuts } from '../../../../../core/maps/colormaps';
import type { MapInfo } from '../../../../../core/api/map-api';
import { overlayGrids } from '../../../../../renderer/src/model/overlay-data';
import {
  cliArguments,
  clustersRequest,
  defaultSettings,
  niceNumber,
  patchSettings,
  toDisplayOverlay,
} from '../../../../../renderer/src/model/overlay-settings';
import { type OverlayState, displayList } from '../../../../../renderer/src/store/overlay-slice';
import { mapInfo } from '../../../../helpers/map-info';

function info(min: number, max: number, robustMin = min, robustMax = max, mapId = 'm1'): MapInfo {
  return mapInfo({ mapId, dims: [10, 10, 10], range: { min, max, robustMin, robustMax } });
}

describe('overlay settings', () => {
  it('rounds thresholds to two significant digits', () => {
    expect(niceNumber(3.14159)).toBe(3.1);
    expect(niceNumber(0.01234)).toBeCloseTo(0.012, 10);
    expect(niceNumber(1234)).toBe(1200);
    expect(niceNumber(0)).toBe(0);
  });

  it('defaults: half the robust maximum |value|, the scale to the largest |value|, every sign drawn and reported', () => {
    const z = defaultSettings(info(-5.2, 8.4, -3.1, 6.2));
    expect(z.posThreshold).toBe(3.1);
    expect(z.negThreshold).toBe(3.1);
    expect(z.max).toBe(8.4);
    expect(z.show).toBe('both');
    // The report lists the clusters of the signs drawn (`brain-atlas clusters MAP --sign both`).
    expect(z.sign).toBe('both');
    expect(defaultSettings(info(0, 10, 1, 9)).sign).toBe('positive');
    expect(z.connectivity).toBe(26);
    expect(z.minSize).toBe(0);
    expect(defaultSettings(info(0, 10, 1, 9)).show).toBe('positive');
    expect(defaultSettings(info(-10, 0, -9, -1)).show).toBe('negative');
    expect(defaultSettings(info(-10, 0, -9, -1)).sign).toBe('negative');
    // A z or t map opens at 3.1 (p < 0.001), whatever its spread, unless it never gets there.
    const sparse = { min: -0.2, max: 6, robustMin: -0.01, robustMax: 0.11 };
    expect(defaultSettings(mapInfo({ mapId: 'z', statistic: 'z', range: sparse })).posThreshold).toBe(3.1);
    expect(defaultSettings(mapInfo({ mapId: 't', statistic: 't', range: sparse })).negThreshold).toBe(3.1);
    expect(defaultSettings(mapInfo({ mapId: 'b', range: sparse })).posThreshold).toBe(0.055);
    const weak = { min: -1, max: 2.5, robustMin: -0.8, robustMax: 2 };
    expect(defaultSettings(mapInfo({ mapId: 'w', statistic: 'z', range: weak })).posThreshold).toBe(1);
    // All zeros: a threshold of 0 and a scale that still has a top.
    const zeros = defaultSettings(info(0, 0, 0, 0));
    expect(zeros.posThreshold).toBe(0);
    expect(zeros.max).toBeGreaterThan(0);
  });

  it('keeps linked thresholds together and refuses negative or non-numbers', () => {
    const s = defaultSettings(info(-5, 5));
    const a = patchSettings(s, { posThreshold: 2 });
    expect([a.posThreshold, a.negThreshold]).toEqual([2, 2]);
    const b = patchSettings(patchSettings(a, { linked: false }), { negThreshold: 4 });
    expect([b.posThreshold, b.negThreshold]).toEqual([2, 4]);
    const c = patchSettings(b, { linked: true });
    expect(c.negThreshold).toBe(2);
    expect(patchSettings(c, { posThreshold: -1 }).posThreshold).toBe(2);
    expect(patchSettings(c, { minSize: Number.NaN }).minSize).toBe(0);
    expect(patchSettings(c, { opacity: 3 }).opacity).toBe(1);
  });

  it('asks for the report the CLI would print, with the size in voxels or mm³', () => {
    const s = patchSettings(defaultSettings(info(-5, 5)), {
      posThreshold: 2.5,
      sign: 'both',
      minSize: 10,
      connectivity: 6,
    });
    expect(clustersRequest('m1', s, ['aal3', 'yeo-7'])).toEqual({
      mapId: 'm1',
      threshold: 2.5,
      sign: 'both',
      connectivity: 6,
      minVoxels: 10,
      atlases: ['aal3', 'yeo-7'],
    });
    const mm = patchSettings(s, { sizeUnit: 'mm3', minSize: 80 });
    expect(clustersRequest('m1', mm, [])).toEqual({
      mapId: 'm1',
      threshold: 2.5,
      sign: 'both',
      connectivity: 6,
      minMm3: 80,
      atlases: [],
    });
    expect(cliArguments(mm, ['aal3'])).toEqual([
      '--threshold',
      '2.5',
      '--sign',
      'both',
      '--connectivity',
      '6',
      '--min-mm3',
      '80',
      '--atlas',
      'aal3',
    ]);
    const neg = patchSettings(patchSettings(s, { linked: false, negThreshold: 4 }), { sign: 'negative', minSize: 0 });
    expect(clustersRequest('m1', neg, [])).toEqual({
      mapId: 'm1',
      threshold: 4,
      sign: 'negative',
      connectivity: 6,
      atlases: [],
    });
  });

  it('draws the signs the settings show, with their tables and thresholds', () => {
    const grid = {
      dataKey: 'm1#0',
      dims: [2, 1, 1] as [number, number, number],
      affine: mat4([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]),
      values: new Float32Array([1, -1]),
    };
    const s = patchSettings(defaultSettings(info(-5, 5)), {
      posThreshold: 2,
      max: 6,
      colormap: 'hot',
      show: 'positive',
      sign: 'negative',
      opacity: 0.5,
      outline: true,
    });
    const d = toDisplayOverlay(s, grid);
    expect(d.posLut).toBe(lut('hot'));
    expect(d.negLut).toBeNull();
    expect([d.posThreshold, d.posMax, d.opacity, d.outline, d.values]).toEqual([2, 6, 0.5, true, grid.values]);
    const both = toDisplayOverlay(patchSettings(s, { show: 'both', colormap: 'RdBu_r' }), grid);
    expect(both.posLut).toEqual(splitLuts('RdBu_r', true, true).pos);
    expect(both.negLut).toEqual(splitLuts('RdBu_r', true, true).neg);
    // A maximum at or below the threshold still gives a scale that rises.
    expect(toDisplayOverlay(patchSettings(s, { max: 1 }), grid).posMax).toBeGreaterThan(2);
  });

  it('lists the visible overlays with a grid, bottom to top, reusing unchanged objects', () => {
    const grid = (k: string) => ({
      dataKey: k,
      dims: [1, 1, 1] as [number, number, number],
      affine: mat4([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]),
      values: new Float32Array(1),
    });
    overlayGrids.put(grid('a#0'));
    overlayGrids.put(grid('b#0'));
    const mk = (mapId: string, dataKey: string | null): OverlayState => ({
      mapId,
      info: info(-1, 1, -1, 1, mapId),
      settings: defaultSettings(info(-1, 1, -1, 1, mapId)),
      dataKey,
      loading: false,
    });
    const a = mk('a', 'a#0'),
      b = mk('b', 'b#0'),
      c = mk('c', null);
    const first = displayList([a, b, c]);
    expect(first.map((d) => d.dataKey)).toEqual(['a#0', 'b#0']);
    const again = displayList([b, a, c]);
    expect(again.map((d) => d.dataKey)).toEqual(['b#0', 'a#0']);
    expect(again[1]).toBe(first[0]);
    const hidden = { ...a, settings: patchSettings(a.settings, { visible: false }) };
    expect(displayList([hidden, b]).map((d) => d.dataKey)).toEqual(['b#0']);
    const changed = { ...b, settings: patchSettings(b.settings, { posThreshold: 0.5 }) };
    const next = displayList([changed]);
    expect(next[0]).not.toBe(first[1]);
    expect(next[0].posThreshold).toBe(0.5);
  });
});
