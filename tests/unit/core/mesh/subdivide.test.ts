import { describe, expect, it } from 'vitest';
import { toLabelVolume } from '../../../../core/atlas/label-volume';
import { decodeNifti } from '../../../../core/io/nifti/decode';
import { assembleRegions } from '../../../../core/mesh/assemble';
import { regionQuality, sourceVerticesOf } from '../../../../core/mesh/quality';
import { smoothSurfaceNet } from '../../../../core/mesh/smooth';
import { placeSubdividedVertices, planSubdivision } from '../../../../core/mesh/subdivide';
import { surfaceNet } from '../../../../core/mesh/surface-nets';
import { DEFAULT_MESH_SETTINGS } from '../../../../core/mesh/types';
import { writeNifti } from '../../../helpers/nifti-writer';

// Three regions in a row on a background, two of them touching: shared faces, junction lines and corners.
const dims: [number, number, number] = [14, 8, 8];
const data = new Array(14 * 8 * 8).fill(0);
for (let k = 2; k < 6; k++)
  for (let j = 2; j < 6; j++) for (let i = 2; i < 12; i++) data[i + 14 * (j + 8 * k)] = i < 5 ? 1 : i < 8 ? 2 : 3;
data[7 + 14 * (6 + 8 * 3)] = 3; // a bump where 2 and 3 meet
const vol = toLabelVolume(
  decodeNifti(writeNifti({ dims, data, affine: [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0], dtype: 'uint8' })),
);

describe('subdivided surface nets', () => {
  const coarse = surfaceNet(vol);
  const coarseQuads = coarse.quadCount;
  const coarseVertices = coarse.positions.length / 3;
  const plan = planSubdivision(coarse);
  smoothSurfaceNet(coarse, DEFAULT_MESH_SETTINGS);
  placeSubdividedVertices(plan, coarse.positions);
  const fine = plan.fine;

  it('splits every quad in four and adds a vertex per edge and per quad', () => {
    expect(fine.quadCount).toBe(4 * coarseQuads);
    // Every coarse quad edge is a link, each counted from both ends.
    expect(fine.positions.length / 3).toBe(coarseVertices + plan.edges + coarseQuads);
    let links = 0;
    for (let i = 0; i < coarseVertices * 6; i++) if (plan.fine.links[i] >= 0) links++;
    expect(plan.edges * 2).toBe(links);
  });

  it('links symmetrically, at most six a vertex, and along the sides of the new quads', () => {
    const n = fine.positions.length / 3;
    const has = (a: number, b: number) => fine.links.subarray(a * 6, a * 6 + 6).includes(b);
    for (let v = 0; v < n; v++)
      for (let s = 0; s < 6; s++) {
        const w = fine.links[v * 6 + s];
        if (w >= 0) expect(has(w, v)).toBe(true);
      }
    for (let t = 0; t < fine.quadCount; t++)
      for (let e = 0; e < 4; e++) expect(has(fine.quads[t * 6 + e], fine.quads[t * 6 + ((e + 1) % 4)])).toBe(true);
  });

  it('counts each label’s vertices as its quads use them', () => {
    for (let label = 1; label <= 3; label++) {
      const used = new Set<number>();
      for (let t = 0; t < fine.quadCount; t++)
        if (fine.quads[t * 6 + 4] === label || fine.quads[t * 6 + 5] === label)
          for (let e = 0; e < 4; e++) used.add(fine.quads[t * 6 + e]);
      expect(fine.vertexUses[label]).toBe(used.size);
    }
  });

  it('assembles into closed regions that still share their boundaries', () => {
    const set = assembleRegions(vol, { ...fine, positions: fine.positions.slice() });
    expect(set.regions.map((r) => r.value)).toEqual([1, 2, 3]);
    for (const r of set.regions) {
      const q = regionQuality(set, r, 1);
      expect(q.boundaryEdges).toBe(0);
      expect(Math.abs(q.volumeError)).toBeLessThan(0.25);
    }
    const [a, b] = [sourceVerticesOf(set, set.regions[0]), sourceVerticesOf(set, set.regions[1])];
    // The 3×3 face between regions 1 and 2: 5×5 coarse vertices, subdivided 9×9.
    expect([...a].filter((v) => b.has(v)).length).toBe(81);
  });
});
