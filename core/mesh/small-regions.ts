/**
 * Volume correction for small regions. Surface nets cut every corner of the voxel surface (a vertex sits at the
 * mean of its cell's changing edges), which costs a region a share of its volume that grows as the region gets
 * thinner: a 2×2×2 block loses about 40%. For each small region, largest first, the vertices of its surface that
 * faces the background, or a neighbour at least LARGER_NEIGHBOUR times its size, are pushed along the outward normals
 * of that surface by the distance (found by regula falsi, at most one voxel) that gives back the missing volume, each
 * vertex kept inside its own cell. A larger neighbour gives up a share of its volume that many times smaller, so a
 * small nucleus among larger ones (AAL3's thalamus) is corrected too. Faces shared with a neighbour of about its size
 * stay where they are (moving them would take from the neighbour what it gives), and the net's vertices move once for
 * every region that uses them, so neighbouring regions keep sharing their boundary exactly. Large regions lose a
 * negligible share and are left alone. The volume aimed at is the region's voxels, or the net's targetVolume where it
 * has one (a volume meshed on its native grid aims at the file's voxels, which the grid's blocks only approximate).
 */
import type { SurfaceNet } from './types';

/** Regions up to this many voxels are corrected. */
export const SMALL_REGION_VOXELS = 1000;
/** Regions whose volume is off by less than this share are left as they are. */
export const SMALL_REGION_TOLERANCE = 0.05;
/** A small region also moves the faces it shares with a neighbour this many times its voxels or more. */
export const LARGER_NEIGHBOUR = 4;

export function correctSmallRegionVolumes(
  net: SurfaceNet,
  maxVoxels = SMALL_REGION_VOXELS,
  tolerance = SMALL_REGION_TOLERANCE,
): void {
  const { quads, quadCount, voxels } = net;
  const target = net.targetVolume ?? voxels;
  const p = net.positions;
  const cells = net.cells;
  const size = voxels.length;
  const small = new Uint8Array(size);
  let any = false;
  for (let label = 1; label < size; label++) {
    if (voxels[label] > 0 && voxels[label] <= maxVoxels) small[label] = 1;
    any ||= small[label] === 1;
  }
  if (!any) return;
  // The small regions' enclosed volumes (× 6): a quad adds to its low label and takes from its high one.
  const volume6 = new Float64Array(size);
  for (let o = 0; o < quadCount * 6; o += 6) {
    const low = quads[o + 4],
      high = quads[o + 5];
    if (small[low] === 0 && small[high] === 0) continue;
    const a = quads[o],
      b = quads[o + 1],
      c = quads[o + 2],
      d = quads[o + 3];
    const v =
      dist2(p, a, c) <= dist2(p, b, d)
        ? triangle6(p, a, b, c) + triangle6(p, a, c, d)
        : triangle6(p, a, b, d) + triangle6(p, b, c, d);
    volume6[low] += v;
    volume6[high] -= v;
  }
  // Those that are off, with their quad sides (quad * 2 + 1 on the high label's side).
  const off = new Uint8Array(size);
  let anyOff = false;
  for (let label = 1; label < size; label++) {
    if (small[label] === 1 && Math.abs(volume6[label] / 6 - target[label]) > tolerance * target[label]) {
      off[label] = 1;
      anyOff = true;
    }
  }
  if (!anyOff) return;
  const sides = new Map<number, number[]>();
  for (let t = 0, o = 0; t < quadCount; t++, o += 6) {
    for (let s = 0; s < 2; s++) {
      const label = quads[o + 4 + s];
      if (off[label] === 0) continue;
      let list = sides.get(label);
      if (!list) sides.set(label, (list = []));
      list.push(t * 2 + s);
    }
  }
  // Largest first: a smaller one corrected later moves a larger one's vertices (where they meet, or the faces it
  // takes from it) by a share of that larger region's volume, not of its own.
  const order = [...sides.keys()].sort((a, b) => voxels[b] - voxels[a] || a - b);
  for (const label of order) {
    const list = sides.get(label)!;
    const volume = () => regionVolume(p, quads, list);
    const before = volume(),
      goal = target[label]; // in cells
    // Outward normals (area-weighted), at its vertices, of the surface that faces the background or a much larger
    // neighbour.
    const movable = (other: number) => other === 0 || voxels[other] >= LARGER_NEIGHBOUR * voxels[label];
    const normals = exposedNormals(p, quads, list, movable);
    const n = normals.size;
    if (n === 0) continue;
    const ids = new Int32Array(n);
    const from = new Float32Array(n * 3);
    const dir = new Float32Array(n * 3);
    let i = 0;
    for (const [v, nv] of normals) {
      const len = Math.sqrt(nv[0] * nv[0] + nv[1] * nv[1] + nv[2] * nv[2]) || 1;
      ids[i] = v;
      for (let a = 0; a < 3; a++) {
        from[i * 3 + a] = p[v * 3 + a];
        dir[i * 3 + a] = nv[a] / len;
      }
      i++;
    }
    // Each vertex at its start + shift × normal, kept inside its own cell.
    const place = (shift: number) => {
      for (let k = 0; k < n; k++) {
        for (let a = 0; a < 3; a++) {
          const o = ids[k] * 3 + a;
          const lo = cells[o];
          const x = from[k * 3 + a] + shift * dir[k * 3 + a];
          p[o] = x < lo ? lo : x > lo + 1 ? lo + 1 : x;
        }
      }
    };
    // The volume grows with the shift: find the shift (at most a voxel either way) that encloses the voxel volume.
    const lo = before < goal ? 0 : -1;
    place(findShift(lo, lo + 1, goal, (shift) => (place(shift), volume())));
  }
}

