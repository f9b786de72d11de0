/**
 * Slice view arithmetic with known answers: which axes each plane shows (neurological), the pixel <-> mm mapping
 * at zoom 1 and after zooming about a point, grid boxes of LAS grids, voxel snapping, and the value -> region
 * table the label shader looks values up in.
 */
import { describe, expect, it } from 'vitest';
import { invertAffine, mat4 } from '../../../../../core/affine';
import type { Vec3 } from '../../../../../core/api';
import {
  DEFAULT_BOX,
  MAX_ZOOM,
  type ViewState,
  gridBox,
  pixelOf,
  stepped,
  viewMapping,
  worldAt,
  zoomAbout,
} from '../../../../../renderer/src/slice-views/geometry';
import { INDEX_TABLE_WIDTH, indexTable } from '../../../../../renderer/src/slice-views/textures';
import { roiCircles } from '../../../../../renderer/src/slice-views/roi-circles';
import type { CoordinatesLayerData } from '../../../../../renderer/src/model/layer-data';
import type { LayerVisual } from '../../../../../renderer/src/model/region-state';
import { type SliceTemplate, snapToVoxel, voxelOf } from '../../../../../renderer/src/slice-views/template-source';

const unzoomed: ViewState = { zoom: 1, centre: null };
/** FSL's MNI152 2 mm grid: LAS, x = -2 i + 90, y = 2 j - 126, z = 2 k - 72. */
const MNI2: number[] = [-2, 0, 0, 90, 0, 2, 0, -126, 0, 0, 2, -72, 0, 0, 0, 1];
const MNI2_DIMS: Vec3 = [91, 109, 91];

describe('slice view mapping', () => {
  it("fits the box at zoom 1, centred, with the subject's left on the left and up/anterior at the top", () => {
    const box = gridBox(MNI2_DIMS, MNI2);
    expect(box.min).toEqual([-91, -127, -73]);
    expect(box.max).toEqual([91, 91, 109]);
    // Axial 200x300: x spans 182 mm over 200 px, y 218 mm over 300 px; the larger mm per pixel wins.
    const m = viewMapping('axial', 200, 300, box, unzoomed, [-44, 14, 8]);
    expect(m.mmPerPx).toBeCloseTo(0.91, 12);
    expect([m.centreH, m.centreV, m.slice]).toEqual([0, -18, 8]);
    expect(pixelOf(m, [0, -18, 8])).toEqual([100, 150]);
    // x = -44 (left) is left of the centre; y = 14 (anterior) above it.
    const [x, y] = pixelOf(m, [-44, 14, 8]);
    expect(x).toBeCloseTo(100 - 44 / 0.91, 9);
    expect(y).toBeCloseTo(150 - 32 / 0.91, 9);
    expect(worldAt(m, x, y).map((v) => Math.round(v * 1e9) / 1e9)).toEqual([-44, 14, 8]);
    // Coronal: x right, z up, slice at y; sagittal: y right (anterior), z up, slice at x.
    const c = viewMapping('coronal', 182, 182, box, unzoomed, [-44, 14, 8]);
    expect([c.centreH, c.centreV, c.slice, c.mmPerPx]).toEqual([0, 18, 14, 1]);
    const s = viewMapping('sagittal', 218, 182, box, unzoomed, [-44, 14, 8]);
    expect([s.centreH, s.centreV, s.slice, s.mmPerPx]).toEqual([-18, 18, -44, 1]);
    expect(pixelOf(s, [0, 14 + 18, 18])).toEqual([109 + 32 + 18, 91]);
  });

  it('zooms about a point that stays where it is on screen, within 1..MAX_ZOOM; back at 1 it fits again', () => {
    const m = viewMapping('axial', 200, 300, DEFAULT_BOX, unzoomed, [10, 20, 30]);
    const before = pixelOf(m, [10, 20, 30]);
    const z = zoomAbout(m, unzoomed, 2, [10, 20]);
    expect(z.zoom).toBe(2);
    const m2 = viewMapping('axial', 200, 300, DEFAULT_BOX, z, [10, 20, 30]);
    expect(m2.mmPerPx).toBeCloseTo(m.mmPerPx / 2, 12);
    const after = pixelOf(m2, [10, 20, 30]);
    expect(after[0]).toBeCloseTo(before[0], 9);
    expect(after[1]).toBeCloseTo(before[1], 9);
    expect(zoomAbout(m2, z, 1000, [0, 0]).zoom).toBe(MAX_ZOOM);
    expect(zoomAbout(m2, z, 0.1, [0, 0])).toEqual({ zoom: 1, centre: null });
  });

  it('steps a point along one axis without float drift', () => {
    let p: Vec3 = [0, -18, 8];
    for (let i = 0; i < 10; i++) p = stepped(p, 0, 0.1);
    expect(p).toEqual([1, -18, 8]);
  });
});

