import { describe, expect, it } from 'vitest';
import { WasmArena } from '../../../../core/mesh/arrays';
import { toLabelVolume } from '../../../../core/atlas/label-volume';
import { decodeNifti } from '../../../../core/io/nifti/decode';
import { assembleRegions } from '../../../../core/mesh/assemble';
import { regionQuality, sourceVerticesOf } from '../../../../core/mesh/quality';
import { smoothSurfaceNet } from '../../../../core/mesh/smooth';
import {
  finishEdgesRange,
  finishSubdivision,
  linkQuadsRange,
  linkVerticesRange,
  placeCoarseVerticesRange,
  placeEdgeMiddlesRange,
  placeQuadMiddlesRange,
  placeSubdividedVertices,
  planSubdivision,
  prepareSubdivision,
} from '../../../../core/mesh/subdivide';
import { surfaceNet } from '../../../../core/mesh/surface-nets';
import { DEFAULT_MESH_SETTINGS, type SurfaceNet } from '../../../../core/mesh/types';
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

describe('Catmull-Clark placement of the subdivided net', () => {
  const coarse = surfaceNet(vol);
  const plan = planSubdivision(coarse);
  smoothSurfaceNet(coarse, DEFAULT_MESH_SETTINGS);
  const P = coarse.positions.slice();
  const at = (v: number) => [P[v * 3], P[v * 3 + 1], P[v * 3 + 2]];
  const mean = (ps: number[][]) => [0, 1, 2].map((k) => ps.reduce((s, p) => s + p[k], 0) / ps.length);
  const sum = (...ps: number[][]) => [0, 1, 2].map((k) => ps.reduce((s, p) => s + p[k], 0));
  const scale = (p: number[], f: number) => p.map((x) => x * f);

  // The coarse topology read from the coarse quads alone: each edge's quads, each vertex's edges and quads.
  const nq = coarse.quadCount;
  const corners = (t: number) => [0, 1, 2, 3].map((e) => coarse.quads[t * 6 + e]);
  const edgeQuads = new Map<string, number[]>();
  const key = (a: number, b: number) => (a < b ? `${a},${b}` : `${b},${a}`);
  for (let t = 0; t < nq; t++) {
    const c = corners(t);
    for (let e = 0; e < 4; e++) {
      const k = key(c[e], c[(e + 1) % 4]);
      edgeQuads.set(k, [...(edgeQuads.get(k) ?? []), t]);
    }
  }
  const facePoint = (t: number) => mean(corners(t).map(at));
  const edgePoint = (a: number, b: number) => {
    const quads = edgeQuads.get(key(a, b))!;
    return quads.length === 2 ? mean([at(a), at(b), ...quads.map(facePoint)]) : mean([at(a), at(b)]);
  };
  const vertexPoint = (v: number) => {
    const ends = [...edgeQuads.keys()]
      .map((k) => k.split(',').map(Number))
      .filter(([a, b]) => a === v || b === v)
      .map(([a, b]) => (a === v ? b : a));
    const quads = new Set(ends.flatMap((w) => edgeQuads.get(key(v, w))!));
    const sharp = ends.filter((w) => edgeQuads.get(key(v, w))!.length !== 2);
    const n = ends.length;
    if (sharp.length === 2) return scale(sum(at(sharp[0]), scale(at(v), 6), at(sharp[1])), 1 / 8);
    if (sharp.length > 0) return at(v);
    expect(quads.size).toBe(n);
    const F = mean([...quads].map(facePoint));
    const R = mean(ends.map((w) => mean([at(v), at(w)])));
    return scale(sum(F, scale(R, 2), scale(at(v), n - 3)), 1 / n);
  };

  it('moves each new and old vertex by the rule of its kind, reading only the coarse quads', () => {
    placeSubdividedVertices(plan, coarse.positions);
    const fine = plan.fine;
    const expectAt = (v: number, want: number[]) => {
      for (let k = 0; k < 3; k++) expect(fine.positions[v * 3 + k]).toBeCloseTo(want[k], 4);
    };
    const kinds = { smooth: 0, crease: 0, corner: 0 };
    for (let v = 0; v < P.length / 3; v++) {
      expectAt(v, vertexPoint(v));
      const ends = [...edgeQuads.entries()].filter(([k]) => k.split(',').map(Number).includes(v));
      const sharp = ends.filter(([, q]) => q.length !== 2).length;
      if (sharp === 0) kinds.smooth++;
      else if (sharp === 2) kinds.crease++;
      else kinds.corner++;
    }
    // All three kinds occur on this volume (faces, the lines where two regions meet the background, their ends).
    expect(Math.min(kinds.smooth, kinds.crease, kinds.corner)).toBeGreaterThan(0);
    // The new quads' corners: a b c d of quad t become (a, ab, f, da), (ab, b, bc, f), (f, bc, c, cd), (da, f, cd, d).
    for (let t = 0; t < nq; t++) {
      const [a, b, c, d] = corners(t);
      const q = (i: number, e: number) => fine.quads[(4 * t + i) * 6 + e];
      expectAt(q(0, 2), facePoint(t));
      expectAt(q(0, 1), edgePoint(a, b));
      expectAt(q(1, 2), edgePoint(b, c));
      expectAt(q(2, 3), edgePoint(c, d));
      expectAt(q(0, 3), edgePoint(d, a));
    }
  });

  it('keeps the raw surface, only denser, without smoothing', () => {
    placeSubdividedVertices(plan, coarse.positions, false);
    const fine = plan.fine;
    for (let t = 0; t < nq; t++) {
      const [a, b] = corners(t);
      const ab = fine.quads[4 * t * 6 + 1];
      for (let k = 0; k < 3; k++) {
        expect(fine.positions[a * 3 + k]).toBe(P[a * 3 + k]);
        expect(fine.positions[ab * 3 + k]).toBeCloseTo((P[a * 3 + k] + P[b * 3 + k]) / 2, 5);
      }
    }
  });
});

