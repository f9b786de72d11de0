/**
 * Display resampling (core/maps/resample.ts) against answers known exactly: identity grids, a linear ramp (which
 * trilinear interpolation reproduces exactly) on shifted, flipped, coarser and oblique grids, LAS vs RAS copies of
 * the same data, NaN and outside handling, nearest for labels; and the map display message.
 */
import { describe, expect, it } from 'vitest';
import type { Vec3 } from '../../../../core/api';
import { invertAffine, mat4 } from '../../../../core/affine';
import { decodeMapDisplay, encodeMapDisplay } from '../../../../core/maps/map-display';
import { mapValueRange } from '../../../../core/maps/map-range';
import { resample } from '../../../../core/maps/resample';
import { sampleStatMap, type StatMap } from '../../../../core/maps/stat-map';

const full = (a: number[]) => (a.length === 12 ? [...a, 0, 0, 0, 1] : a);

function gridMap(dims: Vec3, affine: number[], f: (x: number, y: number, z: number) => number): StatMap {
  const m = mat4(full(affine));
  const [nx, ny, nz] = dims;
  const values = new Float32Array(nx * ny * nz);
  for (let k = 0; k < nz; k++)
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++) {
        const x = m[0] * i + m[1] * j + m[2] * k + m[3],
          y = m[4] * i + m[5] * j + m[6] * k + m[7],
          z = m[8] * i + m[9] * j + m[10] * k + m[11];
        values[i + nx * (j + ny * k)] = f(x, y, z);
      }
  return {
    dims,
    affine: m,
    inverse: invertAffine(m),
    values,
    voxelVolume: 1,
    frame: 0,
    totalFrames: 1,
    spaceWarning: null,
    warnings: [],
    statistic: null,
  };
}

/** World coordinates of every voxel of a grid, x fastest. */
function* worldPoints(dims: Vec3, affine: number[]) {
  const m = full(affine);
  for (let k = 0; k < dims[2]; k++)
    for (let j = 0; j < dims[1]; j++)
      for (let i = 0; i < dims[0]; i++) {
        yield [
          m[0] * i + m[1] * j + m[2] * k + m[3],
          m[4] * i + m[5] * j + m[6] * k + m[7],
          m[8] * i + m[9] * j + m[10] * k + m[11],
        ] as Vec3;
      }
}

const ramp = (x: number, y: number, z: number) => 0.5 * x - 0.25 * y + 0.125 * z + 3;

describe('resample', () => {
  it('is the identity on the same grid, NaNs included', () => {
    const map = gridMap([5, 4, 3], [2, 0, 0, -4, 0, 2, 0, -3, 0, 0, 2, -2], (x, y, z) => x * 100 + y * 10 + z);
    map.values[7] = NaN;
    const out = resample(map, { dims: map.dims, affine: full([2, 0, 0, -4, 0, 2, 0, -3, 0, 0, 2, -2]) });
    expect(Array.from(out)).toEqual(Array.from(map.values));
  });

  it('reproduces a linear ramp exactly on shifted, flipped, finer and oblique grids; NaN outside', () => {
    const source = gridMap([10, 12, 9], [2, 0, 0, -10, 0, 2, 0, -12, 0, 0, 2, -8], ramp);
    const targets: number[][] = [
      [1, 0, 0, -9.5, 0, 1, 0, -11.25, 0, 0, 1, -7.75], // 1 mm, shifted by fractions of a voxel
      [-1.5, 0, 0, 10, 0, 1.5, 0, -12, 0, 0, 1.5, -8], // LAS, 1.5 mm, partly outside the source
      [0, 0, 3, -10, 3, 0, 0, -12, 0, 3, 0, -8], // axes permuted, 3 mm
      [0.8, 0.6, 0, -9, -0.6, 0.8, 0, -4, 0, 0, 1, -6], // rotated about z
    ];
    for (const t of targets) {
      const dims: Vec3 = [24, 26, 20];
      const out = resample(source, { dims, affine: full(t) });
      let inside = 0,
        n = 0;
      for (const [x, y, z] of worldPoints(dims, t)) {
        const within =
          x >= -10 - 1e-9 && x <= 8 + 1e-9 && y >= -12 - 1e-9 && y <= 10 + 1e-9 && z >= -8 - 1e-9 && z <= 8 + 1e-9;
        if (within) {
          inside++;
          expect(out[n]).toBeCloseTo(ramp(x, y, z), 4);
        } else {
          expect(out[n]).toBeNaN();
        }
        n++;
      }
      expect(inside).toBeGreaterThan(100);
    }
  });

  it('gives the same world values from LAS and RAS copies of the same data', () => {
    const f = (x: number, y: number, z: number) => Math.sin(x / 5) + Math.cos(y / 7) * z;
    const las = gridMap([16, 14, 12], [-2, 0, 0, 14, 0, 2, 0, -13, 0, 0, 2, -11], f);
    const ras = gridMap([16, 14, 12], [2, 0, 0, -16, 0, 2, 0, -13, 0, 0, 2, -11], f);
    const target = { dims: [40, 36, 30] as Vec3, affine: full([1, 0, 0, -19.3, 0, 1, 0, -16.1, 0, 0, 1, -13.7]) };
    const a = resample(las, target),
      b = resample(ras, target);
    for (let i = 0; i < a.length; i++) {
      if (Number.isNaN(a[i])) expect(b[i]).toBeNaN();
      else expect(b[i]).toBeCloseTo(a[i], 5);
    }
  });

  it('agrees with sampleStatMap (linear and nearest) at every target voxel', () => {
    const map = gridMap([9, 8, 7], [-3, 0, 0, 12, 0, 3, 0, -10, 0, 0, 3, -9], (x, y, z) => (x * 7 + y * 3 - z) % 11);
    map.values[100] = NaN;
    // Axis-aligned (the tabulated path) and oblique (the general path).
    for (const t of [
      [1.1, 0, 0, -14, 0, 1.3, 0, -12, 0, 0, 0.9, -10],
      [0, 1.2, 0.3, -14, -1.1, 0, 0, 10, 0.2, 0, 0.95, -10],
    ]) {
      const dims: Vec3 = [27, 22, 24];
      const lin = resample(map, { dims, affine: full(t) });
      const near = resample(map, { dims, affine: full(t) }, { mode: 'nearest' });
      let n = 0,
        nanCount = 0;
      for (const [x, y, z] of worldPoints(dims, t)) {
        const l = sampleStatMap(map, x, y, z, 'linear');
        const q = sampleStatMap(map, x, y, z, 'nearest');
        if (l === null) expect(lin[n]).toBeNaN();
        else expect(lin[n]).toBeCloseTo(l, 4);
        if (q === null) expect(near[n]).toBeNaN();
        else expect(near[n]).toBe(Math.fround(q));
        if (Number.isNaN(lin[n])) nanCount++;
        n++;
      }
      expect(nanCount).toBeGreaterThan(0);
    }
  });

  it('is NaN next to a missing voxel but not where that voxel has weight 0', () => {
    const map = gridMap([4, 4, 4], [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0], () => 1);
    map.values[1 + 4 * (1 + 4 * 1)] = NaN; // voxel (1, 1, 1)
    // Halfway between (0,1,1) and (1,1,1): NaN; exactly on (0,1,1) or (2,1,1): 1.
    const at = (x: number) => resample(map, { dims: [1, 1, 1], affine: full([1, 0, 0, x, 0, 1, 0, 1, 0, 0, 1, 1]) })[0];
    expect(at(0.5)).toBeNaN();
    expect(at(0)).toBe(1);
    expect(at(2)).toBe(1);
    expect(at(2.5)).toBe(1);
  });

  it('nearest keeps label values and fills outside with the given value', () => {
    const labels = gridMap([3, 3, 3], [2, 0, 0, 0, 0, 2, 0, 0, 0, 0, 2, 0], (x) => (x < 1 ? 5 : x < 3 ? 7 : 9));
    const out = resample(
      labels,
      { dims: [8, 1, 1], affine: full([1, 0, 0, -1, 0, 1, 0, 0, 0, 0, 1, 0]) },
      { mode: 'nearest', outside: 0 },
    );
    // x = -1..6 is source voxel -0.5, 0, 0.5, 1, 1.5, 2, 2.5, 3: rounded half to even 0, 0, 0, 1, 2, 2, 2, outside.
    expect(Array.from(out)).toEqual([5, 5, 5, 7, 9, 9, 9, 0]);
  });
});

