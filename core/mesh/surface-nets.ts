/**
 * Region meshes for every label of a volume in one pass over the grid: multi-label surface nets. Each voxel edge
 * whose two labels differ emits one quad between the four cells around it; the quad belongs to both labels
 * (facing out of each), so neighbouring regions share their boundary exactly — no cracks, no overlaps.
 *
 * The grid is swept once, cell by cell (z, then y, then x). A cell (the cube between 8 voxel centres) gets a
 * vertex when its 8 labels are not all equal, numbered in sweep order, so neighbours are close in memory. The
 * quads of the 3 voxel edges at a cell's low corner are emitted as soon as the cell is reached: the other three
 * cells around each of those edges come earlier in the sweep. Only two layers of cell → vertex ids are kept, so
 * the sweep touches little memory beyond its output (fresh memory costs about 1 ms per MB here in page faults).
 * The sweep itself is sweep.ts (a row of cells: sweep-row.ts). It can also run as two slabs of cell layers, one per
 * thread, joined afterwards into exactly the one-pass net (slab-join.ts; main/workers/mesh-threads.ts).
 * Smoothing (smooth.ts, with small regions' volumes given back: small-regions.ts) and splitting into per-region
 * meshes (assemble.ts) follow; pipeline.ts runs the stages in order.
 */
import type { LabelVolume } from '../atlas/label-volume';
import { plainArrays, type ArrayAlloc } from './arrays';
import { finishJoin, joinQuadsRange, joinVerticesRange, prepareJoin } from './slab-join';
import { defaultCapacity, paddedForKernel, slabArrays, slabNet, sweepSlab, totalCapacity } from './sweep';
import type { SurfaceNet } from './types';

/**
 * The raw surface net of every label boundary, in voxel coordinates, with vertices placed by edge midpoints.
 * `alloc` supplies the output arrays (shared memory for the threaded path, main/workers/mesh-threads.ts).
 */
export function surfaceNet(vol: LabelVolume, alloc: ArrayAlloc = plainArrays): SurfaceNet {
  return slabNet(sweepSlab(vol, -1, vol.dims[2], alloc));
}

/**
 * The surface net swept in two slabs of cell layers, [-1, split) and [split, nz), then joined: what two threads do
 * (mesh-threads.ts runs one sweepSlab on each and shares the join), here in turn. Bit for bit surfaceNet's result,
 * for any split.
 */
export function surfaceNetInSlabs(vol: LabelVolume, split: number, alloc: ArrayAlloc = plainArrays): SurfaceNet {
  const padded = paddedForKernel(vol, alloc);
  const low = sweepSlab(vol, -1, split, alloc, slabArrays(alloc, totalCapacity(vol), vol, padded));
  const join = prepareJoin(
    low,
    sweepSlab(vol, split, vol.dims[2], alloc, slabArrays(alloc, defaultCapacity(vol), vol, padded)),
    alloc,
  );
  joinVerticesRange(join, 0, join.upVertices);
  joinQuadsRange(join, 0, join.upQuads);
  return finishJoin(join);
}

/** Rows sampled by balancedSplit: one in this many. */
const SPLIT_SAMPLE_ROWS = 8;

/**
 * Where to cut the cell layers into two slabs of about equal work, for two threads: a layer in [1, nz - 1], or -1
 * when the grid has fewer than 2 layers. The work of a layer is estimated by the label changes along x in a sample
 * of its rows (vertices sit where labels change).
 */
export function balancedSplit(vol: LabelVolume): number {
  const [nx, ny, nz] = vol.dims;
  if (nz < 2) return -1;
  const L = vol.labels;
  const perLayer = new Float64Array(nz);
  let total = 0;
  for (let k = 0; k < nz; k++) {
    let changes = 0;
    for (let j = k % SPLIT_SAMPLE_ROWS; j < ny; j += SPLIT_SAMPLE_ROWS) {
      const off = nx * (j + ny * k);
      let prev = 0;
      for (let i = 0; i < nx; i++) {
        const v = L[off + i];
        if (v !== prev) changes++;
        prev = v;
      }
      if (prev !== 0) changes++;
    }
    perLayer[k] = changes;
    total += changes;
  }
  // Cell layer ck reads voxel layers ck and ck + 1; cut where the voxel layers below hold half the changes.
  let k = 0;
  for (let below = 0; k < nz - 1 && below + perLayer[k] <= total / 2; k++) below += perLayer[k];
  return Math.min(nz - 1, Math.max(1, k));
}