describe('subdivision in ranges (as two threads share it)', () => {
  // Ranges of `size` items in reverse order, the second thread's counts apart: the quads link the edge middles in
  // another order than one pass does.
  const backwards = (count: number, size: number, work: (from: number, to: number, thread: 0 | 1) => void) => {
    const starts: number[] = [];
    for (let from = 0; from < count; from += size) starts.push(from);
    starts.reverse().forEach((from, i) => work(from, Math.min(count, from + size), (i % 2) as 0 | 1));
  };

  it('plans and places the same net bit for bit as one pass, whatever order the ranges are done in', () => {
    const once = surfaceNet(vol);
    const plan = planSubdivision(once);
    smoothSurfaceNet(once, DEFAULT_MESH_SETTINGS);
    placeSubdividedVertices(plan, once.positions);

    const coarse = surfaceNet(vol);
    const job = prepareSubdivision(coarse);
    backwards(job.n, 7, (from, to) => linkVerticesRange(job, from, to));
    backwards(coarse.quadCount, 5, (from, to, t) => linkQuadsRange(job, from, to, t));
    backwards(job.plan.edges, 3, (from, to, t) => finishEdgesRange(job, from, to, job.uses[t]));
    const split = finishSubdivision(job, coarse);
    smoothSurfaceNet(coarse, DEFAULT_MESH_SETTINGS);
    const placing = { plan: split, coarse: coarse.positions, smooth: true };
    backwards(coarse.quadCount, 5, (from, to) => placeQuadMiddlesRange(placing, from, to));
    backwards(split.edges, 3, (from, to) => placeEdgeMiddlesRange(placing, from, to));
    backwards(job.n, 7, (from, to) => placeCoarseVerticesRange(placing, from, to));

    // Both threads counted some labels, and the quads did come to their edges in another order.
    expect(job.uses[0].some((n) => n > 0) && job.uses[1].some((n) => n > 0)).toBe(true);
    expect(split.fine.links).toEqual(plan.fine.links);
    expect(split.fine.quads).toEqual(plan.fine.quads);
    expect(split.fine.vertexUses).toEqual(plan.fine.vertexUses);
    expect(split.fine.positions).toEqual(plan.fine.positions);
  });
});

