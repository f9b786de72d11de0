/**
 * 3D overlay geometry on synthetic maps whose answers are known: trilinear sampling, the surface projection along
 * inward normals (peak within the depth, NaN skipped), the cropped binary grid of suprathreshold voxels, and blobs
 * meshed where the map passes the threshold with the values beneath each vertex.
 */
import { describe, expect, it } from 'vitest';
import { invertAffine, mat4 } from '../../../../../core/affine';
import {
  blobLabels,
  blobMesh,
  projectAlongNormals,
  sampleTrilinear,
  type ValueGrid,
} from '../../../../../renderer/src/view-3d/overlay-geometry';

/** A 2 mm LAS grid (x = -2i + 40) of `f(x, y, z)` at voxel centres. */
function grid(f: (x: number, y: number, z: number) => number, n = 40): ValueGrid {
  const affine = mat4([-2, 0, 0, 40, 0, 2, 0, -40, 0, 0, 2, -40, 0, 0, 0, 1]);
  const values = new Float32Array(n * n * n);
  for (let k = 0; k < n; k++)
    for (let j = 0; j < n; j++)
      for (let i = 0; i < n; i++) {
        values[i + n * (j + n * k)] = f(-2 * i + 40, 2 * j - 40, 2 * k - 40);
      }
  return { dims: [n, n, n], affine, values };
}

describe('overlay geometry', () => {
  it('samples trilinearly in world mm, NaN outside the grid', () => {
    const g = grid((x, y, z) => x + 2 * y - z);
    const inv = invertAffine(g.affine);
    expect(sampleTrilinear(g, inv, 3, 5, -7)).toBeCloseTo(3 + 10 + 7, 4);
    expect(sampleTrilinear(g, inv, 0.5, 0.25, 0.75)).toBeCloseTo(0.5 + 0.5 - 0.75, 4);
    expect(sampleTrilinear(g, inv, 100, 0, 0)).toBeNaN();
  });

  it('projects the most extreme values met along the inward normal within the depth', () => {
    // Values grow with depth below z = 20 (the "surface" at z = 20 faces up): v = 20 - z inside, 0 above.
    const g = grid((_x, _y, z) => (z < 20 ? 20 - z : 0));
    const positions = new Float32Array([0, 0, 20, 10, 10, 20, 0, 0, 30]);
    const normals = new Float32Array([0, 0, 1, 0, 0, 1, 0, 0, 1]);
    const { pos, neg } = projectAlongNormals(g, positions, normals, [0, 1, 2, 3, 4, 5, 6]);
    expect(pos[0]).toBeCloseTo(6, 4);
    expect(pos[1]).toBeCloseTo(6, 4);
    expect(pos[2]).toBe(0); // 10 mm above the surface: nothing within 6 mm
    expect(Array.from(neg)).toEqual([0, 0, 0]);
    // Negative values and missing ones.
    const h = grid((_x, _y, z) => (z < 16 ? Number.NaN : z < 20 ? -(20 - z) : 0));
    const r = projectAlongNormals(h, positions.subarray(0, 3), normals.subarray(0, 3), [0, 2, 4, 6, 8]);
    expect(r.neg[0]).toBeCloseTo(-4, 4);
    expect(r.pos[0]).toBe(0);
  });

  it('crops the suprathreshold voxels with a one-voxel margin and keeps their world positions', () => {
    const g = grid((x, y, z) => (Math.hypot(x - 10, y - 20, z) <= 4 ? 5 : Math.hypot(x + 20, y, z - 10) <= 2 ? -5 : 0));
    const both = blobLabels(g, { posThreshold: 3, negThreshold: 3, showPos: true, showNeg: true })!;
    const posOnly = blobLabels(g, { posThreshold: 3, negThreshold: 3, showPos: true, showNeg: false })!;
    expect(posOnly.voxels).toBe(Array.from(g.values).filter((v) => v >= 3).length);
    expect(both.voxels).toBe(Array.from(g.values).filter((v) => Math.abs(v) >= 3).length);
    // Every labelled voxel of the crop sits where the map passes, with the right sign.
    const { dims, affine, labels } = posOnly.volume;
    const inv = invertAffine(g.affine);
    let checked = 0;
    for (let k = 0; k < dims[2]; k++)
      for (let j = 0; j < dims[1]; j++)
        for (let i = 0; i < dims[0]; i++) {
          const l = labels[i + dims[0] * (j + dims[1] * k)];
          const x = affine[0] * i + affine[3],
            y = affine[5] * j + affine[7],
            z = affine[10] * k + affine[11];
          const v = sampleTrilinear(g, inv, x, y, z);
          expect(l).toBe(v >= 3 ? 1 : 0);
          if (i === 0 || j === 0 || k === 0 || i === dims[0] - 1) expect(l).toBe(0);
          checked++;
        }
    expect(checked).toBe(dims[0] * dims[1] * dims[2]);
    expect(blobLabels(g, { posThreshold: 6, negThreshold: 6, showPos: true, showNeg: true })).toBeNull();
  });

  it("meshes blobs around the suprathreshold spheres, each vertex carrying its own sign's value", () => {
    const g = grid((x, y, z) => {
      const a = Math.hypot(x - 10, y - 20, z);
      const b = Math.hypot(x + 20, y, z - 10);
      return a <= 8 ? 8 - a : b <= 6 ? -(6 - b) : 0;
    });
    const m = blobMesh(g, { posThreshold: 2, negThreshold: 2, showPos: true, showNeg: true });
    expect(m.indices.length).toBeGreaterThan(0);
    const n = m.positions.length / 3;
    let posVerts = 0,
      negVerts = 0;
    for (let v = 0; v < n; v++) {
      const p = [m.positions[v * 3], m.positions[v * 3 + 1], m.positions[v * 3 + 2]];
      const da = Math.hypot(p[0] - 10, p[1] - 20, p[2]);
      const db = Math.hypot(p[0] + 20, p[1], p[2] - 10);
      if (m.pos[v] > 0) {
        posVerts++;
        expect(m.neg[v]).toBe(0);
        // The positive isosurface at 2 lies 6 mm from the centre, within a voxel.
        expect(Math.abs(da - 6)).toBeLessThan(2.2);
      } else {
        negVerts++;
        expect(m.neg[v]).toBeLessThan(0);
        expect(Math.abs(db - 4)).toBeLessThan(2.2);
      }
    }
    expect(posVerts).toBeGreaterThan(50);
    expect(negVerts).toBeGreaterThan(20);
    // Nothing passes: an empty mesh.
    expect(blobMesh(g, { posThreshold: 9, negThreshold: 9, showPos: true, showNeg: true }).indices.length).toBe(0);
  });
});
