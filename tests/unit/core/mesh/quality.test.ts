import { describe, expect, it } from 'vitest';
import { toLabelVolume } from '../../../../core/atlas/label-volume';
import { decodeNifti } from '../../../../core/io/nifti/decode';
import { assembleRegions } from '../../../../core/mesh/assemble';
import { CREASE_DEGREES, regionCreases, triangleOtherSides } from '../../../../core/mesh/quality';
import { surfaceNet } from '../../../../core/mesh/surface-nets';
import type { RegionMeshSet } from '../../../../core/mesh/types';
import { writeNifti } from '../../../helpers/nifti-writer';

/** One region made of the given triangles over the given corners. */
function meshSet(positions: number[], indices: number[]): RegionMeshSet {
  const n = positions.length / 3;
  return {
    positions: Float32Array.from(positions),
    normals: new Float32Array(positions.length),
    indices: Uint32Array.from(indices),
    regions: [
      {
        value: 1,
        vertexStart: 0,
        vertexCount: n,
        indexStart: 0,
        indexCount: indices.length,
        voxels: 1,
        meshVolumeMm3: 1,
        center: [0, 0, 0],
      },
    ],
  };
}

// A unit cube, two triangles a face, counter-clockwise from outside.
const CUBE = [0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0, 0, 0, 1, 1, 0, 1, 1, 1, 1, 0, 1, 1];
const CUBE_FACES = [
  [0, 3, 2, 1],
  [4, 5, 6, 7],
  [0, 1, 5, 4],
  [1, 2, 6, 5],
  [2, 3, 7, 6],
  [3, 0, 4, 7],
].flatMap(([a, b, c, d]) => [a, b, c, a, c, d]);

describe('regionCreases', () => {
  it('counts the 12 edges of a cube as creases and its 6 face diagonals as flat', () => {
    const set = meshSet(CUBE, CUBE_FACES);
    expect(regionCreases(set, set.regions[0])).toMatchObject({ edges: 18, creased: 12 });
  });

  it('takes an edge as a crease only past the angle: a roof folded by 20° or 40°', () => {
    // Two triangles sharing the edge (0,0,0)-(0,1,0), the second tilted by `deg` about it.
    const roof = (deg: number) => {
      const a = (deg * Math.PI) / 180;
      return meshSet([0, 0, 0, 0, 1, 0, -1, 0, 0, Math.cos(a), 0, Math.sin(a)], [0, 2, 1, 0, 1, 3]);
    };
    expect(CREASE_DEGREES).toBe(30);
    expect(regionCreases(roof(20), roof(20).regions[0])).toMatchObject({ edges: 1, creased: 0 });
    expect(regionCreases(roof(40), roof(40).regions[0])).toMatchObject({ edges: 1, creased: 1 });
  });
});

describe('junction edges', () => {
  // Two voxels side by side, labels 1 and 2, meshed raw: each region is a six-quad box, one quad facing the other
  // region and five the background. The four edges around that shared quad are where three labels meet.
  const vol = toLabelVolume(
    decodeNifti(
      writeNifti({ dims: [2, 1, 1], data: [1, 2], affine: [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0], dtype: 'uint8' }),
    ),
  );
  const net = surfaceNet(vol);
  const set = assembleRegions(vol, net);
  const others = triangleOtherSides(net, set);

  it('gives each triangle the label on its other side', () => {
    for (const r of set.regions) {
      const sides = Array.from(others.subarray(r.indexStart / 3, (r.indexStart + r.indexCount) / 3));
      const neighbour = r.value === 1 ? 2 : 1;
      expect(sides.filter((o) => o === neighbour)).toHaveLength(2);
      expect(sides.filter((o) => o === 0)).toHaveLength(10);
    }
  });

  it('counts the four edges around the shared face as junction edges, and none without the other sides', () => {
    for (const r of set.regions) {
      const c = regionCreases(set, r, CREASE_DEGREES, others);
      expect(c.edges).toBe(18);
      expect(c.junctionEdges).toBe(4);
      expect(c.junctionCreased).toBeLessThanOrEqual(c.creased);
      expect(regionCreases(set, r).junctionEdges).toBe(0);
    }
  });
});
