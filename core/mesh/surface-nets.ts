/**
 * Region meshes for every label of a volume in one pass over the grid: multi-label surface nets. Each voxel edge
 * whose two labels differ emits one quad between the four cells around it; the quad belongs to both labels
 * (facing out of each), so neighbouring regions share their boundary exactly — no cracks, no overlaps. Cell
 * vertices are then smoothed (Taubin, which does not shrink) within their cells, normals are computed per
 * region, and everything is written into one set of arrays with per-region ranges.
 */
import { det3 } from '../affine';
import { AtlasError } from '../errors';
import type { LabelVolume } from '../label-volume';
import { DEFAULT_MESH_SETTINGS, type MeshSettings, type RegionMeshSet, type RegionRange } from './types';

/** Per-label tables are indexed by value; beyond this a volume's labels would need renumbering first. */
const MAX_MESH_LABEL = 1 << 24;

export interface SurfaceNet {
  /** Cell-vertex positions in voxel coordinates (i, j, k), 3 per vertex. */
  positions: Float32Array;
  /** The centre of each vertex's cell; a vertex stays within half a voxel of it. */
  centres: Float32Array;
  /** 6 numbers per quad: four vertex ids (counter-clockwise seen from the low-label side), low label, high label. */
  quads: Uint32Array;
  quadCount: number;
}

