/**
 * A row of cells of the surface-net sweep (sweep.ts) in JavaScript: its vertices, their links, the quads at the
 * cells' low corners and the voxel counts, from four voxel rows of labels; and where voxel rows hold labels at all
 * (rowSpans), so JavaScript rows skip the background. wasm/sweep-row.wat is sweepCellRow's WebAssembly twin.
 */
import type { LabelVolume } from '../atlas/label-volume';

/** What a row of cells reads and writes: the sweep's output so far and its two layers of cell -> vertex ids. */
export interface RowState {
  positions: Float32Array;
  cells: Int16Array;
  links: Int32Array;
  quads: Uint32Array;
  voxels: Uint32Array;
  vertexUses: Uint32Array;
  /** Vertices and quad numbers written so far. */
  nv: number;
  qLen: number;
  prevLayer: Int32Array;
  curLayer: Int32Array;
  /** Scratch for a cell's 8 labels. */
  corner: Int32Array;
}

/** Where each voxel row of some planes holds labels: what JavaScript rows of cells need to look at. */
export interface RowSpans {
  /** The columns [lo, hi) that hold a label in any of cell row (cj, ck)'s four voxel rows; hi = 0 when none does. */
  cellRow(cj: number, ck: number): [number, number];
  /** Voxel row (j, k) into `to` from `at` (voxel i at at + i + 1), background over the cell row's [lo - 1, hi]. */
  copyRow(to: Int32Array, at: number, j: number, k: number, lo: number, hi: number): void;
}

/** The nonzero span of every voxel row (j, k), k in [k0, k1). */
export function rowSpans(vol: LabelVolume, k0: number, k1: number): RowSpans {
  const [nx, ny] = vol.dims;
  const L = vol.labels;
  const lo = new Int32Array(ny * (k1 - k0)).fill(nx),
    hi = new Int32Array(ny * (k1 - k0));
  for (let r = 0, off = nx * ny * k0; r < lo.length; r++, off += nx) {
    let a = 0;
    while (a < nx && L[off + a] === 0) a++;
    if (a === nx) continue;
    let b = nx;
    while (L[off + b - 1] === 0) b--;
    lo[r] = a;
    hi[r] = b;
  }
  const row = (j: number, k: number) => (j >= 0 && j < ny && k >= k0 && k < k1 ? j + ny * (k - k0) : -1);
  const span: [number, number] = [0, 0];
  return {
    cellRow(cj, ck) {
      span[0] = nx;
      span[1] = 0;
      for (let dk = 0; dk < 2; dk++) {
        for (let dj = 0; dj < 2; dj++) {
          const r = row(cj + dj, ck + dk);
          if (r < 0) continue;
          if (lo[r] < span[0]) span[0] = lo[r];
          if (hi[r] > span[1]) span[1] = hi[r];
        }
      }
      return span;
    },
    copyRow(to, at, j, k, from, end) {
      to.fill(0, at + from, at + end + 2);
      const r = row(j, k);
      if (r >= 0 && hi[r] > 0) to.set(L.subarray(nx * (j + ny * k) + lo[r], nx * (j + ny * k) + hi[r]), at + lo[r] + 1);
    },
  };
}

/**
 * One row of cells (cj, ck), ci from `from` to hi - 1 (-1 to nx - 1 for the whole row; column `from` must be
 * background in all four voxel rows): vertices, their links to earlier neighbours, the quads of the voxel edges at
 * each cell's low corner, and (when `count`) row A's voxels per label. Voxel column ci + 1 of rows A, B, C, D is
 * P[a + ci], P[a + toB + ci], P[a + toC + ci], P[a + toB + toC + ci]. Kept as its own small function so the JIT
 * optimises it early. wasm/sweep-row.wat is its twin (always the whole row, in the padded labels): change both.
 */
