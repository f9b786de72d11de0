import { describe, expect, it } from 'vitest';
import { decodeMeshSet, encodeMeshSet, packBinary, unpackBinary, unpackNormals } from '../../../../core/mesh/codec';
import { buildRegionMeshes } from '../../../../core/mesh/pipeline';
import { regionCreases, regionQuality } from '../../../../core/mesh/quality';
import { DEFAULT_MESH_SETTINGS } from '../../../../core/mesh/types';
import { randomVolume } from '../../../helpers/random-label-volume';

const bytes = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
const same = (a: ArrayBufferView, b: ArrayBufferView) => bytes(a).equals(bytes(b));

/** Each packed component is the unit normal's times 32767, to within half a step (rounded). */
function expectPacked(packed: Int16Array, unit: Float32Array) {
  expect(packed).toBeInstanceOf(Int16Array);
  expect(packed.length).toBe(unit.length);
  let worst = 0;
  for (let i = 0; i < unit.length; i++) worst = Math.max(worst, Math.abs(packed[i] - unit[i] * 32767));
  expect(worst).toBeLessThanOrEqual(0.5);
}

describe('region meshes between the processes', () => {
  const vol = randomVolume([30, 26, 22], 40, 11, 0.3);
  const set = buildRegionMeshes(vol, { ...DEFAULT_MESH_SETTINGS, detail: 'fine' });

  it('sends what is drawn and written, and not each vertex’s net vertex', () => {
    const buf = encodeMeshSet(set);
    expect(Object.keys(unpackBinary(buf).arrays)).toEqual(['positions', 'normals', 'indices']);
    const back = decodeMeshSet(buf);
    expect(back.regions).toEqual(set.regions);
    for (const key of ['positions', 'indices'] as const) expect(same(back[key], set[key]), key).toBe(true);
    expectPacked(back.normals, set.normals);
    expect('sourceVertex' in back).toBe(false);
    // What went over before: the same and the net ids, four bytes a vertex.
    const before = packBinary(
      { regions: set.regions },
      { positions: set.positions, normals: set.normals, indices: set.indices, sourceVertex: set.sourceVertex },
    );
    expect(before.byteLength - buf.byteLength).toBeGreaterThanOrEqual(set.sourceVertex.byteLength);
  });

  it('reads a mesh cached with the net ids as well (the earlier format) as the same set', () => {
    const old = packBinary(
      { regions: set.regions },
      { positions: set.positions, normals: set.normals, indices: set.indices, sourceVertex: set.sourceVertex },
    );
    const back = decodeMeshSet(old);
    for (const key of ['positions', 'indices'] as const) expect(same(back[key], set[key]), key).toBe(true);
    expectPacked(back.normals, set.normals);
    expect(back.regions).toEqual(set.regions);
  });

  it('packs the normals into 16 bits, half their bytes, within half a step of each component', () => {
    const buf = encodeMeshSet(set);
    const floats = packBinary(
      { regions: set.regions },
      { positions: set.positions, normals: set.normals, indices: set.indices },
    );
    expect(floats.byteLength - buf.byteLength).toBeGreaterThanOrEqual(set.normals.byteLength / 2 - 8);
    const packed = decodeMeshSet(buf).normals;
    expectPacked(packed, set.normals);
    // Sent again as they came (a cached set passed on): the same bytes.
    expect(new Uint8Array(encodeMeshSet(decodeMeshSet(buf)))).toEqual(new Uint8Array(buf));
    // Back to unit vectors for the file writers: within 1e-4 of the assembly's.
    const unit = unpackNormals(packed);
    let worst = 0;
    for (let o = 0; o < unit.length; o += 3) {
      expect(Math.hypot(unit[o], unit[o + 1], unit[o + 2])).toBeCloseTo(1, 6);
      for (let a = 0; a < 3; a++) worst = Math.max(worst, Math.abs(unit[o + a] - set.normals[o + a]));
    }
    expect(worst).toBeLessThan(1e-4);
  });

  it('refuses a mesh message whose normals are not one per vertex', () => {
    const bad = packBinary(
      { regions: set.regions },
      { positions: set.positions, normals: set.normals.subarray(3), indices: set.indices },
    );
    expect(() => decodeMeshSet(bad)).toThrow(/normals/);
    const noIndices = packBinary({ regions: set.regions }, { positions: set.positions, normals: set.normals });
    expect(() => decodeMeshSet(noIndices)).toThrow(/indices/);
  });

  it('gives the checks of a region the same answers without the net ids', () => {
    const back = decodeMeshSet(encodeMeshSet(set));
    let nonManifold = 0;
    for (const r of set.regions) {
      // Edge uses counted here by the net ids, as the checks did before.
      const uses = new Map<string, number>();
      for (let t = r.indexStart; t < r.indexStart + r.indexCount; t += 3)
        for (let e = 0; e < 3; e++) {
          const ends = [set.indices[t + e], set.indices[t + ((e + 1) % 3)]].map((v) => set.sourceVertex[v]);
          const key = ends.sort((a, b) => a - b).join('-');
          uses.set(key, (uses.get(key) ?? 0) + 1);
        }
      const q = regionQuality(back, r, 1);
      expect(q.boundaryEdges).toBe([...uses.values()].filter((n) => n === 1).length);
      expect(q.nonManifoldEdges).toBe([...uses.values()].filter((n) => n > 2).length);
      expect(regionCreases(back, r).edges).toBe([...uses.values()].reduce((sum, n) => sum + n - 1, 0));
      expect(q.boundaryEdges).toBe(0);
      nonManifold += q.nonManifoldEdges;
    }
    // Blobs touching along voxel edges only: some edges have four triangles, which the counts must keep apart.
    expect(nonManifold).toBeGreaterThan(0);
  });
});
