/**
 * What's here's map values (renderer/src/model/point-map-values.ts): a grid whose value is the world x coordinate
 * gives back x at any point inside (trilinear is exact on a linear field), null outside or beside a missing voxel,
 * top map first; and the way a value is written.
 */
import { describe, expect, it } from 'vitest';
import type { Vec3 } from '../../../../../core/api';
import type { Mat4 } from '../../../../../core/affine';
import { formatMapValue, mapValuesAtPoint } from '../../../../../renderer/src/model/point-map-values';

/** A 2 mm grid of 10 × 8 × 6 voxels from (-10, -8, -6) mm whose value is f(x, y, z) at each voxel centre. */
function grid(dataKey: string, f: (x: number, y: number, z: number) => number) {
  const dims: Vec3 = [10, 8, 6];
  const affine: Mat4 = Float64Array.from([2, 0, 0, -10, 0, 2, 0, -8, 0, 0, 2, -6, 0, 0, 0, 1]);
  const values = new Float32Array(10 * 8 * 6);
  for (let k = 0; k < 6; k++)
    for (let j = 0; j < 8; j++)
      for (let i = 0; i < 10; i++) values[i + 10 * (j + 8 * k)] = f(-10 + 2 * i, -8 + 2 * j, -6 + 2 * k);
  return { dataKey, dims, affine, values };
}

describe('mapValuesAtPoint', () => {
  it('gives each map its value at the point, top map first, null where it has none', () => {
    const x = grid('x#0', (x) => x);
    const yz = grid('yz#0', (_x, y, z) => (y > 3 ? Number.NaN : y + 10 * z));
    const at = mapValuesAtPoint([x, yz], [1.5, -3.2, 0.4]);
    expect(at.map((v) => v.dataKey)).toEqual(['yz#0', 'x#0']);
    expect(at[1].value).toBeCloseTo(1.5, 5);
    expect(at[0].value).toBeCloseTo(-3.2 + 4, 4);
    // Outside the grid (x beyond 8 mm), and next to a missing voxel (y = 4 mm is NaN).
    expect(mapValuesAtPoint([x], [9, 0, 0])[0].value).toBeNull();
    expect(mapValuesAtPoint([yz], [0, 3, 0])[0].value).toBeNull();
  });
});

describe('formatMapValue', () => {
  it('writes four significant digits, and tiny values in powers of ten', () => {
    expect(formatMapValue(4.82349)).toBe('4.823');
    expect(formatMapValue(-12.5)).toBe('-12.5');
    expect(formatMapValue(0.034128)).toBe('0.03413');
    expect(formatMapValue(0)).toBe('0');
    expect(formatMapValue(1.71e-7)).toBe('1.71e-7');
    expect(formatMapValue(2.931e-6)).toBe('2.93e-6');
    expect(formatMapValue(-3e-42)).toBe('-3e-42');
    expect(formatMapValue(0.001)).toBe('0.001');
  });
});
