import { describe, expect, it } from 'vitest';
import { invertAffine, mat4 } from '../../../../core/affine';
import type { LabelVolume } from '../../../../core/atlas/label-volume';
import { projectLabelsToSurface, vertexNeighbours, verticesWithin } from '../../../../core/surface/project-labels';

// 1 mm grid, world = voxel - 20 on every axis. Label 1 where x < 0, 2 where x >= 0, and a background hole.
function halves(hole: (x: number, y: number, z: number) => boolean): LabelVolume {
  const dims: [number, number, number] = [41, 41, 41];
  const affine = mat4([1, 0, 0, -20, 0, 1, 0, -20, 0, 0, 1, -20, 0, 0, 0, 1]);
  const labels = new Uint8Array(41 ** 3);
  for (let k = 0; k < 41; k++)
    for (let j = 0; j < 41; j++)
      for (let i = 0; i < 41; i++) {
        const [x, y, z] = [i - 20, j - 20, k - 20];
        labels[i + 41 * (j + 41 * k)] = hole(x, y, z) ? 0 : x < 0 ? 1 : 2;
      }
  return { dims, affine, inverse: invertAffine(affine), labels, maxLabel: 2, voxelVolume: 1 };
}

/** A strip of vertices 1 mm apart along x at y = 0, z = 0 (white) and z = 2 (pial), joined by triangles. */
function strip(xs: number[]) {
  const n = xs.length;
  const white = new Float32Array(2 * n * 3);
  const pial = new Float32Array(2 * n * 3);
  // Two rows (y = 0 and y = 1) so that the mesh has triangles.
  for (let r = 0; r < 2; r++)
    for (let i = 0; i < n; i++) {
      const v = r * n + i;
      white.set([xs[i], r, 0], 3 * v);
      pial.set([xs[i], r, 2], 3 * v);
    }
  const tris: number[] = [];
  for (let i = 0; i + 1 < n; i++) tris.push(i, i + 1, n + i, i + 1, n + i + 1, n + i);
  return { white, pial, triangles: new Uint32Array(tris) };
}

describe('projectLabelsToSurface', () => {
  it('takes the label of the voxel nearest the mid-thickness point', () => {
    const vol = halves(() => false);
    const { white, pial, triangles } = strip([-3, -1, 1, 3]);
    expect([...projectLabelsToSurface(vol, white, pial, triangles)]).toEqual([1, 1, 2, 2, 1, 1, 2, 2]);
  });

  it('fills background vertices with the most common label within 3 mm along the surface', () => {
    // The hole covers x in [4, 6] at mid-thickness depth: vertices at x = 4, 5, 6 land on background.
    const vol = halves((x, _y, z) => x >= 4 && x <= 6 && z === 1);
    const xs = [-2, -1, 0, 1, 2, 3, 4, 5, 6, 12, 13];
    const { white, pial, triangles } = strip(xs);
    const direct = projectLabelsToSurface(vol, white, pial, triangles, 0);
    expect([...direct.subarray(0, xs.length)]).toEqual([1, 1, 2, 2, 2, 2, 0, 0, 0, 2, 2]);
    const filled = projectLabelsToSurface(vol, white, pial, triangles);
    // x = 4 and 5 have labelled vertices (label 2) within 3 mm; x = 6 reaches x = 3 at exactly 3 mm (included);
    // the vertices at x = 12 are 6 mm away and play no part. A vertex alone on background stays 0.
    expect([...filled.subarray(0, xs.length)]).toEqual([1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2]);
    const far = strip([0, 10, 20]);
    const lone = projectLabelsToSurface(
      halves((x) => x === 10),
      far.white,
      far.pial,
      far.triangles,
    );
    expect(lone[1]).toBe(0);
  });
});

describe('verticesWithin', () => {
  it('measures along edges, not straight lines', () => {
    const { white, triangles } = strip([0, 1, 2, 3]);
    const graph = vertexNeighbours(8, triangles);
    const near = verticesWithin(0, 2.5, white, graph);
    expect(near.get(0)).toBe(0);
    expect(near.get(2)).toBeCloseTo(2, 6);
    expect(near.get(4)).toBeCloseTo(1, 6); // (0, 1): the vertex beside it on the other row
    expect(near.has(3)).toBe(false);
  });
});
