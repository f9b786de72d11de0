/**
 * The surface-net sweep (core/mesh/surface-nets.ts) against a plain reference written from the definition: every
 * voxel edge whose labels differ gives one quad joining the four cells around it; a cell has a vertex when its 8
 * labels are not all equal; two cells are neighbours when some quad has them as consecutive corners.
 */
import { describe, expect, it } from 'vitest';
import { assembleRegions } from '../../../../core/mesh/assemble';
import { smoothSurfaceNet } from '../../../../core/mesh/smooth';
import { balancedSplit, surfaceNet, surfaceNetInSlabs } from '../../../../core/mesh/surface-nets';
import { totalCapacity } from '../../../../core/mesh/sweep';
import { DEFAULT_MESH_SETTINGS, type SurfaceNet } from '../../../../core/mesh/types';
import type { LabelVolume } from '../../../../core/atlas/label-volume';
import { randomVolume } from '../../../helpers/random-label-volume';

/** Quads from the definition, as "cell,cell,cell,cell|low|high" with cells written "i:j:k" in walking order. */
function referenceQuads(vol: LabelVolume): string[] {
  const [nx, ny, nz] = vol.dims;
  const at = (i: number, j: number, k: number) =>
    i < 0 || j < 0 || k < 0 || i >= nx || j >= ny || k >= nz ? 0 : vol.labels[i + nx * (j + ny * k)];
  const out: string[] = [];
  const cell = (c: number[]) => c.join(':');
  for (let k = -1; k <= nz; k++) {
    for (let j = -1; j <= ny; j++) {
      for (let i = -1; i <= nx; i++) {
        const a = at(i, j, k);
        // Edge to +x: cells (i, j-1..j, k-1..k), walked (j-1,k-1) (j,k-1) (j,k) (j-1,k).
        if (a !== at(i + 1, j, k))
          out.push(
            [
              [i, j - 1, k - 1],
              [i, j, k - 1],
              [i, j, k],
              [i, j - 1, k],
            ]
              .map(cell)
              .join(',') + `|${a}|${at(i + 1, j, k)}`,
          );
        if (a !== at(i, j + 1, k))
          out.push(
            [
              [i - 1, j, k - 1],
              [i - 1, j, k],
              [i, j, k],
              [i, j, k - 1],
            ]
              .map(cell)
              .join(',') + `|${a}|${at(i, j + 1, k)}`,
          );
        if (a !== at(i, j, k + 1))
          out.push(
            [
              [i - 1, j - 1, k],
              [i, j - 1, k],
              [i, j, k],
              [i - 1, j, k],
            ]
              .map(cell)
              .join(',') + `|${a}|${at(i, j, k + 1)}`,
          );
      }
    }
  }
  return out.sort();
}

describe('surface-net sweep', () => {
  for (const [dims, labels, seed] of [
    [[9, 7, 8], 3, 1],
    [[12, 10, 6], 6, 7],
    [[5, 13, 11], 9, 42],
    [[1, 1, 1], 1, 3],
  ] as [[number, number, number], number, number][]) {
    it(`matches the definition on a ${dims.join('×')} grid with ${labels} labels`, () => {
      const vol = randomVolume(dims, labels, seed);
      const net = surfaceNet(vol);
      const n = net.positions.length / 3;
      const cellOf = (v: number) => `${net.cells![v * 3]}:${net.cells![v * 3 + 1]}:${net.cells![v * 3 + 2]}`;
      // Quads: same set, same corner order, same labels.
      const got: string[] = [];
      for (let t = 0; t < net.quadCount; t++) {
        const o = t * 6;
        got.push(
          [0, 1, 2, 3].map((e) => cellOf(net.quads[o + e])).join(',') + `|${net.quads[o + 4]}|${net.quads[o + 5]}`,
        );
      }
      expect(got.sort()).toEqual(referenceQuads(vol));
      // Vertices: exactly the mixed cells, each once, in sweep order (z, then y, then x), inside their cell.
      const [nx, ny, nz] = vol.dims;
      const at = (i: number, j: number, k: number) =>
        i < 0 || j < 0 || k < 0 || i >= nx || j >= ny || k >= nz ? 0 : vol.labels[i + nx * (j + ny * k)];
      const mixed: string[] = [];
      for (let k = -1; k < nz; k++)
        for (let j = -1; j < ny; j++)
          for (let i = -1; i < nx; i++) {
            const c = [0, 1, 2, 3, 4, 5, 6, 7].map((b) => at(i + (b & 1), j + ((b >> 1) & 1), k + (b >> 2)));
            if (c.some((x) => x !== c[0])) mixed.push(`${i}:${j}:${k}`);
          }
      expect(Array.from({ length: n }, (_, v) => cellOf(v))).toEqual(mixed);
      for (let v = 0; v < n; v++) {
        for (let a = 0; a < 3; a++) {
          expect(net.positions[v * 3 + a]).toBeGreaterThanOrEqual(net.cells![v * 3 + a]);
          expect(net.positions[v * 3 + a]).toBeLessThanOrEqual(net.cells![v * 3 + a] + 1);
        }
      }
      // Links: the neighbours along quad edges, each slot pointing back.
      const ref = Array.from({ length: n }, () => new Set<number>());
      for (let t = 0; t < net.quadCount; t++) {
        for (let e = 0; e < 4; e++) {
          const a = net.quads[t * 6 + e],
            b = net.quads[t * 6 + ((e + 1) & 3)];
          ref[a].add(b);
          ref[b].add(a);
        }
      }
      for (let v = 0; v < n; v++) {
        const mine = [...net.links.subarray(v * 6, v * 6 + 6)].filter((w) => w >= 0);
        expect(new Set(mine)).toEqual(ref[v]);
        expect(mine.length).toBe(ref[v].size);
      }
      // Per-label vertex uses: the distinct net vertices of each label's quads.
      const uses = new Map<number, Set<number>>();
      for (let t = 0; t < net.quadCount; t++) {
        for (const lab of [net.quads[t * 6 + 4], net.quads[t * 6 + 5]]) {
          if (!lab) continue;
          if (!uses.has(lab)) uses.set(lab, new Set());
          for (let e = 0; e < 4; e++) uses.get(lab)!.add(net.quads[t * 6 + e]);
        }
      }
      for (let lab = 1; lab <= vol.maxLabel; lab++) expect(net.vertexUses[lab]).toBe(uses.get(lab)?.size ?? 0);
      // Voxel counts.
      for (let lab = 1; lab <= vol.maxLabel; lab++)
        expect(net.voxels[lab]).toBe(vol.labels.filter((x) => x === lab).length);
      // And the whole pipeline on top of it keeps every region closed.
      smoothSurfaceNet(net, DEFAULT_MESH_SETTINGS);
      const set = assembleRegions(vol, net);
      expect(set.positions.length / 3).toBe([...uses.values()].reduce((s, u) => s + u.size, 0));
    });
  }
});

