/**
 * Where the 3D cursor marker goes on the cortical surface view (model/surface-cursor.ts): on the vertex the cursor
 * was picked at, as the displayed surface has it (shifted with its hemisphere), the same vertex after a switch of
 * surface kind; a cursor near the cortex snaps to its nearest vertex; one far from it is drawn where it is on pial
 * and white and not at all on inflated; a hidden hemisphere has no marker.
 */
import { describe, expect, it } from 'vitest';
import type { Vec3 } from '../../../../../core/api';
import {
  type MarkerSurface,
  SURFACE_SNAP_MM,
  nearestMidVertex,
  surfaceMarkerPoint,
} from '../../../../../renderer/src/model/surface-cursor';

const f32 = (points: number[][]) => Float32Array.from(points.flat());

/** Mid-thickness points of a tiny left and right "hemisphere" (MNI mm), with their pial and inflated positions. */
const MID = {
  left: [
    [-40, 0, 0],
    [-40, -20, 10],
  ],
  right: [
    [40, 0, 0],
    [40.3, -20.7, 10.1],
  ],
};
const PIAL = {
  left: [
    [-41, 0, 0],
    [-41, -20, 10],
  ],
  right: [
    [41, 0, 0],
    [41, -21, 10],
  ],
};
const INFLATED = {
  left: [
    [-60, 5, 3],
    [-70, -30, 20],
  ],
  right: [
    [55, 4, 2],
    [66, -33, 19],
  ],
};

function surfaces(
  positions: Record<'left' | 'right', number[][]>,
  shift: Record<'left' | 'right', number>,
  visible = { left: true, right: true },
): MarkerSurface[] {
  return (['left', 'right'] as const).map((hemi) => ({
    hemi,
    positions: f32(positions[hemi]),
    mid: f32(MID[hemi]),
    shiftX: shift[hemi],
    visible: visible[hemi],
  }));
}

/** A picked vertex's cursor: its mid-thickness point as the store holds it (float32 read into numbers). */
const picked = (hemi: 'left' | 'right', v: number): Vec3 => Array.from(f32([MID[hemi][v]])) as Vec3;

describe('nearestMidVertex', () => {
  it('finds the vertex a cursor was picked at, at distance 0, over both hemispheres', () => {
    const s = surfaces(PIAL, { left: 0, right: 0 });
    expect(nearestMidVertex(picked('right', 1), s)).toEqual({ hemi: 'right', vertex: 1, distance: 0 });
    expect(nearestMidVertex([-39, -19, 9], s)).toMatchObject({ hemi: 'left', vertex: 1 });
    expect(nearestMidVertex([0, 0, 0], [])).toBeNull();
  });
});

describe('surfaceMarkerPoint', () => {
  it('puts a picked cursor on its vertex of the displayed surface, shifted with its hemisphere', () => {
    const at = surfaceMarkerPoint(picked('right', 1), 'inflated', surfaces(INFLATED, { left: -5, right: 7 }));
    expect(at).toEqual([66 + 7, -33, 19]);
    // Not at the MNI point: the inflated surface is elsewhere.
    expect(at).not.toEqual(picked('right', 1));
  });

  it('keeps the same vertex when the surface kind changes', () => {
    const cursor = picked('left', 1);
    expect(surfaceMarkerPoint(cursor, 'inflated', surfaces(INFLATED, { left: -5, right: 7 }))).toEqual([-75, -30, 20]);
    expect(surfaceMarkerPoint(cursor, 'pial', surfaces(PIAL, { left: -2, right: 3 }))).toEqual([-43, -20, 10]);
  });

  it('snaps a cursor near the cortex to the nearest vertex', () => {
    const near: Vec3 = [38, 1, 1];
    expect(Math.hypot(38 - 40, 1, 1)).toBeLessThan(SURFACE_SNAP_MM);
    expect(surfaceMarkerPoint(near, 'inflated', surfaces(INFLATED, { left: 0, right: 0 }))).toEqual([55, 4, 2]);
  });

  it('draws a cursor far from the cortex where it is on pial and white, and not at all on inflated', () => {
    const deep: Vec3 = [10, -10, 5];
    expect(surfaceMarkerPoint(deep, 'pial', surfaces(PIAL, { left: -2, right: 3 }))).toEqual([13, -10, 5]);
    expect(surfaceMarkerPoint([-10, -10, 5], 'white', surfaces(PIAL, { left: -2, right: 3 }))).toEqual([-12, -10, 5]);
    expect(surfaceMarkerPoint(deep, 'inflated', surfaces(INFLATED, { left: -2, right: 3 }))).toBeNull();
  });

  it('has no marker on a hidden hemisphere, nor before the meshes arrive', () => {
    const hidden = surfaces(INFLATED, { left: 0, right: 0 }, { left: true, right: false });
    expect(surfaceMarkerPoint(picked('right', 0), 'inflated', hidden)).toBeNull();
    expect(surfaceMarkerPoint(picked('left', 0), 'inflated', hidden)).toEqual([-60, 5, 3]);
    expect(
      surfaceMarkerPoint([10, -10, 5], 'pial', surfaces(PIAL, { left: 0, right: 0 }, { left: true, right: false })),
    ).toBeNull();
    expect(surfaceMarkerPoint(picked('left', 0), 'pial', [])).toBeNull();
  });
});
