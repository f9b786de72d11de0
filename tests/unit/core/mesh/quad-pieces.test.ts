import { describe, expect, it } from 'vitest';
import { plainArrays } from '../../../../core/mesh/arrays';
import {
  assembleRegions,
  emptyBounds,
  planRegions,
  quadBoundsRange,
  toWorldRange,
} from '../../../../core/mesh/assemble';
import { meshingGrid, netBeforeCorrection } from '../../../../core/mesh/pipeline';
import { triangleOtherSides } from '../../../../core/mesh/quality';
import { correctSmallRegionVolumes } from '../../../../core/mesh/small-regions';
import { planSubdivision } from '../../../../core/mesh/subdivide';
import { surfaceNet } from '../../../../core/mesh/surface-nets';
import { DEFAULT_MESH_SETTINGS, type SurfaceNet } from '../../../../core/mesh/types';
import type { LabelVolume } from '../../../../core/atlas/label-volume';
import { plainQuads } from '../../../helpers/plain-quads';
import { doubled, randomVolume } from '../../../helpers/random-label-volume';

// Blobs that touch and leave gaps, small ones among them; the second on a 2-voxel grid (meshed on its native grid,
// then subdivided twice at fine detail, the second time last).
const VOLUMES: [string, () => LabelVolume][] = [
  ['40 blobs', () => randomVolume([30, 26, 22], 40, 11, 0.3)],
  ['120 small blobs', () => randomVolume([24, 28, 20], 120, 5, 0.15)],
  ['blobs on a 2-voxel grid', () => doubled(randomVolume([20, 18, 17], 30, 41, 0.4))],
];

/** The fine net as the pipeline makes it, before the small-region correction: its last subdivision keeps quarters. */
function fineNet(make: () => LabelVolume): { vol: LabelVolume; net: SurfaceNet; onNativeGrid: boolean } {
  const settings = { ...DEFAULT_MESH_SETTINGS, detail: 'fine' as const };
  const { base, net } = netBeforeCorrection(make(), settings);
  return { vol: base, net, onNativeGrid: meshingGrid(make(), settings)?.native ?? false };
}

describe('a last subdivision, whose quads stand for their quarters', () => {
  it('keeps the coarse quads, whose quarters are the quads a subdivision that is not the last writes out', () => {
    for (const [name, make] of VOLUMES) {
      const vol = make();
      const coarse = surfaceNet(vol);
      const last = planSubdivision(coarse, plainArrays, true);
      const full = planSubdivision(coarse, plainArrays, false);
      expect(last.fine.quarters, name).toBeTruthy();
      expect(last.fine.quadCount).toBe(coarse.quadCount);
      expect(Array.from(plainQuads(last.fine).quads)).toEqual(Array.from(full.fine.quads));
      expect(Array.from(last.fine.vertexUses)).toEqual(Array.from(full.fine.vertexUses));
      // A last subdivision is not subdivided again.
      expect(() => planSubdivision(last.fine)).toThrow(/not subdivided again/);
    }
  });

  it('is assembled, bounded and corrected as its quarters written out would be, bit for bit', () => {
    let corrected = 0;
    for (const [name, make] of VOLUMES) {
      const { vol, net, onNativeGrid } = fineNet(make);
      expect(net.quarters, name).toBeTruthy();
      expect(onNativeGrid, name).toBe(name.includes('2-voxel grid'));
      const start = net.positions.slice();
      const plain = plainQuads({ ...net, positions: net.positions.slice() });
      // The correction moves the same vertices to the same places.
      correctSmallRegionVolumes(net);
      correctSmallRegionVolumes(plain);
      expect(Array.from(net.positions), name).toEqual(Array.from(plain.positions));
      if (net.positions.some((x, i) => x !== start[i])) corrected++;

      const bounds = [net, plain].map((n) => {
        const plan = planRegions(vol, { ...n, positions: n.positions.slice() }, plainArrays);
        toWorldRange(plan, 0, plan.nNet);
        const b = emptyBounds(plan, plainArrays);
        quadBoundsRange(plan, 0, plan.quadCount, b);
        return Array.from(b);
      });
      expect(bounds[0]).toEqual(bounds[1]);

      const sets = [net, plain].map((n) => assembleRegions(vol, { ...n, positions: n.positions.slice() }));
      expect(sets[0].regions, name).toEqual(sets[1].regions);
      for (const key of ['positions', 'normals', 'indices', 'sourceVertex'] as const)
        expect(Buffer.from(sets[0][key].buffer).equals(Buffer.from(sets[1][key].buffer)), `${name} ${key}`).toBe(true);
      expect(Array.from(triangleOtherSides(net, sets[0]))).toEqual(Array.from(triangleOtherSides(plain, sets[1])));
      expect(sets[0].regions.length).toBeGreaterThan(5);
    }
    expect(corrected).toBeGreaterThan(1);
  });
});