/** The raw surface net of every label boundary, in voxel coordinates. */
export function surfaceNet(vol: LabelVolume): SurfaceNet {
  const [nx, ny, nz] = vol.dims;
  if (vol.maxLabel > MAX_MESH_LABEL) {
    throw new AtlasError('invalid-labels', `label values up to ${vol.maxLabel} are too large to mesh (at most ${MAX_MESH_LABEL})`);
  }
  const L = vol.labels;
  const cx = nx + 1, cy = ny + 1;
  const cxy = cx * cy;
  // 0: no vertex yet; otherwise the vertex id + 1 (a zeroed array costs nothing to make).
  const cellVertex = new Int32Array(cxy * (nz + 1));
  // Room for a typical whole-brain atlas up front (growing means copying tens of megabytes).
  const guess = Math.max(1 << 12, Math.ceil((nx * ny * nz) / 12));
  let positions = new Float32Array(guess * 3);
  let vertexCount = 0;
  let quads = new Uint32Array(guess * 6);
  let qLen = 0;

  // Cell (ci, cj, ck), ci in -1..nx-1, sits at index (ci + 1) + cx * ((cj + 1) + cy * (ck + 1)).
  const vertexAt = (c: number): number => {
    let v = cellVertex[c] - 1;
    if (v < 0) {
      v = vertexCount++;
      if (v * 3 + 3 > positions.length) {
        const next = new Float32Array(positions.length * 2);
        next.set(positions);
        positions = next;
      }
      const ck = Math.floor(c / cxy);
      const rem = c - ck * cxy;
      const cj = Math.floor(rem / cx);
      positions[v * 3] = rem - cj * cx - 0.5;
      positions[v * 3 + 1] = cj - 0.5;
      positions[v * 3 + 2] = ck - 0.5;
      cellVertex[c] = v + 1;
    }
    return v;
  };
  // A quad given by the cell index of its first corner and the steps to the other three.
  const emit = (c0: number, d1: number, d2: number, d3: number, low: number, high: number) => {
    if (qLen + 6 > quads.length) {
      const next = new Uint32Array(quads.length * 2);
      next.set(quads);
      quads = next;
    }
    quads[qLen] = vertexAt(c0);
    quads[qLen + 1] = vertexAt(c0 + d1);
    quads[qLen + 2] = vertexAt(c0 + d2);
    quads[qLen + 3] = vertexAt(c0 + d3);
    quads[qLen + 4] = low;
    quads[qLen + 5] = high;
    qLen += 6;
  };
  const DI = 1, DJ = cx, DK = cxy;
  const sliceSize = nx * ny;
  // Rows (fixed j, k) that hold any label: pairs of empty rows have no edges along y or z and are skipped.
  const rowUsed = new Uint8Array(ny * nz);
  // Edges along x: between voxel (i-1, j, k) and (i, j, k); outside the grid is label 0.
  // Cells around it: (i-1, j-1, k-1), (i-1, j, k-1), (i-1, j, k), (i-1, j-1, k).
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      const row = k * sliceSize + j * nx;
      const cellRow = cx * (j + cy * k); // cell (-1, j-1, k-1)
      const rowStart = qLen;
      let prev = 0;
      for (let i = 0; i <= nx; i++) {
        const cur = i < nx ? L[row + i] : 0;
        if (cur !== prev) {
          emit(cellRow + i, DJ, DJ + DK, DK, prev, cur);
          prev = cur;
        }
      }
      // A row holding any label has a transition from the 0 before it or to the 0 after it.
      if (qLen !== rowStart) rowUsed[j + ny * k] = 1;
    }
  }
  // Edges along y: between (i, j-1, k) and (i, j, k); cells (i-1, j-1, k-1), (i-1, j-1, k), (i, j-1, k), (i, j-1, k-1).
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j <= ny; j++) {
      if (!(j > 0 && rowUsed[j - 1 + ny * k]) && !(j < ny && rowUsed[j + ny * k])) continue;
      const lowRow = j > 0 ? k * sliceSize + (j - 1) * nx : -1;
      const highRow = j < ny ? k * sliceSize + j * nx : -1;
      const cellRow = cx * (j + cy * k);
      for (let i = 0; i < nx; i++) {
        const a = lowRow >= 0 ? L[lowRow + i] : 0;
        const b = highRow >= 0 ? L[highRow + i] : 0;
        if (a !== b) emit(cellRow + i, DK, DK + DI, DI, a, b);
      }
    }
  }
  // Edges along z: between (i, j, k-1) and (i, j, k); cells (i-1, j-1, k-1), (i, j-1, k-1), (i, j, k-1), (i-1, j, k-1).
  for (let k = 0; k <= nz; k++) {
    for (let j = 0; j < ny; j++) {
      if (!(k > 0 && rowUsed[j + ny * (k - 1)]) && !(k < nz && rowUsed[j + ny * k])) continue;
      const lowRow = k > 0 ? (k - 1) * sliceSize + j * nx : -1;
      const highRow = k < nz ? k * sliceSize + j * nx : -1;
      const cellRow = cx * (j + cy * k);
      for (let i = 0; i < nx; i++) {
        const a = lowRow >= 0 ? L[lowRow + i] : 0;
        const b = highRow >= 0 ? L[highRow + i] : 0;
        if (a !== b) emit(cellRow + i, DI, DI + DJ, DJ, a, b);
      }
    }
  }
  // Renumber the vertices in cell order (z, then y, then x), so that neighbours are close in memory: the
  // smoothing passes that follow touch each vertex's neighbours and run several times faster this way.
  const order = new Uint32Array(vertexCount);
  const sorted = new Float32Array(vertexCount * 3);
  let next = 0;
  for (let c = 0; c < cellVertex.length; c++) {
    const v = cellVertex[c] - 1;
    if (v < 0) continue;
    order[v] = next;
    sorted[next * 3] = positions[v * 3];
    sorted[next * 3 + 1] = positions[v * 3 + 1];
    sorted[next * 3 + 2] = positions[v * 3 + 2];
    next++;
  }
  for (let o = 0; o < qLen; o += 6) {
    quads[o] = order[quads[o]];
    quads[o + 1] = order[quads[o + 1]];
    quads[o + 2] = order[quads[o + 2]];
    quads[o + 3] = order[quads[o + 3]];
  }
  const centres = sorted.slice();
  placeVertices(L, vol.dims, sorted);
  return { positions: sorted, centres, quads: quads.subarray(0, qLen), quadCount: qLen / 6 };
}

/**
 * Moves each cell vertex from the cell centre to the mean of the midpoints of the cell's edges whose two voxel
 * labels differ (the classic surface-nets placement): a much smoother start than the cell centres, so fewer
 * smoothing passes are needed.
 */