describe('surface-net sweep in two slabs (the two-thread path)', () => {
  /** Every array of a net, compared element for element. */
  const parts = (n: SurfaceNet) => ({
    positions: Array.from(n.positions),
    cells: Array.from(n.cells!),
    links: Array.from(n.links),
    quads: Array.from(n.quads),
    voxels: Array.from(n.voxels),
    vertexUses: Array.from(n.vertexUses),
  });
  for (const [dims, labels, seed] of [
    [[9, 7, 8], 3, 1],
    [[12, 10, 6], 6, 7],
    [[6, 5, 2], 4, 5],
  ] as [[number, number, number], number, number][]) {
    it(`joins into the one-pass net, for every split of a ${dims.join('×')} grid`, () => {
      const vol = randomVolume(dims, labels, seed);
      const whole = parts(surfaceNet(vol));
      expect(whole.quads.length).toBeGreaterThan(0);
      for (let split = 1; split < dims[2]; split++) expect(parts(surfaceNetInSlabs(vol, split))).toEqual(whole);
    });
  }

  it('joins slabs whose first arrays are too small, growing them', () => {
    const vol = randomVolume([40, 36, 30], 30, 9, 0.3);
    // This volume has more vertices than the lower slab's arrays hold at first, so they must grow.
    const whole = surfaceNet(vol);
    expect(whole.positions.length / 3).toBeGreaterThan(totalCapacity(vol));
    expect(parts(surfaceNetInSlabs(vol, 20))).toEqual(parts(whole));
  });

  it('cuts where the label changes below reach about half', () => {
    // Labels only in layers 6..9 of 10, alike: the cut falls at 8.
    const vol = randomVolume([8, 8, 10], 0, 1);
    for (let k = 6; k < 10; k++)
      for (let j = 0; j < 8; j++) vol.labels.fill(1 + (j % 2), (k * 8 + j) * 8 + 2, (k * 8 + j) * 8 + 6);
    vol.maxLabel = 2;
    expect(balancedSplit(vol)).toBe(8);
    // Layer 0 has twice the changes of layers 1..9 (alike), 11 parts in all: layers 0..3 hold 5, with layer 4 they
    // would hold 6, so the cut falls at 4.
    const busy = randomVolume([8, 8, 10], 0, 1);
    for (let k = 0; k < 10; k++)
      for (let j = 0; j < 8; j++) busy.labels.fill(1, (k * 8 + j) * 8 + 2, (k * 8 + j) * 8 + (k === 0 ? 3 : 6));
    for (let j = 0; j < 8; j++) busy.labels.fill(1, j * 8 + 5, j * 8 + 6);
    busy.maxLabel = 1;
    expect(balancedSplit(busy)).toBe(4);
    expect(balancedSplit(randomVolume([4, 4, 1], 1, 2))).toBe(-1);
  });
});
