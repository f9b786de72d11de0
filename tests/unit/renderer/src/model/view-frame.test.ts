/**
 * What the camera frames (model/view-frame.ts, model/surface-data.ts's surfaceFrame): the MNI152 brain for the
 * volume, and the sphere around both cortical surfaces as drawn (shifted apart) when the surface view shows them.
 */
import { describe, expect, it } from 'vitest';
import type { SurfaceData } from '../../../../../core/surface/surface-codec';
import { HEMISPHERE_GAP_MM, surfaceData } from '../../../../../renderer/src/model/surface-data';
import { VOLUME_FRAME, viewFrame } from '../../../../../renderer/src/model/view-frame';

/** A surface of the given vertices (no triangles needed for framing). */
function surface(points: number[][]): SurfaceData {
  const positions = Float32Array.from(points.flat());
  return {
    vertexCount: points.length,
    positions,
    mid: positions,
    triangles: new Uint32Array(0),
    sulc: new Float32Array(points.length),
    license: '',
    citation: '',
  };
}

describe('viewFrame', () => {
  it('frames the MNI152 brain for the volume, and before any surface has arrived', () => {
    expect(viewFrame({ surfaceView: 'off' })).toBe(VOLUME_FRAME);
    expect(viewFrame({ surfaceView: 'white' })).toBe(VOLUME_FRAME);
  });

  it('frames both hemispheres as drawn: their bounding box centre, out to the farthest vertex', () => {
    // Each hemisphere spans x 0..60 as loaded; drawn, the left is shifted to end 5 mm left of the midline and the
    // right to start 5 mm right of it: x -65..-5 and 5..65.
    surfaceData.putMesh(
      'inflated',
      'left',
      surface([
        [0, -100, -70],
        [60, 110, 70],
        [30, 0, 0],
      ]),
    );
    surfaceData.putMesh(
      'inflated',
      'right',
      surface([
        [0, -100, -70],
        [60, 110, 70],
      ]),
    );
    const frame = viewFrame({ surfaceView: 'inflated' });
    const half = HEMISPHERE_GAP_MM / 2;
    expect(frame.centre).toEqual([0, 5, 0]);
    // The farthest vertices are the corners (±(60 + half), 110 or -100, ±70) from (0, 5, 0).
    expect(frame.radius).toBeCloseTo(Math.hypot(60 + half, 105, 70), 4);
    // The same object until the meshes change; a new mesh gives a new frame.
    expect(viewFrame({ surfaceView: 'inflated' })).toBe(frame);
    surfaceData.putMesh(
      'inflated',
      'right',
      surface([
        [0, -100, -70],
        [60, 130, 70],
      ]),
    );
    const next = viewFrame({ surfaceView: 'inflated' });
    expect(next).not.toBe(frame);
    expect(next.centre).toEqual([0, 15, 0]);
  });
});
