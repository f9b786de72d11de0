import { describe, expect, it } from 'vitest';
import { quadNormal, splitQuad } from '../../../../core/mesh/quad-triangles';

type V = [number, number, number];
const sub = (a: V, b: V): V => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
const cross = (a: V, b: V): V => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
const dot = (a: V, b: V) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const add = (a: V, b: V): V => [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
/** A triangle's area-weighted normal (twice its area, along its normal). */
const triangleNormal = (a: V, b: V, c: V) => cross(sub(b, a), sub(c, a));
/** 6 × the signed volume of the tetrahedron (origin, a, b, c). */
const tetra6 = (a: V, b: V, c: V) => dot(a, cross(b, c));

/** A small deterministic generator (the tests need varied quads, not randomness). */
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('quadNormal', () => {
  it('gives a flat unit square its vector area and the volume of its two triangles against the origin', () => {
    // The square (0,0,1) (1,0,1) (1,1,1) (0,1,1), counter-clockwise seen from +z: area 1, normal +z, and the two
    // tetrahedra on it from the origin together a pyramid of volume 1/3.
    const p = new Float32Array([0, 0, 1, 1, 0, 1, 1, 1, 1, 0, 1, 1]);
    const n = new Float64Array(3);
    expect(quadNormal(p, 0, 1, 2, 3, n)).toBe(2);
    expect([...n].map((x) => x + 0)).toEqual([0, 0, 2]);
  });

  it('is the sum of the two triangles splitQuad makes, their normals and their volumes, on bent quads', () => {
    const rand = lcg(7);
    const n = new Float64Array(3);
    const tri = new Uint32Array(6);
    let splits = 0;
    for (let k = 0; k < 500; k++) {
      // A quad around a point far from the origin, its corners pushed off its plane and along it.
      const centre: V = [rand() * 200 - 100, rand() * 200 - 100, rand() * 200 - 100];
      const corners: V[] = [
        [-1, -1, 0],
        [1, -1, 0],
        [1, 1, 0],
        [-1, 1, 0],
      ].map(([x, y]) => [
        Math.fround(centre[0] + x + rand() - 0.5),
        Math.fround(centre[1] + y + rand() - 0.5),
        Math.fround(centre[2] + rand() - 0.5),
      ]);
      const p = new Float32Array(corners.flat());
      const volume6 = quadNormal(p, 0, 1, 2, 3, n);
      splitQuad(p, 0, 1, 2, 3, tri, 0);
      const t = [...tri].map((i) => corners[i]);
      const sum = add(triangleNormal(t[0], t[1], t[2]), triangleNormal(t[3], t[4], t[5]));
      for (let c = 0; c < 3; c++) expect(n[c]).toBeCloseTo(sum[c], 9);
      // Both splits have the same vector area; the volume is the split's.
      const [a, b, c, d] = corners;
      const other =
        tri[2] === 2
          ? add(triangleNormal(a, b, d), triangleNormal(b, c, d))
          : add(triangleNormal(a, b, c), triangleNormal(a, c, d));
      for (let i = 0; i < 3; i++) expect(n[i]).toBeCloseTo(other[i], 9);
      const expected = tetra6(t[0], t[1], t[2]) + tetra6(t[3], t[4], t[5]);
      expect(Math.abs(volume6 - expected)).toBeLessThan(1e-9 * Math.max(1, Math.abs(expected)) + 1e-6);
      if (tri[2] === 3) splits++;
    }
    // Both diagonals were taken, so both volume formulas were checked.
    expect(splits).toBeGreaterThan(50);
    expect(splits).toBeLessThan(450);
  });
});