function placeVertices(L: LabelVolume['labels'], dims: [number, number, number], positions: Float32Array): void {
  const [nx, ny, nz] = dims;
  const corner = new Uint32Array(8);
  for (let o = 0; o < positions.length; o += 3) {
    const ci = positions[o] - 0.5, cj = positions[o + 1] - 0.5, ck = positions[o + 2] - 0.5;
    // Labels of the 8 voxels at the cell's corners (bit 0: +x, bit 1: +y, bit 2: +z); outside the grid is 0.
    for (let c = 0; c < 8; c++) {
      const i = ci + (c & 1), j = cj + ((c >> 1) & 1), k = ck + ((c >> 2) & 1);
      corner[c] = i >= 0 && j >= 0 && k >= 0 && i < nx && j < ny && k < nz ? L[i + nx * (j + ny * k)] : 0;
    }
    let sx = 0, sy = 0, sz = 0, n = 0;
    for (let c = 0; c < 8; c++) {
      for (let axis = 1; axis <= 4; axis <<= 1) {
        if (c & axis) continue;
        const d = c | axis;
        if (corner[c] === corner[d]) continue;
        // Midpoint of the edge from corner c to corner d, relative to the cell's low corner.
        sx += (c & 1) + (axis === 1 ? 0.5 : 0);
        sy += ((c >> 1) & 1) + (axis === 2 ? 0.5 : 0);
        sz += ((c >> 2) & 1) + (axis === 4 ? 0.5 : 0);
        n++;
      }
    }
    if (n > 0) {
      positions[o] = ci + sx / n;
      positions[o + 1] = cj + sy / n;
      positions[o + 2] = ck + sz / n;
    }
  }
}

/**
 * Taubin smoothing of the shared cell vertices (a shrink step then an inflate step per iteration, so regions keep
 * their volume), each vertex kept inside its own cell so the surface cannot fold through its neighbours.
 */
export function smoothSurfaceNet(net: SurfaceNet, settings: MeshSettings): void {
  const n = net.positions.length / 3;
  if (settings.smoothIterations <= 0 || n === 0) return;
  const { start, adj } = neighbours(net, n);
  const p = net.positions;
  const c = net.centres;
  const tmp = new Float32Array(p.length);
  const step = (src: Float32Array, dst: Float32Array, f: number) => {
    for (let v = 0; v < n; v++) {
      const s = start[v], e = start[v + 1];
      const o = v * 3;
      const x = src[o], y = src[o + 1], z = src[o + 2];
      if (e === s) {
        dst[o] = x; dst[o + 1] = y; dst[o + 2] = z;
        continue;
      }
      let sx = 0, sy = 0, sz = 0;
      for (let t = s; t < e; t++) {
        const w = adj[t] * 3;
        sx += src[w]; sy += src[w + 1]; sz += src[w + 2];
      }
      const inv = 1 / (e - s);
      // Keep the vertex inside its cell: within half a voxel of the cell centre on every axis.
      const dx = x + f * (sx * inv - x) - c[o], dy = y + f * (sy * inv - y) - c[o + 1], dz = z + f * (sz * inv - z) - c[o + 2];
      dst[o] = c[o] + (dx < -0.5 ? -0.5 : dx > 0.5 ? 0.5 : dx);
      dst[o + 1] = c[o + 1] + (dy < -0.5 ? -0.5 : dy > 0.5 ? 0.5 : dy);
      dst[o + 2] = c[o + 2] + (dz < -0.5 ? -0.5 : dz > 0.5 ? 0.5 : dz);
    }
  };
  for (let it = 0; it < settings.smoothIterations; it++) {
    step(p, tmp, settings.lambda);
    step(tmp, p, settings.mu);
  }
}

/** Each vertex's distinct neighbours along quad edges, as a compressed adjacency list. */
function neighbours(net: SurfaceNet, n: number): { start: Uint32Array; adj: Uint32Array } {
  const q = net.quads;
  const count = new Uint32Array(n + 1);
  for (let o = 0; o < q.length; o += 6) for (let e = 0; e < 4; e++) count[q[o + e]] += 2;
  const first = new Uint32Array(n + 1);
  for (let v = 0; v < n; v++) first[v + 1] = first[v] + count[v];
  const fill = first.slice(0, n);
  const all = new Uint32Array(first[n]);
  for (let o = 0; o < q.length; o += 6) {
    for (let e = 0; e < 4; e++) {
      const a = q[o + e], b = q[o + ((e + 1) & 3)];
      all[fill[a]++] = b;
      all[fill[b]++] = a;
    }
  }
  // Drop repeats (an edge is shared by two or more quads) in place, with a per-vertex mark.
  const mark = new Int32Array(n).fill(-1);
  const start = new Uint32Array(n + 1);
  let w = 0;
  for (let v = 0; v < n; v++) {
    start[v] = w;
    for (let t = first[v]; t < first[v + 1]; t++) {
      const nb = all[t];
      if (mark[nb] !== v) {
        mark[nb] = v;
        all[w++] = nb;
      }
    }
  }
  start[n] = w;
  return { start, adj: all.subarray(0, w) };
}

