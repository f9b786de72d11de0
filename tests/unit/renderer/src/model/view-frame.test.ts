/**
 * What the camera frames (model/view-frame.ts, model/surface-data.ts's surfaceFrame): the MNI152 brain for the
 * volume (grown as its regions are exploded), and the sphere around both cortical surfaces as drawn (shifted apart)
 * when the surface view shows them.
 */
import { describe, expect, it } from 'vitest';
import type { SurfaceData } from '../../../../../core/surface/surface-codec';
import { HEMISPHERE_GAP_MM, surfaceData } from '../../../../../renderer/src/model/surface-data';
import { VOLUME_FRAME, viewFrame } from '../../../../../renderer/src/model/view-frame';
import {
  type LabelsLayerData,
  layerData,
  MNI_BRAIN_CENTRE,
  MNI_BRAIN_RADIUS,
} from '../../../../../renderer/src/model/layer-data';
import type { LayerState } from '../../../../../renderer/src/store/scene-slice';
import type { Vec3 } from '../../../../../core/api';

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

/** The volume as first drawn: nothing exploded, no layers. */
const VOLUME = { explode: 0, layers: [] };

/** A layer of these regions, put where the view finds it. */
function layerWith(
  key: string,
  regions: { centroid: Vec3; bbox: { min: number[]; max: number[] } }[],
): { key: string } {
  layerData.put({
    kind: 'labels',
    key,
    regions: regions.map((r, i) => ({ key: `a:${i + 1}`, value: i + 1, ...r })),
  } as unknown as LabelsLayerData);
  return { key };
}

describe('viewFrame', () => {
  it('frames the MNI152 brain for the volume, and before any surface has arrived', () => {
    expect(viewFrame({ surfaceView: 'off', ...VOLUME })).toBe(VOLUME_FRAME);
    expect(viewFrame({ surfaceView: 'white', ...VOLUME })).toBe(VOLUME_FRAME);
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
    const frame = viewFrame({ surfaceView: 'inflated', ...VOLUME });
    const half = HEMISPHERE_GAP_MM / 2;
    expect(frame.centre).toEqual([0, 5, 0]);
    // The farthest vertices are the corners (±(60 + half), 110 or -100, ±70) from (0, 5, 0).
    expect(frame.radius).toBeCloseTo(Math.hypot(60 + half, 105, 70), 4);
    // The same object until the meshes change; a new mesh gives a new frame.
    expect(viewFrame({ surfaceView: 'inflated', ...VOLUME })).toBe(frame);
    surfaceData.putMesh(
      'inflated',
      'right',
      surface([
        [0, -100, -70],
        [60, 130, 70],
      ]),
    );
    const next = viewFrame({ surfaceView: 'inflated', ...VOLUME });
    expect(next).not.toBe(frame);
    expect(next.centre).toEqual([0, 15, 0]);
  });

  it("grows the brain as far as exploding pushes the regions out, past the brain's own frame", () => {
    const [cx, cy, cz] = MNI_BRAIN_CENTRE;
    const cube = (c: Vec3) => ({ centroid: c, bbox: { min: c.map((v) => v - 5), max: c.map((v) => v + 5) } });
    // A whole brain: a 10 mm cube whose centroid is 100 mm out along y, its far corner (5, 105, 5) from the centre.
    // At explode 0.5 it moves 50 mm out: (5, 155, 5); the frame grows in proportion.
    const brain = [layerWith('frame-brain@2mm', [cube([cx + 20, cy, cz]), cube([cx, cy + 100, cz])]), null];
    const layers = brain as unknown as LayerState[];
    expect(viewFrame({ surfaceView: 'off', explode: 0, layers })).toBe(VOLUME_FRAME);
    const half = viewFrame({ surfaceView: 'off', explode: 0.5, layers });
    expect(half.centre).toEqual(MNI_BRAIN_CENTRE);
    expect(half.radius).toBeCloseTo((MNI_BRAIN_RADIUS * Math.hypot(5, 155, 5)) / Math.hypot(5, 105, 5), 6);
    // The same object while nothing changes.
    expect(viewFrame({ surfaceView: 'off', explode: 0.5, layers })).toBe(half);
    // A small atlas reaching 65 mm (a cube 60 mm out) spreads into the brain's frame first: at 0.5 it reaches 95 mm,
    // inside the frame; fully exploded 125 mm, past it by a quarter.
    const small = [layerWith('frame-small@2mm', [cube([cx, cy + 60, cz])]), null] as unknown as LayerState[];
    expect(viewFrame({ surfaceView: 'off', explode: 0.5, layers: small })).toBe(VOLUME_FRAME);
    expect(viewFrame({ surfaceView: 'off', explode: 1, layers: small }).radius).toBeCloseTo(Math.hypot(5, 125, 5), 6);
    // Layers not loaded yet move nothing.
    const notLoaded = [{ key: 'not-loaded' }] as unknown as LayerState[];
    expect(viewFrame({ surfaceView: 'off', explode: 1, layers: notLoaded })).toBe(VOLUME_FRAME);
  });
});