/** Regula falsi stops when the volume is this close to its goal, as a share of the goal. */
const VOLUME_PRECISION = 1e-5;
/** And after this many steps at most (bisection from a voxel wide to 1/16 000 of one takes 14). */
const MAX_SHIFT_STEPS = 14;

/**
 * The shift in [lo, hi] at which `volume` (increasing with the shift) reaches `goal`, by regula falsi with the Illinois
 * rule: the volume is nearly linear in the shift, so a few steps find it (bisection took fourteen). An end where the
 * goal is out of reach is returned as it is.
 */
export function findShift(lo: number, hi: number, goal: number, volume: (shift: number) => number): number {
  let a = lo,
    fa = volume(a) - goal;
  if (fa >= 0) return a;
  let b = hi,
    fb = volume(b) - goal;
  if (fb <= 0) return b;
  // Kept bracketing: fa < 0 < fb.
  let side = 0;
  for (let step = 0; step < MAX_SHIFT_STEPS; step++) {
    const c = b - (fb * (b - a)) / (fb - fa);
    const fc = volume(c) - goal;
    if (Math.abs(fc) <= VOLUME_PRECISION * Math.abs(goal)) return c;
    if (fc < 0) {
      a = c;
      fa = fc;
      if (side === -1) fb /= 2;
      side = -1;
    } else {
      b = c;
      fb = fc;
      if (side === 1) fa /= 2;
      side = 1;
    }
  }
  return b - (fb * (b - a)) / (fb - fa);
}

/** Quad sides of one region as its triangles (split along the shorter diagonal, as assembly does). */
function eachTriangle(
  p: Float32Array,
  quads: Uint32Array,
  list: number[],
  fn: (a: number, b: number, c: number, other: number) => void,
): void {
  for (const side of list) {
    const o = (side >>> 1) * 6;
    const a = quads[o],
      c = quads[o + 2];
    // The low label's side has the quad's own order; the high label's faces the other way.
    const b = side & 1 ? quads[o + 3] : quads[o + 1];
    const d = side & 1 ? quads[o + 1] : quads[o + 3];
    const other = quads[o + 5 - (side & 1)]; // the label on the quad's other side
    if (dist2(p, a, c) <= dist2(p, b, d)) {
      fn(a, b, c, other);
      fn(a, c, d, other);
    } else {
      fn(a, b, d, other);
      fn(b, c, d, other);
    }
  }
}

function regionVolume(p: Float32Array, quads: Uint32Array, list: number[]): number {
  let volume6 = 0;
  eachTriangle(p, quads, list, (a, b, c) => {
    const ax = p[a * 3],
      ay = p[a * 3 + 1],
      az = p[a * 3 + 2];
    const ux = p[b * 3] - ax,
      uy = p[b * 3 + 1] - ay,
      uz = p[b * 3 + 2] - az;
    const vx = p[c * 3] - ax,
      vy = p[c * 3 + 1] - ay,
      vz = p[c * 3 + 2] - az;
    volume6 += ax * (uy * vz - uz * vy) + ay * (uz * vx - ux * vz) + az * (ux * vy - uy * vx);
  });
  return volume6 / 6;
}

function exposedNormals(
  p: Float32Array,
  quads: Uint32Array,
  list: number[],
  movable: (other: number) => boolean,
): Map<number, [number, number, number]> {
  const normals = new Map<number, [number, number, number]>();
  eachTriangle(p, quads, list, (a, b, c, other) => {
    if (!movable(other)) return;
    const ax = p[a * 3],
      ay = p[a * 3 + 1],
      az = p[a * 3 + 2];
    const ux = p[b * 3] - ax,
      uy = p[b * 3 + 1] - ay,
      uz = p[b * 3 + 2] - az;
    const vx = p[c * 3] - ax,
      vy = p[c * 3 + 1] - ay,
      vz = p[c * 3 + 2] - az;
    const nx = uy * vz - uz * vy,
      ny = uz * vx - ux * vz,
      nz = ux * vy - uy * vx;
    for (const v of [a, b, c]) {
      const n = normals.get(v);
      if (n) {
        n[0] += nx;
        n[1] += ny;
        n[2] += nz;
      } else normals.set(v, [nx, ny, nz]);
    }
  });
  return normals;
}

/** 6 × the signed volume of the tetrahedron (origin, a, b, c). */
function triangle6(p: Float32Array, a: number, b: number, c: number): number {
  const ax = p[a * 3],
    ay = p[a * 3 + 1],
    az = p[a * 3 + 2];
  const ux = p[b * 3] - ax,
    uy = p[b * 3 + 1] - ay,
    uz = p[b * 3 + 2] - az;
  const vx = p[c * 3] - ax,
    vy = p[c * 3 + 1] - ay,
    vz = p[c * 3 + 2] - az;
  return ax * (uy * vz - uz * vy) + ay * (uz * vx - ux * vz) + az * (ux * vy - uy * vx);
}

function dist2(p: Float32Array, a: number, b: number): number {
  const dx = p[a * 3] - p[b * 3],
    dy = p[a * 3 + 1] - p[b * 3 + 1],
    dz = p[a * 3 + 2] - p[b * 3 + 2];
  return dx * dx + dy * dy + dz * dz;
}