describe('a net with more than four quads at an edge', () => {
  // Vertices 0 and 1 share an edge; quad i is (0, 1, x_i, y_i), x_i = 2 + 2i linked to 1, y_i = 3 + 2i linked to 0.
  // Surface nets never make this (a cell face has four voxel edges); a damaged net must be refused, not subdivided.
  const fan = (quadCount: number): SurfaceNet => {
    const n = 2 + 2 * quadCount;
    const links = new Int32Array(n * 6).fill(-1);
    const link = (a: number, b: number) => {
      links[a * 6 + links.subarray(a * 6, a * 6 + 6).indexOf(-1)] = b;
      links[b * 6 + links.subarray(b * 6, b * 6 + 6).indexOf(-1)] = a;
    };
    link(0, 1);
    const quads = new Uint32Array(quadCount * 6);
    for (let i = 0; i < quadCount; i++) {
      const x = 2 + 2 * i,
        y = 3 + 2 * i;
      link(1, x);
      link(x, y);
      link(y, 0);
      quads.set([0, 1, x, y, 0, 1 + i], i * 6);
    }
    const labels = quadCount + 1;
    return {
      positions: new Float32Array(n * 3),
      cells: new Int16Array(n * 3),
      links,
      quads,
      quadCount,
      voxels: new Uint32Array(labels).fill(1),
      vertexUses: new Uint32Array(labels).fill(4),
    };
  };

  it('subdivides four quads at an edge, in one pass or split between the threads alike', () => {
    const once = planSubdivision(fan(4));
    const job = prepareSubdivision(fan(4));
    linkVerticesRange(job, 0, job.n);
    linkQuadsRange(job, 3, 4, 1);
    linkQuadsRange(job, 1, 3, 0);
    linkQuadsRange(job, 0, 1, 1);
    finishEdgesRange(job, 0, job.plan.edges, job.uses[0]);
    const split = finishSubdivision(job, fan(4));
    expect(split.fine.links).toEqual(once.fine.links);
    // The 0-1 edge's middle (the first edge) links to its ends, then the four quads' middles in quad order.
    const middle = job.n;
    const quadMiddles = job.n + once.edges;
    expect(Array.from(once.fine.links.subarray(middle * 6, middle * 6 + 6))).toEqual([
      0,
      1,
      quadMiddles,
      quadMiddles + 1,
      quadMiddles + 2,
      quadMiddles + 3,
    ]);
  });

  it('refuses five, in one pass or split between the threads', () => {
    expect(() => planSubdivision(fan(5))).toThrow(/more than four quads share an edge/);
    const job = prepareSubdivision(fan(5));
    linkVerticesRange(job, 0, job.n);
    expect(() => {
      linkQuadsRange(job, 0, 3, 0);
      linkQuadsRange(job, 3, 5, 1);
      finishEdgesRange(job, 0, job.plan.edges, job.uses[0]);
    }).toThrow(/more than four quads share an edge/);
  });

  it('refuses five when its arrays are in a WebAssembly arena too (a last subdivision links them there)', () => {
    const arena = new WasmArena();
    const plain = fan(5);
    const copy = <T extends Int32Array | Uint32Array | Float32Array | Int16Array>(a: T, make: (n: number) => T) => {
      const c = make(a.length);
      c.set(a);
      return c;
    };
    const net: SurfaceNet = {
      ...plain,
      positions: copy(plain.positions, arena.alloc.f32),
      links: copy(plain.links, arena.alloc.i32),
      quads: copy(plain.quads, arena.alloc.u32),
    };
    const job = prepareSubdivision(net, arena.alloc, true);
    expect(job.memory).toBeInstanceOf(WebAssembly.Memory);
    linkVerticesRange(job, 0, job.n);
    expect(() => linkQuadsRange(job, 0, 5, 0)).toThrow(/more than four quads share an edge/);
    expect(() => planSubdivision(net, arena.alloc, true)).toThrow(/more than four quads share an edge/);
  });
});