describe('map display message and value range', () => {
  it('round-trips dims, affine and values (NaN included)', () => {
    const values = Float32Array.from([1, NaN, -2.5, 0, 3, 4, 5, 6]);
    const buf = encodeMapDisplay({
      mapId: 'map-1',
      frame: 2,
      dims: [2, 2, 2],
      affine: full([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0]),
      values,
    });
    const d = decodeMapDisplay(buf);
    expect(d.dims).toEqual([2, 2, 2]);
    expect(d.frame).toBe(2);
    expect(d.mapId).toBe('map-1');
    expect(Array.from(d.values)).toEqual(Array.from(values));
    expect(() => decodeMapDisplay(buf.slice(0, buf.byteLength - 4))).toThrow(/ends inside its values/);
    expect(() => decodeMapDisplay(new ArrayBuffer(16))).toThrow(/not a map display/);
  });

  it('range: finite min/max and the 1st/99th percentiles of non-zero values (nearest rank)', () => {
    const vals: number[] = [];
    for (let i = 1; i <= 1000; i++) vals.push(i % 2 ? i : -i);
    const shuffled = Float32Array.from([...vals, 0, 0, 0, NaN, Infinity, -Infinity].sort(() => 0.5 - Math.random()));
    const sorted = [...vals].sort((a, b) => a - b);
    const r = mapValueRange(shuffled);
    expect(r.min).toBe(-1000);
    expect(r.max).toBe(999);
    expect(r.robustMin).toBe(sorted[Math.round(0.01 * 999)]);
    expect(r.robustMax).toBe(sorted[Math.round(0.99 * 999)]);
    expect(mapValueRange(new Float32Array(10))).toEqual({ min: 0, max: 0, robustMin: 0, robustMax: 0 });
    expect(mapValueRange(Float32Array.from([NaN, NaN]))).toEqual({ min: 0, max: 0, robustMin: 0, robustMax: 0 });
    expect(mapValueRange(Float32Array.from([4, 4, 4, 4]))).toEqual({ min: 4, max: 4, robustMin: 4, robustMax: 4 });
    // One huge outlier squeezes everything else into the histogram's first bin: still exact.
    const skewed = Float32Array.from([...vals, 1e30, 0]);
    const all = [...vals, 1e30].map(Math.fround).sort((a, b) => a - b);
    expect(mapValueRange(skewed)).toEqual({
      min: -1000,
      max: Math.fround(1e30),
      robustMin: all[Math.round(0.01 * 1000)],
      robustMax: all[Math.round(0.99 * 1000)],
    });
  });
});
