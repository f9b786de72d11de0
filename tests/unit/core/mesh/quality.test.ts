import { describe, expect, it } from 'vitest';
import { CREASE_DEGREES, regionCreases } from '../../../../core/mesh/quality';
import type { RegionMeshSet } from '../../../../core/mesh/types';

/** One region made of the given triangles over the given corners (each corner its own source vertex). */
function meshSet(positions: number[], indices: number[]): RegionMeshSet {
  const n = positions.length / 3;
  return {
    positions: Float32Array.from(positions),
    normals: new Float32Array(positions.length),
    indices: Uint32Array.from(indices),
    sourceVertex: Uint32Array.from({ length: n }, (_, i) => i),
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
    expect(regionCreases(set, set.regions[0])).toEqual({ edges: 18, creased: 12 });
  });

  it('takes an edge as a crease only past the angle: a roof folded by 20° or 40°', () => {
    // Two triangles sharing the edge (0,0,0)-(0,1,0), the second tilted by `deg` about it.
    const roof = (deg: number) => {
      const a = (deg * Math.PI) / 180;
      return meshSet([0, 0, 0, 0, 1, 0, -1, 0, 0, Math.cos(a), 0, Math.sin(a)], [0, 2, 1, 0, 1, 3]);
    };
    expect(CREASE_DEGREES).toBe(30);
    expect(regionCreases(roof(20), roof(20).regions[0])).toEqual({ edges: 1, creased: 0 });
    expect(regionCreases(roof(40), roof(40).regions[0])).toEqual({ edges: 1, creased: 1 });
  });
});
