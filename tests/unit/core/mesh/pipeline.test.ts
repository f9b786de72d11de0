import { describe, expect, it } from 'vitest';
import { toLabelVolume } from '../../../../core/atlas/label-volume';
import { decodeNifti } from '../../../../core/io/nifti/decode';
import { regionCreases, regionQuality, sourceVerticesOf } from '../../../../core/mesh/quality';
import { buildRegionMeshes, meshingGrid } from '../../../../core/mesh/pipeline';
import { DEFAULT_MESH_SETTINGS } from '../../../../core/mesh/types';
import { ball, writeNifti } from '../../../helpers/nifti-writer';

function volume(dims: [number, number, number], data: number[], affine = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0]) {
  return toLabelVolume(decodeNifti(writeNifti({ dims, data, affine, dtype: 'uint16' })));
}

/** A coarse grid's labels with each voxel copied into a 2×2×2 block, as a "1 mm" file made from a 2 mm atlas is. */
function inBlocks(coarse: number[], [nx, ny, nz]: [number, number, number]): number[] {
  const data: number[] = [];
  for (let k = 0; k < 2 * nz; k++)
    for (let j = 0; j < 2 * ny; j++)
      for (let i = 0; i < 2 * nx; i++) data.push(coarse[(i >> 1) + nx * ((j >> 1) + ny * (k >> 1))]);
  return data;
}

function area(set: ReturnType<typeof buildRegionMeshes>, r: (typeof set.regions)[number]): number {
  let a = 0;
  const p = set.positions;
  for (let t = r.indexStart; t < r.indexStart + r.indexCount; t += 3) {
    const [i, j, k] = [set.indices[t] * 3, set.indices[t + 1] * 3, set.indices[t + 2] * 3];
    const u = [p[j] - p[i], p[j + 1] - p[i + 1], p[j + 2] - p[i + 2]];
    const v = [p[k] - p[i], p[k + 1] - p[i + 1], p[k + 2] - p[i + 2]];
    a += Math.hypot(u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]) / 2;
  }
  return a;
}