describe('template grid arithmetic', () => {
  const template = {
    key: 't',
    image: { dims: MNI2_DIMS, affine: MNI2, intensities: new Uint8Array(0), window: [0, 1] },
    inverse: invertAffine(mat4(MNI2)),
    box: gridBox(MNI2_DIMS, MNI2),
    voxelMm: 2,
  } as SliceTemplate;

  it('gives voxel indices of a point (nearest voxel) and null off the grid', () => {
    expect(voxelOf({ dims: MNI2_DIMS, inverse: template.inverse }, [-44, 14, 8])).toEqual([67, 70, 40]);
    expect(voxelOf({ dims: MNI2_DIMS, inverse: template.inverse }, [200, 0, 0])).toBeNull();
  });

  it('snaps in-plane to the nearest voxel centre and keeps the normal coordinate', () => {
    expect(snapToVoxel(template, [-44.7, 14.9, 8.3], 2)).toEqual([-44, 14, 8.3]);
    expect(snapToVoxel(template, [-45.2, 13.2, 7.1], 0)).toEqual([-45.2, 14, 8]);
  });
});

describe('value -> region table', () => {
  it('lays the table out in rows of INDEX_TABLE_WIDTH, -1 past its end', () => {
    const indexOfValue = new Int32Array(INDEX_TABLE_WIDTH + 3).fill(-1);
    indexOfValue[3] = 0;
    indexOfValue[INDEX_TABLE_WIDTH + 1] = 1;
    const t = indexTable(indexOfValue);
    expect([t.width, t.height]).toEqual([INDEX_TABLE_WIDTH, 2]);
    // The shader reads value v at (v % width, v / width).
    const at = (v: number) => t.data[(v % t.width) + t.width * Math.floor(v / t.width)];
    expect([at(0), at(3), at(INDEX_TABLE_WIDTH + 1), at(INDEX_TABLE_WIDTH + 2), at(2 * INDEX_TABLE_WIDTH - 1)]).toEqual(
      [-1, 0, 1, -1, -1],
    );
  });
});

describe('ROI spheres in slices', () => {
  it('draws the circle each sphere cuts on the slice, in its colour, skipping hidden and uncut spheres', () => {
    const region = (key: string, centroid: Vec3, radius: number) => ({ key, centroid, radius });
    const data = {
      kind: 'coordinates',
      regions: [region('p:1', [10, 0, 5], 5), region('p:2', [-20, 0, 8], 5), region('p:3', [0, 0, 30], 5)],
    } as unknown as CoordinatesLayerData;
    const visual = {
      colors: new Float32Array([1, 0, 0, 0, 1, 0, 0, 0, 1]),
      alpha: new Float32Array([1, 0, 1]),
    } as unknown as LayerVisual;
    const m = viewMapping('axial', 182, 218, gridBox(MNI2_DIMS, MNI2), unzoomed, [0, 0, 8]);
    // Axial slice z = 8: sphere 1 (centre z 5, r 5) is cut 3 mm from its centre: a circle of radius 4 mm; sphere 2
    // is hidden; sphere 3 (z 30) is not cut.
    const circles = roiCircles(m, data, visual, 0.5, 0.6, 'p:1');
    expect(circles).toHaveLength(1);
    const [c] = circles;
    expect(c.key).toBe('p:1');
    expect(c.r).toBeCloseTo(4 / m.mmPerPx, 9);
    expect([c.cx, c.cy]).toEqual(pixelOf(m, [10, 0, 5]));
    expect(c.color).toBe('rgb(255,0,0)');
    expect(c.fill).toBeCloseTo(0.3, 9);
    expect(c.selected).toBe(true);
  });
});
