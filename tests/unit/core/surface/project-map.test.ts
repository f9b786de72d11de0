import { describe, expect, it } from 'vitest';
import { invertAffine, mat4 } from '../../../../core/affine';
import { projectMapToSurface, trilinearOrMissing } from '../../../../core/surface/project-map';

// A 2 mm grid stored left-to-right flipped (LAS), origin at (90, -126, -72): the affine is not the identity.
const affine = mat4([-2, 0, 0, 90, 0, 2, 0, -126, 0, 0, 2, -72, 0, 0, 0, 1]);
const dims: [number, number, number] = [91, 109, 91];
const f = (x: number, y: number, z: number) => 0.5 * x - 0.25 * y + 2 * z + 7;

function linearMap() {
  const values = new Float32Array(dims[0] * dims[1] * dims[2]);
  for (let k = 0; k < dims[2]; k++)
    for (let j = 0; j < dims[1]; j++)
      for (let i = 0; i < dims[0]; i++)
        values[i + dims[0] * (j + dims[1] * k)] = f(90 - 2 * i, -126 + 2 * j, -72 + 2 * k);
  return { dims, inverse: invertAffine(affine), values };
}

describe('trilinearOrMissing', () => {
  it('is exact for a linear field between voxel centres', () => {
    const map = linearMap();
    expect(trilinearOrMissing(map, 10.3, -20.7, 33.1)).toBeCloseTo(f(10.3, -20.7, 33.1), 3);
  });

  it('is missing when any of the 8 voxels is NaN, and only then', () => {
    const map = linearMap();
    // World (9.5, -19.5, 30.5) is voxel (40.25, 53.25, 51.25): between i 40/41, j 53/54, k 51/52.
    map.values[41 + dims[0] * (54 + dims[1] * 52)] = Number.NaN;
    expect(trilinearOrMissing(map, 9.5, -19.5, 30.5)).toBeNaN();
    expect(trilinearOrMissing(map, 14.5, -19.5, 30.5)).toBeCloseTo(f(14.5, -19.5, 30.5), 3);
  });

  it('is missing outside the grid and where a neighbour would be', () => {
    const map = linearMap();
    expect(trilinearOrMissing(map, 200, 0, 0)).toBeNaN();
    // x = 90 is voxel i = 0, but x = 90.5 needs i = -0.25: outside.
    expect(trilinearOrMissing(map, 90.5, 0, 0)).toBeNaN();
    expect(trilinearOrMissing(map, 89.5, 0, 0)).toBeCloseTo(f(89.5, 0, 0), 3);
  });
});

describe('projectMapToSurface', () => {
  it('averages 10 samples from white to pial (a linear field: the value at the midpoint)', () => {
    const map = linearMap();
    const white = new Float32Array([10, -20, 30, -40, 5, 12]);
    const pial = new Float32Array([13, -18, 33, -42, 6, 15]);
    const out = projectMapToSurface(map, white, pial);
    expect(out[0]).toBeCloseTo(f(11.5, -19, 31.5), 3);
    expect(out[1]).toBeCloseTo(f(-41, 5.5, 13.5), 3);
  });

  it('leaves out missing samples, and is NaN when every sample is missing', () => {
    const map = linearMap();
    // From inside the grid (x = 80) to outside it (x = 98): voxel i = (90 - x) / 2 must be 0 or more.
    const white = new Float32Array([80, 0, 0, 300, 0, 0]);
    const pial = new Float32Array([98, 0, 0, 310, 0, 0]);
    const out = projectMapToSurface(map, white, pial);
    const kept: number[] = [];
    for (let s = 0; s < 10; s++) {
      const x = 80 + (18 * s) / 9;
      if (x <= 90) kept.push(f(x, 0, 0));
    }
    expect(kept.length).toBe(6);
    expect(out[0]).toBeCloseTo(kept.reduce((a, b) => a + b, 0) / kept.length, 3);
    expect(out[1]).toBeNaN();
  });

  it('refuses surfaces of different vertex counts', () => {
    expect(() => projectMapToSurface(linearMap(), new Float32Array(6), new Float32Array(3))).toThrow(RangeError);
  });
});