describe('region meshes (surface nets)', () => {
  it('meshes a sphere as a closed surface with its volume and area', () => {
    const r = 12;
    const dims: [number, number, number] = [32, 32, 32];
    const vol = volume(dims, ball(dims, [16, 16, 16], r, 5));
    const set = buildRegionMeshes(vol);
    expect(set.regions).toHaveLength(1);
    const region = set.regions[0];
    const q = regionQuality(set, region, 1);
    expect(q.boundaryEdges).toBe(0);
    const trueVolume = (4 / 3) * Math.PI * r ** 3;
    expect(Math.abs(region.meshVolumeMm3 - trueVolume) / trueVolume).toBeLessThan(0.03);
    const trueArea = 4 * Math.PI * r ** 2;
    expect(Math.abs(area(set, region) - trueArea) / trueArea).toBeLessThan(0.05);
    region.center.forEach((c) => expect(c).toBeCloseTo(16, 0));
  });

  /** Distances of the mesh's vertices from `c`, and triangles facing inwards (folded over). */
  function sphereFit(set: ReturnType<typeof buildRegionMeshes>, c: number) {
    const p = set.positions;
    let near = Infinity,
      far = 0,
      folded = 0;
    for (let v = 0; v < p.length / 3; v++) {
      const d = Math.hypot(p[v * 3] - c, p[v * 3 + 1] - c, p[v * 3 + 2] - c);
      near = Math.min(near, d);
      far = Math.max(far, d);
    }
    for (let t = 0; t < set.indices.length; t += 3) {
      const [a, b, d] = [set.indices[t] * 3, set.indices[t + 1] * 3, set.indices[t + 2] * 3];
      const u = [p[b] - p[a], p[b + 1] - p[a + 1], p[b + 2] - p[a + 2]];
      const w = [p[d] - p[a], p[d + 1] - p[a + 1], p[d + 2] - p[a + 2]];
      const n = [u[1] * w[2] - u[2] * w[1], u[2] * w[0] - u[0] * w[2], u[0] * w[1] - u[1] * w[0]];
      if (n[0] * (p[a] - c) + n[1] * (p[a + 1] - c) + n[2] * (p[a + 2] - c) <= 0) folded++;
    }
    return { near, far, folded };
  }

  it('keeps a voxelised sphere within 0.5 mm of the true sphere, no triangle folded over', () => {
    const dims: [number, number, number] = [40, 40, 40];
    const set = buildRegionMeshes(volume(dims, ball(dims, [20, 20, 20], 12, 5)));
    const fit = sphereFit(set, 20);
    expect(fit.near).toBeGreaterThan(11.5);
    expect(fit.far).toBeLessThan(12.5);
    expect(fit.folded).toBe(0);
  });

  it('meshes a sphere copied from a 2 mm grid on that grid, subdivided back to 1 mm', () => {
    // A 2 mm ball of radius 12 voxels (24 mm) in 40³, each voxel copied into a 2×2×2 block of an 80³ 1 mm grid.
    const coarse = ball([40, 40, 40], [20, 20, 20], 12, 5);
    const data = inBlocks(coarse, [40, 40, 40]);
    const vol = volume([80, 80, 80], data);
    const set = buildRegionMeshes(vol);
    const coarseSet = buildRegionMeshes(volume([40, 40, 40], coarse));
    // Four times the triangles of the 2 mm mesh, not the terraced 1 mm one's.
    expect(set.indices.length).toBe(4 * coarseSet.indices.length);
    // The coarse voxel 20 is the block of fine voxels 40 and 41: the sphere's centre is at 40.5 mm.
    const fit = sphereFit(set, 40.5);
    expect(fit.near).toBeGreaterThan(23);
    expect(fit.far).toBeLessThan(25);
    expect(fit.folded).toBe(0);
    const region = set.regions[0];
    expect(region.voxels).toBe(data.filter((v) => v === 5).length);
    expect(regionQuality(set, region, 1).boundaryEdges).toBe(0);
    expect(Math.abs(regionQuality(set, region, 1).volumeError)).toBeLessThan(0.03);
  });

  it('meshes finer and smoother at fine detail: four times the triangles, still on the sphere', () => {
    const dims: [number, number, number] = [40, 40, 40];
    const vol = volume(dims, ball(dims, [20, 20, 20], 12, 5));
    const standard = buildRegionMeshes(vol);
    const fineSettings = { ...DEFAULT_MESH_SETTINGS, detail: 'fine' as const };
    const fine = buildRegionMeshes(vol, fineSettings);
    // Fine detail meshes the labels with their one-voxel noise folded (label-noise.ts): the ball's six poles, each
    // one voxel on a face of the 25-voxel square below it.
    const folded = meshingGrid(vol, fineSettings);
    expect(folded?.noiseFolded).toBe(6);
    expect(fine.indices.length).toBe(4 * buildRegionMeshes(folded!.volume).indices.length);
    const fit = sphereFit(fine, 20);
    expect(fit.near).toBeGreaterThan(11.5);
    expect(fit.far).toBeLessThan(12.5);
    expect(fit.folded).toBe(0);
    const region = fine.regions[0];
    expect(regionQuality(fine, region, 1).boundaryEdges).toBe(0);
    expect(Math.abs(regionQuality(fine, region, 1).volumeError)).toBeLessThan(0.03);
    // What is left of the 1 mm voxels' terraces: edges creased over 10° (the sphere turns about 5° per 1 mm edge).
    const share = (set: typeof fine) => {
      const c = regionCreases(set, set.regions[0], 10);
      return c.creased / c.edges;
    };
    expect(share(standard)).toBeGreaterThan(0.1);
    expect(share(fine)).toBeLessThan(share(standard) / 5);
  });

  it('subdivides a 2 mm copy twice at fine detail, neighbours still sharing their boundary', () => {
    // Two 2 mm boxes side by side, each voxel copied into a 2×2×2 block of a 1 mm grid.
    const coarse = new Array(12 * 8 * 8).fill(0);
    for (let k = 2; k < 6; k++)
      for (let j = 2; j < 6; j++) for (let i = 2; i < 10; i++) coarse[i + 12 * (j + 8 * k)] = i < 6 ? 1 : 2;
    const data = inBlocks(coarse, [12, 8, 8]);
    const coarseSet = buildRegionMeshes(volume([12, 8, 8], coarse));
    const set = buildRegionMeshes(volume([24, 16, 16], data), { ...DEFAULT_MESH_SETTINGS, detail: 'fine' });
    expect(set.indices.length).toBe(16 * coarseSet.indices.length);
    const [a, b] = set.regions;
    for (const r of set.regions) {
      expect(regionQuality(set, r, 1).boundaryEdges).toBe(0);
      expect(r.voxels).toBe(data.filter((v) => v === r.value).length);
      expect(Math.abs(regionQuality(set, r, 1).volumeError)).toBeLessThan(0.1);
    }
    // The 3×3-voxel face between the boxes: 5×5 coarse vertices, subdivided twice into 17×17.
    const shared = [...sourceVerticesOf(set, a)].filter((v) => sourceVerticesOf(set, b).has(v));
    expect(shared.length).toBe(17 * 17);
  });

  it('gives a small region drawn at 1 mm on a 2 mm copy the volume of its voxels', () => {
    // The 2 mm ball copied into 2×2×2 blocks, then a 5×5×5 cube of another label drawn at 1 mm across blocks, on
    // the ball's edge (half in it, half out in the background).
    const data = inBlocks(ball([40, 40, 40], [20, 20, 20], 12, 5), [40, 40, 40]);
    for (let k = 39; k <= 43; k++)
      for (let j = 39; j <= 43; j++) for (let i = 63; i <= 67; i++) data[i + 80 * (j + 80 * k)] = 9;
    const set = buildRegionMeshes(volume([80, 80, 80], data));
    // Still meshed on the 2 mm grid, where the blocks the cube wins (8 whole, 12 half on a tie, which goes to the
    // rarer label) hold 160 mm³: its mesh must enclose its own 125 mm³ all the same.
    const cube = set.regions.find((r) => r.value === 9)!;
    expect(cube.voxels).toBe(125);
    expect(cube.meshVolumeMm3).toBeGreaterThan(125 * 0.95);
    expect(cube.meshVolumeMm3).toBeLessThan(125 * 1.05);
    expect(regionQuality(set, cube, 1).boundaryEdges).toBe(0);
  });

  it('lets two touching cubes share their face exactly, facing opposite ways', () => {
    const dims: [number, number, number] = [12, 8, 8];
    const data = new Array(12 * 8 * 8).fill(0);
    for (let k = 2; k < 6; k++)
      for (let j = 2; j < 6; j++) for (let i = 2; i < 10; i++) data[i + 12 * (j + 8 * k)] = i < 6 ? 1 : 2;
    const set = buildRegionMeshes(volume(dims, data), { ...DEFAULT_MESH_SETTINGS, smoothIterations: 0 });
    const [a, b] = set.regions;
    expect([a.value, b.value]).toEqual([1, 2]);
    for (const r of set.regions) {
      expect(regionQuality(set, r, 1).boundaryEdges).toBe(0);
      // Unsmoothed, a 4×4×4 block of voxels is a 4×4×4 box with its corners cut: 64 − 8·(1/6) − 12·... check sign and size only
      expect(r.meshVolumeMm3).toBeGreaterThan(0);
    }
    // The shared face: the 3×3 grid of cell vertices on the plane x = 5.5, plus its ring = 5×5 = 25 vertices.
    const shared = [...sourceVerticesOf(set, a)].filter((v) => sourceVerticesOf(set, b).has(v));
    expect(shared.length).toBe(25);
    const onPlane = shared.every((v) => {
      const idx = [...set.sourceVertex].indexOf(v);
      return Math.abs(set.positions[idx * 3] - 5.5) < 1e-6;
    });
    expect(onPlane).toBe(true);
    // Smoothed, the shared vertices are still one position for both regions.
    const smooth = buildRegionMeshes(volume(dims, data));
    const posOf = (r: (typeof smooth.regions)[number]) => {
      const m = new Map<number, string>();
      for (let v = r.vertexStart; v < r.vertexStart + r.vertexCount; v++)
        m.set(smooth.sourceVertex[v], smooth.positions.subarray(v * 3, v * 3 + 3).join(','));
      return m;
    };
    const pa = posOf(smooth.regions[0]),
      pb = posOf(smooth.regions[1]);
    let common = 0;
    for (const [id, p] of pa)
      if (pb.has(id)) {
        common++;
        expect(pb.get(id)).toBe(p);
      }
    expect(common).toBe(25);
  });

  it('meshes a one-voxel region and a label touching the grid edge as closed surfaces', () => {
    const dims: [number, number, number] = [6, 6, 6];
    const data = new Array(216).fill(0);
    data[4 + 6 * (2 + 6 * 2)] = 9; // one voxel
    // A slab three voxels thick along the whole x = 0 face of the grid.
    for (let k = 0; k < 6; k++) for (let j = 0; j < 6; j++) for (let i = 0; i < 3; i++) data[i + 6 * (j + 6 * k)] = 4;
    const set = buildRegionMeshes(volume(dims, data));
    const byValue = new Map(set.regions.map((r) => [r.value, r]));
    const one = byValue.get(9)!;
    expect(one.voxels).toBe(1);
    expect(regionQuality(set, one, 1).boundaryEdges).toBe(0);
    expect(one.meshVolumeMm3).toBeGreaterThan(0);
    [4, 2, 2].forEach((c, a) => expect(one.center[a]).toBeCloseTo(c, 5));
    const edge = byValue.get(4)!;
    expect(regionQuality(set, edge, 1).boundaryEdges).toBe(0);
    expect(Math.abs(edge.meshVolumeMm3 - 108) / 108).toBeLessThan(0.2);
  });

  it('keeps outward normals and positive volumes on mirrored (LAS) grids, in world mm', () => {
    const dims: [number, number, number] = [20, 20, 20];
    const data = ball(dims, [10, 10, 10], 6, 1);
    const las = buildRegionMeshes(volume(dims, data, [-2, 0, 0, 30, 0, 2, 0, -20, 0, 0, 2, -20]));
    const r = las.regions[0];
    const trueVolume = (4 / 3) * Math.PI * 12 ** 3;
    expect(Math.abs(r.meshVolumeMm3 - trueVolume) / trueVolume).toBeLessThan(0.05);
    expect(r.center[0]).toBeCloseTo(10, 0);
    // The normal at the vertex farthest along +x points along +x.
    let best = r.vertexStart;
    for (let v = r.vertexStart; v < r.vertexStart + r.vertexCount; v++)
      if (las.positions[v * 3] > las.positions[best * 3]) best = v;
    expect(las.normals[best * 3]).toBeGreaterThan(0.5);
  });

  it('meshes a volume with 10 000 labels', () => {
    const dims: [number, number, number] = [100, 100, 2];
    const data = Array.from({ length: 20000 }, (_, i) => (i % 10000) + 1);
    const set = buildRegionMeshes(volume(dims, data), { ...DEFAULT_MESH_SETTINGS, smoothIterations: 2 });
    expect(set.regions).toHaveLength(10000);
    expect(set.regions.every((r) => regionQuality(set, r, 1).boundaryEdges === 0)).toBe(true);
  });
});