export function sweepCellRow(
  st: RowState,
  P: Int32Array,
  a: number,
  toB: number,
  toC: number,
  count: boolean,
  cj: number,
  ck: number,
  rowCur: number,
  rowBelow: number,
  from: number,
  hi: number,
): void {
  const { positions, cells, links, quads, voxels, vertexUses, prevLayer, curLayer, corner } = st;
  let nv = st.nv,
    qLen = st.qLen;
  const b = a + toB,
    c = a + toC,
    d = c + toB;
  // Column ci of the cell: (a0, b0, c0, d0); column ci + 1: (a1, b1, c1, d1). Column `from` is background.
  let a0 = 0,
    b0 = 0,
    c0 = 0,
    d0 = 0;
  let uniform0 = true;
  for (let ci = from; ci < hi; ci++) {
    const a1 = P[a + ci],
      b1 = P[b + ci],
      c1 = P[c + ci],
      d1 = P[d + ci];
    if (count && a1 !== 0) voxels[a1]++;
    const uniform1 = a1 === b1 && a1 === c1 && a1 === d1;
    if (!(uniform0 && uniform1 && a0 === a1)) {
      const v = nv++;
      curLayer[ci + 1 + rowCur] = v;
      // Place the vertex at the mean of the midpoints of the cell's 12 edges whose labels differ.
      let sx = 0,
        sy = 0,
        sz = 0,
        n = 0;
      if (a0 !== a1) {
        sx += 0.5;
        n++;
      }
      if (b0 !== b1) {
        sx += 0.5;
        sy += 1;
        n++;
      }
      if (c0 !== c1) {
        sx += 0.5;
        sz += 1;
        n++;
      }
      if (d0 !== d1) {
        sx += 0.5;
        sy += 1;
        sz += 1;
        n++;
      }
      if (a0 !== b0) {
        sy += 0.5;
        n++;
      }
      if (a1 !== b1) {
        sx += 1;
        sy += 0.5;
        n++;
      }
      if (c0 !== d0) {
        sy += 0.5;
        sz += 1;
        n++;
      }
      if (c1 !== d1) {
        sx += 1;
        sy += 0.5;
        sz += 1;
        n++;
      }
      if (a0 !== c0) {
        sz += 0.5;
        n++;
      }
      if (a1 !== c1) {
        sx += 1;
        sz += 0.5;
        n++;
      }
      if (b0 !== d0) {
        sy += 1;
        sz += 0.5;
        n++;
      }
      if (b1 !== d1) {
        sx += 1;
        sy += 1;
        sz += 0.5;
        n++;
      }
      const o = v * 3;
      positions[o] = ci + sx / n;
      positions[o + 1] = cj + sy / n;
      positions[o + 2] = ck + sz / n;
      cells[o] = ci;
      cells[o + 1] = cj;
      cells[o + 2] = ck;
      // Links to the earlier neighbours (and their links back): across the face at column ci (−x), at row cj
      // (−y: rows A, C) and at layer ck (−z: rows A, B).
      const l = v * 6;
      links[l + 1] = -1;
      links[l + 3] = -1;
      links[l + 5] = -1;
      if (!uniform0) {
        links[l] = v - 1;
        links[l - 5] = v;
      } else links[l] = -1;
      if (!(a0 === a1 && a0 === c0 && a0 === c1)) {
        const w = curLayer[ci + 1 + rowBelow];
        links[l + 2] = w;
        links[w * 6 + 3] = v;
      } else links[l + 2] = -1;
      if (!(a0 === a1 && a0 === b0 && a0 === b1)) {
        const w = prevLayer[ci + 1 + rowCur];
        links[l + 4] = w;
        links[w * 6 + 5] = v;
      } else links[l + 4] = -1;
      // Each distinct nonzero label of the cell uses this vertex once.
      corner[0] = a0;
      corner[1] = a1;
      corner[2] = b0;
      corner[3] = b1;
      corner[4] = c0;
      corner[5] = c1;
      corner[6] = d0;
      corner[7] = d1;
      for (let c = 0; c < 8; c++) {
        const lab = corner[c];
        if (lab === 0) continue;
        let seen = false;
        for (let e = 0; e < c; e++)
          if (corner[e] === lab) {
            seen = true;
            break;
          }
        if (!seen) vertexUses[lab]++;
      }
      // Quads of the three voxel edges at the cell's low corner (voxel (ci, cj, ck)); the other cells around each
      // edge come earlier in the sweep. Corners in the order that faces the low (first) voxel's side.
      if (a0 !== a1) {
        // Along x: cells (ci, cj-1, ck-1), (ci, cj, ck-1), (ci, cj, ck), (ci, cj-1, ck).
        qLen = putQuad(
          quads,
          qLen,
          prevLayer[ci + 1 + rowBelow],
          prevLayer[ci + 1 + rowCur],
          v,
          curLayer[ci + 1 + rowBelow],
          a0,
          a1,
        );
      }
      if (a0 !== b0) {
        // Along y: cells (ci-1, cj, ck-1), (ci-1, cj, ck), (ci, cj, ck), (ci, cj, ck-1).
        qLen = putQuad(quads, qLen, prevLayer[ci + rowCur], v - 1, v, prevLayer[ci + 1 + rowCur], a0, b0);
      }
      if (a0 !== c0) {
        // Along z: cells (ci-1, cj-1, ck), (ci, cj-1, ck), (ci, cj, ck), (ci-1, cj, ck).
        qLen = putQuad(quads, qLen, curLayer[ci + rowBelow], curLayer[ci + 1 + rowBelow], v, v - 1, a0, c0);
      }
    }
    a0 = a1;
    b0 = b1;
    c0 = c1;
    d0 = d1;
    uniform0 = uniform1;
  }
  st.nv = nv;
  st.qLen = qLen;
}

/** Writes one quad (four vertex ids, low label, high label) at `at`; returns the end. */
export function putQuad(
  quads: Uint32Array,
  at: number,
  a: number,
  b: number,
  c: number,
  d: number,
  low: number,
  high: number,
): number {
  quads[at] = a;
  quads[at + 1] = b;
  quads[at + 2] = c;
  quads[at + 3] = d;
  quads[at + 4] = low;
  quads[at + 5] = high;
  return at + 6;
}
