import { describe, expect, it } from 'vitest';
import { mat4 } from '../../../../core/affine';
import { invertAffine } from '../../../../core/affine';
import type { LabelVolume } from '../../../../core/atlas/label-volume';
import { buildRegionMeshes, smoothingBeforeSubdivision } from '../../../../core/mesh/pipeline';
import { type CurveGrid, curveFaces, smoothSurfaceNet } from '../../../../core/mesh/smooth';
import { surfaceNet } from '../../../../core/mesh/surface-nets';
import { DEFAULT_MESH_SETTINGS, type MeshSettings } from '../../../../core/mesh/types';
import { randomVolume } from '../../../helpers/random-label-volume';

/** A label volume on the identity grid (voxel (i, j, k) at (i, j, k) mm) from a function of the voxel. */
function volumeOf(dims: [number, number, number], label: (i: number, j: number, k: number) => number): LabelVolume {
  const [nx, ny, nz] = dims;
  const labels = new Uint16Array(nx * ny * nz);
  for (let k = 0; k < nz; k++)
    for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) labels[i + nx * (j + ny * k)] = label(i, j, k);
  const affine = mat4([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]);
  return { dims, affine, inverse: invertAffine(affine), labels, maxLabel: Math.max(...labels), voxelVolume: 1 };
}

const gridOf = (vol: LabelVolume): CurveGrid => ({ labels: vol.labels, dims: vol.dims });

/** Set bits of a face mask. */
const bits = (faces: number) => [0, 1, 2, 3, 4, 5].filter((s) => faces & (1 << s)).length;

describe('smoothing along the curves where regions meet', () => {
  it('finds the edges on curves as the quads around each edge count them', () => {
    for (const seed of [3, 11, 29]) {
      const vol = randomVolume([14, 12, 10], 9, seed, 0.4);
      const net = surfaceNet(vol);
      // Quads around each net edge, counted from the quads themselves.
      const around = new Map<number, number>();
      const n = net.positions.length / 3;
      for (let q = 0; q < net.quadCount; q++)
        for (let e = 0; e < 4; e++) {
          const a = net.quads[q * 6 + e],
            b = net.quads[q * 6 + ((e + 1) % 4)];
          const key = Math.min(a, b) * n + Math.max(a, b);
          around.set(key, (around.get(key) ?? 0) + 1);
        }
      let onCurves = 0;
      for (let v = 0; v < n; v++) {
        const faces = curveFaces(gridOf(vol), net.cells![v * 3], net.cells![v * 3 + 1], net.cells![v * 3 + 2]);
        for (let s = 0; s < 6; s++) {
          const w = net.links[v * 6 + s];
          const quads = w < 0 ? 0 : around.get(Math.min(v, w) * n + Math.max(v, w))!;
          expect(Boolean(faces & (1 << s)), `vertex ${v} slot ${s}: ${quads} quads`).toBe(quads !== 2 && quads > 0);
          if (faces & (1 << s)) onCurves++;
        }
      }
      expect(onCurves).toBeGreaterThan(100);
    }
  });

  it('takes the voxel steps out of a boundary at 45°, where it meets the outside', () => {
    // A ball cut in two by the plane i + j = 30.5: the two halves meet the outside along a curve on that plane, which
    // the voxels draw as a staircase.
    const c = 15.5,
      r = 12;
    const vol = volumeOf([32, 32, 32], (i, j, k) =>
      (i - c) ** 2 + (j - c) ** 2 + (k - c) ** 2 > r * r ? 0 : i + j <= 30 ? 1 : 2,
    );
    const off = (settings: MeshSettings, follow: boolean) => {
      const net = surfaceNet(vol);
      const before = smoothingBeforeSubdivision(false, settings);
      smoothSurfaceNet(net, before.settings, before.slack, follow ? gridOf(vol) : null);
      const p = net.positions;
      let sum = 0,
        count = 0;
      for (let v = 0; v < p.length / 3; v++) {
        const faces = curveFaces(gridOf(vol), net.cells![v * 3], net.cells![v * 3 + 1], net.cells![v * 3 + 2]);
        if (bits(faces) !== 2) continue;
        sum += Math.abs(p[v * 3] + p[v * 3 + 1] - 30.5) / Math.SQRT2;
        count++;
      }
      expect(count).toBeGreaterThan(20);
      return sum / count;
    };
    for (const detail of ['standard', 'fine'] as const) {
      const settings = { ...DEFAULT_MESH_SETTINGS, detail };
      // Pulled by every neighbour, the curve keeps its steps: about 0.3 mm off the plane on average.
      expect(off(settings, false)).toBeGreaterThan(0.2);
      expect(off(settings, true)).toBeLessThan(0.1);
    }
  });

  it('keeps a curve round a one-voxel column from closing to a point', () => {
    // A column one voxel wide standing on a slab: the curve round its foot (column, slab and outside meet there) turns
    // at every vertex, and smoothed along itself would draw together to the column's axis, folding its wall to nothing.
    const vol = volumeOf([9, 9, 12], (i, j, k) => (k < 3 ? 1 : i === 4 && j === 4 && k < 8 ? 2 : 0));
    const set = buildRegionMeshes(vol, { ...DEFAULT_MESH_SETTINGS, detail: 'fine' });
    const { positions: p, normals: nrm, indices } = set;
    for (let o = 0; o < nrm.length; o += 3) expect(Math.hypot(nrm[o], nrm[o + 1], nrm[o + 2])).toBeCloseTo(1, 5);
    let smallest = Infinity;
    for (let t = 0; t < indices.length; t += 3) {
      const [a, b, d] = [indices[t] * 3, indices[t + 1] * 3, indices[t + 2] * 3];
      const u = [p[b] - p[a], p[b + 1] - p[a + 1], p[b + 2] - p[a + 2]];
      const w = [p[d] - p[a], p[d + 1] - p[a + 1], p[d + 2] - p[a + 2]];
      smallest = Math.min(
        smallest,
        Math.hypot(u[1] * w[2] - u[2] * w[1], u[2] * w[0] - u[0] * w[2], u[0] * w[1] - u[1] * w[0]) / 2,
      );
    }
    expect(smallest).toBeGreaterThan(1e-4);
    const column = set.regions.find((reg) => reg.value === 2)!;
    expect(Math.abs(column.meshVolumeMm3 - 5) / 5).toBeLessThan(0.2);
  });
});