/** Meshes every region of a label volume: surface net, smoothing, per-region vertices and normals, in MNI mm. */
export function buildRegionMeshes(vol: LabelVolume, settings: MeshSettings = DEFAULT_MESH_SETTINGS): RegionMeshSet {
  const net = surfaceNet(vol);
  smoothSurfaceNet(net, settings);
  return assembleRegions(vol, net);
}

/**
 * Splits the shared net into per-region meshes with their own vertices and normals, in world coordinates.
 * Consumes the net: its positions are turned into world coordinates in place.
 */
export function assembleRegions(vol: LabelVolume, net: SurfaceNet): RegionMeshSet {
  const q = net.quads;
  const size = vol.maxLabel + 1;
  // Quads per label (each quad counts for both of its labels, except background).
  const quadsOf = new Uint32Array(size + 1);
  for (let o = 0; o < q.length; o += 6) {
    if (q[o + 4]) quadsOf[q[o + 4]]++;
    if (q[o + 5]) quadsOf[q[o + 5]]++;
  }
  const first = new Uint32Array(size + 1);
  for (let v = 0; v < size; v++) first[v + 1] = first[v] + quadsOf[v];
  // The four corners of every quad side, gathered label by label (so the passes below read them in order), and
  // whether the side faces the quad's other way (the high label's side).
  const corners = new Uint32Array(first[size] * 4);
  const reversedFor = new Uint8Array(first[size]);
  const cursor = first.slice(0, size);
  for (let o = 0; o < q.length; o += 6) {
    const lowLabel = q[o + 4], highLabel = q[o + 5];
    if (lowLabel) {
      const t = cursor[lowLabel]++ * 4;
      corners[t] = q[o]; corners[t + 1] = q[o + 1]; corners[t + 2] = q[o + 2]; corners[t + 3] = q[o + 3];
    }
    if (highLabel) {
      const side = cursor[highLabel]++;
      reversedFor[side] = 1;
      const t = side * 4;
      corners[t] = q[o]; corners[t + 1] = q[o + 1]; corners[t + 2] = q[o + 2]; corners[t + 3] = q[o + 3];
    }
  }

  const voxels = new Uint32Array(size);
  const labels = vol.labels;
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i];
    if (l !== 0) voxels[l]++;
  }

  // Per-region vertex numbering: stamp[v] = region ordinal + 1 when v already has a local copy in that region.
  const nNet = net.positions.length / 3;
  const stamp = new Int32Array(nNet);
  const local = new Uint32Array(nNet);
  const values: number[] = [];
  let totalVertices = 0;
  let totalIndices = 0;
  for (let v = 1; v < size; v++) {
    if (quadsOf[v] === 0) continue;
    const r = values.length + 1;
    values.push(v);
    let count = 0;
    for (let t = first[v] * 4, end = first[v + 1] * 4; t < end; t++) {
      const id = corners[t];
      if (stamp[id] !== r) {
        stamp[id] = r;
        count++;
      }
    }
    totalVertices += count;
    totalIndices += quadsOf[v] * 6;
  }

  const m = vol.affine;
  const flip = det3(m) < 0; // a mirrored grid turns counter-clockwise into clockwise
  // Voxel coordinates to world mm, in place: the net's positions are not needed in voxel units any more.
  const world = net.positions;
  const np = net.positions;
  for (let o = 0; o < nNet * 3; o += 3) {
    const x = np[o], y = np[o + 1], z = np[o + 2];
    world[o] = m[0] * x + m[1] * y + m[2] * z + m[3];
    world[o + 1] = m[4] * x + m[5] * y + m[6] * z + m[7];
    world[o + 2] = m[8] * x + m[9] * y + m[10] * z + m[11];
  }
  const positions = new Float32Array(totalVertices * 3);
  const normals = new Float32Array(totalVertices * 3);
  const indices = new Uint32Array(totalIndices);
  const sourceVertex = new Uint32Array(totalVertices);
  const regions: RegionRange[] = [];
  stamp.fill(0);
  let next = 0; // next free output vertex
  let iPos = 0;
  const corner = new Uint32Array(4);
  for (let ordinal = 0; ordinal < values.length; ordinal++) {
    const value = values[ordinal];
    const r = ordinal + 1;
    const vBase = next;
    const indexStart = iPos;
    let volume6 = 0;
    for (let t = first[value]; t < first[value + 1]; t++) {
      for (let e = 0; e < 4; e++) {
        const id = corners[t * 4 + e];
        if (stamp[id] !== r) {
          stamp[id] = r;
          local[id] = next;
          positions[next * 3] = world[id * 3];
          positions[next * 3 + 1] = world[id * 3 + 1];
          positions[next * 3 + 2] = world[id * 3 + 2];
          sourceVertex[next] = id;
          next++;
        }
        corner[e] = local[id];
      }
      const a = corner[0], c = corner[2];
      let b = corner[1], d = corner[3];
      if ((reversedFor[t] === 1) !== flip) {
        b = corner[3];
        d = corner[1];
      }
      // Two triangles, split along the shorter diagonal.
      let t0, t1, t2, u0, u1, u2;
      if (dist2(positions, a, c) <= dist2(positions, b, d)) {
        t0 = a; t1 = b; t2 = c; u0 = a; u1 = c; u2 = d;
      } else {
        t0 = a; t1 = b; t2 = d; u0 = b; u1 = c; u2 = d;
      }
      indices[iPos] = t0; indices[iPos + 1] = t1; indices[iPos + 2] = t2;
      indices[iPos + 3] = u0; indices[iPos + 4] = u1; indices[iPos + 5] = u2;
      iPos += 6;
      volume6 += addFaceNormal(positions, normals, t0, t1, t2) + addFaceNormal(positions, normals, u0, u1, u2);
    }
    let cx = 0, cy = 0, cz = 0;
    for (let v = vBase; v < next; v++) {
      const o = v * 3;
      const len = Math.sqrt(normals[o] * normals[o] + normals[o + 1] * normals[o + 1] + normals[o + 2] * normals[o + 2]) || 1;
      normals[o] /= len;
      normals[o + 1] /= len;
      normals[o + 2] /= len;
      cx += positions[o];
      cy += positions[o + 1];
      cz += positions[o + 2];
    }
    const count = next - vBase;
    regions.push({
      value,
      vertexStart: vBase,
      vertexCount: count,
      indexStart,
      indexCount: iPos - indexStart,
      voxels: voxels[value],
      meshVolumeMm3: volume6 / 6,
      center: [cx / count, cy / count, cz / count],
    });
  }
  return { positions, normals, indices, sourceVertex, regions };
}

function dist2(p: Float32Array, a: number, b: number): number {
  const dx = p[a * 3] - p[b * 3], dy = p[a * 3 + 1] - p[b * 3 + 1], dz = p[a * 3 + 2] - p[b * 3 + 2];
  return dx * dx + dy * dy + dz * dz;
}

/** Adds the triangle's area-weighted normal to its corners; returns 6 × its signed volume against the origin. */
function addFaceNormal(p: Float32Array, n: Float32Array, a: number, b: number, c: number): number {
  const ax = p[a * 3], ay = p[a * 3 + 1], az = p[a * 3 + 2];
  const ux = p[b * 3] - ax, uy = p[b * 3 + 1] - ay, uz = p[b * 3 + 2] - az;
  const vx = p[c * 3] - ax, vy = p[c * 3 + 1] - ay, vz = p[c * 3 + 2] - az;
  const nx = uy * vz - uz * vy, ny = uz * vx - ux * vz, nz = ux * vy - uy * vx;
  n[a * 3] += nx; n[a * 3 + 1] += ny; n[a * 3 + 2] += nz;
  n[b * 3] += nx; n[b * 3 + 1] += ny; n[b * 3 + 2] += nz;
  n[c * 3] += nx; n[c * 3 + 1] += ny; n[c * 3 + 2] += nz;
  return ax * nx + ay * ny + az * nz;
}
